import dossier from '../../../data/dossier.json' with { type: 'json' };
import { inCardChromium } from '../../support/closedCard';
import { countPaintedRanges, openCardText, pointOfText } from '../../support/pageProbes';
import { expect, test } from './fixtures';

interface MentionsReply {
  url: string;
  mentions: { entityId: string; name: string; text: string }[];
}

test('marks appear on the demo page and the mentions contract lists them in document order', async ({ page, server, sendToTab, pageErrors }) => {
  const url = server.url('/demo.html');
  await page.goto(url);
  await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(5);

  const reply = (await sendToTab(url, { type: 'incontext:mentions' })) as MentionsReply;
  expect(reply.url).toBe(url);
  const painted = await page.evaluate(countPaintedRanges);
  expect(reply.mentions).toHaveLength(painted);
  expect(reply.mentions[0]).toEqual({ entityId: 'cis-moa', name: 'CIS-MOA', text: 'CIS-MOA' });
  const texts = reply.mentions.map((m) => m.text);
  // Form fields and editable regions hold "CIS-MOA"/"IMET" too; only the prose is marked.
  expect(texts.filter((t) => t === 'IMET')).toHaveLength(2);
  expect(texts).toContain('CIS MOA'.replace(' ', '\u00a0'));
  expect(texts).toContain('CISMOA');
  expect(reply.mentions.some((m) => m.entityId === 'michael-kurilla')).toBe(true);
  // "Munir's office" follows the full name and is marked; "Munir Akram" and "Asim Saleem Bajwa" are other people.
  expect(texts.filter((t) => t.includes('Munir'))).toEqual(['Asim Munir', 'Munir']);
  expect(texts.filter((t) => t.includes('Bajwa'))).toEqual(['Qamar Javed Bajwa', 'Gen Bajwa']);
  expect(pageErrors).toEqual([]);
});

test('hovering a mark opens a card whose text comes from IndexedDB in the extension origin', async ({ page, server, serviceWorker }) => {
  const marker = 'Marker written into the extension IndexedDB by the test.';
  const original = await serviceWorker.evaluate(async (marker) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('incontext');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const store = db.transaction('entities', 'readwrite').objectStore('entities');
    const row = await new Promise<{ description: string }>((resolve) => {
      const get = store.get('imet');
      get.onsuccess = () => resolve(get.result);
    });
    const before = row.description;
    store.put({ ...row, description: marker });
    db.close();
    return before;
  }, marker);

  try {
    await page.goto(server.url('/demo.html'));
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(5);
    const point = await page.evaluate(pointOfText, { needle: 'IMET' });
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x - 40, point!.y - 40);
    await page.mouse.move(point!.x, point!.y, { steps: 4 });
    await expect.poll(() => inCardChromium(page, openCardText)).not.toBeNull();
    const card = await inCardChromium(page, openCardText);
    expect(card?.entityId).toBe('imet');
    expect(card?.origin).toBe('indexeddb');
    expect(card?.text).toContain(marker);

    // The page's own origin holds none of our data.
    const pageDbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(pageDbs).not.toContain('incontext');
  } finally {
    await serviceWorker.evaluate(async (description) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const req = indexedDB.open('incontext');
        req.onsuccess = () => resolve(req.result);
      });
      const store = db.transaction('entities', 'readwrite').objectStore('entities');
      const get = store.get('imet');
      await new Promise((resolve) => (get.onsuccess = resolve));
      store.put({ ...get.result, description });
      db.close();
    }, original);
  }
});

test('the popup searches the dossier with typos', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const search = page.getByRole('searchbox', { name: 'Search the dossier' });
  await search.fill('kurila');
  const first = page.locator('#search-results .result').first();
  await expect(first).toContainText('Kurilla');
  await search.fill('cismoa');
  await expect(page.locator('#search-results .result').first()).toContainText('CIS-MOA');
});

test('the options page lists the sources and the cache status', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.locator('[data-source-id]')).toHaveCount(5);
  await expect(page.locator('[data-origin=indexeddb]')).toBeVisible();
  // Each source by its reader label; file names only behind "Show the document".
  const table = await page.locator('table.sources').innerText();
  for (const source of dossier.sources) expect(table).toContain(source.label);
  expect(table).not.toContain('.txt');
});
