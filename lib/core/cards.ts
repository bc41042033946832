/**
 * Assembles the card for one entity from dossier records. Pure, so the IndexedDB path (which queries
 * the records by index) and the in-memory fallback (which filters the bundled arrays) build the same card.
 */
import type { Conflict, Entity, Fact, Source, TimelineEvent } from '../../data/schema';
import { compareDates } from './partialDate';

/** Where the background served the dossier from. `memory` means IndexedDB could not be opened. */
export type CacheOrigin = 'indexeddb' | 'memory';

/** Everything a card shows about one entity, as the background sends it to a page. */
export interface EntityCard {
  entity: Entity;
  facts: Fact[];
  events: TimelineEvent[];
  conflicts: Conflict[];
  /** The sources cited by the facts, events and conflicts above, by id. */
  sources: Record<string, Source>;
  /** Display names of related entities, by id. */
  relatedNames: Record<string, string>;
  origin: CacheOrigin;
}

export interface CardRecords {
  entity: Entity;
  facts: readonly Fact[];
  events: readonly TimelineEvent[];
  conflicts: readonly Conflict[];
  /** At least the sources cited by the records above. */
  sources: readonly Source[];
  /** At least the entities listed in `entity.related`. */
  relatedEntities: readonly Pick<Entity, 'id' | 'name'>[];
}

export function buildCard(records: CardRecords, origin: CacheOrigin): EntityCard {
  const { entity } = records;
  const cited = new Set<string>();
  for (const item of [...records.facts, ...records.events]) for (const e of item.evidence) cited.add(e.source);
  for (const c of records.conflicts) for (const p of c.positions) cited.add(p.source);
  const sources: Record<string, Source> = {};
  for (const s of records.sources) if (cited.has(s.id)) sources[s.id] = s;
  const relatedNames: Record<string, string> = {};
  for (const r of records.relatedEntities) if (entity.related.includes(r.id)) relatedNames[r.id] = r.name;
  return {
    entity,
    facts: [...records.facts],
    events: [...records.events].sort((a, b) => compareDates(a.date, b.date)),
    conflicts: [...records.conflicts],
    sources,
    relatedNames,
    origin,
  };
}

/** Picks the records of one entity out of whole collections (the in-memory path). */
export function recordsFor(
  entityId: string,
  all: {
    entities: readonly Entity[];
    facts: readonly Fact[];
    events: readonly TimelineEvent[];
    conflicts: readonly Conflict[];
    sources: readonly Source[];
  },
): CardRecords | undefined {
  const entity = all.entities.find((e) => e.id === entityId);
  if (!entity) return undefined;
  return {
    entity,
    facts: all.facts.filter((f) => f.entities.includes(entityId)),
    events: all.events.filter((e) => e.entities.includes(entityId)),
    conflicts: all.conflicts.filter((c) => c.entities.includes(entityId)),
    sources: all.sources,
    relatedEntities: all.entities.filter((e) => entity.related.includes(e.id)),
  };
}
