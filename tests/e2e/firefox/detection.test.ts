/**
 * The Chromium detection spec (tests/e2e/chromium/detection.spec.ts), in real Firefox ESR with the
 * firefox-mv3 build, with the same expectations: the exact mentions of the static fixture, a page left
 * identical (text and DOM) compared with a second Firefox without the extension, late content, infinite
 * scroll, re-renders, a page that churns thousands of mutations a second, SPA navigation — and no page
 * errors, nothing leaving 127.0.0.1.
 *
 * The harness talks to content scripts from an extension page opened in its own tab. That page is opened
 * once, first, so every test page opens after it as the selected (visible) tab: a tab in the background is
 * `hidden`, where Firefox runs no animation frames, and the engine's "one batch per frame" would not be
 * what is measured.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPaintedRanges } from '../../support/pageProbes';
import { STATIC_FIXTURES } from '../../support/staticFixtures';
import { poll, LOCAL, launchFirefox, launchPlainFirefox, type FirefoxHarness } from './firefoxHarness';

interface Mention {
  entityId: string;
  name: string;
  text: string;
}

interface MentionsReply {
  url: string;
  mentions: Mention[];
}

/** innerText and element/node counts: what a page (or a framework) would notice if we changed its DOM. */
function domFingerprint() {
  let nodes = 0;
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  return { text: document.body.innerText, nodes, bodyChildren: document.body.childNodes.length };
}

