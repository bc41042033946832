/**
 * Same-origin frames (issue 16): text in an iframe on the page's origin and in an srcdoc iframe is marked, counted in
 * the badge and the popup's "on this page", and hovering it opens the card inside that frame. The public
 * `incontext:mentions` stays the top document's. A frame from another origin (a second local server, standing in for
 * an ad) is left alone: no marks, no listener. A frame naming only context-tier people is part of the page the reader
 * sees: it is marked when the top page is about the story (from the start, or once it becomes so), not otherwise.
 */
import { countPaintedRanges, openCardText, pointOfText } from '../../support/pageProbes';
import { startStaticServer } from '../../support/staticServer';
import { sleep, until, type Scenario, type ScenarioDriver, type ScenarioPage } from './driver';
import { badgeText, type Mention } from './reader';

/** What the document shown by the iframe `selector` has painted. */
const painted = (page: ScenarioPage, selector: string) => () => page.inFrame(selector, countPaintedRanges, undefined);

/** Opens the fixture and waits until every same-origin frame is painted. */
async function openFrames(driver: ScenarioDriver, path: string): Promise<ScenarioPage> {
  const page = await driver.open(path);
  for (const selector of ['#child', '#inline'])
    driver.expect(await until(painted(page, selector), (n) => n > 0), `${selector} is marked`).toBeGreaterThan(0);
  return page;
}

/** Waits until the badge of `tabId` says `text`. */
async function expectBadge(driver: ScenarioDriver, tabId: number, text: string): Promise<void> {
  driver
    .expect(
      await until(
        () => badgeText(driver, tabId),
        (t) => t === text,
      ),
    )
    .toBe(text);
}

/** Waits until the frame `selector` has painted exactly one range. */
async function expectOneMark(driver: ScenarioDriver, page: ScenarioPage, selector: string, message: string) {
  driver.expect(await until(painted(page, selector), (n) => n === 1), message).toBe(1);
}

const contextTierScenarios: Scenario[] = [
  {
    name: 'marked inside a page about the story',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/frames-context.html');
      await expectOneMark(driver, page, '#sibling', 'the sibling frame is marked');
      await expectOneMark(driver, page, '#reaction', 'the srcdoc frame is marked');
      await expectOneMark(driver, page, '#factbox', 'the src frame is marked');
      expect(await page.evaluate(countPaintedRanges, undefined)).toBe(1);
      // A frame that starts after the top page is about the story begins so.
      await page.evaluate(() => (window as unknown as { addFrame(): void }).addFrame(), undefined);
      await expectOneMark(driver, page, '#later', 'the frame added later is marked');
    },
  },
  {
    name: 'marked once the top page becomes about the story after the frames started',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/frames-context.html?topic=late');
      await expectOneMark(driver, page, '#sibling', 'the frames run');
      await sleep(500);
      expect(await painted(page, '#reaction')()).toBe(0);
      await page.evaluate(() => (window as unknown as { tellStory(): void }).tellStory(), undefined);
      expect(
        await until(
          () => page.evaluate(countPaintedRanges, undefined),
          (n) => n === 1,
        ),
        'the top page is about the story',
      ).toBe(1);
      await expectOneMark(driver, page, '#reaction', 'the srcdoc frame is marked');
      await expectOneMark(driver, page, '#factbox', 'the src frame is marked');
    },
  },
  {
    name: 'left unmarked on a page not about the story, even beside a frame that is',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/frames-context.html?topic=none');
      await expectOneMark(driver, page, '#sibling', 'the sibling frame is marked');
      // The top document has looked at its text (its first stage, or the engine if that was loaded).
      const settled = async () => ((await page.send({ type: 'incontext:stats' })) as { settled: boolean }).settled;
      expect(await until(settled, (s) => s)).toBe(true);
      await sleep(1000);
      expect(await painted(page, '#reaction')()).toBe(0);
      expect(await painted(page, '#factbox')()).toBe(0);
      expect(await page.evaluate(countPaintedRanges, undefined)).toBe(0);
    },
  },
];

