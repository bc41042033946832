/**
 * The shared scenarios (tests/e2e/scenarios/) in Chromium, through Playwright. Each test gets the worker's
 * context with the extension loaded; the fixture `page` is the first tab a scenario opens (so the fixture's
 * check that nothing left 127.0.0.1 runs for every scenario), and every page opened fails the test on an error.
 * The README screenshots (tests/screenshots/) are written here, from Chromium only.
 */
import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { inCardChromium, inFrameCardChromium } from '../../support/closedCard';
import { QUIET_CHROMIUM_FLAGS } from '../../support/chromiumFlags';
import { chromiumBin, repoRoot } from '../../support/paths';
import type { StaticServer } from '../../support/staticServer';
import { cardScenarios } from '../scenarios/card';
import { detectionScenarios } from '../scenarios/detection';
import { frameScenarios } from '../scenarios/frames';
import { keyboardScenarios } from '../scenarios/keyboard';
import { until, withExtensionApi, type Scenario, type ScenarioDriver, type ScenarioPage } from '../scenarios/driver';
import { markScenarios } from '../scenarios/marks';
import { popupScenarios } from '../scenarios/popup';
import { schemeScenarios } from '../scenarios/scheme';
import { shadowScenarios } from '../scenarios/shadow';
import { skeletonScenarios } from '../scenarios/skeleton';
import { touchScenarios } from '../scenarios/touch';
import { trustScenarios } from '../scenarios/trust';
import { expect, test } from './fixtures';

/** One DevTools session per page for taps: touch emulation lasts as long as the session that turned it on. */
const touchSessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * A tap as Playwright's touchscreen makes it, without a `hasTouch` context (the extension's persistent context is
 * shared by every test): touch emulation for this page, then one touch down and up at the point.
 */
async function tapChromium(page: Page, x: number, y: number): Promise<void> {
  let session = touchSessions.get(page);
  if (!session) {
    session = page
      .context()
      .newCDPSession(page)
      .then(async (cdp) => {
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
        return cdp;
      });
    touchSessions.set(page, session);
  }
  const cdp = await session;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

interface Given {
  page: Page;
  extContext: BrowserContext;
  extensionId: string;
  server: StaticServer;
  serviceWorker: Worker;
  pageErrors: string[];
}

/** A driver over the test's fixtures; `finish` closes what the scenario left open (the fixture closes `page`). */
function chromiumDriver(given: Given): { driver: ScenarioDriver; finish(): Promise<void> } {
  const { extContext, extensionId, server, serviceWorker, pageErrors } = given;
  const opened: Page[] = [];
  let fixturePageUsed = false;

  const inBackground = <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) =>
    serviceWorker.evaluate(fn as never, arg) as Promise<R>;

  /** The fixture page first (its teardown checks the network log), then new tabs whose errors fail the test too. */
  async function nextPage(): Promise<Page> {
    if (!fixturePageUsed) {
      fixturePageUsed = true;
      return given.page;
    }
    const page = await extContext.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(`${page.url()}: console.error: ${msg.text()}`);
    });
    opened.push(page);
    return page;
  }

  function scenarioPage(page: Page, url: string): ScenarioPage {
    let tabId: Promise<number> | undefined;
    const findTab = async () => {
      // Ask each tab's content script where it is: that also proves the content script is there (and waits for it).
      const found = await until(
        () =>
          inBackground(async (url) => {
            for (const tab of await chrome.tabs.query({})) {
              if (tab.id === undefined) continue;
              const where = await chrome.tabs
                .sendMessage(tab.id, { type: 'incontext:mentions' })
                .catch(() => undefined);
              if ((where as { url?: string } | undefined)?.url === url) return tab.id;
            }
            return null;
          }, url),
        (id) => id !== null,
      );
      if (found === null) throw new Error(`no content script answers for ${url}`);
      return found;
    };
    const send = async (message: unknown) => {
      const id = await (tabId ??= findTab());
      return inBackground(({ id, message }) => chrome.tabs.sendMessage(id, message), { id, message });
    };
    return {
      url,
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      inCard: (fn, arg) => inCardChromium(page, fn, arg),
      inFrame: async (frameSelector, fn, arg) => {
        const frame = await (await page.locator(frameSelector).elementHandle())!.contentFrame();
        return frame!.evaluate(fn as never, arg) as never;
      },
      inFrameCard: (frameSelector, fn, arg) => inFrameCardChromium(page, frameSelector, fn, arg),
      mouseMove: (x, y, steps) => page.mouse.move(x, y, { steps }),
      mouseClick: (x, y) => page.mouse.click(x, y),
      tap: (x, y) => tapChromium(page, x, y),
      wheel: (dx, dy) => page.mouse.wheel(dx, dy),
      press: (key) => page.keyboard.press(key),
      type: (text) => page.keyboard.type(text),
      setViewport: (width, height) => page.setViewportSize({ width, height }),
      colorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
      front: () => page.bringToFront(),
      tabId: () => (tabId ??= findTab()),
      send,
      mentions: async () =>
        (
          (await send({ type: 'incontext:mentions' })) as {
            mentions: { entityId: string; name: string; text: string }[];
          }
        ).mentions,
      axe: async (include) => {
        let builder = new AxeBuilder({ page });
        for (const selector of include ?? []) builder = builder.include(selector);
        const results = await builder.analyze();
        return {
          serious: results.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.help}`),
          passedNodes: results.passes.reduce((sum, p) => sum + p.nodes.length, 0),
        };
      },
      screenshot: async (name) => {
        await page.screenshot({ path: resolve(repoRoot, 'tests/screenshots', name) });
      },
      // The fixture page stays open for the fixture's own teardown: leaving its document is what closing means here.
      close: async () => {
        if (page.isClosed()) return;
        if (page === given.page) await page.goto('about:blank');
        else await page.close();
      },
    };
  }

  const driver: ScenarioDriver = {
    expect: expect as never,
    browserName: 'chromium',
    extensionId,
    urlOf: (path) => server.url(path),
    open: async (path) => {
      const page = await nextPage();
      const url = server.url(path);
      await page.goto(url);
      await page.bringToFront();
      return scenarioPage(page, url);
    },
    openExtension: async (path, readySelector) => {
      const page = await nextPage();
      const url = `chrome-extension://${extensionId}${path.startsWith('/') ? path : `/${path}`}`;
      await page.goto(url);
      if (readySelector) await page.waitForSelector(readySelector, { state: 'attached' });
      await page.bringToFront();
      return scenarioPage(page, url);
    },
    inExtension: (fn, arg) => inBackground(withExtensionApi(fn), arg),
    tabCount: async () => extContext.pages().length,
    openUnscannableTab: () =>
      inBackground(async () => (await chrome.tabs.create({ url: 'chrome://version/', active: false })).id ?? -1, null),
    withoutExtension: async (path, fn) => {
      const plain = await chromium.launch({ executablePath: chromiumBin, headless: true, args: QUIET_CHROMIUM_FLAGS });
      try {
        const page = await plain.newPage();
        await page.goto(server.url(path));
        return await page.evaluate(fn);
      } finally {
        await plain.close();
      }
    },
  };

  return {
    driver,
    finish: async () => {
      for (const page of opened) if (!page.isClosed()) await page.close();
      // Tabs the extension opened (the card's "Search all facts") live as long as the worker's context; close them now.
      for (const extra of extContext.pages())
        if (extra !== given.page && extra.url().startsWith('chrome-extension:')) await extra.close();
    },
  };
}

