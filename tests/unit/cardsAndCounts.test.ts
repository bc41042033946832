import { describe, expect, it } from 'vitest';
import type { Conflict, Entity, Fact, Source, TimelineEvent } from '../../data/schema';
import { buildCard, recordsFor } from '../../lib/core/cards';
import { contentHash } from '../../lib/core/contentHash';
import { countByEntity } from '../../lib/core/mentionCounts';

function source(id: string): Source {
  return {
    id,
    label: `Label ${id}`,
    outlet: `Outlet ${id}`,
    title: `Title ${id}`,
    kind: 'news-report',
    date: '2023',
    dateBasis: 'stated',
    file: `${id}.txt`,
    reliability: 'Fine.',
  };
}
function entity(id: string, related: string[] = []): Entity {
  return {
    id,
    name: `Name of ${id}`,
    kind: 'organisation',
    tier: 'related',
    description: `About ${id}.`,
    related,
    aliases: [{ text: id, match: 'name' }],
  };
}
function fact(id: string, entities: string[], sources: string[]): Fact {
  return {
    id,
    entities,
    statement: `Statement ${id}.`,
    evidence: sources.map((s) => ({ source: s, quote: `quote from ${s}` })),
  };
}
function event(id: string, date: string, entities: string[], sources: string[]): TimelineEvent {
  return {
    id,
    date,
    label: `Label ${id}`,
    entities,
    evidence: sources.map((s) => ({ source: s, quote: `quote from ${s}` })),
  };
}
function conflict(id: string, entities: string[], sources: string[]): Conflict {
  return {
    id,
    type: sources.length > 1 ? 'sources-differ' : 'single-source',
    entities,
    topic: `Topic ${id}`,
    positions: sources.map((s) => ({ source: s, says: 'Says so.', quote: `quote from ${s}` })),
  };
}

const all = {
  entities: [entity('a', ['b', 'c']), entity('b', ['a']), entity('c'), entity('d')],
  facts: [
    fact('f1', ['a', 'b'], ['s1']),
    fact('f2', ['b'], ['s2']),
    fact('f3', ['a'], ['s3', 's1']),
    fact('f4', ['d'], ['s4']),
  ],
  events: [
    event('ev-late', '2023-08-02', ['a'], ['s1']),
    event('ev-year', '2020', ['a', 'c'], ['s2']),
    event('ev-other', '2001', ['d'], ['s4']),
    event('ev-month', '2020-01', ['a'], ['s1']),
    event('ev-early', '2005-10', ['a'], ['s3']),
  ],
  conflicts: [conflict('c1', ['a'], ['s5', 's1']), conflict('c2', ['b', 'd'], ['s4'])],
  sources: ['s1', 's2', 's3', 's4', 's5', 's6'].map(source),
};

