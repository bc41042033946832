/**
 * The whole path once, end to end: marks and the mentions contract on the demo page, the hover card read from
 * the extension's IndexedDB, popup search, the options page.
 */
import dossier from '../../../data/dossier.json' with { type: 'json' };
import { countPaintedRanges, openCardText, pointOfText } from '../../support/pageProbes';
import { until, type Scenario } from './driver';
import { textOf, typeOver } from './reader';

/**
 * Puts `description` on the 'imet' row of the extension's IndexedDB (run in the extension origin, through
 * `driver.inExtension`) and returns the description it had, and the one read back after the write.
 */
async function writeImetDescription(_api: unknown, description: string): Promise<{ before: string; after: string }> {
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
  store.put({ ...row, description });
  await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
  const check = db.transaction('entities').objectStore('entities').get('imet');
  const after = await new Promise<{ description: string }>(
    (resolve) => (check.onsuccess = () => resolve(check.result)),
  );
  db.close();
  return { before: row.description, after: after.description };
}

export const skeletonScenarios: Scenario[] = [
  {
    name: 'marks appear on the demo page and the mentions contract lists them in document order',
    async run(driver) {
      const { expect } = driver;
      const url = driver.urlOf('/demo.html');
      const page = await driver.open('/demo.html');
      expect(
        await until(
          () => page.evaluate(countPaintedRanges, undefined),
          (n) => n > 5,
        ),
      ).toBeGreaterThan(5);

      const reply = (await page.send({ type: 'incontext:mentions' })) as {
        url: string;
        mentions: { entityId: string; name: string; text: string }[];
      };
      expect(reply.url).toBe(url);
      expect(reply.mentions).toHaveLength(await page.evaluate(countPaintedRanges, undefined));
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
    },
  },
  {
    name: 'hovering a mark opens a card whose text comes from IndexedDB in the extension origin',
    async run(driver) {
      const { expect } = driver;
      const marker = 'Marker written into the extension IndexedDB by the test.';
      // The content script fetches the cards right after its scan: change the database before the page opens.
      const { before: original } = await driver.inExtension(writeImetDescription, marker);
      expect(original).not.toBe(marker);
      try {
        const page = await driver.open('/demo.html');
        expect(
          await until(
            () => page.evaluate(countPaintedRanges, undefined),
            (n) => n > 5,
          ),
        ).toBeGreaterThan(5);
        const point = await page.evaluate(pointOfText, { needle: 'IMET' });
        expect(point).not.toBeNull();
        await page.mouseMove(point!.x - 40, point!.y - 40);
        await page.mouseMove(point!.x, point!.y, 4);
        const card = await until(
          () => page.inCard(openCardText, undefined),
          (c) => c !== null,
        );
        expect(card).not.toBeNull();
        expect(card?.entityId).toBe('imet');
        expect(card?.origin).toBe('indexeddb');
        expect(card?.text).toContain(marker);

        // The page's own origin holds none of our data.
        const pageDbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name), undefined);
        expect(pageDbs).not.toContain('incontext');
      } finally {
        const { after } = await driver.inExtension(writeImetDescription, original);
        expect(after).toBe(original);
      }
    },
  },
  {
    name: 'the popup searches the dossier with typos',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.openExtension('/popup.html', 'input[type=search]');
      // The search box is found by its accessible name.
      expect(
        await page.evaluate(() => document.querySelector('input[type=search]')?.getAttribute('aria-label'), undefined),
      ).toBe('Search the dossier');
      const firstResult = () => page.evaluate(textOf, '#search-results .result');
      await typeOver(page, 'input[type=search]', 'kurila');
      expect(await until(firstResult, (t) => !!t?.includes('Kurilla'))).toContain('Kurilla');
      await typeOver(page, 'input[type=search]', 'cismoa');
      expect(await until(firstResult, (t) => !!t?.includes('CIS-MOA'))).toContain('CIS-MOA');
    },
  },
  {
    name: 'the options page lists the sources and the cache status',
    async run(driver) {
      const { expect } = driver;
      const page = await driver.openExtension('/options.html');
      const state = () =>
        page.evaluate(
          () => ({
            sources: document.querySelectorAll('[data-source-id]').length,
            // Under the Diagnostics disclosure, folded: there, not shown.
            indexeddb: !!document.querySelector('details.diagnostics:not([open]) [data-origin=indexeddb]'),
          }),
          undefined,
        );
      expect(await until(state, (s) => s.sources === 5 && s.indexeddb)).toEqual({ sources: 5, indexeddb: true });
      // Each source by its reader label; file names only under Diagnostics.
      const table = await page.evaluate(
        () => document.querySelector<HTMLElement>('table.sources')!.innerText,
        undefined,
      );
      for (const source of dossier.sources) expect(table).toContain(source.label);
      expect(table).not.toContain('.txt');
    },
  },
];
