/**
 * The dossier's shape (data/schema.ts, via parseDossier and checkDossierStructure): a valid sample passes,
 * each malformed sample fails with a message naming the path of the problem. No access to ../shared.
 */
import { describe, expect, it } from 'vitest';
import { parseDossier } from '../../data/schema';
import { checkDossierStructure } from '../../lib/core/dossierCheck';

type Json = any;

function validSample(): Json {
  return {
    version: 2,
    sources: [
      {
        id: 'tribune',
        label: 'Express Tribune report (forum copy, 4 Aug 2023)',
        outlet: 'The Express Tribune',
        title: 'Cabinet gives nod to security pact with US',
        kind: 'news-report',
        author: 'A. Reporter',
        date: '2023-08-04',
        dateBasis: 'forum-copy',
        dateNote: 'The date line of the forum page carrying the copy.',
        file: '000_sample.txt',
        reliability: 'Original report on unnamed official sources.',
      },
      {
        id: 'forum',
        label: 'Forum post (undated, c. Jan 2020)',
        outlet: 'A forum',
        title: 'Untitled post',
        kind: 'forum-post',
        date: 'undated',
        dateBasis: 'inferred',
        dateNote: 'Placed from "earlier this week".',
        file: '004_sample.txt',
        reliability: 'Relays a third party.',
      },
    ],
    entities: [
      {
        id: 'cis-moa',
        name: 'CIS-MOA',
        kind: 'agreement',
        tier: 'core',
        description: 'A defence agreement.',
        related: ['imet'],
        aliases: [
          { text: 'CIS-MOA', match: 'acronym' },
          { text: 'Communication Interoperability and Security Memorandum of Agreement', match: 'name' },
        ],
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
        id: 'asim-munir',
        name: 'Asim Munir',
        kind: 'person',
        tier: 'related',
        description: 'Army chief.',
        related: ['cis-moa'],
        aliases: [
          { text: 'Asim Munir', match: 'name' },
          { text: 'Munir', match: 'name', afterFullName: true },
        ],
        falseFriends: ['Munir Akram'],
      },
    ],
    facts: [
      {
        id: 'cabinet-approved',
        entities: ['cis-moa'],
        statement: 'The cabinet cleared the pact.',
        evidence: [{ source: 'tribune', quote: 'gave its seal of approval to the signing' }],
        attribution: 'According to official sources',
      },
      {
        id: 'imet-resumed',
        entities: ['imet'],
        statement: 'The programme was restored.',
        evidence: [{ source: 'forum', quote: 'authorise the resumption of IMET' }],
      },
    ],
    events: [
      {
        id: 'first-signed',
        date: '2005-10',
        label: 'First signed',
        entities: ['cis-moa', 'asim-munir'],
        evidence: [{ source: 'tribune', quote: 'first was signed in October 2005' }],
      },
      {
        id: 'approval-confirmed',
        date: '2023-08-02',
        label: 'Approval confirmed',
        entities: ['cis-moa'],
        evidence: [{ source: 'tribune', quote: 'confirmed on Wednesday' }],
        inferred: 'Report dated Friday 2023-08-04 says Wednesday.',
      },
    ],
    conflicts: [
      {
        id: 'spelling',
        type: 'single-source',
        entities: ['cis-moa'],
        topic: 'Spelling of the name',
        positions: [{ source: 'tribune', says: 'One word.', quote: 'Communication Interoperability and Security' }],
        note: 'Same agreement.',
      },
    ],
  };
}

function errorsOf(mutate: (d: Json) => void): string[] {
  const d = validSample();
  mutate(d);
  const parsed = parseDossier(d);
  return parsed.ok ? [] : parsed.errors;
}

