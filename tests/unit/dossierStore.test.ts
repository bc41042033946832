/**
 * DossierStore over Dexie on fake-indexeddb: seeding, serving cards from IndexedDB, replacing a stale copy
 * when the bundled dossier's hash changes (without touching userPacks), and the in-memory fallback when
 * IndexedDB cannot be opened.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { parseDossier, type Dossier } from '../../data/schema';
import { contentHash } from '../../lib/core/contentHash';
import type { EntityCard } from '../../lib/core/cards';
import { DossierStore, InContextDb } from '../../lib/store/dossierStore';
import { bundledDossier, bundledDossierHash } from '../../lib/store/bundledDossier';

let dbCounter = 0;
const opened: InContextDb[] = [];

/** A fresh database name per test (and per call), so tests never see each other's rows. */
function uniqueName(): string {
  dbCounter += 1;
  return `incontext-test-${Date.now()}-${dbCounter}-${Math.random().toString(36).slice(2)}`;
}

function openFake(name: string): InContextDb {
  const db = new InContextDb(name, { indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const quote = (text: string) => text.padEnd(12, '.');

/** A small dossier, valid per parseDossier, built so each card rule has something to get wrong. */
function smallDossierJson() {
  return {
    version: 1 as const,
    sources: [
      {
        id: 'src-tribune',
        outlet: 'Tribune',
        title: 'Cabinet nod',
        kind: 'news-report',
        date: '2023-08-04',
        file: '000_a.txt',
        reliability: 'Original report.',
      },
      {
        id: 'src-mint',
        outlet: 'Mint',
        title: 'Agency copy',
        kind: 'rewrite',
        date: '2023-08-05',
        file: '001_b.txt',
        reliability: 'Rewrite.',
      },
      {
        id: 'src-forum',
        outlet: 'Forum',
        title: 'A post',
        kind: 'forum-post',
        date: 'undated',
        file: '002_c.txt',
        reliability: 'Relays others.',
      },
      {
        id: 'src-unrelated',
        outlet: 'Dawn',
        title: 'IMET story',
        kind: 'news-report',
        date: '2019',
        file: '003_d.txt',
        reliability: 'Report.',
      },
    ],
    entities: [
      {
        id: 'cis-moa',
        name: 'CIS-MOA',
        kind: 'agreement',
        tier: 'core',
        description: 'A defence communications agreement.',
        related: ['federal-cabinet', 'jshq'],
        aliases: [
          { text: 'CIS-MOA', match: 'acronym' },
          { text: 'Communication Interoperability and Security Memorandum of Agreement', match: 'name' },
        ],
      },
      {
        id: 'federal-cabinet',
        name: 'Federal Cabinet',
        kind: 'organisation',
        tier: 'related',
        description: 'Pakistan’s cabinet.',
        related: ['cis-moa'],
        aliases: [{ text: 'federal cabinet', match: 'name' }],
      },
      {
        id: 'jshq',
        name: 'Joint Staff Headquarters',
        kind: 'organisation',
        tier: 'related',
        description: 'Pakistan’s JSHQ.',
        related: [],
        aliases: [{ text: 'JSHQ', match: 'acronym' }],
      },
      {
        id: 'imet',
        name: 'IMET',
        kind: 'programme',
        tier: 'core',
        description: 'A training programme.',
        related: [],
        aliases: [{ text: 'IMET', match: 'acronym' }],
      },
      {
        id: 'extra-person',
        name: 'Extra Person',
        kind: 'person',
        tier: 'context',
        description: 'Someone the update drops.',
        related: [],
        aliases: [
          { text: 'Extra Person', match: 'name' },
          { text: 'Person', match: 'name', afterFullName: true },
        ],
        falseFriends: ['Other Person'],
      },
    ],
    facts: [
      // Deliberately not in id order: the card keeps the dossier's curated order.
      {
        id: 'f-zeta-cabinet',
        entities: ['cis-moa', 'federal-cabinet'],
        statement: 'The cabinet cleared the agreement.',
        evidence: [{ source: 'src-tribune', quote: quote('cabinet gave its seal') }],
      },
      {
        id: 'f-imet',
        entities: ['imet'],
        statement: 'IMET was frozen.',
        evidence: [{ source: 'src-unrelated', quote: quote('IMET was frozen') }],
      },
      {
        id: 'f-alpha-lapsed',
        entities: ['cis-moa'],
        statement: 'It lapsed in 2020.',
        evidence: [{ source: 'src-mint', quote: quote('expired in 2020') }],
      },
      {
        id: 'f-extra',
        entities: ['extra-person'],
        statement: 'Extra said something.',
        evidence: [{ source: 'src-unrelated', quote: quote('extra said') }],
      },
    ],
    events: [
      {
        id: 'e-approved',
        date: '2023-08-02',
        label: 'Cabinet approval reported',
        entities: ['cis-moa', 'federal-cabinet'],
        evidence: [{ source: 'src-tribune', quote: quote('circulation summary') }],
      },
      {
        id: 'e-first',
        date: '2005-10',
        label: 'First signed',
        entities: ['cis-moa', 'jshq'],
        evidence: [{ source: 'src-tribune', quote: quote('signed in October 2005') }],
      },
      {
        id: 'e-imet',
        date: '2018',
        label: 'IMET frozen',
        entities: ['imet'],
        evidence: [{ source: 'src-unrelated', quote: quote('frozen in 2018') }],
      },
      {
        id: 'e-lapsed',
        date: '2020',
        label: 'Lapsed',
        entities: ['cis-moa'],
        evidence: [{ source: 'src-mint', quote: quote('expired 2020') }],
        inferred: 'Fifteen years after 2005.',
      },
    ],
    conflicts: [
      {
        id: 'c-signed',
        entities: ['cis-moa'],
        topic: 'Whether it was signed',
        positions: [
          { source: 'src-tribune', says: 'Approved.', quote: quote('seal of approval') },
          { source: 'src-forum', says: 'Signed.', quote: quote('has been signed') },
        ],
      },
      {
        id: 'c-imet',
        entities: ['imet'],
        topic: 'IMET amount',
        positions: [{ source: 'src-unrelated', says: 'Small.', quote: quote('a small amount') }],
      },
    ],
  };
}

function parsed(json: unknown): Dossier {
  const result = parseDossier(json);
  if (!result.ok) throw new Error(`test dossier is invalid:\n${result.errors.join('\n')}`);
  return result.dossier;
}

function smallDossier(): { dossier: Dossier; hash: string } {
  const json = smallDossierJson();
  return { dossier: parsed(json), hash: contentHash(JSON.stringify(json)) };
}

/** A DossierStore on a fake-indexeddb database of its own (or of the given name). */
function storeOn(dossier: Dossier, hash: string, name = uniqueName()) {
  let db: InContextDb | undefined;
  const store = new DossierStore(dossier, hash, () => (db = openFake(name)));
  return { store, name, db: () => db! };
}

/** A store whose IndexedDB cannot be opened at all. */
function brokenStore(dossier: Dossier, hash: string) {
  const brokenFactory = {
    open() {
      throw new Error('blocked by test');
    },
    deleteDatabase() {
      throw new Error('blocked by test');
    },
    cmp: indexedDB.cmp.bind(indexedDB),
    databases: async () => [],
  } as unknown as IDBFactory;
  return new DossierStore(
    dossier,
    hash,
    () => new InContextDb(uniqueName(), { indexedDB: brokenFactory, IDBKeyRange }),
  );
}

const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);

describe('DossierStore seeding (fake-indexeddb)', () => {
  it('seeds IndexedDB on ready() and reports counts from the database', async () => {
    const { dossier, hash } = smallDossier();
    const { store } = storeOn(dossier, hash);
    await store.ready();
    const status = await store.status();
    expect(status.origin).toBe('indexeddb');
    expect(status.reason).toBeUndefined();
    expect(status.dossierHash).toBe(hash);
    expect(status.counts).toEqual({ entities: 5, facts: 4, events: 4, conflicts: 2, sources: 4 });
  });

  it('stores the hash and indexed alias keys in the database', async () => {
    const { dossier, hash } = smallDossier();
    const { store, db } = storeOn(dossier, hash);
    await store.ready();
    expect(await db().meta.get('dossierHash')).toEqual({ key: 'dossierHash', value: hash });
    const byAlias = await db().entities.where('aliasKeys').equals('jshq').toArray();
    expect(byAlias.map((r) => r.id)).toEqual(['jshq']);
  });

  it('entities() returns every entity, matchable fields only, from IndexedDB', async () => {
    const { dossier, hash } = smallDossier();
    const { store } = storeOn(dossier, hash);
    const { entities, origin } = await store.entities();
    expect(origin).toBe('indexeddb');
    expect(entities.map((e) => e.id).sort()).toEqual(['cis-moa', 'extra-person', 'federal-cabinet', 'imet', 'jshq']);
    const extra = entities.find((e) => e.id === 'extra-person')!;
    expect(extra).toEqual({
      id: 'extra-person',
      name: 'Extra Person',
      kind: 'person',
      tier: 'context',
      aliases: [
        { text: 'Extra Person', match: 'name' },
        { text: 'Person', match: 'name', afterFullName: true },
      ],
      falseFriends: ['Other Person'],
    });
    // No row-only fields, no card fields, no falseFriends key where the entity has none.
    for (const e of entities) {
      expect(e).not.toHaveProperty('aliasKeys');
      expect(e).not.toHaveProperty('description');
    }
    expect(entities.find((e) => e.id === 'imet')).not.toHaveProperty('falseFriends');
  });

  it('cards() builds the cis-moa card from IndexedDB: its records only, events sorted, cited sources, related names', async () => {
    const { dossier, hash } = smallDossier();
    const { store } = storeOn(dossier, hash);
    const cards = await store.cards(['cis-moa']);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect(card.origin).toBe('indexeddb');
    expect(card.entity).toEqual(dossier.entities[0]);
    expect(card.entity).not.toHaveProperty('aliasKeys');
    expect(ids(card.facts).sort()).toEqual(['f-alpha-lapsed', 'f-zeta-cabinet']);
    expect(ids(card.events)).toEqual(['e-first', 'e-lapsed', 'e-approved']);
    expect(ids(card.conflicts)).toEqual(['c-signed']);
    // src-forum is cited only by the conflict; src-unrelated only by other entities' records.
    expect(Object.keys(card.sources).sort()).toEqual(['src-forum', 'src-mint', 'src-tribune']);
    expect(card.sources['src-mint']).toEqual(dossier.sources[1]);
    expect(card.relatedNames).toEqual({ 'federal-cabinet': 'Federal Cabinet', jshq: 'Joint Staff Headquarters' });
  });

  it('cards() skips unknown ids and keeps the requested order', async () => {
    const { dossier, hash } = smallDossier();
    const { store } = storeOn(dossier, hash);
    const cards = await store.cards(['imet', 'no-such-entity', 'jshq']);
    expect(cards.map((c) => c.entity.id)).toEqual(['imet', 'jshq']);
    expect(ids(cards[0]!.facts)).toEqual(['f-imet']);
    expect(Object.keys(cards[0]!.sources)).toEqual(['src-unrelated']);
    expect(ids(cards[1]!.events)).toEqual(['e-first']);
    expect(cards[1]!.relatedNames).toEqual({});
    expect(await store.cards([])).toEqual([]);
  });

  it('the IndexedDB card is the same card the in-memory fallback builds, order included', async () => {
    const { dossier, hash } = smallDossier();
    const { store } = storeOn(dossier, hash);
    const memory = brokenStore(dossier, hash);
    const wanted = ['cis-moa', 'imet', 'federal-cabinet'];
    const fromDb = await store.cards(wanted);
    const fromMemory = await memory.cards(wanted);
    expect(fromDb.map((c) => c.origin)).toEqual(['indexeddb', 'indexeddb', 'indexeddb']);
    expect(fromMemory.map((c) => c.origin)).toEqual(['memory', 'memory', 'memory']);
    const strip = (cards: EntityCard[]) => cards.map(({ origin: _origin, ...rest }) => rest);
    expect(strip(fromDb)).toEqual(strip(fromMemory));
    // The dossier's curated fact order, not the primary-key order of the index.
    expect(ids(fromDb[0]!.facts)).toEqual(['f-zeta-cabinet', 'f-alpha-lapsed']);
  });

  it('serves the text stored in IndexedDB, not the bundled copy', async () => {
    const { dossier, hash } = smallDossier();
    const { store, db } = storeOn(dossier, hash);
    await store.ready();
    await db().entities.update('cis-moa', { description: 'X' });
    await db().facts.update('f-alpha-lapsed', { statement: 'Changed in the database.' });
    const [card] = await store.cards(['cis-moa']);
    expect(card!.entity.description).toBe('X');
    expect(card!.facts.find((f) => f.id === 'f-alpha-lapsed')!.statement).toBe('Changed in the database.');
    expect(dossier.entities[0]!.description).toBe('A defence communications agreement.');
    // A second ready() with the same hash does not reseed either.
    await store.refresh();
    const [again] = await store.cards(['cis-moa']);
    expect(again!.entity.description).toBe('X');
  });

  it('everything() reads the whole dossier back from IndexedDB', async () => {
    const { dossier, hash } = smallDossier();
    const { store } = storeOn(dossier, hash);
    const { dossier: read, origin } = await store.everything();
    expect(origin).toBe('indexeddb');
    expect(ids(read.entities).sort()).toEqual(ids(dossier.entities).sort());
    expect(read.entities.every((e) => !('aliasKeys' in e))).toBe(true);
    expect(ids(read.facts).sort()).toEqual(ids(dossier.facts).sort());
    expect(ids(read.events)).toEqual(['e-first', 'e-imet', 'e-lapsed', 'e-approved']);
    expect(ids(read.conflicts).sort()).toEqual(['c-imet', 'c-signed']);
    expect(ids(read.sources).sort()).toEqual(ids(dossier.sources).sort());
  });
});

describe('DossierStore refresh on a changed dossier', () => {
  it('replaces every dossier table when the hash changes, and keeps userPacks', async () => {
    const { dossier, hash } = smallDossier();
    const first = storeOn(dossier, hash);
    await first.store.ready();
    await first.db().userPacks.put({ id: 'my-pack', name: 'My notes', addedAt: 1234, json: { any: ['thing'] } });
    first.db().close();

    // The update: one statement changed, one entity (and its only fact) removed, one source gone.
    const json = smallDossierJson();
    json.facts[0]!.statement = 'The cabinet cleared the agreement by circulation.';
    json.entities = json.entities.filter((e) => e.id !== 'extra-person');
    json.facts = json.facts.filter((f) => f.id !== 'f-extra');
    json.sources = json.sources.filter((s) => s.id !== 'src-mint');
    json.facts = json.facts.map((f) =>
      f.id === 'f-alpha-lapsed' ? { ...f, evidence: [{ source: 'src-tribune', quote: quote('expired in 2020') }] } : f,
    );
    json.events = json.events.map((e) =>
      e.id === 'e-lapsed' ? { ...e, evidence: [{ source: 'src-tribune', quote: quote('expired 2020') }] } : e,
    );
    const updated = parsed(json);
    const updatedHash = contentHash(JSON.stringify(json));
    expect(updatedHash).not.toBe(hash);

    const second = storeOn(updated, updatedHash, first.name);
    await second.store.ready();
    const status = await second.store.status();
    expect(status.origin).toBe('indexeddb');
    expect(status.counts).toEqual({ entities: 4, facts: 3, events: 4, conflicts: 2, sources: 3 });
    expect(await second.db().meta.get('dossierHash')).toEqual({ key: 'dossierHash', value: updatedHash });

    const [card] = await second.store.cards(['cis-moa']);
    expect(card!.facts.find((f) => f.id === 'f-zeta-cabinet')!.statement).toBe(
      'The cabinet cleared the agreement by circulation.',
    );
    expect(Object.keys(card!.sources).sort()).toEqual(['src-forum', 'src-tribune']);

    // Stale rows are gone from the database itself.
    expect(await second.db().entities.get('extra-person')).toBeUndefined();
    expect(await second.db().facts.get('f-extra')).toBeUndefined();
    expect(await second.db().sources.get('src-mint')).toBeUndefined();
    expect(await second.store.cards(['extra-person'])).toEqual([]);
    const { entities } = await second.store.entities();
    expect(entities.map((e) => e.id)).not.toContain('extra-person');

    // User data survives the refresh.
    expect(await second.db().userPacks.get('my-pack')).toEqual({
      id: 'my-pack',
      name: 'My notes',
      addedAt: 1234,
      json: { any: ['thing'] },
    });
  });

  it('does not rewrite the tables when a second store opens with the same hash', async () => {
    const { dossier, hash } = smallDossier();
    const first = storeOn(dossier, hash);
    await first.store.ready();
    await first.db().entities.update('imet', { description: 'Edited by hand' });
    await first.db().facts.delete('f-imet');
    first.db().close();

    const second = storeOn(smallDossier().dossier, hash, first.name);
    await second.store.ready();
    const [card] = await second.store.cards(['imet']);
    expect(card!.origin).toBe('indexeddb');
    expect(card!.entity.description).toBe('Edited by hand');
    expect(card!.facts).toEqual([]);
    expect((await second.store.status()).counts.facts).toBe(3);
  });

  it('ready() is shared: concurrent callers wait for the same seeding', async () => {
    const { dossier, hash } = smallDossier();
    let opens = 0;
    const name = uniqueName();
    const store = new DossierStore(dossier, hash, () => {
      opens += 1;
      return openFake(name);
    });
    const [a, b] = [store.ready(), store.ready()];
    expect(a).toBe(b);
    await Promise.all([a, b, store.entities(), store.cards(['cis-moa'])]);
    expect(opens).toBe(1);
  });
});

describe('DossierStore fallback when IndexedDB cannot be opened', () => {
  it('never rejects, reports memory with the cause, and answers from the bundled data', async () => {
    const { dossier, hash } = smallDossier();
    const store = brokenStore(dossier, hash);
    await expect(store.ready()).resolves.toBeUndefined();
    const status = await store.status();
    expect(status.origin).toBe('memory');
    expect(status.reason).toMatch(/blocked by test/);
    expect(status.dossierHash).toBe(hash);
    expect(status.counts).toEqual({ entities: 5, facts: 4, events: 4, conflicts: 2, sources: 4 });

    const { entities, origin } = await store.entities();
    expect(origin).toBe('memory');
    expect(entities.map((e) => e.id)).toEqual(ids(dossier.entities));

    const [card] = await store.cards(['cis-moa']);
    expect(card!.origin).toBe('memory');
    expect(ids(card!.facts)).toEqual(['f-zeta-cabinet', 'f-alpha-lapsed']);
    expect(ids(card!.events)).toEqual(['e-first', 'e-lapsed', 'e-approved']);
    expect(Object.keys(card!.sources).sort()).toEqual(['src-forum', 'src-mint', 'src-tribune']);
    expect(card!.relatedNames).toEqual({ 'federal-cabinet': 'Federal Cabinet', jshq: 'Joint Staff Headquarters' });
    expect(await store.cards(['no-such-entity'])).toEqual([]);

    const everything = await store.everything();
    expect(everything.origin).toBe('memory');
    expect(everything.dossier).toBe(dossier);
  });

  it('falls back when the openDb factory itself throws', async () => {
    const { dossier, hash } = smallDossier();
    const store = new DossierStore(dossier, hash, () => {
      throw new TypeError('no database for you');
    });
    await store.ready();
    const status = await store.status();
    expect(status.origin).toBe('memory');
    expect(status.reason).toBe('TypeError: no database for you');
    expect((await store.entities()).origin).toBe('memory');
  });

  it("falls back on Dexie's missing-API case (no indexedDB at all)", async () => {
    const { dossier, hash } = smallDossier();
    const store = new DossierStore(
      dossier,
      hash,
      () => new InContextDb(uniqueName(), { indexedDB: undefined as unknown as IDBFactory, IDBKeyRange }),
    );
    await expect(store.ready()).resolves.toBeUndefined();
    const status = await store.status();
    expect(status.origin).toBe('memory');
    expect(status.reason).toMatch(/MissingAPI|missing/i);
    const [card] = await store.cards(['imet']);
    expect(card!.origin).toBe('memory');
    expect(ids(card!.facts)).toEqual(['f-imet']);
  });

  it('switches to memory when the database fails after opening', async () => {
    const { dossier, hash } = smallDossier();
    const { store, db } = storeOn(dossier, hash);
    await store.ready();
    expect((await store.status()).origin).toBe('indexeddb');
    db().close();
    const [card] = await store.cards(['cis-moa']);
    expect(card!.origin).toBe('memory');
    expect(ids(card!.facts)).toEqual(['f-zeta-cabinet', 'f-alpha-lapsed']);
    const status = await store.status();
    expect(status.origin).toBe('memory');
    expect(status.reason).toMatch(/closed/i);
  });
});

describe('DossierStore with the real bundled dossier', () => {
  it('seeds every record and serves the cis-moa card from IndexedDB like the memory path', async () => {
    const { store } = storeOn(bundledDossier, bundledDossierHash);
    const status = await store.status();
    expect(status.origin).toBe('indexeddb');
    expect(status.counts).toEqual({
      entities: bundledDossier.entities.length,
      facts: bundledDossier.facts.length,
      events: bundledDossier.events.length,
      conflicts: bundledDossier.conflicts.length,
      sources: bundledDossier.sources.length,
    });

    const { entities, origin } = await store.entities();
    expect(origin).toBe('indexeddb');
    expect(entities.map((e) => e.id).sort()).toEqual(ids(bundledDossier.entities).sort());

    const [card] = await store.cards(['cis-moa']);
    expect(card!.origin).toBe('indexeddb');
    const naming = <T extends { id: string; entities: string[] }>(xs: readonly T[]) =>
      xs
        .filter((x) => x.entities.includes('cis-moa'))
        .map((x) => x.id)
        .sort();
    expect(ids(card!.facts).sort()).toEqual(naming(bundledDossier.facts));
    expect(ids(card!.conflicts).sort()).toEqual(naming(bundledDossier.conflicts));
    expect(ids(card!.events).sort()).toEqual(naming(bundledDossier.events));
    expect(card!.facts.length).toBeGreaterThan(0);
    expect(card!.events.length).toBeGreaterThan(1);
    const dates = card!.events.map((e) => e.date);
    for (let i = 1; i < dates.length; i++) expect(dates[i - 1]! <= dates[i]!).toBe(true);
    // Every cited source is present, and nothing else.
    const cited = new Set([...card!.facts, ...card!.events].flatMap((x) => x.evidence.map((e) => e.source)));
    for (const c of card!.conflicts) for (const p of c.positions) cited.add(p.source);
    expect(Object.keys(card!.sources).sort()).toEqual([...cited].sort());
    const cisMoa = bundledDossier.entities.find((e) => e.id === 'cis-moa')!;
    expect(Object.keys(card!.relatedNames).sort()).toEqual([...cisMoa.related].sort());

    const memory = brokenStore(bundledDossier, bundledDossierHash);
    const [memCard] = await memory.cards(['cis-moa']);
    expect({ ...card!, origin: 'same' }).toEqual({ ...memCard!, origin: 'same' });
  });
});
