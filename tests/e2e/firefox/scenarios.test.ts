/**
 * The shared scenarios (tests/e2e/scenarios/) in Firefox ESR with the firefox-mv3 build, through puppeteer-core
 * over WebDriver BiDi. Each group gets its own Firefox (tests/e2e/firefox/firefoxHarness.ts), and ends by checking
 * that no page reported an error and nothing in Firefox tried to leave 127.0.0.1.
 *
 * The harness opens its extension tab first; each page a scenario opens is then made the selected, visible tab,
 * and brought back whenever the scenario says the reader looks at it: Firefox gives background tabs almost no
 * animation frames, and hover is sampled once per frame. No screenshots here (the Chromium runs write them).
 */
import type { Frame, KeyInput, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { inCardFirefox, inFrameCardFirefox } from '../../support/closedCard';
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
import {
  EXTENSION_ID,
  LOCAL,
  launchFirefox,
  launchPlainFirefox,
  runAxe,
  sendToTabId,
  seriousOrCritical,
  setColorScheme,
  showPage,
  tabIdFor,
  type FirefoxHarness,
} from './firefoxHarness';

/** The extension API as seen inside extension pages (evaluated code runs there, not in Node). */
declare const browser: WxtBrowser;

/**
 * Where a pointer can go in Firefox. WebDriver input rounds pointer coordinates to integers: a point at y = 899.6
 * of a 900 px viewport (the first "IMET" of the zoomed demo page, once) becomes y = 900, just below the viewport,
 * and the move hits nothing; truncating keeps every point inside the pixel it falls in. And Firefox refuses a move
 * outside the viewport ("move target out of bounds") where Chromium allows it: a reader's approach from 30 px above
 * a word on the first line starts at the top edge instead.
 */
async function pixel(page: Page, x: number, y: number): Promise<[number, number]> {
  const vp = page.viewport() ?? (await page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight })));
  const clamp = (v: number, size: number) => Math.min(Math.max(Math.floor(v), 0), size - 1);
  return [clamp(x, vp.width), clamp(y, vp.height)];
}

/** The frame shown by the iframe `selector` of `page`. */
async function frameOf(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.$(selector))?.contentFrame();
  if (!frame) throw new Error(`no frame shown by ${selector}`);
  return frame;
}