const groups: [title: string, scenarios: Scenario[]][] = [
  ['skeleton: marks, the mentions contract, the card from IndexedDB, popup and options', skeletonScenarios],
  ['detection on fixture pages', detectionScenarios],
  ['hover card', cardScenarios],
  ['toolbar popup and options', popupScenarios],
  ['trust: a page cannot read, fake or switch off the card', trustScenarios],
  ['same-origin frames', frameScenarios],
  ['open shadow roots', shadowScenarios],
  ['marks: first mention only', markScenarios],
  ['card colours follow the page', schemeScenarios],
  ['card by keyboard', keyboardScenarios],
  ['touch: tap, bottom sheet', touchScenarios],
];

for (const [title, scenarios] of groups) {
  test.describe(title, () => {
    for (const scenario of scenarios) {
      test(scenario.name, async ({ page, extContext, extensionId, server, serviceWorker, pageErrors }) => {
        const { driver, finish } = chromiumDriver({ page, extContext, extensionId, server, serviceWorker, pageErrors });
        try {
          await scenario.run(driver);
        } finally {
          await finish();
        }
        expect(pageErrors).toEqual([]);
      });
    }
  });
}

/*
 * Chromium only: the popup is made to fail reading settings by replacing chrome.storage.local.get before its
 * scripts run (Playwright's addInitScript). The Firefox suites never had this test: puppeteer over BiDi loads
 * moz-extension pages without a navigation it can wait for (see firefoxHarness.openExtensionPage), and a preload
 * script there, replacing `browser.storage.local.get` before the popup's module runs, is not something the
 * harness does yet.
 */
test.describe('toolbar popup and options', () => {
  test('when settings storage cannot be read, the popup says so in one line and works on the defaults', async ({
    extContext,
    extensionId,
  }) => {
    const popup = await extContext.newPage();
    try {
      const errors: string[] = [];
      popup.on('pageerror', (error) => errors.push(error.message));
      await popup.addInitScript(() => {
        Object.defineProperty(chrome.storage.local, 'get', {
          value: () => Promise.reject(new Error('simulated storage failure')),
        });
      });
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await expect(popup.locator('.settings-problem')).toHaveText(
        'Settings could not be read (simulated storage failure); using the defaults.',
      );
      await expect(popup.getByLabel('Pause everywhere')).not.toBeChecked();
      await expect(popup.locator('.results-heading')).toHaveText('Timeline');
      await popup.getByRole('searchbox', { name: 'Search the dossier' }).fill('kurila');
      await expect(popup.locator('#search-results .result').first()).toContainText('Kurilla');
      // Saving needs a read first, so it fails too: said in the same line, the toggle back to what is in force.
      await popup.getByLabel('Pause everywhere').click();
      await expect(popup.locator('.settings-problem')).toHaveText(
        'Settings could not be saved (simulated storage failure).',
      );
      await expect(popup.getByLabel('Pause everywhere')).not.toBeChecked();
      expect(errors).toEqual([]);
    } finally {
      await popup.close();
    }
  });
});
