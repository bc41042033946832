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
    version: 2,
    sources: [
      {
        id: 'tribune',
        label: 'Express Tribune report (4 Aug 2023)',
        outlet: 'The Express Tribune',
        title: 'Cabinet gives nod',
        kind: 'news-report',
        date: '2023-08-04',
        dateBasis: 'stated',
        file: '000_sample.txt',
        reliability: 'Original report.',
      },
      {
        id: 'forum',
        label: 'Forum post (undated)',
        outlet: 'A forum',
        title: 'Untitled post',
        kind: 'forum-post',
        date: 'undated',
        dateBasis: 'unknown',
        file: '004_sample.txt',
        reliability: 'Relay.',
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
        evidence: [
          { source: 'tribune', quote: 'to the signing of the pact, official sources confirmed on Wednesday.' },
        ],
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
        type: 'single-source',
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
    expect(structure((d) => d.facts.push({ ...d.facts[1] }))).toEqual([
      'facts[3]: duplicate id "imet-resumed" (already used by facts[1])',
    ]);
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
    ).toEqual([
      'duplicate alias: name "asim munir" of entity "imet" and name "Asim Munir" of entity "asim-munir" are equal ignoring case',
    ]);
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
    expect(structure((d) => (d.entities[2].aliases = [{ text: 'Munir', match: 'name', afterFullName: true }]))).toEqual(
      ['entities[2] "asim-munir": every alias is afterFullName, so the entity could never be matched'],
    );
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
        d.events[0].evidence[0].quote = 'first was signed in October 2005 for 16 years';
        d.conflicts[0].positions[0].quote =
          'Communication Inter-Operability and Security Memorandum of Agreement (CIS-MOA)';
      }),
    ).toEqual([
      'events[0] "first-signed": evidence[0]: quote not found in source "tribune" (file 000_sample.txt): "first was signed in October 2005 for 16 years"',
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
    expect(full((d) => d.facts[1].entities.push('nobody'))).toEqual([
      'facts[1] "imet-resumed": entities[1] "nobody" is not an entity id',
    ]);
    expect(full((d) => (d.events[0].date = '2005-10-32'))).toEqual([
      'events.0.date: dates are YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });
});

const bundled: Json = JSON.parse(readFileSync(path.resolve(__dirname, '../../data/dossier.json'), 'utf8'));

/** The structural check on a deep copy of the bundled dossier, broken by `mutate`. */
function brokenBundled(mutate: (d: Json) => void): string[] {
  const d = structuredClone(bundled);
  mutate(d);
  return checkDossierStructure(d);
}

/** `where` of a record in the bundled dossier, as messages spell it. */
function at(collection: string, id: string): string {
  const index = bundled[collection].findIndex((x: Json) => x.id === id);
  if (index < 0) throw new Error(`${collection} has no "${id}"`);
  return `${collection}[${index}] "${id}"`;
}
const byId = (d: Json, collection: string, id: string) => d[collection].find((x: Json) => x.id === id);

describe('editorial rules, on broken copies of the bundled dossier', () => {
  it('requires version 2', () => {
    expect(brokenBundled((d) => (d.version = 1))).toEqual([
      'version: the bundled dossier must be version 2 (source labels, date bases, conflict types), not 1',
    ]);
  });

  it('requires a reader label on every source', () => {
    expect(brokenBundled((d) => delete byId(d, 'sources', 'mint-ani').label)).toEqual([
      `${at('sources', 'mint-ani')}: no label: give the source a name a reader can use`,
    ]);
  });

  it('requires a date basis on every source', () => {
    expect(brokenBundled((d) => delete byId(d, 'sources', 'indian-translation').dateBasis)).toEqual([
      `${at('sources', 'indian-translation')}: no dateBasis: say whether the date is stated, from a forum copy, inferred or unknown`,
    ]);
  });

  it('requires an explanation for an inferred or forum-copy source date', () => {
    expect(
      brokenBundled((d) => {
        delete byId(d, 'sources', 'forum-asian-lite').dateNote;
        delete byId(d, 'sources', 'tribune-cabinet-nod').dateNote;
      }),
    ).toEqual([
      `${at('sources', 'tribune-cabinet-nod')}: dateBasis "forum-copy" needs a dateNote explaining it`,
      `${at('sources', 'forum-asian-lite')}: dateBasis "inferred" needs a dateNote explaining it`,
    ]);
  });

  it('keeps the date basis consistent with the date', () => {
    expect(
      brokenBundled((d) => {
        byId(d, 'sources', 'undated-rewrite').date = '2023-08';
        byId(d, 'sources', 'mint-ani').date = 'undated';
      }),
    ).toEqual([
      `${at('sources', 'undated-rewrite')}: dateBasis "inferred" is for undated documents, but the date is "2023-08" (use "stated" or "forum-copy")`,
      `${at('sources', 'mint-ani')}: dateBasis "stated" but the date is "undated"`,
    ]);
  });

  it('flags a seed file name in reader-facing text', () => {
    expect(brokenBundled((d) => (byId(d, 'sources', 'mint-ani').label = 'Mint (003_149d1efbfd6081fa.txt)'))).toEqual([
      `${at('sources', 'mint-ani')}: label names the seed file "003_149d1efbfd6081fa.txt"; reader-facing text must not`,
    ]);
    expect(brokenBundled((d) => (byId(d, 'sources', 'mint-ani').dateNote = 'As in 004_9dd4ff9555c4d8ab.'))).toEqual([
      `${at('sources', 'mint-ani')}: dateNote names the seed reference "004_9dd4ff9555c4d8ab"; reader-facing text must not`,
    ]);
  });

  it('flags seeds referred to by number, as the first dossier did', () => {
    expect(
      brokenBundled((d) => {
        byId(d, 'entities', 'us-department-of-defense').description =
          'Seeds 000 and 003 spell it "Department of Defence".';
        byId(d, 'facts', 'cis-moa-scope').statement += ' (seed 000)';
      }),
    ).toEqual([
      `${at('entities', 'us-department-of-defense')}: description names the seed reference "Seeds 000"; reader-facing text must not`,
      `${at('facts', 'cis-moa-scope')}: statement names the seed reference "seed 000"; reader-facing text must not`,
    ]);
  });

  it('flags internal source, entity and fact ids in reader-facing text, but not the names they stand for', () => {
    expect(
      brokenBundled((d) => {
        byId(d, 'conflicts', 'legal-cover-scope').note = 'As in undated-rewrite, see cis-moa-scope.';
        byId(d, 'events', 'cis-moa-signed-2005').label = 'First signed (cis-moa)';
        byId(d, 'sources', 'mint-ani').reliability = 'Relies on mint-ani copy.';
      }),
    ).toEqual([
      `${at('sources', 'mint-ani')}: reliability names the internal source id "mint-ani"; reader-facing text must not`,
      `${at('events', 'cis-moa-signed-2005')}: label names the internal entity id "cis-moa"; reader-facing text must not`,
      `${at('conflicts', 'legal-cover-scope')}: note names the internal source id "undated-rewrite"; reader-facing text must not`,
      `${at('conflicts', 'legal-cover-scope')}: note names the internal fact id "cis-moa-scope"; reader-facing text must not`,
    ]);
    // "CIS-MOA", "IMET" and "Mint" in prose are names, not ids.
    expect(
      brokenBundled((d) => (byId(d, 'facts', 'cis-moa-scope').statement = 'The CIS-MOA, IMET and Mint, newly minted.')),
    ).toEqual([]);
  });

  it('flags a quote with a stray quotation mark', () => {
    expect(
      brokenBundled((d) => {
        byId(d, 'facts', 'pompeo-tweet').evidence[0].quote =
          '"Pakistan\'s Chief of Staff General Bajwa and I spoke today about US defensive action to kill Qassem Soleimani.';
      }),
    ).toEqual([
      `${at('facts', 'pompeo-tweet')}: evidence[0]: quote has an unmatched " (end the quote inside the quotation or take all of it): ""Pakistan's Chief of Staff General Bajwa and I spoke today a…"`,
    ]);
  });

  it('flags unpaired curly quotation marks in a conflict quote and in reader-facing text', () => {
    expect(
      brokenBundled((d) => {
        byId(d, 'conflicts', 'kurilla-middle-name').positions[0].quote = 'General Michael Erik Kurilla”';
        byId(d, 'facts', 'cis-moa-scope').statement = 'The report says “joint exercises.';
      }),
    ).toEqual([
      `${at('conflicts', 'kurilla-middle-name')}: positions[0]: quote has 0 opening “ and 1 closing ” (end the quote inside the quotation or take all of it): "General Michael Erik Kurilla”"`,
      `${at('facts', 'cis-moa-scope')}: statement has 1 opening “ and 0 closing ”`,
    ]);
  });

  it('requires a conflict type', () => {
    expect(brokenBundled((d) => delete byId(d, 'conflicts', 'legal-cover-scope').type)).toEqual([
      `${at('conflicts', 'legal-cover-scope')}: no type: say whether sources differ, it is a single-source claim, or a self-contradiction`,
    ]);
  });

  it('flags "sources-differ" on positions from one source (the old single-source Pompeo conflict)', () => {
    expect(brokenBundled((d) => (byId(d, 'conflicts', 'tacit-support-single-source').type = 'sources-differ'))).toEqual(
      [
        `${at('conflicts', 'tacit-support-single-source')}: "sources-differ" needs positions from at least two sources, but all cite "forum-asian-lite"`,
      ],
    );
  });

  it('flags "single-source" on positions from several sources', () => {
    expect(brokenBundled((d) => (byId(d, 'conflicts', 'kurilla-middle-name').type = 'single-source'))).toEqual([
      `${at('conflicts', 'kurilla-middle-name')}: "single-source" needs every position from one source, but they cite "undated-rewrite", "indian-translation"`,
    ]);
  });

  it('flags "self-contradiction" without two positions from the same source', () => {
    expect(
      brokenBundled((d) => {
        const c = byId(d, 'conflicts', 'soleimani-role');
        c.positions = c.positions.slice(0, 1);
      }),
    ).toEqual([
      `${at('conflicts', 'soleimani-role')}: "self-contradiction" needs at least two positions from the same source, but each of "forum-asian-lite" has one`,
    ]);
  });

  it('requires an explanation for an event date no quote states', () => {
    expect(brokenBundled((d) => delete byId(d, 'events', 'cabinet-approval-confirmed-2023').inferred)).toEqual([
      `${at('events', 'cabinet-approval-confirmed-2023')}: no quote states the date 2023-08-02; say in "inferred" how it was worked out`,
    ]);
    expect(brokenBundled((d) => delete byId(d, 'events', 'kurilla-munir-meeting-2023').inferred)).toEqual([
      `${at('events', 'kurilla-munir-meeting-2023')}: no quote states the date 2023-07; say in "inferred" how it was worked out`,
    ]);
  });

  it('accepts an event date a quote states at the same precision, and no coarser', () => {
    // "October 2005" states 2005-10; "expired in 2020" states 2020 but not 2020-10.
    expect(brokenBundled((d) => delete byId(d, 'events', 'cis-moa-signed-2005').inferred)).toEqual([]);
    expect(brokenBundled((d) => (byId(d, 'events', 'cis-moa-expired-2020').date = '2020-10'))).toEqual([
      `${at('events', 'cis-moa-expired-2020')}: no quote states the date 2020-10; say in "inferred" how it was worked out`,
    ]);
  });

  it('rejects an empty inference note', () => {
    expect(brokenBundled((d) => (byId(d, 'events', 'imet-frozen-2018').inferred = '  '))).toEqual([
      `events.${bundled.events.findIndex((e: Json) => e.id === 'imet-frozen-2018')}.inferred: must not be empty`,
    ]);
  });
});

describe('the bundled data/dossier.json', () => {
  const dossier = bundled;

  it('passes checkDossierStructure with no errors', () => {
    expect(checkDossierStructure(dossier)).toEqual([]);
  });

  it('has one source per seed file and both core entities', () => {
    expect(dossier.sources).toHaveLength(5);
    expect(new Set(dossier.sources.map((s: Json) => s.file)).size).toBe(5);
    const core = dossier.entities.filter((e: Json) => e.tier === 'core').map((e: Json) => e.id);
    expect(core.sort()).toEqual(['cis-moa', 'imet']);
  });

  it('has no author for the Tribune report and no entity or fact for the forum member named on its copy', () => {
    expect(byId(dossier, 'sources', 'tribune-cabinet-nod').author).toBeUndefined();
    expect(JSON.stringify(dossier)).not.toContain('Majeed');
  });

  it('explains every timeline date that no source states outright', () => {
    const inferred = dossier.events.filter((e: Json) => e.inferred).map((e: Json) => e.id);
    expect(inferred).toEqual(
      expect.arrayContaining([
        'imet-frozen-2018',
        'soleimani-strike-2020',
        'kurilla-munir-meeting-2023',
        'cabinet-approval-confirmed-2023',
      ]),
    );
  });
});
