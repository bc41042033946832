import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';

// Four projects, run separately:
// - unit: pure core, data and store logic in Node (fake-indexeddb, WXT's fake browser); needs nothing else.
// - browser: the page layer (lib/page) in headless Chromium through Vitest browser mode, because it needs real
//   layout, TreeWalker, CSS.highlights and trusted input; kept apart so the Node unit tests stay fast. Chromium only:
//   Playwright cannot drive Debian's Firefox (it needs its own patched build), so Firefox keeps the puppeteer e2e.
// - seeds: reads ../shared/seeds; run from .ci/run.
// - firefox: real Firefox ESR driven by puppeteer-core over WebDriver BiDi, one file at a time.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              // Debian's Chromium, not a downloaded one; root (CI, containers) cannot use Chromium's sandbox.
              launchOptions: {
                executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
                args: ['--no-sandbox'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            // A failure's screenshot would land in tests/browser/__screenshots__; the assertion says enough.
            screenshotFailures: false,
          },
        },
      },
      {
        test: { name: 'seeds', include: ['tests/seeds/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        test: {
          name: 'firefox',
          include: ['tests/e2e/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
