/**
 * Full-text search over the dossier for the popup, with fuse.js for typo tolerance ("kurila" finds
 * Kurilla, "cismoa" finds CIS-MOA). One document per entity, fact and event; results carry Fuse's match
 * ranges so the UI can highlight the matched words. Pure: no DOM, runs in Node tests.
 */
import Fuse, { type FuseResult, type FuseResultMatch, type IFuseOptions } from 'fuse.js';
import type { Dossier, Entity, Fact, TimelineEvent } from '../../data/schema';

export type SearchDoc =
  | { kind: 'entity'; id: string; title: string; text: string; names: string; entity: Entity }
  | { kind: 'fact'; id: string; title: string; text: string; names: string; fact: Fact }
  | { kind: 'event'; id: string; title: string; text: string; names: string; event: TimelineEvent };

export interface SearchHit {
  doc: SearchDoc;
  score: number;
  /** Character ranges (inclusive) of `title` and `text` that matched. */
  matches: { key: 'title' | 'text'; indices: readonly [number, number][] }[];
}

/** "CIS-MOA" and "CIS MOA" also findable as "cismoa". */
function squash(text: string): string {
  return text.toLowerCase().replace(/[\s\-‐‑–.]+/g, '');
}

export function buildSearchDocs(dossier: Dossier): SearchDoc[] {
  const byId = new Map(dossier.entities.map((e) => [e.id, e]));
  // Entities carry every alias (and its squashed form); facts and events only their entities' display
  // names: long name lists on every fact would make each keystroke scan far more text for no better hits.
  const displayNames = (ids: readonly string[]) => ids.map((id) => byId.get(id)?.name ?? id).join(' · ');
  return [
    ...dossier.entities.map((entity): SearchDoc => ({
      kind: 'entity',
      id: entity.id,
      title: entity.name,
      text: entity.description,
      names: [
        ...new Set([
          entity.name,
          ...entity.aliases.map((a) => a.text),
          squash(entity.name),
          ...entity.aliases.map((a) => squash(a.text)),
        ]),
      ].join(' · '),
      entity,
    })),
    ...dossier.facts.map((fact): SearchDoc => ({
      kind: 'fact',
      id: fact.id,
      title: displayNames(fact.entities),
      text: fact.statement,
      names: displayNames(fact.entities),
      fact,
    })),
    ...dossier.events.map((event): SearchDoc => ({
      kind: 'event',
      id: event.id,
      title: event.date,
      text: event.label,
      names: displayNames(event.entities),
      event,
    })),
  ];
}

const BASE: IFuseOptions<SearchDoc> = {
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  minMatchCharLength: 2,
};

/** Entities: the name, every alias (and squashed alias), the description. */
const ENTITY_KEYS = [
  { name: 'title', weight: 3 },
  { name: 'names', weight: 2 },
  { name: 'text', weight: 1 },
];

/** Facts and events: their entities' names (the title) and their own text; `names` repeats the title. */
const RECORD_KEYS = [
  { name: 'title', weight: 2 },
  { name: 'text', weight: 1 },
];

/**
 * How far a match may stray from the query, by the query's length (with ignoreLocation, Fuse's score is the share
 * of the query's letters that are wrong). A short query has no room for a typo: one wrong letter of "IMET" is a
 * quarter of it, enough to find "Federal cabinet" through "inet". So up to four characters a query must appear as
 * it is; up to eight, one letter may be wrong ("kurila" still finds Kurilla); longer ones allow about a third.
 */
const STRICTNESS = [
  { upTo: 4, threshold: 0 },
  { upTo: 8, threshold: 0.2 },
  { upTo: Infinity, threshold: 0.34 },
] as const;

/** A year on its own ("2005"): the reader wants what happened then, so that year's events come first. */
const YEAR = /^(1[89]|2\d)\d\d$/;

/**
 * The longest query searched. Fuse's bitap search splits a pattern into 32-character pieces and runs each
 * over every document, so the time grows with the query: a pasted page of text froze the popup for seconds
 * (figures in docs/performance.md). A hundred characters is longer than any name or phrase worth searching for.
 */
export const MAX_QUERY_LENGTH = 100;

/** The query as searched: trimmed and cut to MAX_QUERY_LENGTH; `capped` says whether text was left out. */
export function searchableQuery(query: string): { text: string; capped: boolean } {
  const trimmed = query.trim();
  if (trimmed.length <= MAX_QUERY_LENGTH) return { text: trimmed, capped: false };
  let text = trimmed.slice(0, MAX_QUERY_LENGTH);
  // Never end on half of a surrogate pair (an emoji, a rare CJK character).
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return { text: text.trimEnd(), capped: true };
}