describe('detection on fixture pages in Firefox ESR (firefox-mv3)', () => {
  let ff: FirefoxHarness;

  beforeAll(async () => {
    ff = await launchFirefox();
  });

  afterAll(async () => {
    await ff?.close();
  });

  /** Opens `url` as the selected, visible tab (animation frames run, as for a page the user is reading). */
  async function open(url: string): Promise<Page> {
    const page = await ff.openPage(url);
    await page.bringToFront();
    expect(await poll(() => page.evaluate(() => document.visibilityState), (v) => v === 'visible')).toBe('visible');
    return page;
  }

  const mentionsOf = async (url: string) => ((await ff.sendToTab(url, { type: 'incontext:mentions' })) as MentionsReply).mentions;

  /**
   * dynamic.html adds a paragraph with "CIS-MOA" one second after load. The app's third row says "CIS-MOA"
   * from the start, so waiting for any "CIS-MOA" (as the Chromium spec does) returns at once, and the late
   * paragraph can then land between a mentions reply and the painted count that should equal it. Wait for
   * the second one.
   */
  async function lateContentMarked(page: Page, url: string): Promise<void> {
    const cisMoas = async () => (await mentionsOf(url)).filter((m) => m.text === 'CIS-MOA').length;
    expect(await poll(cisMoas, (n) => n === 2)).toBe(2);
    expect(await page.evaluate(() => document.getElementById('late-p')?.textContent)).toContain('CIS-MOA');
  }

  for (const fixture of STATIC_FIXTURES) {
    it(fixture.title, async () => {
      const url = ff.server.url(fixture.path);
      const page = await open(url);
      try {
        if (fixture.bodyTag) expect(await page.evaluate(() => document.body.tagName)).toBe(fixture.bodyTag);
        expect(await poll(() => page.evaluate(countPaintedRanges), (n) => n > 0)).toBeGreaterThan(0);
        const mentions = await mentionsOf(url);
        expect(mentions.map((m) => [m.entityId, m.text])).toEqual(fixture.mentions);
        expect(await page.evaluate(countPaintedRanges)).toBe(mentions.length);
        expect(ff.pageErrors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('the page text and DOM are identical with and without the extension', async () => {
    const url = ff.server.url('/demo.html');
    const page = await open(url);
    let withExtension: ReturnType<typeof domFingerprint>;
    try {
      expect(await poll(() => page.evaluate(countPaintedRanges), (n) => n > 5)).toBeGreaterThan(5);
      withExtension = await page.evaluate(domFingerprint);
    } finally {
      await page.close();
    }

    // A second Firefox with the same prefs, environment and refusing proxy, and no extension.
    const plain = await launchPlainFirefox();
    try {
      const other = await plain.browser.newPage();
      const requests: string[] = [];
      other.on('request', (request) => requests.push(request.url()));
      await other.goto(url, { waitUntil: 'load' });
      // The page is plain: no highlights registered by anyone.
      expect(await other.evaluate(countPaintedRanges)).toBe(0);
      const without = await other.evaluate(domFingerprint);
      expect(withExtension).toEqual(without);
      expect(requests.filter((r) => !LOCAL.test(r)), 'plain Firefox page requests that left 127.0.0.1').toEqual([]);
      expect(plain.browserRequests, 'plain Firefox connections that reached its refusing proxy').toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('late content, infinite scroll and re-renders are kept up to date without errors', async () => {
    const url = ff.server.url('/detection/dynamic.html');
    const page = await open(url);
    try {
      const mentions = () => mentionsOf(url);

      // Added one second after load.
      await lateContentMarked(page, url);

      // 200 paragraphs appended by "infinite scroll", each with two mentions.
      const before = (await mentions()).length;
      await page.evaluate(() => (window as unknown as { appendFeed: (n: number) => Promise<number> }).appendFeed(200));
      expect(await poll(async () => (await mentions()).length, (n) => n === before + 400)).toBe(before + 400);
      expect(await page.evaluate(countPaintedRanges)).toBe(before + 400);

      // A re-render replaces marked text: the old mark goes, the new text is marked, nothing is stale.
      await page.evaluate(() => (window as unknown as { setRows: (r: string[]) => void }).setRows(['Plain row one', 'IMET row two', 'CIS-MOA row three']));
      const lastTwo = await poll(
        async () => (await mentions()).slice(-2).map((m) => m.text),
        (t) => t.length === 2 && t[0] === 'IMET' && t[1] === 'CIS-MOA',
      );
      expect(lastTwo).toEqual(['IMET', 'CIS-MOA']);
      // Row one's text changed in place (same node, no removal): its old mark went with it, so one IMET moved.
      expect(await poll(async () => (await mentions()).length, (n) => n === before + 400)).toBe(before + 400);
      expect(await page.evaluate(countPaintedRanges)).toBe(before + 400);
      // Replacing the app's two marked rows with plain text leaves the rest as it was.
      await page.evaluate(() => (window as unknown as { replaceApp: (h: string) => void }).replaceApp('<p>Nothing to see</p>'));
      expect(await poll(async () => (await mentions()).length, (n) => n === before + 400 - 2)).toBe(before + 400 - 2);
      expect(await page.evaluate(countPaintedRanges)).toBe(before + 400 - 2);
      expect(ff.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('widely known names show only once the page mentions a core entity, also when that comes later', async () => {
    const url = ff.server.url('/detection/context.html');
    const page = await open(url);
    try {
      // The first scan is done and set its blocks aside (only context-tier anchors): nothing to show.
      const setAside = async () => ((await ff.sendToTab(url, { type: 'incontext:stats' })) as { setAside: number }).setAside;
      expect(await poll(setAside, (n) => n === 1)).toBe(1);
      expect(await mentionsOf(url)).toEqual([]);
      expect(await page.evaluate(countPaintedRanges)).toBe(0);
      await page.evaluate(() => (window as unknown as { addCore: () => void }).addCore());
      const pairs = async () => (await mentionsOf(url)).map((m) => `${m.entityId}: ${m.text}`);
      // The last Pompeo's full name was set aside when its block was first scanned.
      expect(await poll(pairs, (p) => p.length === 5)).toEqual([
        'donald-trump: Donald Trump',
        'mike-pompeo: Mike Pompeo',
        'mike-pompeo: Pompeo',
        'imet: IMET',
        'mike-pompeo: Pompeo',
      ]);
      expect(await page.evaluate(countPaintedRanges)).toBe(5);
      expect(ff.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a page that mutates thousands of times a second does not make the extension spin', async () => {
    const url = ff.server.url('/detection/dynamic.html');
    const page = await open(url);
    try {
      expect(await poll(() => page.evaluate(countPaintedRanges), (n) => n > 0)).toBeGreaterThan(0);
      // Only the churn is measured, not the late paragraph.
      await lateContentMarked(page, url);
      const before = (await ff.sendToTab(url, { type: 'incontext:stats' })) as { batches: number };
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
      const after = (await ff.sendToTab(url, { type: 'incontext:stats' })) as { batches: number };
      // Thousands of mutations cost at most one batch of rescanning per frame (plus the one after the last).
      expect(after.batches - before.batches, `${mutations} mutations in ${frames} frames`).toBeLessThanOrEqual(frames + 2);
      // Still responsive and correct afterwards.
      const reply = await mentionsOf(url);
      expect(reply.length).toBe(await page.evaluate(countPaintedRanges));
    } finally {
      await page.close();
    }
  });

  it('an SPA navigation starts a fresh scan', async () => {
    const url = ff.server.url('/detection/dynamic.html');
    const page = await open(url);
    try {
      expect(await poll(() => page.evaluate(countPaintedRanges), (n) => n > 0)).toBeGreaterThan(0);
      // The late paragraph would otherwise race the count after the navigation.
      await lateContentMarked(page, url);
      await page.evaluate(() =>
        (window as unknown as { navigateSpa: (p: string, t: string) => void }).navigateSpa('/detection/dynamic.html?story=2', 'A new story about IMET.'),
      );
      const nextUrl = ff.server.url('/detection/dynamic.html?story=2');
      const where = async () => ((await ff.sendToTab(nextUrl, { type: 'incontext:mentions' }).catch(() => ({ url: null }))) as { url: string | null }).url;
      expect(await poll(where, (u) => u === nextUrl)).toBe(nextUrl);
      const reply = (await ff.sendToTab(nextUrl, { type: 'incontext:mentions' })) as MentionsReply;
      expect(reply.mentions[0]).toEqual({ entityId: 'imet', name: 'IMET', text: 'IMET' });
      expect(reply.mentions.length).toBe(await page.evaluate(countPaintedRanges));
    } finally {
      await page.close();
    }
  });

  it('no page errors, and nothing left 127.0.0.1', () => {
    expect(ff.pageErrors).toEqual([]);
    expect(ff.requests.length).toBeGreaterThan(0);
    expect(ff.requests.filter((r) => !LOCAL.test(r.url)), 'page requests that left 127.0.0.1').toEqual([]);
    expect(ff.browserRequests, 'connections that reached the refusing proxy').toEqual([]);
  });
});
