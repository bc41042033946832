/**
 * Playwright fixtures: one persistent Chromium context per worker with the built extension loaded,
 * the local static server, and a network log. Every test fails if anything — page or extension —
 * requested something other than 127.0.0.1 or the extension itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { chromeBuildDir, chromiumBin } from '../../support/paths';
import { startStaticServer, type StaticServer } from '../../support/staticServer';
import { withExtension } from '../../support/chromiumFlags';

export { expect };

const LOCAL = /^(http:\/\/127\.0\.0\.1[:/]|chrome-extension:|data:|blob:|about:)/;

interface WorkerFixtures {
  server: StaticServer;
  extContext: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  foreignRequests: string[];
}

interface TestFixtures {
  page: Page;
  /** Sends a runtime message to the content script of the tab showing `url`, from the extension's background. */
  sendToTab: (url: string, message: unknown) => Promise<unknown>;
  /** The id of the tab showing `url` (found through its content script). */
  tabIdFor: (url: string) => Promise<number>;
  /** Runs code in the extension's service worker. */
  inBackground: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;
  pageErrors: string[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startStaticServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  foreignRequests: [async ({}, use) => use([]), { scope: 'worker' }],
  extContext: [
    async ({ foreignRequests }, use) => {
      const profile = mkdtempSync(join(tmpdir(), 'incontext-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumBin,
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: withExtension(chromeBuildDir),
        // The card's "copy with citation" is checked by reading the clipboard back.
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      // Anything not local is blocked and recorded: the extension must not need the network.
      await context.route(
        (url) => !LOCAL.test(url.href),
        (route) => {
          foreignRequests.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  serviceWorker: [
    async ({ extContext }, use) => {
      const sw = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
      await use(sw);
    },
    { scope: 'worker' },
  ],
  extensionId: [async ({ serviceWorker }, use) => use(new URL(serviceWorker.url()).host), { scope: 'worker' }],

  pageErrors: async ({}, use) => use([]),
  page: async ({ extContext, pageErrors, foreignRequests }, use) => {
    const page = await extContext.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(`console.error: ${msg.text()}`);
    });
    const before = foreignRequests.length;
    await use(page);
    await page.close();
    expect(foreignRequests.slice(before), 'requests that left 127.0.0.1').toEqual([]);
  },
  tabIdFor: async ({ serviceWorker }, use) => {
    await use((url) =>
      serviceWorker.evaluate(async (url) => {
        // Ask each tab's content script where it is: that also proves the content script is there.
        for (const tab of await chrome.tabs.query({})) {
          if (tab.id === undefined) continue;
          const where = await chrome.tabs.sendMessage(tab.id, { type: 'incontext:mentions' }).catch(() => undefined);
          if ((where as { url?: string } | undefined)?.url === url) return tab.id;
        }
        throw new Error(`no content script answers for ${url}`);
      }, url),
    );
  },
  sendToTab: async ({ serviceWorker, tabIdFor }, use) => {
    await use(async (url, message) => {
      const tabId = await tabIdFor(url);
      return serviceWorker.evaluate(({ tabId, message }) => chrome.tabs.sendMessage(tabId, message), {
        tabId,
        message,
      });
    });
  },
  inBackground: async ({ serviceWorker }, use) => {
    await use((fn, arg) => serviceWorker.evaluate(fn as never, arg) as never);
  },
});
