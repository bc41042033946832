/**
 * Touch: a finger has no hover, so a tap on a mark opens its card, taps inside the card keep it, and only ×, a tap
 * outside or the mark scrolling away close it. Without hover or on a narrow screen the card is a bottom sheet that
 * moves nothing in the page, with targets a finger can hit. A tap faked by page script opens nothing. Taps are
 * emulated touch input in both browsers (driver.ts, `tap`).
 */
import { openCardText, pointInCard, pointOfText } from '../../support/pageProbes';
import { sleep, until, type Scenario, type ScenarioDriver, type ScenarioPage } from './driver';
import { cardBox, expectCard, openSettled } from './reader';

/** The query in lib/card/CardPopover.tsx (SHEET_MEDIA) that makes the card a sheet. */
const SHEET_MEDIA = '(hover: none), (max-width: 559.98px)';

/** Long enough for the 300 ms close grace after a pointer leaves (lib/card/hoverIntent.ts) to have run out. */
const PAST_GRACE_MS = 800;

/** What a tapped card shows: its view, whether it is a sheet, and the size of its close button. */
function sheetState(root: ShadowRoot) {
  const card = root.querySelector<HTMLElement>('.ic-card');
  const close = root.querySelector<HTMLElement>('.ic-close')?.getBoundingClientRect();
  if (!card || !close) return null;
  return {
    entityId: card.dataset.entityId ?? null,
    view: card.dataset.view ?? null,
    sheet: root.querySelector('.ic-layer.ic-sheet') !== null,
    close: { width: close.width, height: close.height },
    overscroll: getComputedStyle(card).overscrollBehaviorY,
    scrollsInside: getComputedStyle(card).overflowY,
  };
}

/** Where the page's own content is: the document's size and scroll, and the first paragraph's box. */
function pageLayout() {
  const p = document.querySelector('p')!.getBoundingClientRect();
  return {
    scrollHeight: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    scrollY: window.scrollY,
    paragraph: [p.x, p.y, p.width, p.height],
  };
}

async function tapText(driver: ScenarioDriver, page: ScenarioPage, needle: string): Promise<void> {
  const point = await page.evaluate(pointOfText, { needle });
  driver.expect(point, `"${needle}" is on screen`).not.toBeNull();
  await page.tap(point!.x, point!.y);
}

async function tapInCard(driver: ScenarioDriver, page: ScenarioPage, selector: string): Promise<void> {
  const point = await page.inCard(pointInCard, selector);
  driver.expect(point, `${selector} is in the card`).not.toBeNull();
  await page.tap(point!.x, point!.y);
}

