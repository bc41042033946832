/**
 * Popup search over the real bundled dossier: typo tolerance, squashed acronyms, match ranges, the
 * per-entity restriction, and the length cap that keeps pasted text from freezing the popup.
 */
import { describe, expect, it } from 'vitest';
import {
  buildSearchDocs,
  MAX_QUERY_LENGTH,
  SearchIndex,
  searchableQuery,
  type SearchDoc,
  type SearchHit,
} from '../../lib/core/searchIndex';
import { bundledDossier } from '../../lib/store/bundledDossier';

const index = new SearchIndex(bundledDossier);

function entityIdsOf(doc: SearchDoc): string[] {
  return doc.kind === 'entity' ? [doc.id] : doc.kind === 'fact' ? doc.fact.entities : doc.event.entities;
}

function topEntityIds(hits: SearchHit[], n = 3): string[] {
  return hits
    .slice(0, n)
    .filter((h) => h.doc.kind === 'entity')
    .map((h) => h.doc.id);
}

describe('SearchIndex documents', () => {
  it('has one document per entity, fact and event', () => {
    const docs = buildSearchDocs(bundledDossier);
    expect(docs).toHaveLength(
      bundledDossier.entities.length + bundledDossier.facts.length + bundledDossier.events.length,
    );
    expect(index.docs.filter((d) => d.kind === 'entity').map((d) => d.id)).toEqual(
      bundledDossier.entities.map((e) => e.id),
    );
    expect(index.docs.filter((d) => d.kind === 'fact').map((d) => d.id)).toEqual(bundledDossier.facts.map((f) => f.id));
    expect(index.docs.filter((d) => d.kind === 'event').map((d) => d.id)).toEqual(
      bundledDossier.events.map((e) => e.id),
    );
  });

  it('names carry squashed aliases, so CIS-MOA is also "cismoa"', () => {
    const doc = index.docs.find((d) => d.kind === 'entity' && d.id === 'cis-moa')!;
    expect(doc.names).toContain('cismoa');
    expect(doc.names).toContain('CIS-MOA');
  });
});

describe('SearchIndex.search', () => {
  it('tolerates a typo: "kurila" finds Michael Kurilla in the top 3', () => {
    const hits = index.search('kurila');
    expect(topEntityIds(hits)).toContain('michael-kurilla');
  });

  it('"cismoa" finds CIS-MOA in the top 3', () => {
    expect(topEntityIds(index.search('cismoa'))).toContain('cis-moa');
  });

  it('"cis moa" (with a space) finds CIS-MOA in the top 3', () => {
    expect(topEntityIds(index.search('cis moa'))).toContain('cis-moa');
  });

  it('"CIS-MOA" finds CIS-MOA in the top 3', () => {
    expect(topEntityIds(index.search('CIS-MOA'))).toContain('cis-moa');
  });

  it('"Bajwa" finds the entity first and facts about Qamar Javed Bajwa', () => {
    const hits = index.search('Bajwa');
    expect(hits[0]!.doc.id).toBe('qamar-javed-bajwa');
    const facts = hits.filter((h) => h.doc.kind === 'fact');
    expect(facts.length).toBeGreaterThan(0);
    const aboutBajwa = facts.filter((h) => entityIdsOf(h.doc).includes('qamar-javed-bajwa'));
    expect(aboutBajwa.length).toBeGreaterThanOrEqual(2);
    // Every fact that names Bajwa is found.
    const naming = bundledDossier.facts.filter((f) => f.entities.includes('qamar-javed-bajwa')).map((f) => f.id);
    expect(naming.length).toBeGreaterThan(0);
    for (const id of naming) expect(hits.map((h) => h.doc.id)).toContain(id);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });

  it('finds nothing for a word that is nowhere in the dossier', () => {
    expect(index.search('xylophonezzqq')).toEqual([]);
  });

  it('respects the limit and orders hits by score', () => {
    const hits = index.search('Pakistan', { limit: 5 });
    expect(hits.length).toBe(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeLessThanOrEqual(hits[i]!.score);
    for (const h of hits) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
  });

  it('match indices lie inside the matched title or text', () => {
    for (const q of ['kurila', 'cismoa', 'cis moa', 'Bajwa', 'IMET', 'Munir']) {
      const hits = index.search(q);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.some((h) => h.matches.length > 0)).toBe(true);
      for (const hit of hits) {
        for (const m of hit.matches) {
          expect(['title', 'text']).toContain(m.key);
          const field = hit.doc[m.key];
          for (const [start, end] of m.indices) {
            expect(start).toBeGreaterThanOrEqual(0);
            expect(end).toBeGreaterThanOrEqual(start);
            expect(end).toBeLessThan(field.length);
          }
        }
      }
    }
  });

  it('"Bajwa" highlights the word Bajwa in the entity title', () => {
    const hit = index.search('Bajwa').find((h) => h.doc.id === 'qamar-javed-bajwa')!;
    const title = hit.matches.find((m) => m.key === 'title')!;
    const highlighted = title.indices.map(([s, e]) => hit.doc.title.slice(s, e + 1));
    expect(highlighted).toContain('Bajwa');
  });
});

