/**
 * The IndexedDB cache of the dossier, through Dexie. Lives in the extension's origin only: the background
 * and extension pages open it; content scripts never do (IndexedDB opened there belongs to the page).
 *
 * The bundled dossier is the source of truth. The cache is keyed by the dossier's content hash: when an
 * update ships a different dossier, the dossier tables are replaced in one transaction, while user tables
 * (`userPacks`) are never touched by that refresh. If IndexedDB cannot be opened at all (Firefox's
 * "never remember history", quota, a corrupt database), every call is answered from the bundled data in
 * memory and `status()` says why.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { Conflict, Dossier, Entity, Fact, Source, TimelineEvent } from '../../data/schema';
import { buildCard, recordsFor, type EntityCard } from '../core/cards';
import type { MatchableEntityInfo } from '../core/messages';
import type { CacheStatus } from './cacheStatus';

interface MetaRow {
  key: string;
  value: string;
}

/** An entity row carries its alias texts lower-cased, indexed, for look-up by alias. */
export type EntityRow = Entity & { aliasKeys: string[] };

/** Reserved for user-supplied fact packs; a dossier refresh never clears it. */
export interface UserPackRow {
  id: string;
  name: string;
  addedAt: number;
  json: unknown;
}

export const DB_NAME = 'incontext';

export class InContextDb extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  sources!: EntityTable<Source, 'id'>;
  entities!: EntityTable<EntityRow, 'id'>;
  facts!: EntityTable<Fact, 'id'>;
  events!: EntityTable<TimelineEvent, 'id'>;
  conflicts!: EntityTable<Conflict, 'id'>;
  userPacks!: EntityTable<UserPackRow, 'id'>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    // Schema changes add a new `this.version(n)` with an `.upgrade()` for existing rows; never edit this one.
    this.version(1).stores({
      meta: '&key',
      sources: '&id',
      entities: '&id, *aliasKeys, tier',
      facts: '&id, *entities',
      events: '&id, date, *entities',
      conflicts: '&id, *entities',
      userPacks: '&id',
    });
  }
}

const HASH_KEY = 'dossierHash';

function toMatchable(e: Entity): MatchableEntityInfo {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    tier: e.tier,
    aliases: e.aliases,
    ...(e.falseFriends ? { falseFriends: e.falseFriends } : {}),
  };
}

function withoutRowFields(row: EntityRow): Entity {
  const { aliasKeys: _aliasKeys, ...entity } = row;
  return entity;
}

/**
 * Index queries return rows in primary-key order; put them back in the dossier's own (curated) order, so the
 * card from IndexedDB matches the in-memory one. Rows the dossier does not list keep their order, last.
 */
function inDossierOrder<T extends { id: string }>(rows: T[], dossierOrder: readonly { id: string }[]): T[] {
  const position = new Map(dossierOrder.map((x, i) => [x.id, i]));
  const at = (row: T) => position.get(row.id) ?? Number.MAX_SAFE_INTEGER;
  return rows.sort((a, b) => at(a) - at(b));
}

export class DossierStore {
  private db: InContextDb | undefined;
  private failure: string | undefined;
  private opening: Promise<void> | undefined;

  constructor(
    private readonly bundled: Dossier,
    private readonly bundledHash: string,
    private readonly openDb: () => InContextDb = () => new InContextDb(),
  ) {}

  /** Opens the database and makes sure it holds the bundled dossier. Never rejects. */
  ready(): Promise<void> {
    this.opening ??= this.openAndSeed();
    return this.opening;
  }

  /** Forces a re-check of the hash (called on install and update). */
  refresh(): Promise<void> {
    this.opening = this.openAndSeed();
    return this.opening;
  }

  private async openAndSeed(): Promise<void> {
    try {
      const db = this.db ?? this.openDb();
      await db.open();
      await this.seed(db);
      this.db = db;
      this.failure = undefined;
    } catch (error) {
      this.db = undefined;
      this.failure = describeError(error);
    }
  }

  private async seed(db: InContextDb): Promise<void> {
    const d = this.bundled;
    await db.transaction('rw', [db.meta, db.sources, db.entities, db.facts, db.events, db.conflicts], async () => {
      const current = await db.meta.get(HASH_KEY);
      if (current?.value === this.bundledHash) return;
      await Promise.all([
        db.sources.clear(),
        db.entities.clear(),
        db.facts.clear(),
        db.events.clear(),
        db.conflicts.clear(),
      ]);
      await db.sources.bulkPut(d.sources);
      await db.entities.bulkPut(
        d.entities.map((e) => ({ ...e, aliasKeys: e.aliases.map((a) => a.text.toLowerCase()) })),
      );
      await db.facts.bulkPut(d.facts);
      await db.events.bulkPut(d.events);
      await db.conflicts.bulkPut(d.conflicts);
      await db.meta.put({ key: HASH_KEY, value: this.bundledHash });
    });
  }