function firefoxDriver(ff: FirefoxHarness): { driver: ScenarioDriver; finish(): Promise<void> } {
  const opened: Page[] = [];
  let schemeChanged = false;

  function scenarioPage(page: Page, url: string): ScenarioPage {
    let tabId: Promise<number> | undefined;
    const findTab = async () => {
      const found = await until(
        () => tabIdFor(ff, url).catch(() => null),
        (id) => id !== null,
      );
      if (found === null) throw new Error(`no content script answers for ${url}`);
      return found;
    };
    const send = async (message: unknown) => sendToTabId(ff, await (tabId ??= findTab()), message);
    return {
      url,
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      inCard: (fn, arg) => inCardFirefox(page, fn, arg),
      inFrame: async (frameSelector, fn, arg) =>
        (await frameOf(page, frameSelector)).evaluate(fn as never, arg) as never,
      inFrameCard: async (frameSelector, fn, arg) =>
        inFrameCardFirefox(page, await frameOf(page, frameSelector), fn, arg),
      mouseMove: async (x, y, steps) => page.mouse.move(...(await pixel(page, x, y)), { steps }),
      mouseClick: async (x, y) => page.mouse.click(...(await pixel(page, x, y))),
      tap: async (x, y) => page.touchscreen.tap(...(await pixel(page, x, y))),
      wheel: (dx, dy) => page.mouse.wheel({ deltaX: dx, deltaY: dy }),
      press: (key) => page.keyboard.press(key as KeyInput),
      type: (text) => page.keyboard.type(text),
      setViewport: (width, height) => page.setViewport({ width, height }),
      colorScheme: async (scheme) => {
        schemeChanged = true;
        await setColorScheme(ff.browser, scheme);
      },
      front: () => showPage(page),
      tabId: () => (tabId ??= findTab()),
      send,
      mentions: async () =>
        (
          (await send({ type: 'incontext:mentions' })) as {
            mentions: { entityId: string; name: string; text: string }[];
          }
        ).mentions,
      axe: async (include) => {
        const { violations, passedNodes } = await runAxe(page, include);
        return { serious: seriousOrCritical(violations), passedNodes };
      },
      screenshot: async () => undefined,
      close: async () => {
        if (!page.isClosed()) await page.close();
      },
    };
  }

  const driver: ScenarioDriver = {
    expect,
    browserName: 'firefox',
    extensionId: EXTENSION_ID,
    urlOf: (path) => ff.server.url(path),
    open: async (path) => {
      const url = ff.server.url(path);
      const page = await ff.openPage(url);
      opened.push(page);
      await showPage(page);
      return scenarioPage(page, url);
    },
    openExtension: async (path, readySelector) => {
      // page.goto to moz-extension:// never resolves over BiDi: the harness watches the page load instead.
      const page = await ff.openExtensionPage(path, readySelector);
      opened.push(page);
      await showPage(page);
      return scenarioPage(page, page.url());
    },
    inExtension: (fn, arg) => ff.inExtension(withExtensionApi(fn), arg),
    tabCount: async () => (await ff.browser.pages()).length,
    openUnscannableTab: () =>
      ff.inExtension(async () => (await browser.tabs.create({ url: 'about:blank', active: false })).id ?? -1, null),
    withoutExtension: async (path, fn) => {
      // A second Firefox with the same prefs, environment and refusing proxy, and no extension.
      const plain = await launchPlainFirefox();
      try {
        const page = await plain.browser.newPage();
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(ff.server.url(path), { waitUntil: 'load' });
        const result = await page.evaluate(fn);
        expect(
          requests.filter((r) => !LOCAL.test(r)),
          'plain Firefox page requests that left 127.0.0.1',
        ).toEqual([]);
        expect(plain.browserRequests, 'plain Firefox connections that reached its refusing proxy').toEqual([]);
        return result as never;
      } finally {
        await plain.close();
      }
    },
  };

  return {
    driver,
    finish: async () => {
      for (const page of opened) if (!page.isClosed()) await page.close();
      // The colour scheme is the whole browser's: the next scenario follows the system again.
      if (schemeChanged) await setColorScheme(ff.browser, null);
      // Tabs the extension opened (the card's "Search all facts") stay until the browser closes; close them now.
      for (const extra of await ff.browser.pages()) if (extra.url().includes('popup.html?entity=')) await extra.close();
    },
  };
}

const groups: [title: string, scenarios: Scenario[]][] = [
  ['skeleton: marks, the mentions contract, the card from IndexedDB, popup and options (Firefox)', skeletonScenarios],
  ['detection on fixture pages (Firefox)', detectionScenarios],
  ['hover card (Firefox)', cardScenarios],
  ['toolbar popup and options (Firefox)', popupScenarios],
  ['trust: a page cannot read, fake or switch off the card (Firefox)', trustScenarios],
  ['same-origin frames (Firefox)', frameScenarios],
  ['open shadow roots (Firefox)', shadowScenarios],
  ['marks: first mention only (Firefox)', markScenarios],
  ['card colours follow the page (Firefox)', schemeScenarios],
  ['card by keyboard (Firefox)', keyboardScenarios],
  ['touch: tap, bottom sheet (Firefox)', touchScenarios],
];

for (const [title, scenarios] of groups) {
  describe(title, () => {
    let ff: FirefoxHarness;

    beforeAll(async () => {
      ff = await launchFirefox();
    });

    afterAll(async () => {
      await ff?.close();
    });

    for (const scenario of scenarios) {
      it(scenario.name, async () => {
        const { driver, finish } = firefoxDriver(ff);
        try {
          await scenario.run(driver);
        } finally {
          await finish();
        }
        expect(ff.pageErrors).toEqual([]);
      });
    }

    // Chromium's fixtures check this after every test (their context routes every request); here the harness keeps
    // the log for the whole Firefox, including what Firefox itself tried.
    it('no page errors, and nothing left 127.0.0.1', () => {
      expect(ff.pageErrors).toEqual([]);
      expect(ff.requests.length).toBeGreaterThan(0);
      expect(
        ff.requests.filter((r) => !LOCAL.test(r.url)),
        'page requests that left 127.0.0.1',
      ).toEqual([]);
      expect(ff.browserRequests, 'connections that reached the refusing proxy').toEqual([]);
    });
  });
}
