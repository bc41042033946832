/**
 * Detection on fixture pages: the exact mentions of the static fixtures, a page left identical (text and DOM)
 * compared with the same browser without the extension, late content, infinite scroll, re-renders, a page that
 * churns thousands of mutations a second, SPA navigation.
 *
 * Pages are opened as the selected, visible tab: a background tab is `hidden`, where Firefox runs no animation
 * frames, and the engine's "one batch per frame" would not be what is measured.
 */
import { countPaintedRanges } from '../../support/pageProbes';
import { STATIC_FIXTURES } from '../../support/staticFixtures';
import { until, type Scenario, type ScenarioDriver, type ScenarioPage } from './driver';

/** innerText and element/node counts: what a page (or a framework) would notice if we changed its DOM. */
function domFingerprint() {
  let nodes = 0;
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  return { text: document.body.innerText, nodes, bodyChildren: document.body.childNodes.length };
}

const painted = (page: ScenarioPage) => page.evaluate(countPaintedRanges, undefined);

/**
 * dynamic.html adds a paragraph with "CIS-MOA" one second after load. The app's third row says "CIS-MOA" from
 * the start, so waiting for any "CIS-MOA" returns at once, and the late paragraph can then land between a
 * mentions reply and the painted count that should equal it. Wait for the second one.
 */
async function lateContentMarked(driver: ScenarioDriver, page: ScenarioPage): Promise<void> {
  const cisMoas = async () => (await page.mentions()).filter((m) => m.text === 'CIS-MOA').length;
  driver.expect(await until(cisMoas, (n) => n === 2)).toBe(2);
  driver
    .expect(await page.evaluate(() => document.getElementById('late-p')?.textContent, undefined))
    .toContain('CIS-MOA');
}

const fixtureScenarios: Scenario[] = STATIC_FIXTURES.map((fixture) => ({
  name: fixture.title,
  async run(driver) {
    const { expect } = driver;
    const page = await driver.open(fixture.path);
    if (fixture.bodyTag) expect(await page.evaluate(() => document.body.tagName, undefined)).toBe(fixture.bodyTag);
    expect(
      await until(
        () => painted(page),
        (n) => n > 0,
      ),
    ).toBeGreaterThan(0);
    const mentions = await page.mentions();
    expect(mentions.map((m) => [m.entityId, m.text])).toEqual(fixture.mentions);
    expect(await painted(page)).toBe(mentions.length);
  },
}));

