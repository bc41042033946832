/**
 * UI latency benchmark, part of `npm run bench` (also `npm run bench:ui`). Loads the built extension into
 * headless Chromium and prints, never asserts:
 *  - hover: from the end of hover intent (the card's open call) to the first frame with the card in place,
 *    as recorded by the card itself and read through the `incontext:stats` message;
 *  - popup: from a keystroke in the search box (the event's timestamp) to the frame after the results
 *    list changed, measured inside the popup page.
 * Medians and p95 over many samples; targets: hover ≤ 16 ms (one frame), popup ≤ 10 ms.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromeBuildDir, chromiumBin } from '../support/paths';
import { inCardChromium } from '../support/closedCard';
import { pointOfText } from '../support/pageProbes';
import { startStaticServer } from '../support/staticServer';
import { withExtension } from '../support/chromiumFlags';

const HOVER_SAMPLES = 40;
const QUERIES = [
  'kurila',
  'cismoa',
  'bajwa',
  'imet programme',
  'state department',
  'soleimani',
  'pompeo',
  'joint staff',
];

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface OpenTiming {
  inPlaceMs: number;
  paintedMs: number;
}

async function hoverLatencies(
  page: Page,
  url: string,
  sendToTab: (message: unknown) => Promise<unknown>,
): Promise<OpenTiming[]> {
  await page.goto(url);
  await page.waitForFunction(() => (CSS.highlights.get('xr-mark')?.size ?? 0) > 5);
  const needles = ['CIS-MOA', 'Michael Erik Kurilla', 'IMET', 'Qamar Javed Bajwa', 'Asim Munir', 'Mike Pompeo'];
  for (let i = 0; i < HOVER_SAMPLES; i++) {
    const point = await page.evaluate(pointOfText, { needle: needles[i % needles.length]!, nth: 0 });
    if (!point) continue;
    await page.mouse.move(point.x, point.y - 20);
    await page.mouse.move(point.x, point.y, { steps: 2 });
    for (
      let i = 0;
      i < 500 &&
      !(await inCardChromium(
        page,
        (root) => root.querySelector<HTMLElement>('.ic-layer')?.style.visibility === 'visible',
      ));
      i++
    )
      await page.waitForTimeout(10);
    await page.keyboard.press('Escape');
    for (let i = 0; i < 500 && (await inCardChromium(page, (root) => root.querySelector('.ic-card') !== null)); i++)
      await page.waitForTimeout(10);
    await page.mouse.move(2, 2);
  }
  const stats = (await sendToTab({ type: 'incontext:stats' })) as { cardOpenMs: OpenTiming[] };
  return stats.cardOpenMs;
}

async function popupLatencies(page: Page, popupUrl: string): Promise<{ renderedMs: number; paintedMs: number }[]> {
  await page.goto(popupUrl);
  await page.waitForSelector('#search-results');
  await page.evaluate(() => {
    const w = window as unknown as { samples: { renderedMs: number; paintedMs: number }[]; pending?: number };
    w.samples = [];
    const input = document.querySelector('input[type=search]')!;
    input.addEventListener('input', (e) => (w.pending = e.timeStamp), true);
    new MutationObserver(() => {
      const from = w.pending;
      if (from === undefined) return;
      w.pending = undefined;
      const renderedMs = performance.now() - from;
      requestAnimationFrame(() => w.samples.push({ renderedMs, paintedMs: performance.now() - from }));
    }).observe(document.getElementById('search-results')!.parentElement!, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  for (const query of QUERIES) {
    await page.fill('input[type=search]', '');
    for (const ch of query) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(30);
    }
  }
  return page.evaluate(() => (window as unknown as { samples: { renderedMs: number; paintedMs: number }[] }).samples);
}

export async function main(): Promise<void> {
  const server = await startStaticServer();
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'incontext-bench-ui-')), {
    executablePath: chromiumBin,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: withExtension(chromeBuildDir),
  });
  // tsx compiles with esbuild's keepNames, which wraps functions in a `__name` helper that only exists in Node:
  // probes passed to page.evaluate (pointOfText) need it in the page too.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  try {
    // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; functions sent to a page
    // (pointOfText) carry those calls, so the page needs the helper as well.
    await context.addInitScript('globalThis.__name ??= (fn) => fn;');
    await context.route(
      (u) => !/^(http:\/\/127\.0\.0\.1[:/]|chrome-extension:|data:|about:)/.test(u.href),
      (r) => r.abort(),
    );
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(sw.url()).host;
    const url = server.url('/demo.html');
    const page = await context.newPage();
    const sendToTab = (message: unknown) =>
      sw.evaluate(
        async ({ url, message }) => {
          const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
          const tab = (await api.tabs.query({})).find((t) => t.url === url);
          return api.tabs.sendMessage(tab!.id!, message);
        },
        { url, message },
      );
    const hover = await hoverLatencies(page, url, sendToTab);
    const popup = await popupLatencies(await context.newPage(), `chrome-extension://${extensionId}/popup.html`);

    console.log('\n== 6. UI latency (built extension in headless Chromium) ==');
    console.log('measure                                         samples  median     p95      target');
    const row = (name: string, xs: number[], target: number) =>
      console.log(
        `${name.padEnd(48)}${String(xs.length).padStart(7)}  ${ms(percentile(xs, 50)).padStart(8)}  ${ms(percentile(xs, 95)).padStart(8)}  ≤ ${target} ms p95 → ${percentile(xs, 95) <= target ? 'met' : 'MISSED'}`,
      );
    row(
      'hover intent end → card in place (our work)',
      hover.map((h) => h.inPlaceMs),
      16,
    );
    row(
      'hover intent end → next frame (painted)',
      hover.map((h) => h.paintedMs),
      16,
    );
    row(
      'popup keystroke → results in the DOM',
      popup.map((p) => p.renderedMs),
      10,
    );
    row(
      'popup keystroke → next frame (painted)',
      popup.map((p) => p.paintedMs),
      10,
    );
    console.log('(the "next frame" rows include waiting for the next vsync, 0–16.7 ms at 60 Hz)');
  } finally {
    await context.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
