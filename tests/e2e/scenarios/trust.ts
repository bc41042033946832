/**
 * A page cannot read, fake, drive or switch off the card, nor learn that the extension is installed. Each
 * scenario plays the hostile page (tests/fixtures/trust/) against the real extension, in both browsers.
 */
import { countPaintedRanges, openCardText, pointInCard, pointOfText } from '../../support/pageProbes';
import { sleep, until, type Scenario, type ScenarioDriver } from './driver';
import { openCard, openMarked } from './reader';

let expect: ScenarioDriver['expect'];

export const trustScenarios: Scenario[] = [
  {
    name: 'page script can neither read nor rewrite the open card',
    async run(driver) {
      expect = driver.expect;
      const page = await openMarked(driver, '/trust/attacker.html', 4);
      try {
        await openCard(driver, page, 'Michael Erik Kurilla', 'michael-kurilla');
        const card = (await page.inCard(openCardText, undefined))!;
        expect(card.text).toContain('Kurilla');
        // The page finds the host element (it is in its DOM) but no shadow root, and none of the card's words.
        expect(
          await page.evaluate(
            () => (window as unknown as { foreignElements(): Element[] }).foreignElements().length,
            undefined,
          ),
        ).toBe(1);
        expect(
          await page.evaluate(
            () => (window as unknown as { foreignElements(): Element[] }).foreignElements()[0]!.shadowRoot,
            undefined,
          ),
        ).toBeNull();
        const read = await page.evaluate(() => (window as unknown as { readCard(): string }).readCard(), undefined);
        expect(read).not.toContain('Central Command');
        expect(read.trim()).toBe('');
        expect(await page.evaluate(() => (window as unknown as { spoofCard(): number }).spoofCard(), undefined)).toBe(
          0,
        );
        expect((await page.inCard(openCardText, undefined))?.text).not.toContain('SPOOFED');
      } finally {
        await page.close();
      }
    },
  },
  {
    name: 'synthetic pointer events open no card, and scripted clicks open no tab',
    async run(driver) {
      expect = driver.expect;
      const page = await openMarked(driver, '/trust/attacker.html', 4);
      try {
        const point = await page.evaluate(pointOfText, { needle: 'IMET' });
        expect(point).not.toBeNull();
        for (let i = 0; i < 5; i++) {
          await page.evaluate(
            ({ x, y }) => (window as unknown as { fakeHover(x: number, y: number): void }).fakeHover(x, y),
            point!,
          );
          await sleep(100);
        }
        // Well past the hover delay: still no card.
        await sleep(800);
        expect(await page.inCard(openCardText, undefined)).toBeNull();

        // With a card open (the reader hovered), the page clicks everything it can reach, five times over.
        await openCard(driver, page, 'IMET', 'imet');
        const tabs = await driver.tabCount();
        await page.evaluate(() => (window as unknown as { clickCard(n: number): number }).clickCard(5), undefined);
        // A synthetic Escape and a synthetic click outside do not close the reader's card either.
        await page.evaluate(() => {
          document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
          document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: 1, clientY: 1 }));
        }, undefined);
        await sleep(1000);
        expect(await driver.tabCount()).toBe(tabs);
        expect((await page.inCard(openCardText, undefined))?.entityId).toBe('imet');

        // The page's clicks did not expand the card either.
        expect(await page.inCard((root) => root.querySelector('.ic-card')?.getAttribute('data-view'), undefined)).toBe(
          'preview',
        );
        // The reader's own click on "Search all facts" (in the expanded card) opens exactly one tab; a burst of
        // clicks no more than one.
        const open = await page.inCard(pointInCard, '.ic-open-full');
        expect(open, 'the preview opens the full card').not.toBeNull();
        await page.mouseClick(open!.x, open!.y);
        const link = await until(
          () => page.inCard(pointInCard, '.ic-search-link'),
          (p) => p !== null,
        );
        expect(link, 'the card has a search link').not.toBeNull();
        await page.mouseClick(link!.x, link!.y);
        expect(
          await until(
            () => driver.tabCount(),
            (n) => n === tabs + 1,
          ),
        ).toBe(tabs + 1);
      } finally {
        await page.close();
      }
    },
  },
  {
    name: 'a page without mentions sees no message, node or attribute from the extension',
    async run(driver) {
      expect = driver.expect;
      const page = await driver.open('/trust/quiet.html');
      try {
        // Time for the script to start, walk the page and find nothing.
        await sleep(1500);
        const seen = await page.evaluate(
          () => (window as unknown as { seen: { messages: string[]; nodes: string[]; attributes: string[] } }).seen,
          undefined,
        );
        expect(seen).toEqual({ messages: [], nodes: [], attributes: [] });
        expect(
          await page.evaluate(
            () => (typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights.size : 0),
            undefined,
          ),
        ).toBe(0);
        // And the script is there: it answers the extension.
        expect(await page.mentions()).toEqual([]);
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "replaying WXT's started handshake neither stops nor confuses the page script",
    async run(driver) {
      expect = driver.expect;
      const page = await openMarked(driver, '/trust/attacker.html', 4);
      try {
        const marks = await page.evaluate(countPaintedRanges, undefined);
        const before = await page.mentions();
        expect(before.length).toBe(marks);
        // The page replays the event under the names WXT uses, and whatever it heard from the extension.
        await page.evaluate(
          (id) => (window as unknown as { replayStarted(id: string): void }).replayStarted(id),
          driver.extensionId,
        );
        await sleep(500);
        expect(await page.evaluate(countPaintedRanges, undefined)).toBe(marks);
        expect(await page.mentions()).toEqual(before);
        const messages = await page.evaluate(
          () => (window as unknown as { seen: { messages: string[] } }).seen.messages,
          undefined,
        );
        expect(
          messages.filter((m) => !m.includes('"messageId":"page"')),
          'messages from the extension',
        ).toEqual([]);
        await openCard(driver, page, 'Asim Munir', 'asim-munir');
      } finally {
        await page.close();
      }
    },
  },
  {
    name: 'a page that defines custom elements and hooks attachShadow still gets the card, and no handle on it',
    async run(driver) {
      expect = driver.expect;
      const page = await openMarked(driver, '/trust/defines-card.html', 2);
      try {
        await openCard(driver, page, 'IMET', 'imet');
        const captured = await page.evaluate(() => (window as unknown as { captured: string[] }).captured, undefined);
        // Nothing the extension made went through the page's element definitions or its attachShadow.
        expect(captured).toEqual([]);
        expect(await page.evaluate(() => 'capturedRoot' in window, undefined)).toBe(false);
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "a page whose policy forbids everything (default-src 'none', enforced Trusted Types) still gets a working card",
    async run(driver) {
      expect = driver.expect;
      const page = await openMarked(driver, '/trust/csp.html', 4);
      try {
        await openCard(driver, page, 'IMET', 'imet');
        const card = (await page.inCard(openCardText, undefined))!;
        expect(card.text).toContain('International Military Education and Training');
        // Styled by its own sheet despite the policy: the card is laid out as a block of the intended width.
        expect(await page.inCard((root) => getComputedStyle(root.querySelector('.ic-card')!).display, undefined)).toBe(
          'block',
        );
      } finally {
        await page.close();
      }
    },
  },
];
