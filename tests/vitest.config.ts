import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three projects, run separately:
// - unit: pure core, data and store logic in Node (fake-indexeddb, WXT's fake browser); needs nothing else.
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
