import { describe, expect, it } from 'vitest';
import { compileMatcher, compileMatcherData, loadMatcher, type MatchableEntity } from '../../lib/core/matcher';
import { syntheticEntities } from '../bench/syntheticAliases';

const ENTITIES: MatchableEntity[] = [
  {
    id: 'cis-moa',
    tier: 'core',
    aliases: [
      { text: 'CIS-MOA', match: 'acronym' },
      { text: 'CISMOA', match: 'acronym' },
      { text: 'Communications Interoperability and Security Memorandum of Agreement', match: 'name' },
    ],
  },
  {
    id: 'imet',
    tier: 'core',
    aliases: [
      { text: 'IMET', match: 'acronym' },
      { text: 'International Military Education and Training', match: 'name' },
    ],
  },
  {
    id: 'asim-munir',
    tier: 'related',
    aliases: [
      { text: 'Asim Munir', match: 'name' },
      // Urdu with the Farsi/Urdu yeh (U+06CC), Hindi with vowel signs.
      { text: 'عاصم منیر', match: 'name' },
      { text: 'आसिम मुनीर', match: 'name' },
      { text: 'Field Marshal Munir', match: 'name', afterFullName: true },
      { text: 'Munir', match: 'name', afterFullName: true },
    ],
    falseFriends: ['Munir Akram'],
  },
  {
    id: 'michael-kurilla',
    tier: 'related',
    aliases: [
      { text: 'Michael Erik Kurilla', match: 'name' },
      { text: 'Kurilla', match: 'name', afterFullName: true },
    ],
  },
  {
    id: 'qamar-javed-bajwa',
    tier: 'related',
    aliases: [
      { text: 'Qamar Javed Bajwa', match: 'name' },
      // Hindi with the precomposed nukta letter क़ (U+0958); Urdu with yeh U+06CC and heh goal U+06C1.
      { text: '\u0958मर जावेद बाजवा', match: 'name' },
      { text: 'قمر جاوید باجوہ', match: 'name' },
      { text: 'Gen Bajwa', match: 'name', afterFullName: true },
      { text: 'Gen. Bajwa', match: 'name', afterFullName: true },
      { text: 'Bajwa', match: 'name', afterFullName: true },
    ],
    falseFriends: ['Asim Saleem Bajwa'],
  },
  {
    id: 'donald-trump',
    tier: 'context',
    aliases: [
      { text: 'Donald Trump', match: 'name' },
      { text: 'Trump', match: 'name', afterFullName: true },
    ],
  },
  {
    id: 'us-state-department',
    tier: 'context',
    aliases: [{ text: 'State Department', match: 'name' }],
  },
  {
    id: 'mike-pompeo',
    tier: 'context',
    aliases: [
      { text: 'Mike Pompeo', match: 'name' },
      { text: 'Pompeo', match: 'name', afterFullName: true },
    ],
  },
  {
    id: 'joint-staff-headquarters',
    tier: 'related',
    aliases: [
      { text: 'Joint Staff Headquarters', match: 'name' },
      { text: 'JSHQ', match: 'acronym' },
    ],
  },
  { id: 'us', tier: 'context', aliases: [{ text: 'U.S.', match: 'acronym' }] },
  // Arabic spellings: kaf U+0643 and Arabic yeh U+064A (the Urdu page writes keheh and Farsi yeh); an Urdu acronym.
  { id: 'shaukat-aziz', tier: 'related', aliases: [{ text: 'شوكت عزيز', match: 'name' }] },
  { id: 'pti', tier: 'context', aliases: [{ text: 'پی ٹی آئی', match: 'acronym' }] },
  // Hindi written without the nukta: the page may write it.
  { id: 'zia', tier: 'related', aliases: [{ text: 'जिया उल हक', match: 'name' }] },
  { id: 'o-neill', tier: 'context', aliases: [{ text: "O'Neill", match: 'name' }] },
  { id: 'dotnet', tier: 'context', aliases: [{ text: '.NET', match: 'acronym' }] },
];

const matcher = compileMatcher(ENTITIES);

/** [text slice, entity id] pairs; a trailing '*' on the id marks needsFullName. */
function mentions(text: string): string[][] {
  return matcher.find(text).map((h) => [text.slice(h.start, h.end), h.entityId + (h.needsFullName ? '*' : '')]);
}

