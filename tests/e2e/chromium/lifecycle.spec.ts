/**
 * Disabling the extension while a page is open removes its marks and its open card at once, and enabling it again
 * marks the page without a reload. Its own browser: the worker's shared context must keep a working extension.
 */
import { expect, test, type BrowserContext } from '@playwright/test';
import { inCardChromium } from '../../support/closedCard';
import { launchWithExtension } from '../../support/chromiumFlags';
import { countPaintedRanges, openCardText, pointOfText, visibleCardBox } from '../../support/pageProbes';
import { startStaticServer, type StaticServer } from '../../support/staticServer';

let context: BrowserContext;
let server: StaticServer;
let extensionId: string;

test.beforeAll(async () => {
  server = await startStaticServer();
  ({ context, extensionId } = await launchWithExtension());
});

test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** chrome://extensions may switch extensions on and off through chrome.management. */
async function setEnabled(enabled: boolean): Promise<void> {
  const admin = await context.newPage();
  await admin.goto('chrome://extensions/');
  await admin.evaluate(
    ({ id, enabled }) =>
      (
        globalThis as unknown as { chrome: { management: { setEnabled(id: string, on: boolean): Promise<void> } } }
      ).chrome.management.setEnabled(id, enabled),
    { id: extensionId, enabled },
  );
  await admin.close();
}

/** Every child of <html> that is not the page's own head or body: the card's host, or what is left of it. */
const foreignHosts = () =>
  [...document.documentElement.children].filter((e) => e.localName !== 'head' && e.localName !== 'body').length;

test('disabling removes the marks and the open card at once; enabling marks the open page again', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url('/demo.html'));
  await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(5);
  const marks = await page.evaluate(countPaintedRanges);
  const point = (await page.evaluate(pointOfText, { needle: 'Michael Erik Kurilla' }))!;
  await page.mouse.move(point.x, point.y - 30);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await expect.poll(() => inCardChromium(page, visibleCardBox)).not.toBeNull();

  await setEnabled(false);
  // No hover, no click: the page is left alone, and still the marks and the card go.
  await expect.poll(() => page.evaluate(countPaintedRanges), { timeout: 5000 }).toBe(0);
  await expect.poll(() => page.evaluate(foreignHosts), { timeout: 5000 }).toBe(0);
  expect(await page.evaluate(() => (typeof CSS !== 'undefined' ? CSS.highlights.size : -1))).toBe(0);

  await setEnabled(true);
  await expect.poll(() => page.evaluate(countPaintedRanges), { timeout: 10_000 }).toBe(marks);
  // One instance, one card.
  await page.mouse.move(5, 5);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await expect.poll(async () => (await inCardChromium(page, openCardText))?.entityId).toBe('michael-kurilla');
  expect(await page.evaluate(foreignHosts)).toBe(1);
  expect(errors).toEqual([]);
  await page.close();
});
