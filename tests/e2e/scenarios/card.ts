/**
 * The hover card: hover opens the right card; Escape, leaving and a click outside close it; the card stays open
 * under the pointer, its source chips expand and related entities switch it; the keyboard command
 * (`incontext:focus-mention`, what the background's `commands.onCommand` sends) reaches every mention in order,
 * focuses the card and gives focus back on Escape; a hostile page cannot move, hide or restyle the card;
 * right-to-left pages and zoom keep it on screen; axe finds nothing serious in an open card.
 */
import dossier from '../../../data/dossier.json' with { type: 'json' };
import {
  countPaintedRanges,
  openCardText,
  openSourceText,
  pointOfText,
  visibleCardBox,
} from '../../support/pageProbes';
import { sleep, until, type Scenario } from './driver';
import { cardBox, cardEntity, clickInCard, expectCard, hoverText, openSettled } from './reader';

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
          (t) => /key facts/i.test(t),
        ),
      ).toMatch(/key facts/i);
      expect((await page.inCard(openCardText, undefined))?.text).toMatch(/timeline/i);
      const text = (await page.inCard((root) => root.querySelector('.ic-card')?.textContent ?? '', undefined)) ?? '';
      expect(text).toContain('Key facts');
      expect(text).toContain('Timeline');
      await cardBox(driver, page);
      await page.screenshot('card-light.png');

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

      await clickInCard(driver, page, '.ic-source summary');
      const expanded = () =>
        page.inCard((root) => {
          const quote = root.querySelector<HTMLElement>('.ic-source[open] blockquote');
          const meta = root.querySelector<HTMLElement>('.ic-source[open] .ic-source-meta');
          const r = quote?.getBoundingClientRect();
          return {
            quoteVisible:
              !!quote && !!r && r.width > 0 && r.height > 0 && quote.checkVisibility({ visibilityProperty: true }),
            quote: quote?.textContent ?? null,
            meta: meta?.textContent ?? null,
          };
        }, undefined);
      const shown = (await until(expanded, (s) => s?.quoteVisible === true))!;
      expect(shown.quoteVisible).toBe(true);
      expect(shown.quote).toMatch(/^“.+”$/s);
      // The chip is named by the source's reader label and kind; the seed's file name only behind "Show the document".
      const named = (await page.inCard(openSourceText, undefined))!;
      expect(dossier.sources.some((s) => named.label.startsWith(s.label))).toBe(true);
      expect(named.visible).not.toContain('.txt');
      expect(shown.meta).toContain(dossier.sources.find((s) => named.label.startsWith(s.label))!.reliability);
      await clickInCard(driver, page, '.ic-source[open] .ic-document summary');
      expect(
        await until(
          async () => (await page.inCard(openSourceText, undefined))?.visible ?? '',
          (t) => t.includes('.txt'),
        ),
      ).toContain('.txt');

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
    },
  },
];