const CASES: [string, string, string[][]][] = [
  // separators
  ['hyphen', 'the CIS-MOA was signed', [['CIS-MOA', 'cis-moa']]],
  ['space for hyphen', 'the CIS MOA was signed', [['CIS MOA', 'cis-moa']]],
  ['no-space form listed as its own alias', 'CISMOA.', [['CISMOA', 'cis-moa']]],
  ['non-breaking hyphen U+2011', 'CIS\u2011MOA', [['CIS\u2011MOA', 'cis-moa']]],
  [
    'hyphen U+2010 and en dash',
    'CIS\u2010MOA / CIS\u2013MOA',
    [
      ['CIS\u2010MOA', 'cis-moa'],
      ['CIS\u2013MOA', 'cis-moa'],
    ],
  ],
  ['line break for hyphen', 'CIS\nMOA', [['CIS\nMOA', 'cis-moa']]],
  ['no-break space for hyphen', 'CIS\u00a0MOA', [['CIS\u00a0MOA', 'cis-moa']]],
  ['two hyphens are not one', 'CIS--MOA', []],
  ['acronym is case-sensitive across separators', 'cis-moa Cis-Moa', []],
  [
    'long form across a line break and a narrow no-break space',
    'under International Military\nEducation and\u202fTraining rules',
    [['International Military\nEducation and\u202fTraining', 'imet']],
  ],
  ['lower-case long form is prose, not the name', 'international military education and training', []],
  [
    'long form with any capital',
    'International military education and training',
    [['International military education and training', 'imet']],
  ],
  [
    'upper-case long form',
    'INTERNATIONAL MILITARY EDUCATION AND TRAINING',
    [['INTERNATIONAL MILITARY EDUCATION AND TRAINING', 'imet']],
  ],
  [
    'tabs and runs of spaces',
    'Joint \t Staff   Headquarters',
    [['Joint \t Staff   Headquarters', 'joint-staff-headquarters']],
  ],
  ['a hyphen in the text does not stand for a space in the alias', 'Joint-Staff Headquarters', []],
  // acronym case and boundaries
  ['acronym', 'IMET funds', [['IMET', 'imet']]],
  ['acronym wrong case', 'Imet iMet imet', []],
  ['acronym inside a word', 'IMETHOD XIMET', []],
  ['plural is another word', 'IMETs', []],
  ['digit adjacent', 'IMET2 2IMET', []],
  ['parentheses', '(IMET)', [['IMET', 'imet']]],
  ['guillemets', '«IMET»', [['IMET', 'imet']]],
  ['hyphenated compound', 'IMET-funded', [['IMET', 'imet']]],
  ['Cyrillic letter after', 'IMETд', []],
  ['Cyrillic letter before', 'дIMET', []],
  ['Arabic letter before', 'ب' + 'IMET', []],
  ['Arabic letter after', 'IMET' + 'ب', []],
  ['Arabic text with spaces', 'برنامج IMET الأمريكي', [['IMET', 'imet']]],
  ['CJK letter adjacent (CJK is \\p{L}, so no match)', '美国IMET项目', []],
  ['CJK with a space', '美国 IMET 项目', [['IMET', 'imet']]],
  ['combining mark after', 'IMET\u0301', []],
  ['astral letter adjacent (math bold A)', '\u{1D400}IMET', []],
  ['emoji adjacent', '🇵🇰IMET🇺🇸', [['IMET', 'imet']]],
  ['emoji with variation selector before', '❤️IMET', [['IMET', 'imet']]],
  ['underscore is punctuation', 'IMET_2', [['IMET', 'imet']]],
  ['name inside a longer word', 'Munirabad Kurillas', []],
  // possessives
  ['possessive straight apostrophe', "Munir's visit", [['Munir', 'asim-munir*']]],
  ['possessive curly apostrophe', 'Kurilla’s visit', [['Kurilla', 'michael-kurilla*']]],
  ['possessive of a full name', 'Asim Munir’s', [['Asim Munir', 'asim-munir']]],
  [
    'apostrophe inside an alias matches both forms',
    "O'Neill and O’Neill",
    [
      ["O'Neill", 'o-neill'],
      ['O’Neill', 'o-neill'],
    ],
  ],
  // names: case, longest match, false friends, titles
  [
    'name case-insensitive',
    'Asim munir, ASIM MUNIR, Asim Munir',
    [
      ['Asim munir', 'asim-munir'],
      ['ASIM MUNIR', 'asim-munir'],
      ['Asim Munir', 'asim-munir'],
    ],
  ],
  ['all lower case is not a name', 'asim munir', []],
  ['ordinary words', 'he played the trump card; a state department of agriculture', []],
  [
    'the same words as names',
    'the State Department and Mr Trump',
    [
      ['State Department', 'us-state-department'],
      ['Trump', 'donald-trump*'],
    ],
  ],
  [
    'capitalised surname after the full name',
    'Donald Trump spoke. Trump left.',
    [
      ['Donald Trump', 'donald-trump'],
      ['Trump', 'donald-trump*'],
    ],
  ],
  ['longest match wins', 'Michael Erik Kurilla said', [['Michael Erik Kurilla', 'michael-kurilla']]],
  ['longest match with title', 'Field Marshal Munir spoke', [['Field Marshal Munir', 'asim-munir*']]],
  ['false friend', 'Munir Akram, the ambassador', []],
  ['false friend, lower case', 'munir akram', []],
  ['false friend beats a full name overlapping it', 'Asim Saleem Bajwa', []],
  ['false friend next to a real hit', 'Munir Akram met Asim Munir', [['Asim Munir', 'asim-munir']]],
  [
    'title forms',
    'Gen Bajwa and Gen. Bajwa',
    [
      ['Gen Bajwa', 'qamar-javed-bajwa*'],
      ['Gen. Bajwa', 'qamar-javed-bajwa*'],
    ],
  ],
  ['full name', 'General Qamar Javed Bajwa', [['Qamar Javed Bajwa', 'qamar-javed-bajwa']]],
  // surname heuristic
  ['surname after another given name', 'Saleem Bajwa and Kamal Munir', []],
  ['surname after a given name across a line break', 'Kamal\nMunir', []],
  [
    'surname after a title word',
    'General Munir and Lt Kurilla',
    [
      ['Munir', 'asim-munir*'],
      ['Kurilla', 'michael-kurilla*'],
    ],
  ],
  [
    'surname after a sentence word',
    'When Munir arrived. The Bajwa era',
    [
      ['Munir', 'asim-munir*'],
      ['Bajwa', 'qamar-javed-bajwa*'],
    ],
  ],
  ['surname after a lower-case word', 'army chief Munir', [['Munir', 'asim-munir*']]],
  [
    'surname after a headline verb or gerund',
    'Pompeo Calls Bajwa After Killing Munir',
    [
      ['Pompeo', 'mike-pompeo*'],
      ['Bajwa', 'qamar-javed-bajwa*'],
      ['Munir', 'asim-munir*'],
    ],
  ],
  ['surname after an all-caps word', 'ISPR Munir', [['Munir', 'asim-munir*']]],
  ['surname after a word of the same entity', 'Javed Bajwa', [['Bajwa', 'qamar-javed-bajwa*']]],
  ['surname after a comma', 'Kamal, Munir', [['Munir', 'asim-munir*']]],
  [
    'surname after a capitalised word of a hit',
    'Joint Staff Headquarters Munir',
    [
      ['Joint Staff Headquarters', 'joint-staff-headquarters'],
      ['Munir', 'asim-munir*'],
    ],
  ],
  ['surname at the start', 'Pompeo said', [['Pompeo', 'mike-pompeo*']]],
  // punctuation in aliases
  ['alias ending in a dot', 'U.S. officials', [['U.S.', 'us']]],
  ['alias ending in a dot, letter after', 'U.S.A', []],
  ['alias starting with a dot', 'the .NET runtime', [['.NET', 'dotnet']]],
  ['alias starting with a dot, letter before', 'ASP.NET', []],
  [
    'alias starting with a dot, right after another hit',
    'U.S..NET',
    [
      ['U.S.', 'us'],
      ['.NET', 'dotnet'],
    ],
  ],
  // invisible units (soft hyphen, zero-width space/non-joiner/joiner, word joiner) are read through
  ['soft hyphen inside a surname', 'Kur\u00adilla said', [['Kur\u00adilla', 'michael-kurilla*']]],
  ['zero-width space inside a full name', 'Asim Mu\u200bnir', [['Asim Mu\u200bnir', 'asim-munir']]],
  ['word joiner after the hyphen of an acronym', 'the CIS-\u2060MOA', [['CIS-\u2060MOA', 'cis-moa']]],
  ['word joiner before the hyphen of an acronym', 'the CIS\u2060-MOA', [['CIS\u2060-MOA', 'cis-moa']]],
  [
    'invisible units after the first and before the last letter',
    'K\u200curill\u200da',
    [['K\u200curill\u200da', 'michael-kurilla*']],
  ],
  ['a run of invisible units inside an acronym', 'I\u00ad\u200b\u2060MET', [['I\u00ad\u200b\u2060MET', 'imet']]],
  [
    'invisible units in every word of a long name',
    'Mi\u00adchael E\u200brik Ku\u00adril\u00adla',
    [['Mi\u00adchael E\u200brik Ku\u00adril\u00adla', 'michael-kurilla']],
  ],
  [
    'invisible units around the space between words',
    'Asim\u200b Munir and Asim \u200d Munir',
    [
      ['Asim\u200b Munir', 'asim-munir'],
      ['Asim \u200d Munir', 'asim-munir'],
    ],
  ],
  ['invisible units in a dotted acronym', 'U.\u200bS.\u00ad officials', [['U.\u200bS.', 'us']]],
  ['invisible unit between a prefix and its word', 'the .\u200bNET runtime', [['.\u200bNET', 'dotnet']]],
  [
    "invisible units at a name's edges are not part of the hit",
    '\u200bKurilla\u00ad, \u2060IMET\u200c',
    [
      ['Kurilla', 'michael-kurilla*'],
      ['IMET', 'imet'],
    ],
  ],
  ['an invisible unit does not separate words', 'X\u200bIMET IMET\u00ads Asim\u200bMunir', []],
  [
    'a given name with an invisible unit inside is still one',
    'Ka\u00admal Bajwa, Ja\u00adved Bajwa',
    [['Bajwa', 'qamar-javed-bajwa*']],
  ],
  // Urdu and Hindi: marks are part of words, spelling variants are folded, harakat and nukta dropped
  ['Hindi vowel signs are part of the word', 'आसिम मुनीर ने कहा', [['आसिम मुनीर', 'asim-munir']]],
  ['Hindi vowel sign after a name glues', 'आसिम मुनीरा', []],
  ['Urdu with the Arabic yeh (alias has the Farsi yeh)', 'عاصم منير نے کہا', [['عاصم منير', 'asim-munir']]],
  ['Urdu with alef maksura for yeh', 'عاصم منىر', [['عاصم منىر', 'asim-munir']]],
  ['Urdu with harakat (dropped)', 'عاصِم مُنِیر', [['عاصِم مُنِیر', 'asim-munir']]],
  [
    'Urdu with a haraka and a kashida at the end',
    'عاصم منیرٌ، عاصـم منیر',
    [
      ['عاصم منیرٌ', 'asim-munir'],
      ['عاصـم منیر', 'asim-munir'],
    ],
  ],
  ['Urdu with a zero-width non-joiner inside', 'عاصم من\u200cیر', [['عاصم من\u200cیر', 'asim-munir']]],
  ['Urdu heh goal written as Arabic heh', 'قمر جاويد باجوه', [['قمر جاويد باجوه', 'qamar-javed-bajwa']]],
  ['Urdu heh goal written as heh doachashmee', 'قمر جاوید باجوھ', [['قمر جاوید باجوھ', 'qamar-javed-bajwa']]],
  ['Urdu keheh and Farsi yeh for an alias in Arabic letters', 'شوکت عزیز', [['شوکت عزیز', 'shaukat-aziz']]],
  [
    'Arabic hamza letters as their base letter plus hamza (NFD) or folded',
    'پی ٹی آئی / پي ٹي آئي / پی ٹی ا\u0653ي\u0654ی',
    [
      ['پی ٹی آئی', 'pti'],
      ['پي ٹي آئي', 'pti'],
      ['پی ٹی ا\u0653ي\u0654ی', 'pti'],
    ],
  ],
  ['Urdu acronym compared exactly apart from the folds', 'پی ٹی', []],
  ['another Urdu name', 'عاصم نذیر', []],
  [
    'Hindi nukta written as two units',
    '\u0915\u093cमर जावेद बाजवा',
    [['\u0915\u093cमर जावेद बाजवा', 'qamar-javed-bajwa']],
  ],
  ['Hindi nukta left out', 'कमर जावेद बाजवा', [['कमर जावेद बाजवा', 'qamar-javed-bajwa']]],
  [
    'Hindi nukta on the page, not in the alias',
    '\u095bिया उल हक, \u091c\u093cिया उल हक़',
    [
      ['\u095bिया उल हक', 'zia'],
      ['\u091c\u093cिया उल हक़', 'zia'],
    ],
  ],
  // degenerate input
  ['empty', '', []],
  ['only separators', ' \n\t\u00a0-‑–', []],
  ['only punctuation', '«»()…—', []],
  [
    'alias at both ends',
    'IMET and IMET',
    [
      ['IMET', 'imet'],
      ['IMET', 'imet'],
    ],
  ],
];

