/**
 * lib/core/dossierCheck.ts beyond the shape: references, ids, aliases, coverage, and quotes against small
 * in-test seed texts. Runs without ../shared; the real dossier is checked structurally here and against the
 * real seeds in tests/seeds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDossier, checkDossierStructure, normaliseWhitespace } from '../../lib/core/dossierCheck';

type Json = any;

const SEEDS: Record<string, string> = {
  '000_sample.txt': [
    ' date 2023-08-04 Cabinet gives nod',
    '',
    'The cabinet through a circulation summary gave its seal of approval to the signing of the pact,',
    'official sources confirmed   on Wednesday.',
    'The CIS-MOA first was signed in October 2005 for 15 years.',
    'Communication Interoperability and Security Memorandum of Agreement',
    'Washington’s long-term interests are not aligned with Islamabad.',
  ].join('\n'),
  '004_sample.txt': 'Washington announced it would authorise the resumption of IMET for Pakistan.',
};

function validSample(): Json {
  return {
    version: 1,
    sources: [
      {
        id: 'tribune',
        outlet: 'The Express Tribune',
        title: 'Cabinet gives nod',
        kind: 'news-report',
        date: '2023-08-04',
        file: '000_sample.txt',
        reliability: 'Original report.',
      },
      { id: 'forum', outlet: 'A forum', title: 'Untitled post', kind: 'forum-post', date: 'undated', file: '004_sample.txt', reliability: 'Relay.' },
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
          { text: 'CIS MOA', match: 'acronym' },
          { text: 'Communication Interoperability and Security Memorandum of Agreement', match: 'name' },
        ],
      },
      {
        id: 'imet',
        name: 'IMET',
        kind: 'programme',
        tier: 'core',
        description: 'A training programme.',
        related: ['cis-moa'],
        aliases: [{ text: 'IMET', match: 'acronym' }],
      },
      {
        id: 'asim-munir',
        name: 'Asim Munir',
        kind: 'person',
        tier: 'related',
        description: 'Army chief.',
        related: [],
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
        // a line break and a double space in the seed must not matter
        evidence: [{ source: 'tribune', quote: 'to the signing of the pact, official sources confirmed on Wednesday.' }],
      },
      {
        id: 'imet-resumed',
        entities: ['imet'],
        statement: 'The programme was restored.',
        evidence: [{ source: 'forum', quote: 'authorise the resumption of IMET' }],
      },
      {
        id: 'interests-diverge',
        entities: ['asim-munir'],
        statement: 'Interests differ.',
        evidence: [{ source: 'tribune', quote: 'Washington’s long-term interests are not aligned' }],
      },
    ],
    events: [
      {
        id: 'first-signed',
        date: '2005-10',
        label: 'First signed',
        entities: ['cis-moa'],
        evidence: [{ source: 'tribune', quote: 'first was signed in October 2005 for 15 years' }],
      },
    ],
    conflicts: [
      {
        id: 'spelling',
        entities: ['cis-moa'],
        topic: 'Spelling',
        positions: [{ source: 'tribune', says: 'One word.', quote: 'Communication Interoperability and Security' }],
      },
    ],
  };
}

function structure(mutate: (d: Json) => void): string[] {
  const d = validSample();
  mutate(d);
  return checkDossierStructure(d);
}

function full(mutate: (d: Json) => void, seeds: Record<string, string> = SEEDS): string[] {
  const d = validSample();
  mutate(d);
  return checkDossier(d, seeds);
}

describe('normaliseWhitespace', () => {
  it('collapses runs of whitespace, including line breaks and no-break spaces, and trims', () => {
    expect(normaliseWhitespace('  a \n\n b\u00a0\u00a0c\t')).toBe('a b c');
  });
});

describe('checkDossier on a valid sample', () => {
  it('passes the structural check', () => {
    expect(checkDossierStructure(validSample())).toEqual([]);
  });

  it('passes the full check against the in-test seeds (whitespace-normalised, curly apostrophe kept)', () => {
    expect(checkDossier(validSample(), SEEDS)).toEqual([]);
  });
});

describe('ids and references', () => {
  it('flags duplicate ids within a collection', () => {
    expect(structure((d) => d.facts.push({ ...d.facts[1] }))).toEqual(['facts[3]: duplicate id "imet-resumed" (already used by facts[1])']);
  });

  it('allows the same id in different collections', () => {
    expect(structure((d) => (d.events[0].id = 'cabinet-approved'))).toEqual([]);
  });

  it('flags a dangling entity id in a fact', () => {
    expect(structure((d) => d.facts[0].entities.push('qamar-bajwa'))).toEqual([
      'facts[0] "cabinet-approved": entities[1] "qamar-bajwa" is not an entity id',
    ]);
  });

  it('flags a dangling entity id in an event and in a conflict', () => {
    expect(
      structure((d) => {
        d.events[0].entities = ['jshq'];
        d.conflicts[0].entities = ['cis-moa', 'kurilla'];
      }),
    ).toEqual([
      'events[0] "first-signed": entities[0] "jshq" is not an entity id',
      'conflicts[0] "spelling": entities[1] "kurilla" is not an entity id',
    ]);
  });

  it('flags a dangling source id in evidence and in a conflict position', () => {
    expect(
      structure((d) => {
        d.facts[1].evidence[0].source = 'asian-lite';
        d.conflicts[0].positions[0].source = 'mint';
      }),
    ).toEqual([
      'facts[1] "imet-resumed": evidence[0] cites unknown source "asian-lite"',
      'conflicts[0] "spelling": positions[0] cites unknown source "mint"',
    ]);
  });

  it('flags a related id that is not an entity, and an entity related to itself', () => {
    expect(
      structure((d) => {
        d.entities[0].related = ['imet', 'centcom'];
        d.entities[1].related = ['imet'];
      }),
    ).toEqual([
      'entities[0] "cis-moa": related[1] "centcom" is not an entity id',
      'entities[1] "imet": related[0] points at the entity itself',
    ]);
  });
});

describe('aliases', () => {
  it('flags a name alias shared by two entities, ignoring case', () => {
    expect(
      structure((d) => {
        d.entities[1].aliases.push({ text: 'asim munir', match: 'name' });
      }),
    ).toEqual(['duplicate alias: name "asim munir" of entity "imet" and name "Asim Munir" of entity "asim-munir" are equal ignoring case']);
  });

  it('flags an acronym shared by two entities', () => {
    expect(structure((d) => d.entities[2].aliases.push({ text: 'IMET', match: 'acronym' }))).toEqual([
      'duplicate alias: acronym "IMET" of entity "imet" and acronym "IMET" of entity "asim-munir" are equal exactly',
    ]);
  });

  it('does not flag acronyms that differ only in case (they match case-sensitively)', () => {
    expect(structure((d) => d.entities[2].aliases.push({ text: 'Imet', match: 'acronym' }))).toEqual([]);
  });

  it('flags an acronym that a name alias of another entity would also match', () => {
    expect(structure((d) => d.entities[2].aliases.push({ text: 'imet', match: 'name' }))).toEqual([
      'duplicate alias: acronym "IMET" of entity "imet" and name "imet" of entity "asim-munir" are equal ignoring case',
    ]);
  });

  it('flags an alias listed twice on one entity', () => {
    expect(structure((d) => d.entities[2].aliases.push({ text: 'ASIM MUNIR', match: 'name' }))).toEqual([
      'entity "asim-munir": alias "Asim Munir" is listed twice (name "Asim Munir" and name "ASIM MUNIR" are equal ignoring case)',
    ]);
  });

  it('treats CIS-MOA and CIS MOA as distinct alias texts', () => {
    expect(structure(() => {})).toEqual([]);
  });

  it('flags an entity whose aliases are all afterFullName', () => {
    expect(structure((d) => (d.entities[2].aliases = [{ text: 'Munir', match: 'name', afterFullName: true }]))).toEqual([
      'entities[2] "asim-munir": every alias is afterFullName, so the entity could never be matched',
    ]);
  });

  it('flags a false friend that contains none of the aliases', () => {
    expect(structure((d) => d.entities[2].falseFriends.push('Asim Saleem Bajwa'))).toEqual([
      'entities[2] "asim-munir": falseFriend "Asim Saleem Bajwa" does not contain any of the entity\'s aliases',
    ]);
  });
});

describe('coverage', () => {
  it('flags an entity that no fact or event mentions', () => {
    expect(
      structure((d) =>
        d.entities.push({
          id: 'centcom',
          name: 'CENTCOM',
          kind: 'organisation',
          tier: 'related',
          description: 'A command.',
          related: [],
          aliases: [{ text: 'CENTCOM', match: 'acronym' }],
        }),
      ),
    ).toEqual(['entities[3] "centcom": no fact or event mentions this entity']);
  });

  it('counts an event as coverage', () => {
    expect(
      structure((d) => {
        d.facts = d.facts.filter((f: Json) => f.id !== 'interests-diverge');
        d.events[0].entities.push('asim-munir');
      }),
    ).toEqual([]);
  });

  it('does not count a conflict as coverage', () => {
    expect(
      structure((d) => {
        d.facts = d.facts.filter((f: Json) => f.id !== 'interests-diverge');
        d.conflicts[0].entities.push('asim-munir');
      }),
    ).toEqual(['entities[2] "asim-munir": no fact or event mentions this entity']);
  });
});

describe('quotes against seed texts', () => {
  it('flags a fact quote that is not in the cited seed file', () => {
    expect(full((d) => (d.facts[0].evidence[0].quote = 'the cabinet rejected the pact outright on Tuesday'))).toEqual([
      'facts[0] "cabinet-approved": evidence[0]: quote not found in source "tribune" (file 000_sample.txt): "the cabinet rejected the pact outright on Tuesday"',
    ]);
  });

  it('flags a quote that exists, but in another source’s file', () => {
    expect(full((d) => (d.facts[1].evidence[0].source = 'tribune'))).toEqual([
      'facts[1] "imet-resumed": evidence[0]: quote not found in source "tribune" (file 000_sample.txt): "authorise the resumption of IMET"',
    ]);
  });

  it('flags event and conflict quotes, shortening long ones in the message', () => {
    expect(
      full((d) => {
        d.events[0].evidence[0].quote = 'first was signed in November 2005 for 15 years';
        d.conflicts[0].positions[0].quote = 'Communication Inter-Operability and Security Memorandum of Agreement (CIS-MOA)';
      }),
    ).toEqual([
      'events[0] "first-signed": evidence[0]: quote not found in source "tribune" (file 000_sample.txt): "first was signed in November 2005 for 15 years"',
      'conflicts[0] "spelling": positions[0]: quote not found in source "tribune" (file 000_sample.txt): "Communication Inter-Operability and Security Memorandum of A…"',
    ]);
  });

  it('keeps apostrophes exact: a straight apostrophe does not match the seed’s curly one', () => {
    expect(full((d) => (d.facts[2].evidence[0].quote = "Washington's long-term interests are not aligned"))).toEqual([
      'facts[2] "interests-diverge": evidence[0]: quote not found in source "tribune" (file 000_sample.txt): "Washington\'s long-term interests are not aligned"',
    ]);
  });

  it('flags a source whose file is not among the seeds, without reporting its quotes again', () => {
    expect(full(() => {}, { '000_sample.txt': SEEDS['000_sample.txt']! })).toEqual([
      'sources[1] "forum": file "004_sample.txt" is not among the seed files (000_sample.txt)',
    ]);
  });

  it('reports structural errors too, and only shape errors when the shape is wrong', () => {
    expect(full((d) => d.facts[1].entities.push('nobody'))).toEqual(['facts[1] "imet-resumed": entities[1] "nobody" is not an entity id']);
    expect(full((d) => (d.events[0].date = '2005-10-32'))).toEqual(['events.0.date: dates are YYYY, YYYY-MM or YYYY-MM-DD']);
  });
});

describe('the bundled data/dossier.json', () => {
  const dossier: Json = JSON.parse(readFileSync(path.resolve(__dirname, '../../data/dossier.json'), 'utf8'));

  it('passes checkDossierStructure with no errors', () => {
    expect(checkDossierStructure(dossier)).toEqual([]);
  });

  it('has one source per seed file and both core entities', () => {
    expect(dossier.sources).toHaveLength(5);
    expect(new Set(dossier.sources.map((s: Json) => s.file)).size).toBe(5);
    const core = dossier.entities.filter((e: Json) => e.tier === 'core').map((e: Json) => e.id);
    expect(core.sort()).toEqual(['cis-moa', 'imet']);
  });

  it('explains every timeline date that no source states outright', () => {
    const inferred = dossier.events.filter((e: Json) => e.inferred).map((e: Json) => e.id);
    expect(inferred).toEqual(expect.arrayContaining(['imet-frozen-2018', 'soleimani-strike-2020', 'kurilla-munir-meeting-2023', 'cabinet-approval-confirmed-2023']));
  });
});
