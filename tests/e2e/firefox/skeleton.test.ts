/**
 * The Chromium skeleton spec (tests/e2e/chromium/skeleton.spec.ts), in real Firefox ESR with the
 * firefox-mv3 build: marks and the mentions contract, the hover card from the extension's IndexedDB,
 * popup search, the options page, and no request leaving 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dossier from '../../../data/dossier.json' with { type: 'json' };
import { inCardFirefox } from '../../support/closedCard';
import { countPaintedRanges, openCardText, pointOfText } from '../../support/pageProbes';
import { poll, LOCAL, launchFirefox, type FirefoxHarness } from './firefoxHarness';

interface MentionsReply {
  url: string;
  mentions: { entityId: string; name: string; text: string }[];
}

describe('InContext in Firefox ESR (firefox-mv3)', () => {
  let ff: FirefoxHarness;

  beforeAll(async () => {
    ff = await launchFirefox();
  });

  afterAll(async () => {
    await ff?.close();
  });

  it('marks appear on the demo page and the mentions contract lists them in document order', async () => {
    const url = ff.server.url('/demo.html');
    const page = await ff.openPage(url);
    const painted = await poll(() => page.evaluate(countPaintedRanges), (n) => n > 5);
    expect(painted).toBeGreaterThan(5);

    const reply = (await ff.sendToTab(url, { type: 'incontext:mentions' })) as MentionsReply;
    expect(reply.url).toBe(url);
    expect(reply.mentions).toHaveLength(await page.evaluate(countPaintedRanges));
    expect(reply.mentions[0]).toEqual({ entityId: 'cis-moa', name: 'CIS-MOA', text: 'CIS-MOA' });
    const texts = reply.mentions.map((m) => m.text);
    // Form fields and editable regions hold "CIS-MOA"/"IMET" too; only the prose is marked.
    expect(texts.filter((t) => t === 'IMET')).toHaveLength(2);
    expect(texts).toContain('CIS\u00a0MOA');
    expect(texts).toContain('CISMOA');
    expect(reply.mentions.some((m) => m.entityId === 'michael-kurilla')).toBe(true);
    // "Munir's office" follows the full name and is marked; "Munir Akram" and "Asim Saleem Bajwa" are other people.
    expect(texts.filter((t) => t.includes('Munir'))).toEqual(['Asim Munir', 'Munir']);
    expect(texts.filter((t) => t.includes('Bajwa'))).toEqual(['Qamar Javed Bajwa', 'Gen Bajwa']);
    expect(ff.pageErrors).toEqual([]);
    await page.close();
  });

  it('hovering a mark opens a card whose text comes from IndexedDB in the extension origin', async () => {
    const marker = 'Marker written into the extension IndexedDB by the Firefox test.';
    // The content script fetches the cards right after its scan: change the database before the page opens.
    const original = await ff.inExtension(async (marker) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('incontext');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction('entities', 'readwrite');
      const store = tx.objectStore('entities');
      const row = await new Promise<{ description: string }>((resolve, reject) => {
        const get = store.get('imet');
        get.onsuccess = () => (get.result ? resolve(get.result) : reject(new Error('no imet row in IndexedDB')));
        get.onerror = () => reject(get.error);
      });
      store.put({ ...row, description: marker });
      await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
      db.close();
      return row.description;
    }, marker);
    expect(original).not.toBe(marker);

    try {
      const page = await ff.openPage(ff.server.url('/demo.html'));
      expect(await poll(() => page.evaluate(countPaintedRanges), (n) => n > 5)).toBeGreaterThan(5);
      const point = await page.evaluate(pointOfText, { needle: 'IMET' });
      expect(point).not.toBeNull();
      await page.mouse.move(point!.x - 40, point!.y - 40);
      await page.mouse.move(point!.x, point!.y, { steps: 4 });
      const card = await poll(() => inCardFirefox(page, openCardText), (c) => c !== null);
      expect(card).not.toBeNull();
      expect(card?.entityId).toBe('imet');
      expect(card?.origin).toBe('indexeddb');
      expect(card?.text).toContain(marker);

      // The page's own origin holds none of our data.
      const pageDbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
      expect(pageDbs).not.toContain('incontext');
      await page.close();
    } finally {
      const restored = await ff.inExtension(async (description) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('incontext');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const tx = db.transaction('entities', 'readwrite');
        const store = tx.objectStore('entities');
        const get = store.get('imet');
        await new Promise((resolve) => (get.onsuccess = resolve));
        store.put({ ...get.result, description });
        await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
        const check = db.transaction('entities').objectStore('entities').get('imet');
        const after = await new Promise<{ description: string }>((resolve) => (check.onsuccess = () => resolve(check.result)));
        db.close();
        return after.description;
      }, original);
      expect(restored).toBe(original);
    }
  });

  it('the popup searches the dossier with typos', async () => {
    const page = await ff.openExtensionPage('/popup.html', 'input[type=search]');
    const firstResult = () => page.evaluate(() => document.querySelector('#search-results .result')?.textContent ?? null);

    await page.type('input[type=search]', 'kurila');
    expect(await poll(firstResult, (t) => !!t?.includes('Kurilla'))).toContain('Kurilla');

    await page.$eval('input[type=search]', (input) => (input as HTMLInputElement).select());
    await page.keyboard.press('Backspace');
    await page.type('input[type=search]', 'cismoa');
    expect(await poll(firstResult, (t) => !!t?.includes('CIS-MOA'))).toContain('CIS-MOA');
    await page.close();
  });

  it('the options page lists the sources and the cache status', async () => {
    const page = await ff.openExtensionPage('/options.html');
    const state = () =>
      page.evaluate(() => ({
        sources: document.querySelectorAll('[data-source-id]').length,
        indexeddb: !!document.querySelector('[data-origin=indexeddb]'),
      }));
    expect(await poll(state, (s) => s.sources === 5 && s.indexeddb)).toEqual({ sources: 5, indexeddb: true });
    // Each source by its reader label; file names only behind "Show the document".
    const table = await page.evaluate(() => document.querySelector<HTMLElement>('table.sources')!.innerText);
    for (const source of dossier.sources) expect(table).toContain(source.label);
    expect(table).not.toContain('.txt');
    await page.close();
  });

  it('nothing left 127.0.0.1', () => {
    expect(ff.requests.length).toBeGreaterThan(0);
    expect(ff.requests.filter((r) => !LOCAL.test(r.url)), 'page requests that left 127.0.0.1').toEqual([]);
    expect(ff.browserRequests, 'connections that reached the refusing proxy').toEqual([]);
  });
});