describe('short queries and years', () => {
  it('"IMET" finds IMET first and nothing that only resembles it ("Federal cabinet" through "inet")', () => {
    const hits = index.search('IMET');
    expect(hits[0]!.doc.id).toBe('imet');
    expect(hits.map((h) => h.doc.id)).not.toContain('pakistan-federal-cabinet');
    // A query of four letters or fewer is found as it is written, in the title, the names or the text.
    for (const { doc } of hits) expect(`${doc.title} ${doc.names} ${doc.text}`.toLowerCase()).toContain('imet');
  });

  it('a typo still finds a longer name ("kurila", "Bajwaa")', () => {
    expect(topEntityIds(index.search('kurila'))).toContain('michael-kurilla');
    expect(topEntityIds(index.search('Bajwaa'))).toContain('qamar-javed-bajwa');
  });

  it('"2005" lists the events of 2005 first, then the rest', () => {
    const hits = index.search('2005');
    const of2005 = bundledDossier.events.filter((e) => e.date.startsWith('2005')).map((e) => e.id);
    expect(of2005.length).toBeGreaterThan(0);
    expect(hits.slice(0, of2005.length).map((h) => h.doc.id)).toEqual(of2005);
    // Other documents that say "2005" follow (the 2020 event "The 2005 CIS-MOA expires").
    expect(hits.length).toBeGreaterThan(of2005.length);
  });

  it('scoped to an entity, keeps only documents about it, whatever the limit', () => {
    const hits = index.search('Pakistan', { entityId: 'imet', limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    for (const { doc } of hits) expect(entityIdsOf(doc)).toContain('imet');
    expect(index.search('Kurilla', { entityId: 'imet' }).map((h) => h.doc.id)).not.toContain('michael-kurilla');
  });
});

describe('SearchIndex.forEntity', () => {
  it("returns only imet's own entity document and the facts and events that name imet", () => {
    const docs = index.forEntity('imet');
    expect(docs.length).toBeGreaterThan(1);
    for (const d of docs) expect(entityIdsOf(d)).toContain('imet');
    expect(docs.filter((d) => d.kind === 'entity').map((d) => d.id)).toEqual(['imet']);
    const expectedFacts = bundledDossier.facts.filter((f) => f.entities.includes('imet')).map((f) => f.id);
    const expectedEvents = bundledDossier.events.filter((e) => e.entities.includes('imet')).map((e) => e.id);
    expect(docs.filter((d) => d.kind === 'fact').map((d) => d.id)).toEqual(expectedFacts);
    expect(docs.filter((d) => d.kind === 'event').map((d) => d.id)).toEqual(expectedEvents);
  });

  it('returns nothing for an unknown entity', () => {
    expect(index.forEntity('no-such-entity')).toEqual([]);
  });
});

describe('long queries', () => {
  const sentence =
    'Pakistan and the United States signed CIS-MOA; Kurilla met Asim Munir at the Joint Staff Headquarters. ';
  const huge = sentence.repeat(Math.ceil(160_000 / sentence.length)).slice(0, 160_000);

  it('a 160 KB query returns quickly (it took 42 s before the cap)', () => {
    index.search('warm up');
    const started = performance.now();
    const hits = index.search(huge);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(200);
    // Still a search of its first words, not an empty answer.
    expect(hits.length).toBeGreaterThan(0);
  });

  it('reports that the query was capped, and what was searched', () => {
    const searched = searchableQuery(huge);
    expect(searched.capped).toBe(true);
    expect(searched.text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(huge.startsWith(searched.text)).toBe(true);
    expect(index.search(huge)).toEqual(index.search(searched.text));
  });

  it('leaves queries up to the limit alone, counting after trimming', () => {
    const exact = 'a'.repeat(MAX_QUERY_LENGTH);
    expect(searchableQuery(`  ${exact}  `)).toEqual({ text: exact, capped: false });
    expect(searchableQuery(' kurila ')).toEqual({ text: 'kurila', capped: false });
    expect(searchableQuery(`${exact}b`)).toEqual({ text: exact, capped: true });
  });

  it('does not cut an emoji in half at the limit, nor end on a space', () => {
    const emoji = `${'a'.repeat(MAX_QUERY_LENGTH - 1)}😀 tail`;
    expect(searchableQuery(emoji).text).toBe('a'.repeat(MAX_QUERY_LENGTH - 1));
    const spaced = `${'a'.repeat(MAX_QUERY_LENGTH - 1)} more words`;
    expect(searchableQuery(spaced).text).toBe('a'.repeat(MAX_QUERY_LENGTH - 1));
  });
});