describe('compileMatcher().find', () => {
  it.each(CASES)('%s', (_label, text, expected) => {
    expect(mentions(text)).toEqual(expected);
  });

  it('returns offsets into the original text, in order, non-overlapping', () => {
    const text = 'On 2018-01-04, CIS-MOA… then “IMET” and Mike Pompeo; Pompeo’s IMET.';
    const hits = matcher.find(text);
    expect(hits.map((h) => [text.slice(h.start, h.end), h.entityId, h.needsFullName])).toEqual([
      ['CIS-MOA', 'cis-moa', false],
      ['IMET', 'imet', false],
      ['Mike Pompeo', 'mike-pompeo', false],
      ['Pompeo', 'mike-pompeo', true],
      ['IMET', 'imet', false],
    ]);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.start).toBeGreaterThanOrEqual(hits[i - 1]!.end);
  });

  it('classifies every unit of the table-decided ranges as the Unicode RegExps do (boundaries and whitespace)', () => {
    // Latin, Latin-1, Latin Extended-A/B, combining diacritics, General Punctuation: decided without RegExps.
    const units: number[] = [];
    for (const [from, to] of [
      [0, 0x250],
      [0x300, 0x370],
      [0x2000, 0x2070],
    ] as const)
      for (let c = from; c < to; c++) units.push(c);
    const wrong: string[] = [];
    for (const c of units) {
      const ch = String.fromCharCode(c);
      const word = /[\p{L}\p{N}]/u.test(ch);
      // Invisible units are read through: between two letters they glue, as if absent.
      const glues = word || /\p{M}/u.test(ch) || /[\u00ad\u200b-\u200d\u2060]/.test(ch);
      const space = /\s/.test(ch);
      const got = {
        afterPunctuation: matcher.find(`.${ch}IMET`).length === 1, // a letter or digit glues, a mark alone does not
        afterLetter: matcher.find(`x${ch}IMET`).length === 1, // a letter, digit or mark glues
        separates: matcher.find(`Asim${ch}Munir`).some((h) => h.end - h.start === 10), // only whitespace separates
      };
      if (got.afterPunctuation !== !word || got.afterLetter !== !glues || got.separates !== space)
        wrong.push(c.toString(16));
    }
    expect(units.length).toBeGreaterThan(800);
    expect(wrong).toEqual([]);
  });

  it('gives hits that cover the whole name, with the invisible units and dropped marks inside it', () => {
    const text = 'said Kur\u00adilla, then عاصِم مُنیرٌ and Mu\u200bnir.';
    expect(matcher.find(text)).toEqual([
      { start: 5, end: 13, entityId: 'michael-kurilla', needsFullName: true },
      { start: 20, end: 32, entityId: 'asim-munir', needsFullName: false },
      { start: 37, end: 43, entityId: 'asim-munir', needsFullName: true },
    ]);
  });

  it('handles text with surrogate pairs before a hit', () => {
    const text = '😀😀 Asim Munir 😀';
    expect(matcher.find(text)).toEqual([{ start: 5, end: 15, entityId: 'asim-munir', needsFullName: false }]);
  });

  it('gives a shared alias to the best entity (full name before surname, then tier, then order)', () => {
    const m = compileMatcher([
      { id: 'ctx', tier: 'context', aliases: [{ text: 'Khan', match: 'name' }] },
      { id: 'core-surname', tier: 'core', aliases: [{ text: 'Khan', match: 'name', afterFullName: true }] },
      { id: 'related', tier: 'related', aliases: [{ text: 'Khan', match: 'name' }] },
    ]);
    expect(m.find('Khan')).toEqual([{ start: 0, end: 4, entityId: 'related', needsFullName: false }]);
  });

  it('ignores aliases without letters or digits and works with no entities', () => {
    expect(compileMatcher([{ id: 'x', tier: 'core', aliases: [{ text: '—', match: 'name' }] }]).find('a — b')).toEqual(
      [],
    );
    expect(compileMatcher([]).find('IMET')).toEqual([]);
  });

  it('is not confused by many aliases sharing first words', () => {
    const many: MatchableEntity[] = [];
    for (let i = 0; i < 2000; i++)
      many.push({ id: `m${i}`, tier: 'related', aliases: [{ text: `Ministry of Thing${i}`, match: 'name' }] });
    const m = compileMatcher([...ENTITIES, ...many]);
    const text = 'the Ministry of Thing1234 and the Ministry of Thing99x and IMET';
    expect(m.find(text).map((h) => [text.slice(h.start, h.end), h.entityId])).toEqual([
      ['Ministry of Thing1234', 'm1234'],
      ['IMET', 'imet'],
    ]);
  });

  it('finds the same mentions in a long text as in its parts', () => {
    const parts = ['Asim Munir met Kurilla.', 'CIS-MOA renewed; IMET resumed.', 'Munir Akram spoke.'];
    const joined = parts.join(' ').repeat(2000);
    const hits = matcher.find(joined);
    expect(hits.length).toBe(2000 * 4);
  });

  it('keeps its invariants on random mixes of aliases, separators and awkward Unicode', () => {
    const pieces = [
      'IMET',
      'CIS',
      '-',
      'MOA',
      ' ',
      '\n',
      '\u00a0',
      'Munir',
      'Asim',
      'Akram',
      "'s",
      '’',
      'д',
      '中',
      '\u0301',
      '😀',
      '\ud800',
      '\udc00',
      '\u{1D400}',
      'Bajwa',
      'Gen',
      '.',
      'Kamal',
      'x',
      '2',
      '\u2011',
      'Saleem',
      'Kurilla',
    ];
    let seed = 12345;
    const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    let total = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const len = Math.floor(rand() * 16);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(rand() * pieces.length)];
      let last = 0;
      for (const h of matcher.find(text)) {
        total++;
        expect(h.start).toBeGreaterThanOrEqual(last);
        expect(h.end).toBeGreaterThan(h.start);
        last = h.end;
        const before = [...text.slice(Math.max(0, h.start - 2), h.start)].pop() ?? '';
        const after = [...text.slice(h.end, h.end + 2)][0] ?? '';
        expect(before).not.toMatch(/[\p{L}\p{N}]/u);
        expect(after).not.toMatch(/[\p{L}\p{N}\p{M}]/u);
      }
    }
    expect(total).toBeGreaterThan(100);
  });
});