describe('recordsFor', () => {
  it('picks the records naming the entity, in dossier order', () => {
    const r = recordsFor('a', all)!;
    expect(r.entity.id).toBe('a');
    expect(r.facts.map((f) => f.id)).toEqual(['f1', 'f3']);
    expect(r.events.map((e) => e.id)).toEqual(['ev-late', 'ev-year', 'ev-month', 'ev-early']);
    expect(r.conflicts.map((c) => c.id)).toEqual(['c1']);
    expect(r.relatedEntities.map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('returns undefined for an unknown entity', () => {
    expect(recordsFor('zzz', all)).toBeUndefined();
  });
});

describe('buildCard', () => {
  it('sorts events by date, a year-only date after the finer dates of its year', () => {
    const card = buildCard(recordsFor('a', all)!, 'memory');
    expect(card.events.map((e) => e.date)).toEqual(['2005-10', '2020-01', '2020', '2023-08-02']);
    // The input records are not reordered in place.
    expect(all.events[0]!.id).toBe('ev-late');
  });

  it('keeps only the sources cited by facts, events and conflicts', () => {
    const card = buildCard(recordsFor('a', all)!, 'memory');
    // s1, s3 from facts; s2 from ev-year; s5 from c1 only; s4 and s6 are not cited by a's records.
    expect(Object.keys(card.sources).sort()).toEqual(['s1', 's2', 's3', 's5']);
    expect(card.sources['s5']).toEqual(source('s5'));
  });

  it('names only the entities listed in entity.related', () => {
    const card = buildCard(recordsFor('a', all)!, 'indexeddb');
    expect(card.relatedNames).toEqual({ b: 'Name of b', c: 'Name of c' });
    // Extra related entities handed in are ignored when the entity does not list them.
    const c = recordsFor('c', all)!;
    const cardC = buildCard({ ...c, relatedEntities: all.entities }, 'memory');
    expect(cardC.relatedNames).toEqual({});
  });

  it('ignores cited sources it was not given and carries the origin', () => {
    const r = recordsFor('b', all)!;
    const card = buildCard({ ...r, sources: [source('s2')] }, 'indexeddb');
    expect(Object.keys(card.sources)).toEqual(['s2']);
    expect(card.origin).toBe('indexeddb');
    expect(card.facts.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(card.conflicts.map((c) => c.id)).toEqual(['c2']);
  });

  it('returns fresh arrays, not the record arrays', () => {
    const r = recordsFor('a', all)!;
    const card = buildCard(r, 'memory');
    expect(card.facts).not.toBe(r.facts);
    expect(card.conflicts).not.toBe(r.conflicts);
    card.facts.pop();
    expect(r.facts).toHaveLength(2);
  });

  it('builds an empty card for an entity with no records', () => {
    const card = buildCard(
      { entity: entity('lonely'), facts: [], events: [], conflicts: [], sources: all.sources, relatedEntities: [] },
      'memory',
    );
    expect(card).toMatchObject({
      facts: [],
      events: [],
      conflicts: [],
      sources: {},
      relatedNames: {},
      origin: 'memory',
    });
  });
});

describe('countByEntity', () => {
  it('counts per entity in order of first appearance', () => {
    const counts = countByEntity([
      { entityId: 'imet', name: 'IMET', text: 'IMET' },
      { entityId: 'cis-moa', name: 'CIS-MOA', text: 'CIS-MOA' },
      { entityId: 'imet', name: 'IMET', text: 'International Military Education and Training' },
      { entityId: 'asim-munir', name: 'Asim Munir', text: 'Munir' },
      { entityId: 'imet', name: 'IMET', text: 'IMET' },
      { entityId: 'cis-moa', name: 'CIS-MOA', text: 'CISMOA' },
    ]);
    expect(counts).toEqual([
      { entityId: 'imet', name: 'IMET', count: 3 },
      { entityId: 'cis-moa', name: 'CIS-MOA', count: 2 },
      { entityId: 'asim-munir', name: 'Asim Munir', count: 1 },
    ]);
  });

  it('is empty for no mentions', () => {
    expect(countByEntity([])).toEqual([]);
  });
});

describe('contentHash', () => {
  it('is 14 hex characters and stable', () => {
    const text = JSON.stringify({ version: 1, entities: ['cis-moa'] });
    const h = contentHash(text);
    expect(h).toMatch(/^[0-9a-f]{14}$/);
    expect(contentHash(text)).toBe(h);
    expect(contentHash('')).toMatch(/^[0-9a-f]{14}$/);
  });

  it('changes when one character changes', () => {
    const base = 'The cabinet cleared the CIS-MOA in August 2023.';
    const seen = new Set([contentHash(base)]);
    for (let i = 0; i < base.length; i++) {
      const changed = base.slice(0, i) + (base[i] === 'x' ? 'y' : 'x') + base.slice(i + 1);
      seen.add(contentHash(changed));
    }
    expect(seen.size).toBe(base.length + 1);
    expect(contentHash('ab')).not.toBe(contentHash('ba'));
  });

  it('depends on the seed', () => {
    expect(contentHash('dossier', 1)).not.toBe(contentHash('dossier', 0));
    expect(contentHash('dossier', 1)).toMatch(/^[0-9a-f]{14}$/);
  });
});
