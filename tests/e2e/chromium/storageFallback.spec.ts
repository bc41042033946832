/**
 * When IndexedDB cannot be opened (here: the profile's IndexedDB folder is a file, so the browser cannot create
 * it; permanent private browsing does the same in Firefox), the background serves the bundled dossier from memory:
 * marks and cards still work and the options page says why, once. Its own browser, for its own profile.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext } from '@playwright/test';
import { inCardChromium } from '../../support/closedCard';
import { launchWithExtension } from '../../support/chromiumFlags';
import { countPaintedRanges, openCardText, pointOfText } from '../../support/pageProbes';
import { startStaticServer, type StaticServer } from '../../support/staticServer';

let context: BrowserContext;
let server: StaticServer;
let extensionId: string;

test.beforeAll(async () => {
  server = await startStaticServer();
  const profile = mkdtempSync(join(tmpdir(), 'incontext-no-idb-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'IndexedDB'), 'not a folder');
  ({ context, extensionId } = await launchWithExtension(profile));
});

test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

test('without IndexedDB the card is served from memory and the options page says why', async () => {
  const page = await context.newPage();
  await page.goto(server.url('/demo.html'));
  await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(5);
  const point = (await page.evaluate(pointOfText, { needle: 'IMET' }))!;
  await page.mouse.move(point.x, point.y - 30);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await expect.poll(() => inCardChromium(page, openCardText)).toMatchObject({ entityId: 'imet', origin: 'memory' });

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const said = options.locator('[data-origin=memory]');
  // A developer's detail: under the Diagnostics disclosure, which a reader opens.
  await expect(said).toBeHidden();
  await options.getByText('Diagnostics', { exact: true }).click();
  await expect(said).toBeVisible();
  // One reason, said once (Dexie nests the browser's error in its own: it used to read three times).
  const text = await said.innerText();
  const reason = text.slice(text.indexOf('Reason:') + 'Reason:'.length).trim();
  expect(reason.length).toBeGreaterThan(10);
  const firstWords = reason.split(/\s+/).slice(0, 4).join(' ');
  expect(text.split(firstWords).length - 1).toBe(1);
  await page.close();
  await options.close();
});
