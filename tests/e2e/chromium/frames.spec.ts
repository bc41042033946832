/**
 * Same-origin frames (issue 16): text in an iframe on the page's origin and in an srcdoc iframe is marked, counted in
 * the badge and the popup's "on this page", and hovering it opens the card inside that frame. The public
 * `incontext:mentions` stays the top document's. A frame from another origin (a second local server, standing in for
 * an ad) is left alone: no marks, no listener. A frame naming only context-tier people is part of the page the reader
 * sees: it is marked when the top page is about the story (from the start, or once it becomes so), not otherwise.
 */
import type { CDPSession, Frame, Page } from '@playwright/test';
import { countPaintedRanges, openCardText, pointOfText } from '../../support/pageProbes';
import { startStaticServer, type StaticServer } from '../../support/staticServer';
import { expect, test } from './fixtures';

interface Mention {
  entityId: string;
  name: string;
  text: string;
}

let other: StaticServer;
test.beforeAll(async () => {
  other = await startStaticServer();
});
test.afterAll(async () => {
  await other?.close();
});

const frameOf = async (page: Page, selector: string): Promise<Frame> =>
  (await page.locator(selector).elementHandle())!.contentFrame().then((f) => f!);

/** Opens the fixture with the cross-origin frame and waits until every same-origin frame is painted. */
async function openFrames(page: Page, url: string) {
  await page.goto(url);
  for (const selector of ['#child', '#inline']) {
    const frame = await frameOf(page, selector);
    await expect
      .poll(() => frame.evaluate(countPaintedRanges), { message: `${selector} is marked` })
      .toBeGreaterThan(0);
  }
}

/** Like inCardChromium (tests/support/closedCard.ts), for the card of the frame shown by the iframe `frameSelector`. */
async function inFrameCard<R>(cdp: CDPSession, frameSelector: string, fn: (root: ShadowRoot) => R): Promise<R | null> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const find = (node: typeof root, test: (n: typeof root) => boolean): typeof root | undefined => {
    if (test(node)) return node;
    for (const child of [...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
      const hit = find(child, test);
      if (hit) return hit;
    }
    return undefined;
  };
  const id = frameSelector.slice(1);
  const iframe = find(
    root,
    (n) => n.localName === 'iframe' && (n.attributes ?? []).join('\u0000').includes(`id\u0000${id}`),
  );
  const html = iframe?.contentDocument?.children?.find((n) => n.localName === 'html');
  const host = html?.children?.find(
    (n) => n.localName !== 'head' && n.localName !== 'body' && (n.shadowRoots?.length ?? 0) > 0,
  );
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return null;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: `function () { return JSON.stringify((${fn.toString()})(this) ?? null); }`,
    returnByValue: true,
  });
  return JSON.parse(result.value as string) as R | null;
}