export const frameScenarios: Scenario[] = [
  {
    name: 'frames are marked; the contract lists the top document only; badge and popup count every frame; a cross-origin frame is left alone',
    async run(driver) {
      const { expect } = driver;
      const other = await startStaticServer();
      try {
        const page = await openFrames(driver, `/detection/frames.html?cross=${encodeURIComponent(other.origin)}`);
        expect(await page.evaluate(countPaintedRanges, undefined)).toBe(1);

        // The public contract: the top document's mentions, in order, nothing from the frames.
        const top = (await page.send({ type: 'incontext:mentions' })) as { url: string; mentions: Mention[] };
        expect(top.url).toBe(page.url);
        expect(top.mentions.map((m) => [m.entityId, m.text])).toEqual([['cis-moa', 'CIS-MOA']]);

        // Every frame, asked by frame id: the same-origin ones answer for themselves; the cross-origin one has no listener.
        const tabId = await page.tabId();
        const frames = await driver.inExtension(async (api, tabId) => {
          const found = await api.scripting.executeScript({
            target: { tabId, allFrames: true },
            func: () => location.href,
          });
          return Promise.all(
            found.map(async ({ frameId, result }) => ({
              frameId,
              href: result as string,
              reply: (await api.tabs
                .sendMessage(tabId, { type: 'incontext:frame-mentions' }, { frameId })
                .catch((e: Error) => e.message)) as { mentions: Mention[] } | string,
            })),
          );
        }, tabId);
        const origin = new URL(page.url).origin;
        const child = frames.find((f) => f.href.startsWith(origin) && f.href.includes('frames-child'));
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
        expect(cross, 'the cross-origin frame loaded').toBeTruthy();
        expect(typeof cross!.reply, 'the cross-origin frame answers nothing').toBe('string');
        expect(await page.inFrame('#cross', () => CSS.highlights.size, undefined)).toBe(0);

        // The badge is the sum over frames: 1 (top) + 2 (child) + 2 (srcdoc).
        await expectBadge(driver, tabId, '5');

        const popup = await driver.openExtension(`/popup.html?tab=${tabId}`, '.on-page-item');
        try {
          const visible = () =>
            popup.evaluate(() => document.querySelector('.on-page-item')?.checkVisibility() ?? false, undefined);
          expect(await until(visible, (v) => v), 'the first "on this page" item is visible').toBe(true);
          const shown = await popup.evaluate(
            () =>
              [...document.querySelectorAll('.on-page-item')].map(
                (el) =>
                  [el.getAttribute('data-entity-id'), Number(el.querySelector('.on-page-count')?.textContent)] as [
                    string,
                    number,
                  ],
              ),
            undefined,
          );
          expect(Object.fromEntries(shown)).toEqual({ 'cis-moa': 2, imet: 1, 'asim-munir': 2 });
        } finally {
          await popup.close();
        }

        // A frame that goes away takes its count with it.
        await page.front();
        await page.evaluate(() => document.getElementById('child')!.remove(), undefined);
        await expectBadge(driver, tabId, '3');
      } finally {
        await other.close();
      }
    },
  },
  {
    name: 'hovering a mention inside a frame opens the card in that frame',
    async run(driver) {
      const { expect } = driver;
      const page = await openFrames(driver, '/detection/frames.html');
      // The badge is set last (after the card UI is loaded): hover from then on is certain to be tracked.
      await expectBadge(driver, await page.tabId(), '5');
      const inFrame = await page.inFrame('#child', pointOfText, { needle: 'IMET' });
      const box = await page.evaluate((selector) => {
        const { x, y } = document.querySelector(selector)!.getBoundingClientRect();
        return { x, y };
      }, '#child');
      expect(inFrame).not.toBeNull();
      // The frame's viewport starts inside its 1 px border.
      const x = box.x + 1 + inFrame!.x;
      const y = box.y + 1 + inFrame!.y;
      await page.mouseMove(x, y - 30);
      await page.mouseMove(x, y, 3);
      const card = await until(
        () => page.inFrameCard('#child', openCardText, undefined),
        (c) => c?.entityId === 'imet',
      );
      expect(card).toMatchObject({ entityId: 'imet' });
    },
  },
  ...contextTierScenarios.map((s) => ({
    ...s,
    name: `a frame naming only context-tier people follows its top page: ${s.name}`,
  })),
];
