/**
 * The shared scenarios (tests/e2e/scenarios/) in Firefox ESR, through puppeteer-core over WebDriver BiDi.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCardFirefox } from '../../support/closedCard';
import type { ScenarioDriver, ScenarioPage } from '../scenarios/driver';
import { trustScenarios } from '../scenarios/trust';
import { EXTENSION_ID, launchFirefox, sendToTabId, showPage, tabIdFor, type FirefoxHarness } from './firefoxHarness';

function scenarioPage(ff: FirefoxHarness, page: Page, url: string): ScenarioPage {
  return {
    url,
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    inCard: (fn, arg) => inCardFirefox(page, fn, arg),
    mouseMove: (x, y, steps) => page.mouse.move(x, y, { steps }),
    mouseClick: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key as never),
    mentions: async () => ((await sendToTabId(ff, await tabIdFor(ff, url), { type: 'incontext:mentions' })) as { mentions: { entityId: string; text: string }[] }).mentions,
    close: () => page.close(),
  };
}

describe('trust: a page cannot read, fake or switch off the card (Firefox)', () => {
  let ff: FirefoxHarness;
  let driver: ScenarioDriver;

  beforeAll(async () => {
    ff = await launchFirefox();
    driver = {
      expect,
      browserName: 'firefox',
      extensionId: EXTENSION_ID,
      open: async (path) => {
        const url = ff.server.url(path);
        const page = await ff.openPage(url);
        // Firefox gives background tabs almost no animation frames, and hover is sampled once per frame.
        await showPage(page);
        return scenarioPage(ff, page, url);
      },
      tabCount: async () => (await ff.browser.pages()).length,
    };
  });

  afterAll(async () => {
    await ff?.close();
  });

  for (const scenario of trustScenarios) {
    it(scenario.name, async () => {
      await scenario.run(driver);
      expect(ff.pageErrors).toEqual([]);
      for (const extra of await ff.browser.pages()) if (extra.url().includes('popup.html?entity=')) await extra.close();
    });
  }
});
