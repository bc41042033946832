/**
 * Open shadow roots (issue 16): an article inside a web component's open root, with a nested component, is marked,
 * styled (the root adopts the highlight rules; in Firefox by a sheet the page script adopts into the root, made with
 * the page window's CSSStyleSheet: the content script's own is its sandbox's), listed by `incontext:mentions` in
 * shadow-including tree order and counted in the badge, and hovering a mention inside the root opens the card.
 */
import { countPaintedRanges, openCardText, pointOfText, shadowMarks } from '../../support/pageProbes';
import { until, type Scenario } from './driver';
import { badgeText } from './reader';

/** The fixture's mentions in shadow-including tree order: light DOM, the component's root, its nested root, the rest of the root, the host's light child, then the light DOM after the host. */
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

export const shadowScenarios: Scenario[] = [
  {
    name: 'marks inside open roots (nested too) are painted, styled, listed in shadow-including order and counted',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/shadow.html');
      expect(
        await until(
          () => page.evaluate(countPaintedRanges, undefined),
          (n) => n === ORDER.length,
        ),
      ).toBe(ORDER.length);
      expect(await page.evaluate(shadowMarks, 'xr-mark')).toEqual([
        { host: 'news-article', ranges: 3, styled: true },
        { host: 'news-quote', ranges: 2, styled: true },
      ]);
      const mentions = await page.mentions();
      expect(mentions.map((m) => [m.entityId, m.text])).toEqual(ORDER);
      const tabId = await page.tabId();
      expect(
        await until(
          () => badgeText(driver, tabId),
          (t) => t === String(ORDER.length),
        ),
      ).toBe(String(ORDER.length));
    },
  },
  {
    name: 'hovering a mention inside the root, and inside the nested root, opens the card',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/shadow.html');
      const tabId = await page.tabId();
      // The badge is set last (after the card UI is loaded): hover from then on is certain to be tracked.
      expect(
        await until(
          () => badgeText(driver, tabId),
          (t) => t === String(ORDER.length),
        ),
      ).toBe(String(ORDER.length));
      for (const [needle, entityId] of [
        ['IMET', 'imet'],
        ['CIS MOA', 'cis-moa'],
      ] as const) {
        const at = await page.evaluate(pointOfText, { needle });
        expect(at, needle).not.toBeNull();
        await page.mouseMove(at!.x, at!.y - 40);
        await page.mouseMove(at!.x, at!.y, 3);
        const card = await until(
          () => page.inCard(openCardText, undefined),
          (c) => c?.entityId === entityId,
        );
        expect(card?.entityId, needle).toBe(entityId);
        await page.mouseMove(5, 5);
        expect(
          await until(
            () => page.inCard(openCardText, undefined),
            (c) => c === null,
          ),
        ).toBeNull();
      }
    },
  },
];