function toHit(r: FuseResult<SearchDoc>): SearchHit {
  return {
    doc: r.item,
    score: r.score ?? 1,
    matches: (r.matches ?? [])
      .filter((m): m is FuseResultMatch & { key: 'title' | 'text' } => m.key === 'title' || m.key === 'text')
      .map((m) => ({ key: m.key, indices: m.indices })),
  };
}

/** One Fuse per strictness (see STRICTNESS) over the same documents, all sharing one prepared index. */
class FuseLadder {
  private readonly rungs: { upTo: number; fuse: Fuse<SearchDoc> }[];

  constructor(docs: SearchDoc[], keys: typeof ENTITY_KEYS) {
    const index = Fuse.createIndex(keys, docs);
    this.rungs = STRICTNESS.map(({ upTo, threshold }) => ({
      upTo,
      fuse: new Fuse<SearchDoc>(docs, { ...BASE, keys, threshold }, index),
    }));
  }

  /** The Fuse whose strictness fits a query of this length. */
  for(length: number): Fuse<SearchDoc> {
    return this.rungs.find((r) => length <= r.upTo)!.fuse;
  }
}

/** Is the document about the entity (the entity itself, or a fact or event that names it)? */
function isAbout(doc: SearchDoc, entityId: string): boolean {
  return doc.kind === 'entity'
    ? doc.id === entityId
    : doc.kind === 'fact'
      ? doc.fact.entities.includes(entityId)
      : doc.event.entities.includes(entityId);
}

export interface SearchOptions {
  limit?: number;
  /** Only documents about this entity (the "everything about" page). */
  entityId?: string;
}

export class SearchIndex {
  /** Entities (short texts, many aliases) and facts/events (longer texts) are indexed apart, so a query
   *  runs the squashed-acronym variant only over the entities. */
  private readonly entityFuse: FuseLadder;
  private readonly recordFuse: FuseLadder;
  readonly docs: readonly SearchDoc[];

  constructor(dossier: Dossier) {
    this.docs = buildSearchDocs(dossier);
    this.entityFuse = new FuseLadder(
      this.docs.filter((d) => d.kind === 'entity'),
      ENTITY_KEYS,
    );
    this.recordFuse = new FuseLadder(
      this.docs.filter((d) => d.kind !== 'entity'),
      RECORD_KEYS,
    );
  }

  /**
   * Matching entities first (best first), then facts and events; for a year, that year's events before all else.
   * A single character matches nearly everything and reads as noise, so queries start at two characters; only the
   * first MAX_QUERY_LENGTH characters are searched (see searchableQuery).
   */
  search(query: string, { limit = 30, entityId }: SearchOptions = {}): SearchHit[] {
    const q = searchableQuery(query).text;
    if (q.length < 2) return [];
    // Scoped to one entity, the search runs over everything and keeps that entity's documents: the dossier is
    // small, and a limit applied before the filter would drop them.
    const fuseLimit = entityId ? this.docs.length : limit;
    const keep = (r: FuseResult<SearchDoc>) => !entityId || isAbout(r.item, entityId);
    const entityFuse = this.entityFuse.for(q.length);
    const entities = entityFuse.search(q, { limit: fuseLimit }).filter(keep);
    // "cis moa" and "cis-moa" also reach the squashed alias "cismoa".
    const squashed = squash(q);
    if (squashed !== q.toLowerCase() && squashed.length >= 2) {
      const seen = new Set(entities.map((r) => r.item));
      for (const r of this.entityFuse.for(squashed.length).search({ names: squashed }, { limit: fuseLimit }))
        if (!seen.has(r.item) && keep(r)) entities.push(r);
      entities.sort((a, b) => (a.score ?? 1) - (b.score ?? 1));
    }
    const records = this.recordFuse.for(q.length).search(q, { limit: fuseLimit }).filter(keep);
    const hits = [...entities, ...records].map(toHit);
    if (!YEAR.test(q)) return hits.slice(0, limit);
    const ofYear = this.docs.filter(
      (d): d is Extract<SearchDoc, { kind: 'event' }> =>
        d.kind === 'event' && d.event.date.startsWith(q) && (!entityId || isAbout(d, entityId)),
    );
    const first = new Set<SearchDoc>(ofYear);
    return [
      ...ofYear.map((doc): SearchHit => ({ doc, score: 0, matches: [] })),
      ...hits.filter((h) => !first.has(h.doc)),
    ].slice(0, limit);
  }

  /** Every document about one entity: the entity, then its facts and events (the "everything about" page). */
  forEntity(entityId: string): SearchDoc[] {
    return this.docs.filter((d) => isAbout(d, entityId));
  }
}
