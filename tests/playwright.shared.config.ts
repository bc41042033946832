import { defineConfig } from '@playwright/test';

// Suites that read ../shared (the saved real pages): run from .ci/run only, never from the README's test
// command. Same fixtures as tests/playwright.config.ts (e2e/chromium/fixtures.ts: Debian's Chromium with the
// built extension, a 127.0.0.1 static server, every other request blocked); build first with `npx wxt build`.
//
// One id per run, set in the runner process before the workers are forked (they inherit the environment and
// keep it when they load this file again): the workers drop their per-page results under it and whichever
// finishes last merges them into artifacts/real-pages-report.md.
process.env.INCONTEXT_REAL_PAGES_RUN ??= `${Date.now()}-${process.pid}`;

export default defineConfig({
  testDir: './e2e/shared',
  // A page: one load with the extension, two (sometimes three) without; the heaviest take a few seconds each.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // Pages are independent: two workers, each with its own browser pair (one per core on a 2-core machine).
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: '../test-results/shared',
});
