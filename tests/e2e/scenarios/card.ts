/**
 * The hover card: hover opens the right card; Escape, leaving and a click outside close it; the card stays open
 * under the pointer, its source chips expand and related entities switch it; the keyboard command
 * (`incontext:focus-mention`, what the background's `commands.onCommand` sends) reaches every mention in order,
 * focuses the card and gives focus back on Escape; a hostile page cannot move, hide or restyle the card;
 * right-to-left pages and zoom keep it on screen; axe finds nothing serious in an open card.
 */
import dossier from '../../../data/dossier.json' with { type: 'json' };
import {
  activeMarkText,
  countPaintedRanges,
  openCardText,
  pointInCard,
  pointOfText,
  visibleCardBox,
} from '../../support/pageProbes';
import { sleep, until, type Scenario, type ScenarioDriver, type ScenarioPage } from './driver';
import { cardBox, cardEntity, clickInCard, expectCard, hoverText, openSettled } from './reader';

/** The quote tip the card shows for a hovered or focused source number. */
function quoteTip(root: ShadowRoot): { visible: boolean; head: string; quote: string; text: string } | null {
  const tip = root.querySelector<HTMLElement>('.ic-tip');
  if (!tip) return null;
  const r = tip.getBoundingClientRect();
  return {
    visible: r.width > 0 && r.height > 0 && tip.checkVisibility({ visibilityProperty: true }),
    head: tip.querySelector('.ic-tip-head')?.textContent ?? '',
    quote: tip.querySelector('blockquote')?.textContent ?? '',
    text: tip.textContent ?? '',
  };
}

/** What a card shows: its view, tab, box and scroll state, the sources it numbers and its back link. */
function cardState(root: ShadowRoot) {
  const card = root.querySelector<HTMLElement>('.ic-card');
  if (!card) return null;
  const r = card.getBoundingClientRect();
  const cites = [...root.querySelectorAll('.ic-cite')].map((b) => b.textContent ?? '');
  return {
    entityId: card.dataset.entityId ?? null,
    view: card.dataset.view ?? null,
    tab: root.querySelector('.ic-tab[aria-selected=true]')?.getAttribute('data-tab') ?? null,
    tabs: [...root.querySelectorAll('.ic-tab')].map((t) => t.getAttribute('data-tab')),
    height: r.height,
    scrollable: card.scrollHeight > card.clientHeight + 1,
    scrollTop: card.scrollTop,
    numbers: [...new Set(cites)].sort(),
    listed: [...root.querySelectorAll('.ic-source-list > li')].map(
      (li) => li.querySelector('.ic-source-n')?.textContent,
    ),
    chips: root.querySelectorAll('.ic-source').length,
    back: root.querySelector('.ic-back')?.textContent?.trim() ?? null,
    overscroll: getComputedStyle(card).overscrollBehaviorY,
  };
}

const stateOf = (page: ScenarioPage) => page.inCard(cardState, undefined);

async function waitForView(driver: ScenarioDriver, page: ScenarioPage, view: string, tab?: string) {
  const state = await until(
    () => stateOf(page),
    (s) => s?.view === view && (tab === undefined || s.tab === tab),
  );
  driver.expect(state).toMatchObject(tab === undefined ? { view } : { view, tab });
  return state!;
}

const viewport = () => ({ width: window.innerWidth, height: window.innerHeight });

/**
 * axe cannot enter a closed shadow root: it checks a copy of the card's shadow tree (markup and styles) in an open
 * root drawn at the same place, on top.
 */
function copyCardForAxe(root: ShadowRoot): boolean {
  const host = document.createElement('axe-card-copy');
  host.attachShadow({ mode: 'open' }).innerHTML = root.innerHTML;
  document.documentElement.append(host);
  return true;
}

/** The demo article with the CIS-MOA card opened full ("Open full" in its preview), on its Facts tab. */
async function openExpandedCisMoa(driver: ScenarioDriver): Promise<ScenarioPage> {
  const { page } = await openSettled(driver, '/demo.html');
  await hoverText(driver, page, 'CIS-MOA');
  await cardBox(driver, page);
  await clickInCard(driver, page, '.ic-open-full');
  await waitForView(driver, page, 'expanded', 'facts');
  return page;
}