describe('dossier schema', () => {
  it('accepts a valid sample', () => {
    const parsed = parseDossier(validSample());
    expect(parsed.ok).toBe(true);
    expect(checkDossierStructure(validSample())).toEqual([]);
  });

  it('accepts year-only and month precision dates and "undated" sources', () => {
    expect(
      errorsOf((d) => {
        d.events[0].date = '2011';
        d.events[1].date = '2020-01';
        d.sources[0].date = 'undated';
      }),
    ).toEqual([]);
  });

  it('rejects a malformed event date', () => {
    expect(errorsOf((d) => (d.events[0].date = '04/08/2023'))).toEqual([
      'events.0.date: dates are YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it('rejects an impossible month in a source date', () => {
    expect(errorsOf((d) => (d.sources[0].date = '2023-13-01'))).toEqual([
      'sources.0.date: dates are YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it('rejects evidence without a quote', () => {
    expect(errorsOf((d) => delete d.facts[0].evidence[0].quote)).toEqual([
      'facts.0.evidence.0.quote: Invalid key: Expected "quote" but received undefined',
    ]);
  });

  it('rejects a quote longer than 300 characters', () => {
    expect(errorsOf((d) => (d.facts[1].evidence[0].quote = 'x'.repeat(301)))).toEqual([
      'facts.1.evidence.0.quote: quote must be at most 300 characters',
    ]);
  });

  it('accepts a quote of exactly 300 characters', () => {
    expect(errorsOf((d) => (d.facts[1].evidence[0].quote = 'x'.repeat(300)))).toEqual([]);
  });

  it('rejects a quote that is too short to be evidence', () => {
    expect(errorsOf((d) => (d.conflicts[0].positions[0].quote = 'short'))).toEqual([
      'conflicts.0.positions.0.quote: quote is too short to be evidence',
    ]);
  });

  it('rejects an unknown source kind', () => {
    expect(errorsOf((d) => (d.sources[1].kind = 'blog'))).toEqual([
      'sources.1.kind: Invalid type: Expected ("news-report" | "agency-copy" | "rewrite" | "translation" | "forum-post") but received "blog"',
    ]);
  });

  it('rejects an unknown date basis and an unknown conflict type', () => {
    expect(
      errorsOf((d) => {
        d.sources[0].dateBasis = 'guessed';
        d.conflicts[0].type = 'disagreement';
      }),
    ).toEqual([
      'sources.0.dateBasis: Invalid type: Expected ("stated" | "forum-copy" | "inferred" | "unknown") but received "guessed"',
      'conflicts.0.type: Invalid type: Expected ("sources-differ" | "single-source" | "self-contradiction") but received "disagreement"',
    ]);
  });

  it('rejects an empty label or date note', () => {
    expect(
      errorsOf((d) => {
        d.sources[0].label = ' ';
        d.sources[1].dateNote = '';
      }),
    ).toEqual(['sources.0.label: must not be empty', 'sources.1.dateNote: must not be empty']);
  });

  it('still parses a version-1 document without labels, date bases or conflict types', () => {
    expect(
      errorsOf((d) => {
        d.version = 1;
        for (const s of d.sources) {
          delete s.label;
          delete s.dateBasis;
          delete s.dateNote;
        }
        delete d.conflicts[0].type;
      }),
    ).toEqual([]);
  });

  it('rejects an unknown entity kind', () => {
    expect(errorsOf((d) => (d.entities[0].kind = 'country'))).toEqual([
      'entities.0.kind: Invalid type: Expected ("agreement" | "programme" | "person" | "organisation" | "outlet") but received "country"',
    ]);
  });

  it('rejects an id that is not lower-case words joined by hyphens', () => {
    expect(errorsOf((d) => (d.facts[0].id = 'Cabinet Approved'))).toEqual([
      'facts.0.id: ids are lower-case words joined by hyphens',
    ]);
  });

  it('rejects a bad id inside a reference list', () => {
    expect(errorsOf((d) => (d.entities[0].related = ['IMET']))).toEqual([
      'entities.0.related.0: ids are lower-case words joined by hyphens',
    ]);
  });

  it('rejects an entity without aliases', () => {
    expect(errorsOf((d) => (d.entities[1].aliases = []))).toEqual([
      'entities.1.aliases: an entity needs at least one alias',
    ]);
  });

  it('rejects an unknown alias match mode', () => {
    expect(errorsOf((d) => (d.entities[1].aliases[0].match = 'regex'))).toEqual([
      'entities.1.aliases.0.match: Invalid type: Expected ("acronym" | "name") but received "regex"',
    ]);
  });

  it('rejects keys the schema does not know', () => {
    expect(errorsOf((d) => (d.facts[0].confidence = 'high'))).toEqual([
      'facts.0.confidence: Invalid key: Expected never but received "confidence"',
    ]);
  });

  it('rejects a fact without evidence', () => {
    expect(errorsOf((d) => (d.facts[0].evidence = []))).toEqual(['facts.0.evidence: a fact needs at least one source']);
  });

  it('rejects a seed file name that is not a .txt file', () => {
    expect(errorsOf((d) => (d.sources[0].file = '../seeds/000.md'))).toEqual([
      'sources.0.file: file must be a seed file name ending in .txt',
    ]);
  });

  it('checkDossierStructure reports shape errors and stops there', () => {
    const d = validSample();
    d.version = 3;
    d.facts[0].entities = ['nobody']; // would be a dangling reference, but the shape is checked first
    expect(checkDossierStructure(d)).toEqual(['version: Invalid type: Expected (1 | 2) but received 3']);
  });
});