export const touchScenarios: Scenario[] = [
  {
    name: 'a tap opens the card; taps inside keep it, a second tap on the mark expands it; a tap outside closes it',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      try {
        await tapText(driver, page, 'Michael Erik Kurilla');
        await expectCard(driver, page, 'michael-kurilla');
        await cardBox(driver, page);
        // Touch emulation in Chromium also says the device cannot hover; whichever it says, the card follows it.
        const sheet = await page.evaluate((q) => window.matchMedia(q).matches, SHEET_MEDIA);
        expect(await page.inCard(sheetState, undefined)).toMatchObject({ view: 'preview', sheet });
        // The finger lifted (a pointerleave with no pointer left to come back): the card stays.
        await sleep(PAST_GRACE_MS);
        expect(await page.inCard(openCardText, undefined)).toMatchObject({ entityId: 'michael-kurilla' });

        // Taps on the card's text and on a source number are reading, not leaving.
        await tapInCard(driver, page, '.ic-kind');
        await sleep(PAST_GRACE_MS);
        expect(await page.inCard(openCardText, undefined)).toMatchObject({ entityId: 'michael-kurilla' });
        await tapInCard(driver, page, '.ic-cite');
        await sleep(PAST_GRACE_MS);
        expect(await page.inCard(openCardText, undefined)).toMatchObject({ entityId: 'michael-kurilla' });

        // The open card's mark tapped again: the full card.
        await tapText(driver, page, 'Michael Erik Kurilla');
        expect(
          await until(
            () => page.inCard(sheetState, undefined),
            (s) => s?.view === 'expanded',
          ),
        ).toMatchObject({ entityId: 'michael-kurilla', view: 'expanded' });

        // A tap on the page beside the text closes it.
        await page.tap(4, 4);
        await expectCard(driver, page, null);

        // Another mark's tap opens that one; × closes it.
        await tapText(driver, page, 'IMET');
        await expectCard(driver, page, 'imet');
        await cardBox(driver, page);
        await tapInCard(driver, page, '.ic-close');
        await expectCard(driver, page, null);
      } finally {
        await page.close();
      }
    },
  },
  {
    name: 'on a narrow touch screen the card is a bottom sheet: docked, 44 px targets, no layout shift',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      try {
        await page.setViewport(390, 844);
        expect(
          await until(
            () => page.evaluate(() => document.documentElement.scrollWidth, undefined),
            (w) => w <= 390,
          ),
        ).toBeLessThanOrEqual(390);
        // Room below the article, so that its marks can be scrolled away.
        await page.evaluate(() => {
          const room = document.createElement('div');
          room.style.height = '2000px';
          document.body.append(room);
        }, undefined);
        // The first mark, scrolled to the upper part of the screen the sheet leaves free.
        await page.evaluate(() => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode())
            if (node.textContent!.includes('IMET')) return node.parentElement!.scrollIntoView({ block: 'start' });
        }, undefined);
        const before = await page.evaluate(pageLayout, undefined);
        await tapText(driver, page, 'IMET');
        await expectCard(driver, page, 'imet');
        const box = await cardBox(driver, page);
        // Docked at the bottom, the full width, at most 60 % of the height (of the viewport less its scrollbar,
        // which Firefox shows here).
        const shown = await page.evaluate(
          () => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }),
          undefined,
        );
        expect(shown.width).toBeGreaterThan(360);
        expect(Math.round(box.x)).toBe(0);
        expect(Math.round(box.width)).toBe(shown.width);
        expect(Math.round(box.y + box.height)).toBe(shown.height);
        expect(box.height).toBeLessThanOrEqual(0.6 * 844 + 1);
        const state = (await page.inCard(sheetState, undefined))!;
        expect(state).toMatchObject({ sheet: true, overscroll: 'contain', scrollsInside: 'auto' });
        expect(state.close.width).toBeGreaterThanOrEqual(44);
        expect(state.close.height).toBeGreaterThanOrEqual(44);
        // Nothing in the page moved or grew.
        expect(await page.evaluate(pageLayout, undefined)).toEqual(before);
        await page.screenshot('card-sheet.png');

        // The full card is a sheet too, its tabs as tall as a fingertip.
        await tapInCard(driver, page, '.ic-open-full');
        expect(
          await until(
            () => page.inCard(sheetState, undefined),
            (s) => s?.view === 'expanded',
          ),
        ).toMatchObject({ view: 'expanded', sheet: true });
        const tabHeights = await page.inCard(
          (root) => [...root.querySelectorAll('.ic-tab')].map((t) => t.getBoundingClientRect().height),
          undefined,
        );
        expect(tabHeights!.length).toBeGreaterThan(1);
        for (const h of tabHeights!) expect(h).toBeGreaterThanOrEqual(44);
        expect(await page.evaluate(pageLayout, undefined)).toEqual(before);

        // Scrolling the mark out of view closes it.
        await page.evaluate(() => window.scrollBy(0, window.innerHeight * 2), undefined);
        await expectCard(driver, page, null);
      } finally {
        await page.close();
      }
    },
  },
  {
    name: 'a tap faked by page script opens no card',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      try {
        const point = await page.evaluate(pointOfText, { needle: 'IMET' });
        expect(point).not.toBeNull();
        await page.evaluate(({ x, y }) => {
          const target = document.elementFromPoint(x, y)!;
          const at = { bubbles: true, composed: true, clientX: x, clientY: y, pointerType: 'touch', isPrimary: true };
          target.dispatchEvent(new PointerEvent('pointerdown', at));
          target.dispatchEvent(new PointerEvent('pointerup', at));
          target.dispatchEvent(new PointerEvent('click', { ...at, detail: 1 }));
        }, point!);
        await sleep(PAST_GRACE_MS);
        expect(await page.inCard(openCardText, undefined)).toBeNull();
        // The reader's own tap at the same place does open it.
        await page.tap(point!.x, point!.y);
        await expectCard(driver, page, 'imet');
      } finally {
        await page.close();
      }
    },
  },
];