test.describe('same-origin frames', () => {
  test('frames are marked; the contract lists the top document only; badge and popup count every frame; a cross-origin frame is left alone', async ({
    page,
    server,
    extContext,
    extensionId,
    sendToTab,
    tabIdFor,
    inBackground,
    pageErrors,
  }) => {
    const url = server.url(`/detection/frames.html?cross=${encodeURIComponent(other.origin)}`);
    await openFrames(page, url);
    expect(await page.evaluate(countPaintedRanges)).toBe(1);

    // The public contract: the top document's mentions, in order, nothing from the frames.
    const top = (await sendToTab(url, { type: 'incontext:mentions' })) as { url: string; mentions: Mention[] };
    expect(top.url).toBe(url);
    expect(top.mentions.map((m) => [m.entityId, m.text])).toEqual([['cis-moa', 'CIS-MOA']]);

    // Every frame, asked by frame id: the same-origin ones answer for themselves; the cross-origin one has no listener.
    const tabId = await tabIdFor(url);
    const frames = await inBackground(async (tabId: number) => {
      const found = await chrome.scripting.executeScript({
        target: { tabId, allFrames: true },
        func: () => location.href,
      });
      return Promise.all(
        found.map(async ({ frameId, result }) => ({
          frameId,
          href: result as string,
          reply: (await chrome.tabs
            .sendMessage(tabId, { type: 'incontext:frame-mentions' }, { frameId })
            .catch((e: Error) => e.message)) as { mentions: Mention[] } | string,
        })),
      );
    }, tabId);
    const byHref = (part: string) =>
      frames.find((f) => f.href.includes(part) && (part !== 'frames-child' || f.href.startsWith(server.origin)));
    expect(byHref('frames-child')?.reply).toMatchObject({
      mentions: [
        { entityId: 'imet', text: 'IMET' },
        { entityId: 'asim-munir', text: 'Asim Munir' },
      ],
    });
    expect(byHref('about:srcdoc')?.reply).toMatchObject({
      mentions: [{ entityId: 'cis-moa' }, { entityId: 'asim-munir' }],
    });
    const cross = frames.find((f) => f.href.startsWith(other.origin));
    expect(cross, 'the cross-origin frame loaded').toBeDefined();
    expect(typeof cross!.reply, 'the cross-origin frame answers nothing').toBe('string');
    expect(await (await frameOf(page, '#cross')).evaluate(() => CSS.highlights.size)).toBe(0);

    // The badge is the sum over frames: 1 (top) + 2 (child) + 2 (srcdoc).
    await expect.poll(() => inBackground((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('5');

    const popup = await extContext.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await expect(popup.locator('.on-page-item').first()).toBeVisible();
    const shown = await popup
      .locator('.on-page-item')
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-entity-id'), Number(el.querySelector('.on-page-count')?.textContent)]),
      );
    expect(Object.fromEntries(shown)).toEqual({ 'cis-moa': 2, imet: 1, 'asim-munir': 2 });
    await popup.close();

    // A frame that goes away takes its count with it.
    await page.evaluate(() => document.getElementById('child')!.remove());
    await expect.poll(() => inBackground((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('3');
    expect(pageErrors).toEqual([]);
  });

  test('hovering a mention inside a frame opens the card in that frame', async ({ page, server }) => {
    const url = server.url('/detection/frames.html');
    await openFrames(page, url);
    const frame = await frameOf(page, '#child');
    const inFrame = await frame.evaluate(pointOfText, { needle: 'IMET' });
    const box = (await page.locator('#child').boundingBox())!;
    expect(inFrame).not.toBeNull();
    // The frame's viewport starts inside its 1 px border.
    const x = box.x + 1 + inFrame!.x;
    const y = box.y + 1 + inFrame!.y;
    await page.mouse.move(x, y - 30);
    await page.mouse.move(x, y, { steps: 3 });
    const cdp = await page.context().newCDPSession(page);
    await expect.poll(() => inFrameCard(cdp, '#child', openCardText)).toMatchObject({ entityId: 'imet' });
  });

  test.describe('a frame naming only context-tier people follows its top page', () => {
    const painted = (page: Page, selector: string) => async () =>
      (await frameOf(page, selector)).evaluate(countPaintedRanges);

    test('marked inside a page about the story', async ({ page, server, pageErrors }) => {
      await page.goto(server.url('/detection/frames-context.html'));
      await expect.poll(painted(page, '#sibling'), { message: 'the sibling frame is marked' }).toBe(1);
      await expect.poll(painted(page, '#reaction'), { message: 'the srcdoc frame is marked' }).toBe(1);
      await expect.poll(painted(page, '#factbox'), { message: 'the src frame is marked' }).toBe(1);
      expect(await page.evaluate(countPaintedRanges)).toBe(1);
      // A frame that starts after the top page is about the story begins so.
      await page.evaluate(() => (window as unknown as { addFrame(): void }).addFrame());
      await expect.poll(painted(page, '#later'), { message: 'the frame added later is marked' }).toBe(1);
      expect(pageErrors).toEqual([]);
    });

    test('marked once the top page becomes about the story after the frames started', async ({
      page,
      server,
      pageErrors,
    }) => {
      await page.goto(server.url('/detection/frames-context.html?topic=late'));
      await expect.poll(painted(page, '#sibling'), { message: 'the frames run' }).toBe(1);
      await page.waitForTimeout(500);
      expect(await painted(page, '#reaction')()).toBe(0);
      await page.evaluate(() => (window as unknown as { tellStory(): void }).tellStory());
      await expect
        .poll(() => page.evaluate(countPaintedRanges), { message: 'the top page is about the story' })
        .toBe(1);
      await expect.poll(painted(page, '#reaction'), { message: 'the srcdoc frame is marked' }).toBe(1);
      await expect.poll(painted(page, '#factbox'), { message: 'the src frame is marked' }).toBe(1);
      expect(pageErrors).toEqual([]);
    });

    test('left unmarked on a page not about the story, even beside a frame that is', async ({
      page,
      server,
      sendToTab,
    }) => {
      const url = server.url('/detection/frames-context.html?topic=none');
      await page.goto(url);
      await expect.poll(painted(page, '#sibling'), { message: 'the sibling frame is marked' }).toBe(1);
      await expect
        .poll(async () => ((await sendToTab(url, { type: 'incontext:stats' })) as { batches: number }).batches)
        .toBeGreaterThan(0);
      await page.waitForTimeout(1000);
      expect(await painted(page, '#reaction')()).toBe(0);
      expect(await painted(page, '#factbox')()).toBe(0);
      expect(await page.evaluate(countPaintedRanges)).toBe(0);
    });
  });
});
