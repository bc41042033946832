import { chromium } from '@playwright/test';
import { chromiumBin } from '../../support/paths';
import { countPaintedRanges } from '../../support/pageProbes';
import { STATIC_FIXTURES } from '../../support/staticFixtures';
import { expect, test } from './fixtures';
import { QUIET_CHROMIUM_FLAGS } from '../../support/chromiumFlags';

interface Mention {
  entityId: string;
  name: string;
  text: string;
}

/** innerText and element/node counts: what a page (or a framework) would notice if we changed its DOM. */
function domFingerprint() {
  let nodes = 0;
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  return { text: document.body.innerText, nodes, bodyChildren: document.body.childNodes.length };
}

test.describe('detection on fixture pages', () => {
  for (const fixture of STATIC_FIXTURES) {
    test(fixture.title, async ({ page, server, sendToTab, pageErrors }) => {
      const url = server.url(fixture.path);
      await page.goto(url);
      if (fixture.bodyTag) expect(await page.evaluate(() => document.body.tagName)).toBe(fixture.bodyTag);
      await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(0);
      const { mentions } = (await sendToTab(url, { type: 'incontext:mentions' })) as { mentions: Mention[] };
      expect(mentions.map((m) => [m.entityId, m.text])).toEqual(fixture.mentions);
      expect(await page.evaluate(countPaintedRanges)).toBe(mentions.length);
      expect(pageErrors).toEqual([]);
    });
  }

  test('the page text and DOM are identical with and without the extension', async ({ page, server }) => {
    const url = server.url('/demo.html');
    await page.goto(url);
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(5);
    const withExtension = await page.evaluate(domFingerprint);

    const plain = await chromium.launch({ executablePath: chromiumBin, headless: true, args: QUIET_CHROMIUM_FLAGS });
    try {
      const other = await plain.newPage();
      await other.goto(url);
      const without = await other.evaluate(domFingerprint);
      expect(withExtension).toEqual(without);
    } finally {
      await plain.close();
    }
  });

  test('late content, infinite scroll and re-renders are kept up to date without errors', async ({ page, server, sendToTab, pageErrors }) => {
    const url = server.url('/detection/dynamic.html');
    await page.goto(url);
    const mentions = async () => ((await sendToTab(url, { type: 'incontext:mentions' })) as { mentions: Mention[] }).mentions;

    // Added one second after load (the app's third row already says CIS-MOA, so wait for the second one).
    await page.waitForSelector('#late-p');
    await expect.poll(async () => (await mentions()).filter((m) => m.text === 'CIS-MOA').length).toBe(2);

    // 200 paragraphs appended by "infinite scroll", each with two mentions.
    const before = (await mentions()).length;
    await page.evaluate(() => (window as unknown as { appendFeed: (n: number) => Promise<number> }).appendFeed(200));
    await expect.poll(async () => (await mentions()).length).toBe(before + 400);
    expect(await page.evaluate(countPaintedRanges)).toBe(before + 400);

    // A re-render replaces marked text: the old mark goes, the new text is marked, nothing is stale.
    await page.evaluate(() => (window as unknown as { setRows: (r: string[]) => void }).setRows(['Plain row one', 'IMET row two', 'CIS-MOA row three']));
    await expect
      .poll(async () => {
        const all = await mentions();
        return all.slice(-2).map((m) => m.text);
      })
      .toEqual(['IMET', 'CIS-MOA']);
    // Row one's text changed in place (same node, no removal): its old mark went with it, so one IMET moved.
    await expect.poll(async () => (await mentions()).length).toBe(before + 400);
    expect(await page.evaluate(countPaintedRanges)).toBe(before + 400);
    // Replacing the app's two marked rows with plain text leaves the rest as it was.
    await page.evaluate(() => (window as unknown as { replaceApp: (h: string) => void }).replaceApp('<p>Nothing to see</p>'));
    await expect.poll(async () => (await mentions()).length).toBe(before + 400 - 2);
    expect(await page.evaluate(countPaintedRanges)).toBe(before + 400 - 2);
    expect(pageErrors).toEqual([]);
  });

  test('widely known names show only once the page mentions a core entity, also when that comes later', async ({ page, server, sendToTab, pageErrors }) => {
    const url = server.url('/detection/context.html');
    await page.goto(url);
    // The first scan is done and set its blocks aside (only context-tier anchors): nothing to show.
    await expect.poll(async () => ((await sendToTab(url, { type: 'incontext:stats' })) as { setAside: number }).setAside).toBe(1);
    const mentions = async () => ((await sendToTab(url, { type: 'incontext:mentions' })) as { mentions: Mention[] }).mentions;
    expect(await mentions()).toEqual([]);
    expect(await page.evaluate(countPaintedRanges)).toBe(0);
    await page.evaluate(() => (window as unknown as { addCore: () => void }).addCore());
    await expect
      .poll(async () => (await mentions()).map((m) => [m.entityId, m.text]))
      .toEqual([
        ['donald-trump', 'Donald Trump'],
        ['mike-pompeo', 'Mike Pompeo'],
        ['mike-pompeo', 'Pompeo'],
        ['imet', 'IMET'],
        ['mike-pompeo', 'Pompeo'], // its full name was set aside when this block was first scanned
      ]);
    expect(await page.evaluate(countPaintedRanges)).toBe(5);
    expect(pageErrors).toEqual([]);
  });

  test('a page that mutates thousands of times a second does not make the extension spin', async ({ page, server, sendToTab }) => {
    const url = server.url('/detection/dynamic.html');
    await page.goto(url);
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(0);
    const before = (await sendToTab(url, { type: 'incontext:stats' })) as { batches: number };
    const { mutations, frames } = await page.evaluate(async () => {
      let frames = 0;
      let counting = true;
      const count = () => {
        frames++;
        if (counting) requestAnimationFrame(count);
      };
      requestAnimationFrame(count);
      const mutations = await (window as unknown as { churn: (ms: number) => Promise<number> }).churn(1500);
      counting = false;
      return { mutations, frames };
    });
    expect(mutations).toBeGreaterThan(3000);
    const after = (await sendToTab(url, { type: 'incontext:stats' })) as { batches: number };
    // Thousands of mutations cost at most one batch of rescanning per frame (plus the one after the last).
    expect(after.batches - before.batches).toBeLessThanOrEqual(frames + 2);
    // Still responsive and correct afterwards.
    const reply = (await sendToTab(url, { type: 'incontext:mentions' })) as { mentions: Mention[] };
    expect(reply.mentions.length).toBe(await page.evaluate(countPaintedRanges));
  });

  test('an SPA navigation starts a fresh scan', async ({ page, server, sendToTab }) => {
    const url = server.url('/detection/dynamic.html');
    await page.goto(url);
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(0);
    await page.evaluate(() =>
      (window as unknown as { navigateSpa: (p: string, t: string) => void }).navigateSpa('/detection/dynamic.html?story=2', 'A new story about IMET.'),
    );
    const nextUrl = server.url('/detection/dynamic.html?story=2');
    await expect.poll(async () => ((await sendToTab(nextUrl, { type: 'incontext:mentions' })) as { url: string }).url).toBe(nextUrl);
    const reply = (await sendToTab(nextUrl, { type: 'incontext:mentions' })) as { mentions: Mention[] };
    expect(reply.mentions[0]).toEqual({ entityId: 'imet', name: 'IMET', text: 'IMET' });
    expect(reply.mentions.length).toBe(await page.evaluate(countPaintedRanges));
  });
});