describe('loadMatcher(compileMatcherData())', () => {
  // The background compiles, the page loads what came through a message (JSON in Chromium, structured clone in Firefox).
  const throughMessage = (entities: readonly MatchableEntity[]) =>
    loadMatcher(JSON.parse(JSON.stringify(compileMatcherData(entities))));

  it('finds after a JSON round trip what it finds without one, on every case above and on random mixes', () => {
    const loaded = throughMessage(ENTITIES);
    const texts = CASES.map((c) => c[1]);
    const pieces = [
      'IMET',
      'CIS',
      '-',
      'MOA',
      ' ',
      'Munir',
      'Asim',
      'Akram',
      "'s",
      'Bajwa',
      'Gen',
      '.',
      'Kamal',
      'Saleem',
      'Javed',
      'Qamar',
      'Kurilla',
      'Pompeo',
      'Mike',
      'U.S.',
      '.NET',
      "O'Neill",
      '\u212a',
      'д',
      '\u0301',
      '😀',
    ];
    let seed = 777;
    const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let i = Math.floor(rand() * 12); i > 0; i--)
        text += pieces[Math.floor(rand() * pieces.length)] + (rand() < 0.6 ? ' ' : '');
      texts.push(text);
    }
    let hits = 0;
    for (const text of texts) {
      const expected = matcher.find(text);
      hits += expected.length;
      expect(loaded.find(text), text).toEqual(expected);
      expect(
        loaded.anchors.search(text, (a) => a, false),
        text,
      ).toBe(matcher.anchors.search(text, (a) => a, false));
    }
    expect(hits).toBeGreaterThan(1000);
  });

  it('finds after a JSON round trip what it finds without one, with invisible units and Urdu and Hindi spellings', () => {
    const loaded = throughMessage(ENTITIES);
    const names = [
      'Kurilla',
      'Asim Munir',
      'CIS-MOA',
      'IMET',
      'Munir',
      'عاصم منیر',
      'عاصم منير',
      'قمر جاوید باجوہ',
      'قمر جاويد باجوه',
      'شوکت عزیز',
      'پی ٹی آئی',
      '\u0958मर जावेद बाजवा',
      'कमर जावेद बाजवा',
      'आसिम मुनीर',
      'जिया उल हक़',
    ];
    const inserts = ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\u064e', '\u0640', '\u093c', 'x', 'ی', '-'];
    const gaps = [' ', '', ', ', '\u200b', ' \u00ad'];
    let seed = 4242;
    const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    let hits = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let i = 1 + Math.floor(rand() * 4); i > 0; i--) {
        let name = pick(names);
        for (let j = Math.floor(rand() * 3); j > 0; j--) {
          const at = Math.floor(rand() * (name.length + 1));
          name = name.slice(0, at) + pick(inserts) + name.slice(at);
        }
        text += pick(gaps) + name;
      }
      const expected = matcher.find(text);
      hits += expected.length;
      expect(loaded.find(text), text).toEqual(expected);
      expect(
        loaded.anchors.search(text, (a) => a, false),
        text,
      ).toBe(matcher.anchors.search(text, (a) => a, false));
    }
    expect(hits).toBeGreaterThan(2000);
  });

  it('keeps which of several people a bare surname goes to after one of their own given names', () => {
    const people: MatchableEntity[] = ['Qamar Javed Bajwa', 'Asim Saleem Bajwa', 'Tariq Kamal Bajwa'].map(
      (name, i) => ({
        id: `p${i}`,
        tier: 'related',
        aliases: [
          { text: name, match: 'name' },
          { text: 'Bajwa', match: 'name', afterFullName: true },
        ],
      }),
    );
    const text = 'Saleem Bajwa, then Javed Bajwa, then Kamal Bajwa and Imran Bajwa.';
    const found = throughMessage(people)
      .find(text)
      .map((h) => [text.slice(h.start, h.end), h.entityId]);
    expect(found).toEqual([
      ['Bajwa', 'p1'],
      ['Bajwa', 'p0'],
      ['Bajwa', 'p2'],
    ]);
    expect(found).toEqual(
      compileMatcher(people)
        .find(text)
        .map((h) => [text.slice(h.start, h.end), h.entityId]),
    );
  });

  it('keeps shared aliases, surname rules and false friends of a big alias set', () => {
    const entities = [...ENTITIES, ...syntheticEntities(3000, 5)];
    const compiled = compileMatcher(entities);
    const loaded = throughMessage(entities);
    const names = entities.flatMap((e) => e.aliases.map((a) => a.text));
    let hits = 0;
    for (let i = 0; i + 3 < names.length; i += 3) {
      const text = `${names[i]} said ${names[i + 1]}'s ${names[i + 2]}, Asim Saleem Bajwa and ${names[i + 3]}.`;
      const expected = compiled.find(text);
      hits += expected.length;
      expect(loaded.find(text)).toEqual(expected);
    }
    expect(hits).toBeGreaterThan(1000);
  });
});
