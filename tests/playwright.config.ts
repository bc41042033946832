import { defineConfig } from '@playwright/test';

// Chromium end-to-end: Debian's /usr/bin/chromium (or CHROMIUM_BIN) loads the built extension.
// Playwright never downloads a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 in the setup script).
export default defineConfig({
  testDir: './e2e/chromium',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: '../test-results',
});
