import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorOf, compileAnchorFilter } from '../../lib/core/anchorFilter';
import { compileMatcher, type MatchableEntity } from '../../lib/core/matcher';

const dossier = JSON.parse(readFileSync(resolve(__dirname, '../../data/dossier.json'), 'utf8')) as { entities: MatchableEntity[] };
const ENTITIES = dossier.entities;
const filter = compileAnchorFilter(ENTITIES);
const matcher = compileMatcher(ENTITIES);
const passes = (text: string): boolean => filter.test(text);

describe('anchorOf', () => {
  const pick = (text: string): string => {
    const words = text.split(' ');
    const { from, to } = anchorOf(words);
    return words.slice(from, to).join(' ');
  };
  it.each([
    ['Michael Erik Kurilla', 'Kurilla'],
    ['Mike Pompeo', 'Pompeo'],
    ['Osama bin Laden', 'Laden'],
    ['IMET', 'IMET'],
    ['State Department', 'State Department'],
    ['United States Central Command', 'Central Command'],
    ['Department of Defense', 'Department of Defense'],
    ['International Military Education and Training', 'Military Education'],
    ['US', 'US'],
  ])('%s → %s', (alias, anchor) => {
    expect(pick(alias)).toBe(anchor);
  });
});

describe('compileAnchorFilter', () => {
  it('lets through every text in which the matcher finds a hit', () => {
    for (const e of ENTITIES) {
      for (const a of e.aliases) {
        for (const text of [a.text, `said ${a.text}.`, `(${a.text}’s)`, a.match === 'acronym' ? a.text : a.text.toUpperCase()]) {
          if (matcher.find(text).length > 0) expect(passes(text), text).toBe(true);
        }
      }
    }
  });

  it('compares acronyms exactly and names in any case', () => {
    expect(passes('the IMET programme')).toBe(true);
    expect(passes('the imet programme')).toBe(false);
    expect(passes('KURILLA said')).toBe(true);
    expect(passes('kurilla')).toBe(true);
    expect(passes('\u212aurilla')).toBe(true); // Kelvin sign: the matcher folds it to k
  });

  it('needs whole words', () => {
    expect(passes('IMETHOD and XIMET')).toBe(false);
    expect(passes('the real estate department.')).toBe(false);
    expect(passes('Munirabad')).toBe(false);
    expect(passes('éMunir')).toBe(false);
  });

  it('passes a text that ends with the beginning of an anchor (a word split across nodes)', () => {
    expect(passes('said Ku')).toBe(true);
    expect(passes('the State ')).toBe(true);
    expect(passes('Department of')).toBe(true);
    expect(passes('K')).toBe(true); // a drop cap
    expect(passes('I')).toBe(true); // IMET split after its first letter
  });

  it('does not flag ordinary text ends: footnote marks, lower-case initials, other words', () => {
    for (const text of ['a', 'b', 'see note c', 'Português', 'the state of things.', 'Department of Agriculture', 'Kuala Lumpur'])
      expect(passes(text), text).toBe(false);
  });

  it('lets through at least one piece of every hit cut into text nodes at random', () => {
    const pieces = ENTITIES.flatMap((e) => e.aliases.map((a) => a.text));
    const filler = [' ', ', ', ' the ', '\u00a0', '\n', ' and ', '(', ')', "'s ", 'x', 'é'];
    let seed = 99;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const pickOne = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    let hits = 0;
    for (let k = 0; k < 1500; k++) {
      let text = '';
      for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n; i++) {
        const alias = pickOne(pieces);
        text += pickOne(filler) + (rand() < 0.2 ? alias.toUpperCase() : alias);
      }
      text += pickOne(filler);
      for (const h of matcher.find(text)) {
        hits++;
        // Cut the text at up to three random points inside the hit: some piece must pass.
        const cuts = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => h.start + 1 + Math.floor(rand() * (h.end - h.start - 1))))]
          .filter((c) => c > h.start && c < h.end)
          .sort((a, b) => a - b);
        const bounds = [0, ...cuts, text.length];
        const parts = bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
        expect(parts.some(passes), JSON.stringify(parts)).toBe(true);
      }
    }
    expect(hits).toBeGreaterThan(1000);
  });

  it('never matches when there are no aliases', () => {
    expect(compileAnchorFilter([]).test('IMET')).toBe(false);
  });
});
