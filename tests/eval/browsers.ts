/**
 * The two browsers the eval runs in, each launched once with the built extension and its own static server on
 * 127.0.0.1; pages are opened one at a time in a fresh tab and closed after reading.
 *
 * - Chromium: Playwright's persistent context, as tests/e2e/chromium/fixtures.ts sets it up (that file is a
 *   Playwright Test fixture, so its launch is repeated here rather than imported). Anything not local is aborted.
 * - Firefox ESR: the puppeteer-core harness of the Firefox suite (tests/e2e/firefox/firefoxHarness.ts) as is,
 *   with its refusing proxy; its extension page runs the probes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { launchFirefox, showPage } from '../e2e/firefox/firefoxHarness';
import { withExtension } from '../support/chromiumFlags';
import { chromeBuildDir, chromiumBin } from '../support/paths';
import { startStaticServer } from '../support/staticServer';
import { readerTextInPage } from './corpus';
import { runPage, type InExtension, type PageRun } from './pageRun';
import { asExpression } from './tabProbes';

export type BrowserName = 'chromium' | 'firefox';

export interface BrowserSession {
  name: BrowserName;
  /**
   * Loads `path` (served from tests/fixtures), reads what the extension reports, then the page's reader text
   * (for the corpus self-check; read after the extension's reading so it cannot delay the scan).
   */
  run(path: string): Promise<{ run: PageRun; readerText: string }>;
  close(): Promise<void>;
}

const LOCAL = /^(http:\/\/127\.0\.0\.1[:/]|chrome-extension:|data:|blob:|about:)/;

export async function openChromium(): Promise<BrowserSession> {
  const server = await startStaticServer();
  const profile = mkdtempSync(join(tmpdir(), 'incontext-eval-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumBin,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: withExtension(chromeBuildDir),
  });
  await context.route(
    (url) => !LOCAL.test(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  // Listen before looking, so a worker that registers in between is not missed. On a loaded machine the worker
  // sometimes starts only when something wakes it: a page whose content script asks the background does.
  const registered = context.waitForEvent('serviceworker', { timeout: 60_000 });
  registered.catch(() => undefined);
  let sw = context.serviceWorkers()[0];
  if (!sw) {
    const nudge = await context.newPage();
    await nudge.goto(server.url('/corpus/on-topic/explainer-qa-table.html')).catch(() => undefined);
    sw = context.serviceWorkers()[0] ?? (await registered);
    await nudge.close();
  }
  // Source text, not a function: see asExpression. (The worker may be restarted, so no global shim is relied on.)
  const inExtension: InExtension = (fn, arg) => sw.evaluate(asExpression(fn, arg));
  const withPage = async <T>(path: string, use: (page: Page) => Promise<T>): Promise<T> => {
    const page = await context.newPage();
    try {
      await page.goto(server.url(path), { waitUntil: 'load' });
      return await use(page);
    } finally {
      await page.close();
    }
  };
  return {
    name: 'chromium',
    run: (path) =>
      withPage(path, async (page) => {
        const run = await runPage(inExtension, page.url());
        return { run, readerText: (await page.evaluate(asExpression(readerTextInPage, null))) as string };
      }),
    close: async () => {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function openFirefox(): Promise<BrowserSession> {
  const ff = await launchFirefox();
  // The extension page's CSP forbids eval, so the probes go as functions; the page is never reloaded, so esbuild's
  // `__name` helper (see asExpression) can be defined there once.
  await ff.inExtension(() => {
    (globalThis as { __name?: unknown }).__name = (f: unknown) => f;
  }, null);
  const inExtension: InExtension = (fn, arg) => ff.inExtension(fn as (arg: unknown) => unknown, arg);
  return {
    name: 'firefox',
    run: async (path) => {
      const url = ff.server.url(path);
      const page = await ff.openPage(url);
      try {
        // The selected, visible tab: Firefox gives hidden tabs almost no animation frames, and the engine scans per frame.
        await showPage(page);
        const run = await runPage(inExtension, page.url());
        return { run, readerText: (await page.evaluate(asExpression(readerTextInPage, null))) as string };
      } finally {
        await page.close();
      }
    },
    close: () => ff.close(),
  };
}
