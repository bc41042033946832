/**
 * Full-text search over the dossier for the popup, with fuse.js for typo tolerance ("kurila" finds
 * Kurilla, "cismoa" finds CIS-MOA). One document per entity, fact and event; results carry Fuse's match
 * ranges so the UI can highlight the matched words. Pure: no DOM, runs in Node tests.
 */
import Fuse, { type Expression, type FuseResultMatch, type IFuseOptions } from 'fuse.js';
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
  const namesOf = (ids: readonly string[]) =>
    ids
      .map((id) => byId.get(id))
      .filter((e): e is Entity => !!e)
      .flatMap((e) => [e.name, ...e.aliases.map((a) => a.text), squash(e.name), ...e.aliases.map((a) => squash(a.text))])
      .join(' · ');
  return [
    ...dossier.entities.map((entity): SearchDoc => ({ kind: 'entity', id: entity.id, title: entity.name, text: entity.description, names: namesOf([entity.id]), entity })),
    ...dossier.facts.map((fact): SearchDoc => ({
      kind: 'fact',
      id: fact.id,
      title: fact.entities.map((id) => byId.get(id)?.name ?? id).join(', '),
      text: fact.statement,
      names: namesOf(fact.entities),
      fact,
    })),
    ...dossier.events.map((event): SearchDoc => ({
      kind: 'event',
      id: event.id,
      title: event.date,
      text: event.label,
      names: namesOf(event.entities),
      event,
    })),
  ];
}

const OPTIONS: IFuseOptions<SearchDoc> = {
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  threshold: 0.34,
  minMatchCharLength: 2,
  keys: [
    { name: 'title', weight: 3 },
    { name: 'names', weight: 2 },
    { name: 'text', weight: 1 },
  ],
};

export class SearchIndex {
  private readonly fuse: Fuse<SearchDoc>;
  readonly docs: readonly SearchDoc[];

  constructor(dossier: Dossier) {
    this.docs = buildSearchDocs(dossier);
    this.fuse = new Fuse(this.docs, OPTIONS);
  }

  search(query: string, limit = 30): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    // Also try the squashed form, so "cis moa" and "cismoa" reach the squashed aliases.
    const anyField: Expression[] = [{ names: squash(q) }, { title: q }, { names: q }, { text: q }];
    const pattern: string | Expression = q.includes(' ') || q.includes('-') ? { $or: anyField } : q;
    return this.fuse.search(pattern, { limit }).map((r) => ({
      doc: r.item,
      score: r.score ?? 1,
      matches: (r.matches ?? [])
        .filter((m): m is FuseResultMatch & { key: 'title' | 'text' } => m.key === 'title' || m.key === 'text')
        .map((m) => ({ key: m.key, indices: m.indices })),
    }));
  }

  /** The search restricted to one entity's documents (the card's "search all facts" link). */
  forEntity(entityId: string): SearchDoc[] {
    return this.docs.filter((d) =>
      d.kind === 'entity' ? d.id === entityId : d.kind === 'fact' ? d.fact.entities.includes(entityId) : d.event.entities.includes(entityId),
    );
  }
}
