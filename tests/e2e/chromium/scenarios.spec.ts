/**
 * The shared scenarios (tests/e2e/scenarios/) in Chromium, through Playwright.
 */
import type { Page } from '@playwright/test';
import { inCardChromium } from '../../support/closedCard';
import type { ScenarioDriver, ScenarioPage } from '../scenarios/driver';
import { trustScenarios } from '../scenarios/trust';
import { expect, test } from './fixtures';

function scenarioPage(page: Page, sendToTab: (url: string, message: unknown) => Promise<unknown>): ScenarioPage {
  return {
    url: page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    inCard: (fn, arg) => inCardChromium(page, fn, arg),
    mouseMove: (x, y, steps) => page.mouse.move(x, y, { steps }),
    mouseClick: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    mentions: async () => ((await sendToTab(page.url(), { type: 'incontext:mentions' })) as { mentions: { entityId: string; text: string }[] }).mentions,
    close: () => page.close(),
  };
}

test.describe('trust: a page cannot read, fake or switch off the card', () => {
  for (const scenario of trustScenarios) {
    test(scenario.name, async ({ page, extContext, extensionId, server, sendToTab, pageErrors }) => {
      const driver: ScenarioDriver = {
        expect: expect as never,
        browserName: 'chromium',
        extensionId,
        open: async (path) => {
          await page.goto(server.url(path));
          return scenarioPage(page, sendToTab);
        },
        tabCount: async () => extContext.pages().length,
      };
      await scenario.run(driver);
      expect(pageErrors).toEqual([]);
      // Tabs the scenario opened (extension pages) are closed with the worker's context; close them now.
      for (const extra of extContext.pages()) if (extra !== page && extra.url().startsWith('chrome-extension:')) await extra.close();
    });
  }
});
