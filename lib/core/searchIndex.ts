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
  threshold: 0.34,
  minMatchCharLength: 2,
};

/** Entities: the name, every alias (and squashed alias), the description. */
const ENTITY_OPTIONS: IFuseOptions<SearchDoc> = {
  ...BASE,
  keys: [
    { name: 'title', weight: 3 },
    { name: 'names', weight: 2 },
    { name: 'text', weight: 1 },
  ],
};

/** Facts and events: their entities' names (the title) and their own text; `names` repeats the title. */
const RECORD_OPTIONS: IFuseOptions<SearchDoc> = {
  ...BASE,
  keys: [
    { name: 'title', weight: 2 },
    { name: 'text', weight: 1 },
  ],
};

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

export class SearchIndex {
  /** Entities (short texts, many aliases) and facts/events (longer texts) are indexed apart, so a query
   *  runs the squashed-acronym variant only over the entities. */
  private readonly entityFuse: Fuse<SearchDoc>;
  private readonly recordFuse: Fuse<SearchDoc>;
  readonly docs: readonly SearchDoc[];

  constructor(dossier: Dossier) {
    this.docs = buildSearchDocs(dossier);
    this.entityFuse = new Fuse<SearchDoc>(
      this.docs.filter((d) => d.kind === 'entity'),
      ENTITY_OPTIONS,
    );
    this.recordFuse = new Fuse<SearchDoc>(
      this.docs.filter((d) => d.kind !== 'entity'),
      RECORD_OPTIONS,
    );
  }

  /**
   * Matching entities first (best first), then facts and events. A single character matches nearly
   * everything and reads as noise, so queries start at two characters; only the first MAX_QUERY_LENGTH
   * characters are searched (see searchableQuery).
   */
  search(query: string, limit = 30): SearchHit[] {
    const q = searchableQuery(query).text;
    if (q.length < 2) return [];
    const entities = this.entityFuse.search(q, { limit });
    // "cis moa" and "cis-moa" also reach the squashed alias "cismoa".
    const squashed = squash(q);
    if (squashed !== q.toLowerCase() && squashed.length >= 2) {
      const seen = new Set(entities.map((r) => r.item));
      for (const r of this.entityFuse.search({ names: squashed }, { limit })) if (!seen.has(r.item)) entities.push(r);
      entities.sort((a, b) => (a.score ?? 1) - (b.score ?? 1));
    }
    return [...entities, ...this.recordFuse.search(q, { limit })].slice(0, limit).map(toHit);
  }

  /** The search restricted to one entity's documents (the card's "search all facts" link). */
  forEntity(entityId: string): SearchDoc[] {
    return this.docs.filter((d) =>
      d.kind === 'entity'
        ? d.id === entityId
        : d.kind === 'fact'
          ? d.fact.entities.includes(entityId)
          : d.event.entities.includes(entityId),
    );
  }
}
