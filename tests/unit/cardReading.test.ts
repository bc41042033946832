import { describe, expect, it } from 'vitest';
import dossier from '../../data/dossier.json' with { type: 'json' };
import { parseDossier, type Fact } from '../../data/schema';
import {
  buildCard,
  chooseKeyFacts,
  citationText,
  clipAtWord,
  numberSources,
  readCard,
  recordsFor,
  roleLine,
} from '../../lib/core/cards';
import { sourceLabel } from '../../lib/core/sourceLabels';

const parsed = parseDossier(dossier);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const all = parsed.dossier;
const cardOf = (id: string) => buildCard(recordsFor(id, all)!, 'memory');

const fact = (id: string, sources: string[], statement = `Statement ${id}.`, attribution?: string): Fact => ({
  id,
  entities: ['x'],
  statement,
  evidence: sources.map((source) => ({ source, quote: `quote from ${source} on ${id}` })),
  ...(attribution ? { attribution } : {}),
});

describe('numberSources', () => {
  it('numbers the 4 distinct sources of the CIS-MOA card once each, [1]..[4]', () => {
    const card = cardOf('cis-moa');
    const numbered = numberSources(card);
    expect(numbered.map((s) => s.n)).toEqual([1, 2, 3, 4]);
    expect(new Set(numbered.map((s) => s.id)).size).toBe(4);
    expect(numbered.every((s) => s.source?.id === s.id)).toBe(true);
  });

  it('numbers in the order a reader meets the sources: facts, then timeline, then disagreements', () => {
    const card = cardOf('cis-moa');
    const numbered = numberSources({
      ...card,
      facts: [fact('a', ['mint-ani', 'mint-ani']), fact('b', ['tribune-cabinet-nod', 'mint-ani'])],
      events: [
        {
          id: 'e',
          date: '2023',
          label: 'x',
          entities: ['x'],
          evidence: [{ source: 'undated-rewrite', quote: '12345678' }],
        },
      ],
      conflicts: [
        {
          id: 'c',
          entities: ['x'],
          topic: 't',
          positions: [{ source: 'forum-asian-lite', says: 's', quote: '12345678' }],
        },
      ],
    });
    expect(numbered.map((s) => `${s.n}:${s.id}`)).toEqual([
      '1:mint-ani',
      '2:tribune-cabinet-nod',
      '3:undated-rewrite',
      '4:forum-asian-lite',
    ]);
  });
});

describe('chooseKeyFacts', () => {
  it('puts the best corroborated first, shorter before very long, then the dossier order', () => {
    const long = 'x'.repeat(260);
    const facts = [
      fact('one', ['a']),
      fact('long', ['a', 'b', 'c'], long),
      fact('three', ['a', 'b', 'c']),
      fact('two', ['a', 'b', 'b']),
    ];
    expect(chooseKeyFacts(facts).map((f) => f.id)).toEqual(['three', 'long', 'two']);
    expect(chooseKeyFacts(facts, 10).map((f) => f.id)).toEqual(['three', 'long', 'two', 'one']);
  });

  it('gives at most three and never more than there are', () => {
    expect(chooseKeyFacts(cardOf('cis-moa').facts)).toHaveLength(3);
    expect(chooseKeyFacts([fact('only', ['a'])])).toHaveLength(1);
    expect(chooseKeyFacts([])).toEqual([]);
  });
});

describe('roleLine', () => {
  it('skips a sentence that only spells out the name', () => {
    expect(roleLine(cardOf('cis-moa').entity.description)).toMatch(
      /^The reports describe it as a kind of foundational/,
    );
  });
  it('adds the next clause to a very short one and ends it as a sentence', () => {
    expect(roleLine("General; Pakistan's Chief of Army Staff in 2023. More.")).toBe(
      "General; Pakistan's Chief of Army Staff in 2023.",
    );
  });
  it('does not end a sentence at an abbreviation or a domain name', () => {
    expect(roleLine('Two reports name its chief, Gen. Michael Kurilla, as head. Other.')).toBe(
      'Two reports name its chief, Gen. Michael Kurilla, as head.',
    );
  });
  it('cuts a long clause at a word boundary with an ellipsis', () => {
    const line = roleLine(`${'word '.repeat(60)}end.`, 50);
    expect(line.length).toBeLessThanOrEqual(50);
    expect(line).toMatch(/word…$/);
  });
});

describe('clipAtWord', () => {
  it('leaves short text alone and cuts long text before a word', () => {
    expect(clipAtWord('short', 10)).toBe('short');
    expect(clipAtWord('one two three four', 12)).toBe('one two…');
  });
});

describe('readCard', () => {
  it('counts the points where sources differ and lists the key facts first', () => {
    const reading = readCard(cardOf('cis-moa'));
    expect(reading.disputedPoints).toBe(9);
    expect(reading.facts.slice(0, 3)).toEqual(reading.keyFacts);
    expect(reading.facts).toHaveLength(24);
    expect(reading.soleWeakSource).toBeUndefined();
  });

  it('says when every fact rests on one second-hand source', () => {
    const reading = readCard(cardOf('qassem-soleimani'));
    expect(reading.soleWeakSource?.id).toBe('forum-asian-lite');
    expect(reading.soleWeakSource?.n).toBe(1);
    // One original report alone is not flagged.
    expect(readCard(cardOf('marriyum-aurangzeb')).soleWeakSource).toBeUndefined();
  });
});

describe('citationText', () => {
  it('gives the statement with its attribution, then each source once by number and label with its quotes', () => {
    const card = cardOf('cis-moa');
    const f = fact(
      'f',
      ['mint-ani', 'tribune-cabinet-nod', 'mint-ani'],
      'The cabinet approved it.',
      'Unnamed officials',
    );
    const reading = readCard({ ...card, facts: [f] });
    const text = citationText(f, reading, sourceLabel);
    expect(text.split('\n')).toEqual([
      'The cabinet approved it. (Unnamed officials)',
      // The same quote twice is given once.
      '[1] Mint, with ANI copy, 4 Aug 2023: “quote from mint-ani on f”',
      '[2] Express Tribune report (forum copy, 4 Aug 2023): “quote from tribune-cabinet-nod on f”',
    ]);
  });

  it('cites the real CIS-MOA fact with its verbatim quotes', () => {
    const reading = readCard(cardOf('cis-moa'));
    const text = citationText(reading.keyFacts[0]!, reading, sourceLabel);
    expect(text).toContain('[1] Express Tribune report');
    expect(text).toContain(reading.keyFacts[0]!.evidence[0]!.quote);
  });
});
