/**
 * The Chromium frames spec (tests/e2e/chromium/frames.spec.ts) in Firefox ESR: same-origin frames (src on the page's
 * origin, srcdoc) are marked, counted in the badge and the popup, and hovering opens the card inside the frame; the
 * public `incontext:mentions` stays the top document's; a frame from another origin (a second local server) is left
 * alone; a frame naming only context-tier people is marked when its top page is about the story, not otherwise.
 */
import type { Frame, Page } from 'puppeteer-core';
import type { WxtBrowser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPaintedRanges, openCardText, pointOfText } from '../../support/pageProbes';
import { startStaticServer, type StaticServer } from '../../support/staticServer';
import { launchFirefox, poll, sendToTabId, showPage, tabIdFor, type FirefoxHarness } from './firefoxHarness';

/** The extension API as seen inside extension pages (evaluated code runs there, not in Node). */
declare const browser: WxtBrowser;

interface Mention {
  entityId: string;
  name: string;
  text: string;
}

interface BidiConnection {
  send(
    method: string,
    params: unknown,
  ): Promise<{ result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } } }>;
}

/** Like inCardFirefox (tests/support/closedCard.ts), in one frame: each frame is a browsing context of its own. */
async function inFrameCard<R>(page: Page, frame: Frame, fn: (root: ShadowRoot) => R): Promise<R | null> {
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const context = (frame as unknown as { _id: string })._id;
  const found = await connection.send('script.callFunction', {
    functionDeclaration: `() => [...document.documentElement.children].filter((e) => e.localName !== 'head' && e.localName !== 'body')`,
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const hosts = (found.result.result?.value ?? []) as { value?: { shadowRoot?: { sharedId?: string } | null } }[];
  const shadowId = hosts.find((h) => h.value?.shadowRoot?.sharedId)?.value?.shadowRoot?.sharedId;
  if (!shadowId) return null;
  const ran = await connection.send('script.callFunction', {
    functionDeclaration: `function (root) { return JSON.stringify((${fn.toString()})(root) ?? null); }`,
    target: { context },
    arguments: [{ sharedId: shadowId }],
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (ran.result.type === 'exception') throw new Error(`in the card: ${ran.result.exceptionDetails?.text}`);
  return JSON.parse(ran.result.result!.value as string) as R | null;
}

describe('same-origin frames in Firefox ESR (firefox-mv3)', () => {
  let ff: FirefoxHarness;
  let other: StaticServer;

  beforeAll(async () => {
    [ff, other] = await Promise.all([launchFirefox(), startStaticServer()]);
  });

  afterAll(async () => {
    await Promise.all([ff?.close(), other?.close()]);
  });

  const frameOf = async (page: Page, selector: string): Promise<Frame> =>
    (await (await page.$(selector))!.contentFrame())!;

  /** Opens the fixture as the visible tab and waits until every same-origin frame is painted. */
  async function openFrames(url: string): Promise<Page> {
    const page = await ff.openPage(url);
    await showPage(page);
    for (const selector of ['#child', '#inline']) {
      const frame = await frameOf(page, selector);
      expect(
        await poll(
          () => frame.evaluate(countPaintedRanges),
          (n) => n > 0,
        ),
        `${selector} is marked`,
      ).toBeGreaterThan(0);
    }
    return page;
  }

  it('frames are marked; the contract lists the top document only; badge and popup count every frame; a cross-origin frame is left alone', async () => {
    const url = ff.server.url(`/detection/frames.html?cross=${encodeURIComponent(other.origin)}`);
    const page = await openFrames(url);
    try {
      expect(await page.evaluate(countPaintedRanges)).toBe(1);
      const tabId = await tabIdFor(ff, url);
      const top = (await sendToTabId(ff, tabId, { type: 'incontext:mentions' })) as {
        url: string;
        mentions: Mention[];
      };
      expect(top.url).toBe(url);
      expect(top.mentions.map((m) => [m.entityId, m.text])).toEqual([['cis-moa', 'CIS-MOA']]);

      const frames = await ff.inExtension(async (tabId: number) => {
        const found = await browser.scripting.executeScript({
          target: { tabId, allFrames: true },
          func: () => location.href,
        });
        return Promise.all(
          found.map(async ({ frameId, result }) => ({
            frameId,
            href: result as string,
            reply: (await browser.tabs
              .sendMessage(tabId, { type: 'incontext:frame-mentions' }, { frameId })
              .catch((e: Error) => e.message)) as { mentions: Mention[] } | string,
          })),
        );
      }, tabId);
      const child = frames.find((f) => f.href.startsWith(ff.server.origin) && f.href.includes('frames-child'));
      expect(child?.reply).toMatchObject({
        mentions: [
          { entityId: 'imet', text: 'IMET' },
          { entityId: 'asim-munir', text: 'Asim Munir' },
        ],
      });
      expect(frames.find((f) => f.href === 'about:srcdoc')?.reply).toMatchObject({
        mentions: [{ entityId: 'cis-moa' }, { entityId: 'asim-munir' }],
      });
      const cross = frames.find((f) => f.href.startsWith(other.origin));
      expect(cross, 'the cross-origin frame loaded').toBeDefined();
      expect(typeof cross!.reply, 'the cross-origin frame answers nothing').toBe('string');
      expect(await (await frameOf(page, '#cross')).evaluate(() => CSS.highlights.size)).toBe(0);

      const badge = () => ff.inExtension((tabId) => browser.action.getBadgeText({ tabId }), tabId);
      expect(await poll(badge, (t) => t === '5')).toBe('5');

      const popup = await ff.openExtensionPage(`/popup.html?tab=${tabId}`, '.on-page-item');
      try {
        const shown = await popup.$$eval('.on-page-item', (els) =>
          els.map(
            (el) =>
              [el.getAttribute('data-entity-id'), Number(el.querySelector('.on-page-count')?.textContent)] as [
                string,
                number,
              ],
          ),
        );
        expect(Object.fromEntries(shown)).toEqual({ 'cis-moa': 2, imet: 1, 'asim-munir': 2 });
      } finally {
        await popup.close();
      }

      // A frame that goes away takes its count with it.
      await showPage(page);
      await page.evaluate(() => document.getElementById('child')!.remove());
      expect(await poll(badge, (t) => t === '3')).toBe('3');
      expect(ff.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('hovering a mention inside a frame opens the card in that frame', async () => {
    const url = ff.server.url('/detection/frames.html');
    const page = await openFrames(url);
    try {
      const tabId = await tabIdFor(ff, url);
      const badge = () => ff.inExtension((tabId) => browser.action.getBadgeText({ tabId }), tabId);
      // The badge is set last (after the card UI is loaded): hover from then on is certain to be tracked.
      expect(await poll(badge, (t) => t === '5')).toBe('5');
      const frame = await frameOf(page, '#child');
      const inFrame = await frame.evaluate(pointOfText, { needle: 'IMET' });
      const box = (await (await page.$('#child'))!.boundingBox())!;
      expect(inFrame).not.toBeNull();
      // The frame's viewport starts inside its 1 px border.
      const x = box.x + 1 + inFrame!.x;
      const y = box.y + 1 + inFrame!.y;
      await page.mouse.move(x, y - 30);
      await page.mouse.move(x, y, { steps: 3 });
      const card = await poll(
        () => inFrameCard(page, frame, openCardText),
        (c) => c?.entityId === 'imet',
      );
      expect(card).toMatchObject({ entityId: 'imet' });
    } finally {
      await page.close();
    }
  });

  describe('a frame naming only context-tier people follows its top page', () => {
    const painted = (page: Page, selector: string) => async () =>
      (await frameOf(page, selector)).evaluate(countPaintedRanges);
    const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('marked inside a page about the story', async () => {
      const page = await ff.openPage(ff.server.url('/detection/frames-context.html'));
      try {
        await showPage(page);
        expect(await poll(painted(page, '#sibling'), (n) => n === 1), 'the sibling frame is marked').toBe(1);
        expect(await poll(painted(page, '#reaction'), (n) => n === 1), 'the srcdoc frame is marked').toBe(1);
        expect(await poll(painted(page, '#factbox'), (n) => n === 1), 'the src frame is marked').toBe(1);
        expect(await page.evaluate(countPaintedRanges)).toBe(1);
        // A frame that starts after the top page is about the story begins so.
        await page.evaluate(() => (window as unknown as { addFrame(): void }).addFrame());
        expect(await poll(painted(page, '#later'), (n) => n === 1), 'the frame added later is marked').toBe(1);
        expect(ff.pageErrors).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('marked once the top page becomes about the story after the frames started', async () => {
      const page = await ff.openPage(ff.server.url('/detection/frames-context.html?topic=late'));
      try {
        await showPage(page);
        expect(await poll(painted(page, '#sibling'), (n) => n === 1), 'the frames run').toBe(1);
        await settle(500);
        expect(await painted(page, '#reaction')()).toBe(0);
        await page.evaluate(() => (window as unknown as { tellStory(): void }).tellStory());
        expect(
          await poll(
            () => page.evaluate(countPaintedRanges),
            (n) => n === 1,
          ),
          'the top page is about the story',
        ).toBe(1);
        expect(await poll(painted(page, '#reaction'), (n) => n === 1), 'the srcdoc frame is marked').toBe(1);
        expect(await poll(painted(page, '#factbox'), (n) => n === 1), 'the src frame is marked').toBe(1);
        expect(ff.pageErrors).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('left unmarked on a page not about the story, even beside a frame that is', async () => {
      const url = ff.server.url('/detection/frames-context.html?topic=none');
      const page = await ff.openPage(url);
      try {
        await showPage(page);
        expect(await poll(painted(page, '#sibling'), (n) => n === 1), 'the sibling frame is marked').toBe(1);
        const tabId = await tabIdFor(ff, url);
        const batches = async () =>
          ((await sendToTabId(ff, tabId, { type: 'incontext:stats' })) as { batches: number }).batches;
        expect(await poll(batches, (n) => n > 0)).toBeGreaterThan(0);
        await settle(1000);
        expect(await painted(page, '#reaction')()).toBe(0);
        expect(await painted(page, '#factbox')()).toBe(0);
        expect(await page.evaluate(countPaintedRanges)).toBe(0);
      } finally {
        await page.close();
      }
    });
  });
});