export const detectionScenarios: Scenario[] = [
  ...fixtureScenarios,
  {
    name: 'the page text and DOM are identical with and without the extension',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/demo.html');
      expect(
        await until(
          () => painted(page),
          (n) => n > 5,
        ),
      ).toBeGreaterThan(5);
      const withExtension = await page.evaluate(domFingerprint, undefined);
      await page.close();

      const without = await driver.withoutExtension('/demo.html', () => {
        // The page is plain: no highlights registered by anyone.
        let highlights = 0;
        for (const name of ['xr-mark', 'xr-tint', 'xr-mark-faint', 'xr-tint-faint'])
          highlights += CSS.highlights.get(name)?.size ?? 0;
        let nodes = 0;
        const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ALL);
        while (walker.nextNode()) nodes++;
        return {
          highlights,
          fingerprint: { text: document.body.innerText, nodes, bodyChildren: document.body.childNodes.length },
        };
      });
      expect(without.highlights).toBe(0);
      expect(withExtension).toEqual(without.fingerprint);
    },
  },
  {
    name: 'late content, infinite scroll and re-renders are kept up to date without errors',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/dynamic.html');
      const mentions = () => page.mentions();

      // Added one second after load.
      await lateContentMarked(driver, page);

      // 200 paragraphs appended by "infinite scroll", each with two mentions.
      const before = (await mentions()).length;
      await page.evaluate(
        () => (window as unknown as { appendFeed: (n: number) => Promise<number> }).appendFeed(200),
        undefined,
      );
      expect(
        await until(
          async () => (await mentions()).length,
          (n) => n === before + 400,
        ),
      ).toBe(before + 400);
      expect(await painted(page)).toBe(before + 400);

      // A re-render replaces marked text: the old mark goes, the new text is marked, nothing is stale.
      await page.evaluate(
        () =>
          (window as unknown as { setRows: (r: string[]) => void }).setRows([
            'Plain row one',
            'IMET row two',
            'CIS-MOA row three',
          ]),
        undefined,
      );
      const lastTwo = await until(
        async () => (await mentions()).slice(-2).map((m) => m.text),
        (t) => t.length === 2 && t[0] === 'IMET' && t[1] === 'CIS-MOA',
      );
      expect(lastTwo).toEqual(['IMET', 'CIS-MOA']);
      // Row one's text changed in place (same node, no removal): its old mark went with it, so one IMET moved.
      expect(
        await until(
          async () => (await mentions()).length,
          (n) => n === before + 400,
        ),
      ).toBe(before + 400);
      expect(await painted(page)).toBe(before + 400);
      // Replacing the app's two marked rows with plain text leaves the rest as it was.
      await page.evaluate(
        () => (window as unknown as { replaceApp: (h: string) => void }).replaceApp('<p>Nothing to see</p>'),
        undefined,
      );
      expect(
        await until(
          async () => (await mentions()).length,
          (n) => n === before + 400 - 2,
        ),
      ).toBe(before + 400 - 2);
      expect(await painted(page)).toBe(before + 400 - 2);
    },
  },
  {
    name: 'widely known names show only once the page mentions a core entity, also when that comes later',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/context.html');
      // The first look is done and found no core or related anchor (only context-tier names): the engine is not
      // even loaded, and nothing shows.
      const stage = async () => ((await page.send({ type: 'incontext:stats' })) as { stage: string }).stage;
      expect(await until(stage, (s) => s === 'watching')).toBe('watching');
      expect(await page.mentions()).toEqual([]);
      expect(await painted(page)).toBe(0);
      await page.evaluate(() => (window as unknown as { addCore: () => void }).addCore(), undefined);
      const pairs = async () => (await page.mentions()).map((m) => [m.entityId, m.text]);
      expect(await until(pairs, (p) => p.length === 5)).toEqual([
        ['donald-trump', 'Donald Trump'],
        ['mike-pompeo', 'Mike Pompeo'],
        ['mike-pompeo', 'Pompeo'],
        ['imet', 'IMET'],
        ['mike-pompeo', 'Pompeo'], // its full name was set aside when this block was first scanned
      ]);
      expect(await painted(page)).toBe(5);
    },
  },
  {
    name: 'a page that mutates thousands of times a second does not make the extension spin',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/dynamic.html');
      expect(
        await until(
          () => painted(page),
          (n) => n > 0,
        ),
      ).toBeGreaterThan(0);
      // Only the churn is measured, not the late paragraph.
      await lateContentMarked(driver, page);
      const before = (await page.send({ type: 'incontext:stats' })) as { batches: number };
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
      }, undefined);
      expect(mutations).toBeGreaterThan(3000);
      const after = (await page.send({ type: 'incontext:stats' })) as { batches: number };
      // Thousands of mutations cost at most one batch of rescanning per frame (plus the one after the last).
      expect(after.batches - before.batches, `${mutations} mutations in ${frames} frames`).toBeLessThanOrEqual(
        frames + 2,
      );
      // Still responsive and correct afterwards.
      expect((await page.mentions()).length).toBe(await painted(page));
    },
  },
  {
    name: 'an SPA navigation starts a fresh scan',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.open('/detection/dynamic.html');
      expect(
        await until(
          () => painted(page),
          (n) => n > 0,
        ),
      ).toBeGreaterThan(0);
      // The late paragraph would otherwise race the count after the navigation.
      await lateContentMarked(driver, page);
      // The tab is found before the address changes; it is the same tab after.
      await page.tabId();
      await page.evaluate(
        () =>
          (window as unknown as { navigateSpa: (p: string, t: string) => void }).navigateSpa(
            '/detection/dynamic.html?story=2',
            'A new story about IMET.',
          ),
        undefined,
      );
      const nextUrl = driver.urlOf('/detection/dynamic.html?story=2');
      const reply = () =>
        page.send({ type: 'incontext:mentions' }) as Promise<{
          url: string;
          mentions: { entityId: string; name: string; text: string }[];
        }>;
      expect((await until(reply, (r) => r.url === nextUrl)).url).toBe(nextUrl);
      const { mentions } = await reply();
      expect(mentions[0]).toEqual({ entityId: 'imet', name: 'IMET', text: 'IMET' });
      expect(mentions.length).toBe(await painted(page));
    },
  },
];