  /** Runs a query against IndexedDB, or the in-memory fallback when the database is unavailable or fails. */
  private async query<T>(fromDb: (db: InContextDb) => Promise<T>, fromMemory: () => T): Promise<T> {
    await this.ready();
    if (!this.db) return fromMemory();
    try {
      return await fromDb(this.db);
    } catch (error) {
      this.failure = describeError(error);
      this.db = undefined;
      return fromMemory();
    }
  }

  async entities(): Promise<{ entities: MatchableEntityInfo[]; origin: CacheStatus['origin'] }> {
    let origin: CacheStatus['origin'] = 'memory';
    const entities = await this.query(
      async (db) => {
        const rows = await db.entities.toArray();
        origin = 'indexeddb';
        return rows.map((row) => toMatchable(withoutRowFields(row)));
      },
      () => this.bundled.entities.map(toMatchable),
    );
    return { entities, origin };
  }

  async cards(ids: readonly string[]): Promise<EntityCard[]> {
    return this.query(
      async (db) => {
        const cards: EntityCard[] = [];
        for (const id of ids) {
          const row = await db.entities.get(id);
          if (!row) continue;
          const entity = withoutRowFields(row);
          const [facts, events, conflicts, relatedRows] = await Promise.all([
            db.facts.where('entities').equals(id).toArray(),
            db.events.where('entities').equals(id).toArray(),
            db.conflicts.where('entities').equals(id).toArray(),
            db.entities.bulkGet(entity.related),
          ]);
          const cited = new Set([...facts, ...events].flatMap((x) => x.evidence.map((e) => e.source)));
          for (const c of conflicts) for (const p of c.positions) cited.add(p.source);
          const sources = (await db.sources.bulkGet([...cited])).filter((s): s is Source => !!s);
          const relatedEntities = relatedRows.filter((r): r is EntityRow => !!r).map(withoutRowFields);
          const d = this.bundled;
          cards.push(
            buildCard(
              {
                entity,
                facts: inDossierOrder(facts, d.facts),
                events: inDossierOrder(events, d.events),
                conflicts: inDossierOrder(conflicts, d.conflicts),
                sources,
                relatedEntities,
              },
              'indexeddb',
            ),
          );
        }
        return cards;
      },
      () =>
        ids.flatMap((id) => {
          const records = recordsFor(id, this.bundled);
          return records ? [buildCard(records, 'memory')] : [];
        }),
    );
  }

  /** Every entity, fact, event, conflict and source: what the popup's search indexes. */
  async everything(): Promise<{ dossier: Dossier; origin: CacheStatus['origin'] }> {
    let origin: CacheStatus['origin'] = 'memory';
    const dossier = await this.query(
      async (db) => {
        const [sources, entities, facts, events, conflicts] = await Promise.all([
          db.sources.toArray(),
          db.entities.toArray(),
          db.facts.toArray(),
          db.events.orderBy('date').toArray(),
          db.conflicts.toArray(),
        ]);
        origin = 'indexeddb';
        return { version: 1 as const, sources, entities: entities.map(withoutRowFields), facts, events, conflicts };
      },
      () => this.bundled,
    );
    return { dossier, origin };
  }

  async status(): Promise<CacheStatus> {
    await this.ready();
    const d = this.bundled;
    const counts = {
      entities: d.entities.length,
      facts: d.facts.length,
      events: d.events.length,
      conflicts: d.conflicts.length,
      sources: d.sources.length,
    };
    if (this.db) {
      try {
        const [entities, facts, events, conflicts, sources] = await Promise.all([
          this.db.entities.count(),
          this.db.facts.count(),
          this.db.events.count(),
          this.db.conflicts.count(),
          this.db.sources.count(),
        ]);
        return {
          origin: 'indexeddb',
          dossierHash: this.bundledHash,
          counts: { entities, facts, events, conflicts, sources },
        };
      } catch (error) {
        this.failure = describeError(error);
        this.db = undefined;
      }
    }
    return {
      origin: 'memory',
      reason: this.failure ?? 'IndexedDB is not available',
      dossierHash: this.bundledHash,
      counts,
    };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const inner = (error as { inner?: unknown }).inner;
    const detail = inner instanceof Error ? ` (${inner.name}: ${inner.message})` : '';
    return `${error.name}: ${error.message}${detail}`;
  }
  return String(error);
}
