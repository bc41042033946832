/**
 * Reloading the extension (what an update does) while a page shows marks and an open card: Firefox ends the old
 * scripts at once, without letting them clean up, so the new instance must remove what they left, and only one
 * card may ever show. Its own Firefox: the reload closes the harness's extension tab.
 */
import type { WxtBrowser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCardFirefox } from '../../support/closedCard';
import { countPaintedRanges, openCardText, pointOfText, visibleCardBox } from '../../support/pageProbes';
import { launchFirefox, poll, showPage, type FirefoxHarness } from './firefoxHarness';

/** The extension API as seen inside extension pages (evaluated code runs there, not in Node). */
declare const browser: WxtBrowser;

/** Every child of <html> that is not the page's own head or body: the card's host, or what is left of it. */
const foreignHosts = () =>
  [...document.documentElement.children].filter((e) => e.localName !== 'head' && e.localName !== 'body').length;

describe('extension reload in Firefox ESR', () => {
  let ff: FirefoxHarness;

  beforeAll(async () => {
    ff = await launchFirefox();
  });

  afterAll(async () => {
    await ff?.close();
  });

  it('the reloaded extension removes the old card and marks, and shows one card of its own', async () => {
    const page = await ff.openPage(ff.server.url('/demo.html'));
    await showPage(page);
    const marks = await poll(
      () => page.evaluate(countPaintedRanges),
      (n) => n > 5,
    );
    expect(marks).toBeGreaterThan(5);
    const point = (await page.evaluate(pointOfText, { needle: 'Michael Erik Kurilla' }))!;
    await page.mouse.move(point.x, point.y - 30);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    expect(
      await poll(
        () => inCardFirefox(page, visibleCardBox),
        (b) => b !== null,
      ),
    ).not.toBeNull();
    expect(await page.evaluate(foreignHosts)).toBe(1);

    // The extension page that asks for the reload goes away with it: the call does not answer.
    void ff.inExtension(() => browser.runtime.reload(), undefined).catch(() => undefined);

    // The old card is removed, and the marks are the new instance's alone (the same count, not twice as many).
    expect(
      await poll(
        () => page.evaluate(foreignHosts),
        (n) => n === 0,
      ),
    ).toBe(0);
    expect(
      await poll(
        () => page.evaluate(countPaintedRanges),
        (n) => n === marks,
      ),
    ).toBe(marks);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await page.evaluate(countPaintedRanges)).toBe(marks);

    await page.mouse.move(5, 5);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    expect(
      (
        await poll(
          () => inCardFirefox(page, openCardText),
          (c) => c?.entityId === 'michael-kurilla',
        )
      )?.entityId,
    ).toBe('michael-kurilla');
    expect(await page.evaluate(foreignHosts)).toBe(1);
    // Escape closes it: a live instance owns it.
    await page.keyboard.press('Escape');
    expect(
      await poll(
        () => page.evaluate(foreignHosts),
        (n) => n === 0,
      ),
    ).toBe(0);
    await page.close();
  });
});
