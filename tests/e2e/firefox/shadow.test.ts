/**
 * The Chromium shadow-root spec (tests/e2e/chromium/shadow.spec.ts) in Firefox ESR: marks inside a web component's
 * open root and its nested root are painted, styled by a sheet the page script adopts into the root (made with the
 * page window's CSSStyleSheet: the content script's own is its sandbox's), listed by `incontext:mentions` in
 * shadow-including tree order, counted in the badge, and hovering them opens the card.
 */
import type { WxtBrowser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCardFirefox } from '../../support/closedCard';
import { countPaintedRanges, openCardText, pointOfComposedText, shadowMarks } from '../../support/pageProbes';
import { launchFirefox, poll, sendToTabId, showPage, tabIdFor, type FirefoxHarness } from './firefoxHarness';

/** The extension API as seen inside extension pages (evaluated code runs there, not in Node). */
declare const browser: WxtBrowser;

const ORDER = [
  ['cis-moa', 'CIS-MOA'],
  ['asim-munir', 'Asim Munir'],
  ['michael-kurilla', 'Michael Kurilla'],
  ['michael-kurilla', 'Kurilla'],
  ['cis-moa', 'CIS MOA'],
  ['imet', 'IMET'],
  ['asim-munir', 'Asim Munir'],
  ['michael-kurilla', 'Michael Kurilla'],
];

describe('open shadow roots in Firefox ESR (firefox-mv3)', () => {
  let ff: FirefoxHarness;

  beforeAll(async () => {
    ff = await launchFirefox();
  });

  afterAll(async () => {
    await ff?.close();
  });

  it('marks inside open roots (nested too) are painted, styled, listed in shadow-including order and counted', async () => {
    const url = ff.server.url('/detection/shadow.html');
    const page = await ff.openPage(url);
    try {
      expect(
        await poll(
          () => page.evaluate(countPaintedRanges),
          (n) => n === ORDER.length,
        ),
      ).toBe(ORDER.length);
      expect(await page.evaluate(shadowMarks, 'xr-mark')).toEqual([
        { host: 'news-article', ranges: 3, styled: true },
        { host: 'news-quote', ranges: 2, styled: true },
      ]);
      const tabId = await tabIdFor(ff, url);
      const reply = (await sendToTabId(ff, tabId, { type: 'incontext:mentions' })) as {
        mentions: { entityId: string; text: string }[];
      };
      expect(reply.mentions.map((m) => [m.entityId, m.text])).toEqual(ORDER);
      const badge = () => ff.inExtension((tabId) => browser.action.getBadgeText({ tabId }), tabId);
      expect(await poll(badge, (t) => t === String(ORDER.length))).toBe(String(ORDER.length));
      expect(ff.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('hovering a mention inside the root, and inside the nested root, opens the card', async () => {
    const url = ff.server.url('/detection/shadow.html');
    const page = await ff.openPage(url);
    try {
      await showPage(page);
      const tabId = await tabIdFor(ff, url);
      const badge = () => ff.inExtension((tabId) => browser.action.getBadgeText({ tabId }), tabId);
      // The badge is set last (after the card UI is loaded): hover from then on is certain to be tracked.
      expect(await poll(badge, (t) => t === String(ORDER.length))).toBe(String(ORDER.length));
      for (const [needle, entityId] of [
        ['IMET', 'imet'],
        ['CIS MOA', 'cis-moa'],
      ] as const) {
        const at = await page.evaluate(pointOfComposedText, { needle });
        expect(at, needle).not.toBeNull();
        await page.mouse.move(at!.x, at!.y - 40);
        await page.mouse.move(at!.x, at!.y, { steps: 3 });
        const card = await poll(
          () => inCardFirefox(page, openCardText),
          (c) => c?.entityId === entityId,
        );
        expect(card?.entityId, needle).toBe(entityId);
        await page.mouse.move(5, 5);
        expect(
          await poll(
            () => inCardFirefox(page, openCardText),
            (c) => c === null,
          ),
        ).toBeNull();
      }
    } finally {
      await page.close();
    }
  });
});