export const cardScenarios: Scenario[] = [
  {
    name: 'hover opens the right card; Escape, leaving and clicking outside close it',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      const { height } = await page.evaluate(viewport, undefined);
      await hoverText(driver, page, 'Michael Erik Kurilla');
      await expectCard(driver, page, 'michael-kurilla');
      expect(
        await until(
          async () => (await page.inCard(openCardText, undefined))?.text ?? '',
          (t) => /open full/i.test(t),
        ),
      ).toMatch(/open full/i);
      const text = (await page.inCard((root) => root.querySelector('.ic-card')?.textContent ?? '', undefined)) ?? '';
      expect(text).toContain('Timeline');
      expect(text).toContain('Sources');
      await cardBox(driver, page);

      await page.press('Escape');
      await expectCard(driver, page, null);

      // Leaving the text closes the card after a short grace period.
      await hoverText(driver, page, 'Qamar Javed Bajwa');
      await expectCard(driver, page, 'qamar-javed-bajwa');
      await page.mouseMove(5, height - 20);
      await expectCard(driver, page, null);

      // A click outside closes it too.
      await hoverText(driver, page, 'IMET');
      await expectCard(driver, page, 'imet');
      await page.mouseClick(5, height - 20);
      await expectCard(driver, page, null);
    },
  },
  {
    name: 'moving onto the card keeps it open; sources expand; related entities switch the card',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      await hoverText(driver, page, 'Michael Erik Kurilla');
      const box = await cardBox(driver, page);
      await page.mouseMove(box.x + box.width / 2, box.y + 20, 5);
      await sleep(500);
      expect(await page.inCard(visibleCardBox, undefined)).not.toBeNull();
      expect(await cardEntity(page)).toBe('michael-kurilla');

      // Hovering a source number shows its verbatim quote and reliability note, named by its reader label.
      const cite = (await page.inCard(pointInCard, '.ic-cite'))!;
      await page.mouseMove(cite.x, cite.y, 3);
      const tip = (await until(
        () => page.inCard(quoteTip, undefined),
        (t) => t?.visible === true,
      ))!;
      expect(tip.visible).toBe(true);
      expect(tip.quote).toMatch(/^“.+”$/s);
      const source = dossier.sources.find((s) => tip.head.includes(s.label))!;
      expect(source, tip.head).toBeTruthy();
      expect(tip.head).toMatch(/^\[1\] /);
      expect(tip.text).not.toContain('.txt');
      expect(tip.text).toContain(source.reliability.slice(0, 60));

      await clickInCard(driver, page, '.ic-open-full');
      await until(
        () => page.inCard((root) => root.querySelector('.ic-card')?.getAttribute('data-view'), undefined),
        (v) => v === 'expanded',
      );
      await clickInCard(driver, page, '.ic-tab[data-tab=related]');
      await clickInCard(driver, page, '[data-related-id=asim-munir]');
      await expectCard(driver, page, 'asim-munir');
    },
  },
  {
    name: 'the keyboard command reaches every mention in order and Escape returns focus',
    async run(driver) {
      const { expect } = driver;
      const { page, mentions } = await openSettled(driver, '/demo.html');
      expect(mentions.length).toBeGreaterThan(5);
      const focusedName = () =>
        page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name, undefined);
      await page.evaluate(() => document.querySelector<HTMLInputElement>('input[name=q]')!.focus(), undefined);
      expect(await focusedName()).toBe('q');

      const seen: string[] = [];
      for (let i = 0; i < mentions.length; i++) {
        // Exactly what the background sends for the "next-mention" command.
        const reply = (await page.send({ type: 'incontext:focus-mention', direction: 'next' })) as { focused: boolean };
        expect(reply.focused).toBe(true);
        expect(
          await until(
            () => page.inCard(openCardText, undefined),
            (c) => c !== null,
          ),
        ).not.toBeNull();
        seen.push((await cardEntity(page))!);
      }
      expect(seen).toEqual(mentions.map((m) => m.entityId));
      // The card has keyboard focus while open, and Escape gives it back.
      expect(await page.evaluate(() => document.activeElement?.localName, undefined)).toMatch(/^xr-pop-/);
      await page.press('Escape');
      await expectCard(driver, page, null);
      expect(await focusedName()).toBe('q');

      // "next" after the last mention wraps to the first; "previous" from the first wraps to the last.
      await page.send({ type: 'incontext:focus-mention', direction: 'next' });
      await expectCard(driver, page, mentions[0]!.entityId);
      await page.press('Escape');
      await expectCard(driver, page, null);
      await page.send({ type: 'incontext:focus-mention', direction: 'previous' });
      await expectCard(driver, page, mentions[mentions.length - 1]!.entityId);
    },
  },
  {
    name: 'a hostile page cannot move, hide or restyle the card',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/hostile.html', 0);
      await hoverText(driver, page, 'IMET');
      const box = await cardBox(driver, page);
      const vp = await page.evaluate(viewport, undefined);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
      expect(box.y + box.height).toBeLessThanOrEqual(vp.height);
      const style = await page.inCard((root) => {
        const el = root.querySelector('.ic-card')!;
        const cs = getComputedStyle(el);
        const name = getComputedStyle(el.querySelector('.ic-name')!);
        return {
          display: cs.display,
          fontSize: cs.fontSize,
          nameSize: name.fontSize,
          nameDisplay: name.display,
          color: cs.color,
          // On this dark page the card is dark too.
          dark: root.querySelectorAll('.ic-dark').length,
        };
      }, undefined);
      expect(style).toMatchObject({
        display: 'block',
        fontSize: '13px',
        nameSize: '16px',
        nameDisplay: 'block',
        dark: 1,
      });
      expect(style!.color).not.toBe('rgb(255, 0, 0)');
      await page.screenshot('card-dark-hostile.png');
      // The card is the topmost thing where it is drawn, above the page's max-z-index overlay.
      const topmost = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, {
        x: box.x + box.width / 2,
        y: box.y + box.height - 5,
      });
      expect(topmost).toMatch(/^XR-POP-/);
    },
  },
  {
    name: 'right-to-left pages and 200 % zoom keep the card on screen',
    async run(driver) {
      const { expect } = driver;
      const { page: rtl } = await openSettled(driver, '/rtl.html', 1);
      expect(await rtl.evaluate(countPaintedRanges, undefined)).toBe(2);
      await hoverText(driver, rtl, 'IMET');
      const box = await cardBox(driver, rtl);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual((await rtl.evaluate(viewport, undefined)).width);
      await rtl.press('Escape');
      await rtl.close();

      const { page } = await openSettled(driver, '/demo.html');
      const marks = await page.evaluate(countPaintedRanges, undefined);
      await page.evaluate(
        () => ((document.body.style as CSSStyleDeclaration & { zoom: string }).zoom = '2'),
        undefined,
      );
      expect(await page.evaluate(countPaintedRanges, undefined)).toBe(marks);
      // Scrolled: the first "IMET" paragraph in the middle of the zoomed viewport, so the card must flip or shrink.
      await page.evaluate(() => {
        const p = [...document.querySelectorAll('p')].find((el) => el.textContent?.includes('known as IMET'));
        p?.scrollIntoView({ block: 'center' });
      }, undefined);
      expect(await page.evaluate(() => window.scrollY, undefined)).toBeGreaterThan(0);
      const vp = await page.evaluate(viewport, undefined);
      const point = await page.evaluate(pointOfText, { needle: 'IMET' });
      expect(point, 'the first IMET is laid out').not.toBeNull();
      expect(point!.y).toBeGreaterThan(40);
      expect(point!.y).toBeLessThan(vp.height - 40);
      await page.mouseMove(point!.x, point!.y - 30);
      await page.mouseMove(point!.x, point!.y, 3);
      await expectCard(driver, page, 'imet');
      const zoomed = await cardBox(driver, page);
      expect(zoomed.y).toBeGreaterThanOrEqual(0);
      expect(zoomed.y + zoomed.height).toBeLessThanOrEqual(vp.height);
      expect(zoomed.x).toBeGreaterThanOrEqual(0);
      expect(zoomed.x + zoomed.width).toBeLessThanOrEqual(vp.width);
    },
  },
  {
    name: 'an open card has no serious or critical accessibility violations',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      await hoverText(driver, page, 'CIS-MOA');
      await cardBox(driver, page);
      await page.inCard(copyCardForAxe, undefined);
      const axe = await page.axe(['axe-card-copy']);
      expect(axe.serious).toEqual([]);
      // axe really looked into the copy's shadow root, and the card stayed open meanwhile.
      expect(axe.passedNodes).toBeGreaterThan(20);
      expect(await cardEntity(page)).toBe('cis-moa');

      // The expanded card, on each of its tabs.
      await page.evaluate(() => document.querySelector('axe-card-copy')?.remove(), undefined);
      await clickInCard(driver, page, '.ic-open-full');
      for (const tab of ['facts', 'differ', 'sources']) {
        await clickInCard(driver, page, `.ic-tab[data-tab=${tab}]`);
        await waitForView(driver, page, 'expanded', tab);
        await page.inCard(copyCardForAxe, undefined);
        const expanded = await page.axe(['axe-card-copy']);
        expect(expanded.serious, tab).toEqual([]);
        expect(expanded.passedNodes).toBeGreaterThan(20);
        await page.evaluate(() => document.querySelector('axe-card-copy')?.remove(), undefined);
      }
    },
  },
  {
    name: 'the preview fits without scrolling; click or Enter expands it, pinned, with tabs and numbered sources',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      await hoverText(driver, page, 'CIS-MOA');
      await cardBox(driver, page);
      const preview = await waitForView(driver, page, 'preview');
      expect(preview.height).toBeLessThanOrEqual(320);
      expect(preview.scrollable).toBe(false);
      expect(preview.overscroll).toBe('contain');
      // 4 distinct sources, numbered once each: no chip per citation.
      expect(preview.numbers).toEqual(['[1]', '[2]', '[3]', '[4]']);
      expect(preview.chips).toBe(0);
      expect((await page.inCard(openCardText, undefined))?.text).toMatch(/sources differ on 9 points/i);
      await page.screenshot('card-preview.png');

      // Enter on the focused card expands it.
      await page.inCard((root) => root.querySelector<HTMLElement>('.ic-card')?.focus(), undefined);
      await page.press('Enter');
      const expanded = await waitForView(driver, page, 'expanded', 'facts');
      expect(expanded.tabs).toEqual(['facts', 'timeline', 'differ', 'sources', 'related']);
      expect(expanded.scrollable).toBe(true);
      await page.press('Escape');
      await expectCard(driver, page, null);

      // A click on the mark opens it expanded, and it stays when the pointer leaves (pinned).
      const mark = await page.evaluate(pointOfText, { needle: 'CIS-MOA' });
      await page.mouseMove(mark!.x, mark!.y - 30);
      // Onto the mark first, as a hand does: pointer moves are sampled once a frame.
      await page.mouseMove(mark!.x, mark!.y, 3);
      await sleep(100);
      await page.mouseClick(mark!.x, mark!.y);
      await waitForView(driver, page, 'expanded', 'facts');
      const { height } = await page.evaluate(viewport, undefined);
      await page.mouseMove(5, height - 20, 3);
      await sleep(800);
      expect((await stateOf(page))?.view).toBe('expanded');

      // The Sources tab lists each source once, [1]..[4]; disagreements lead with the source.
      await clickInCard(driver, page, '.ic-tab[data-tab=sources]');
      expect((await waitForView(driver, page, 'expanded', 'sources')).listed).toEqual(['[1]', '[2]', '[3]', '[4]']);
      await clickInCard(driver, page, '.ic-tab[data-tab=differ]');
      await waitForView(driver, page, 'expanded', 'differ');
      const firstPosition = await page.inCard(
        (root) => root.querySelector('.ic-position')?.firstElementChild?.className ?? null,
        undefined,
      );
      expect(firstPosition).toBe('ic-position-source');
      await page.screenshot('card-expanded.png');
    },
  },
  {
    name: 'scrolling the expanded card never scrolls the page; a related switch starts at the top with a way back',
    async run(driver) {
      const { expect } = driver;
      const page = await openExpandedCisMoa(driver);
      const before = await page.evaluate(() => window.scrollY, undefined);
      // Scroll the card well past its end with the wheel, over the card.
      const box = await cardBox(driver, page);
      await page.mouseMove(box.x + box.width / 2, box.y + box.height - 40, 3);
      await page.inCard((root) => {
        const card = root.querySelector<HTMLElement>('.ic-card')!;
        card.scrollTop = card.scrollHeight;
      }, undefined);
      await page.wheel(0, 2000);
      await sleep(500);
      expect(await page.evaluate(() => window.scrollY, undefined)).toBe(before);
      expect((await stateOf(page))?.scrollTop).toBeGreaterThan(0);

      await clickInCard(driver, page, '.ic-tab[data-tab=related]');
      await waitForView(driver, page, 'expanded', 'related');
      await clickInCard(driver, page, '[data-related-id=imet]');
      await expectCard(driver, page, 'imet');
      const switched = (await stateOf(page))!;
      expect(switched).toMatchObject({ view: 'expanded', tab: 'facts', scrollTop: 0, back: '← CIS-MOA' });
      // The new entity's mark is the active one now (its first mention on the page).
      expect(await page.evaluate(activeMarkText, undefined)).toMatch(
        /^(IMET|International Military Education and Training)$/,
      );
      // IMET rests on one forum post: the card says so once.
      expect(await page.inCard((root) => root.querySelectorAll('.ic-weak').length, undefined)).toBe(1);
      await clickInCard(driver, page, '.ic-back');
      await expectCard(driver, page, 'cis-moa');
      expect((await stateOf(page))?.back).toBeNull();
    },
  },
  {
    name: 'a fact copies with its citation: source labels and verbatim quotes',
    async run(driver) {
      const { expect } = driver;
      const page = await openExpandedCisMoa(driver);
      await clickInCard(driver, page, '.ic-copy');
      const shown = await until(
        () => page.inCard((root) => root.querySelector('.ic-copied')?.textContent ?? null, undefined),
        (t) => t !== null,
      );
      const statement = dossier.facts.find((f) => f.id === 'cabinet-approved-cis-moa')!;
      expect(shown).toContain('Copied with its sources');
      expect(shown).toContain(statement.statement);
      expect(shown).toContain('[1] Express Tribune report');
      expect(shown).toContain(`“${statement.evidence[0]!.quote}”`);
      if (driver.browserName === 'chromium') {
        const pasted = await page.evaluate(() => navigator.clipboard.readText(), undefined);
        expect(pasted.split('\n')[0]).toContain(statement.statement);
        expect(pasted).toContain('[4] Anonymous rewrite');
      }
    },
  },
];
