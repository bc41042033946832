/**
 * Opens the built extension in Debian's Chromium on the demo article, served from 127.0.0.1.
 *   npm run demo               a real window; close it (or Ctrl+C) to stop
 *   npm run demo -- --headless no window: hovers a mention and writes screenshots to artifacts/screenshots/
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { artifactsDir, chromeBuildDir, chromiumBin } from '../support/paths';
import { inCardChromium } from '../support/closedCard';
import { pointOfText, visibleCardBox } from '../support/pageProbes';
import { startStaticServer } from '../support/staticServer';
import { withExtension } from '../support/chromiumFlags';

const headless = process.argv.includes('--headless');
const server = await startStaticServer();
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'incontext-demo-')), {
  executablePath: chromiumBin,
  headless,
  viewport: headless ? { width: 1280, height: 860 } : null,
  args: withExtension(chromeBuildDir),
});
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(server.url('/demo.html'));
console.log(`Demo page: ${server.url('/demo.html')}`);

if (headless) {
  const out = join(artifactsDir, 'screenshots');
  mkdirSync(out, { recursive: true });
  await page.waitForFunction(() => (CSS.highlights.get('xr-mark')?.size ?? 0) > 0);
  await page.screenshot({ path: join(out, 'demo-marks.png') });
  const point = await page.evaluate(pointOfText, { needle: 'Michael Erik Kurilla' });
  if (point) {
    await page.mouse.move(point.x, point.y, { steps: 3 });
    for (let i = 0; i < 50 && !(await inCardChromium(page, visibleCardBox)); i++) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, 'demo-card.png') });
  }
  console.log(`Screenshots written to ${out}`);
  await context.close();
  await server.close();
} else {
  console.log('Hover a highlighted name. Close the browser window to stop.');
  context.on('close', () => void server.close().then(() => process.exit(0)));
}
