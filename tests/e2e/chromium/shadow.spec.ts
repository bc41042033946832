/**
 * Open shadow roots (issue 16): an article inside a web component's open root, with a nested component, is marked,
 * styled (the root adopts the highlight rules), listed by `incontext:mentions` in shadow-including tree order and
 * counted in the badge, and hovering a mention inside the root opens the card.
 */
import { inCardChromium } from '../../support/closedCard';
import { countPaintedRanges, openCardText, pointOfComposedText, shadowMarks } from '../../support/pageProbes';
import { expect, test } from './fixtures';

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

test.describe('open shadow roots', () => {
  test('marks inside open roots (nested too) are painted, styled, listed in shadow-including order and counted', async ({
    page,
    server,
    sendToTab,
    tabIdFor,
    inBackground,
    pageErrors,
  }) => {
    const url = server.url('/detection/shadow.html');
    await page.goto(url);
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBe(ORDER.length);
    expect(await page.evaluate(shadowMarks, 'xr-mark')).toEqual([
      { host: 'news-article', ranges: 3, styled: true },
      { host: 'news-quote', ranges: 2, styled: true },
    ]);
    const reply = (await sendToTab(url, { type: 'incontext:mentions' })) as {
      mentions: { entityId: string; text: string }[];
    };
    expect(reply.mentions.map((m) => [m.entityId, m.text])).toEqual(ORDER);
    const tabId = await tabIdFor(url);
    await expect
      .poll(() => inBackground((tabId) => chrome.action.getBadgeText({ tabId }), tabId))
      .toBe(String(ORDER.length));
    expect(pageErrors).toEqual([]);
  });

  test('hovering a mention inside the root, and inside the nested root, opens the card', async ({
    page,
    server,
    tabIdFor,
    inBackground,
  }) => {
    const url = server.url('/detection/shadow.html');
    await page.goto(url);
    const tabId = await tabIdFor(url);
    // The badge is set last (after the card UI is loaded): hover from then on is certain to be tracked.
    await expect
      .poll(() => inBackground((tabId) => chrome.action.getBadgeText({ tabId }), tabId))
      .toBe(String(ORDER.length));
    for (const [needle, entityId] of [
      ['IMET', 'imet'],
      ['CIS MOA', 'cis-moa'],
    ] as const) {
      const at = await page.evaluate(pointOfComposedText, { needle });
      expect(at, needle).not.toBeNull();
      await page.mouse.move(at!.x, at!.y - 40);
      await page.mouse.move(at!.x, at!.y, { steps: 3 });
      await expect
        .poll(() => inCardChromium(page, openCardText).then((c) => c?.entityId), { message: needle })
        .toBe(entityId);
      await page.mouse.move(5, 5);
      await expect.poll(() => inCardChromium(page, openCardText)).toBeNull();
    }
  });
});
