/**
 * A cheap necessary condition for a mention, tested with one native RegExp per text node before any of the
 * matcher's JavaScript runs. Pure: no DOM.
 *
 * WHY: a content script runs cold on every page. Walking a page's text nodes and running the JavaScript scanner
 * over all of their text costs several times a bare walk, although almost every block holds no mention. A
 * RegExp is compiled to machine code once and scans text at native speed from its first call.
 *
 * HOW: every alias gets one anchor (see anchorOf): its last uncommon word of three or more characters (for people
 * the surname, the rarest part of a name in running text), or a phrase when every word is common. The matcher
 * only finds an alias where each of its words is a whole word of the text, so text without any anchor as a whole
 * word holds no hit. A word may be split across text nodes (`Ku<b>rilla</b>`, a drop cap `<span>K</span>urilla`),
 * so a text that ends with the beginning of an anchor passes too; the walk then looks at the whole block. Each
 * RegExp is
 *   (?<![word units])(?:(?:anchor|anchor|…)(?![word units])|(?:beginnings, as a trie of nested groups)$)
 * - name anchors in RegExps with the `i` flag and flat alternations of literals, which V8 searches fast; an ASCII
 *   letter matches both cases like the matcher's folding, a non-ASCII unit any non-ASCII unit (more than needed,
 *   never less), and a text with a Kelvin sign (which the matcher folds to k) always passes;
 * - acronym anchors letter for letter in a case-sensitive RegExp (the matcher compares acronyms exactly), with the
 *   capital letters that begin names: a text ending in a name's first letter passes only if it is a capital, or
 *   every footnote mark "a" would flag its block (the one case where the filter is narrower than the matcher);
 * - word edges are checked for Latin letters, digits and combining marks only: more than needed, never less;
 * - between the words of a phrase, the characters the matcher accepts for the alias's separator, repeated.
 * False positives only cost the full treatment of a block; a false negative loses a mention, so every
 * approximation errs on the side of passing.
 *
 * Measured with tests/bench/run.ts (breakdown: "filtered" and "flagged") and tests/bench/checkBlocks.ts.
 */
import type { Entity } from '../../data/schema';

export interface AnchorFilter {
  /** A text that none of these match holds no hit (`test` tries them in turn; hot loops call them directly). */
  readonly patterns: readonly RegExp[];
  test(text: string): boolean;
}

type FilterEntity = Pick<Entity, 'aliases'>;

/** The matcher's words: a letter or digit, then letters, digits and combining marks. */
const RE_WORDS = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Words of the dossier's aliases that any news page is full of: never an anchor while the alias has another word. */
const COMMON = new Set(
  (
    'the of and for a an in on at to us u s state states department general gen central united federal cabinet ' +
    'foreign ministry office army president secretary news international security agreement memorandum military ' +
    'education training communication command college war naval air force guard guards corps revolutionary ' +
    'islamic defense defence express asian national joint staff headquarters minister prime chief bin al ' +
    'government affairs'
  ).split(' '),
);

/** One UTF-16 unit of an anchor. Names are matched with the `i` flag, so an ASCII letter stands for both cases. */
function unitPattern(c: number, caseSensitive: boolean): string {
  if (c >= 128) return caseSensitive ? `\\u${c.toString(16).padStart(4, '0')}` : '[^\\x00-\\x7f]';
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9]/.test(ch)) return ch;
  return `\\x${c.toString(16).padStart(2, '0')}`;
}

function unitPatterns(word: string, caseSensitive: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(unitPattern(word.charCodeAt(i), caseSensitive));
  return out;
}

/**
 * Letters and digits whose presence next to an anchor rules out a word boundary: ASCII, Latin-1 and Latin
 * Extended letters, combining marks. All are letters, digits or marks (the matcher's word characters); other
 * scripts' letters are let through, which only costs a false positive.
 */
const WORD_UNITS = 'A-Za-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0300-\\u036f';

/**
 * The text between two words of a multi-word anchor, from the alias's own separator: whitespace matches any
 * whitespace run, a hyphen a hyphen or dash or whitespace, an apostrophe any apostrophe (the matcher's rules),
 * other punctuation itself; written as one class repeated, which allows more than the matcher, never less.
 */
function gapPattern(separator: string): string {
  const allowed = new Set<string>();
  for (const ch of separator) {
    if (/\s/.test(ch)) allowed.add('\\s');
    else if (/[-\u2010-\u2013]/.test(ch)) ['\\s', '\\-', '\\u2010-\\u2013'].forEach((x) => allowed.add(x));
    else if (/['\u2019\u02bc]/.test(ch)) ["'", '\\u2019', '\\u02bc'].forEach((x) => allowed.add(x));
    else allowed.add(`\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return `[${[...allowed].join('')}]+`;
}

/**
 * The anchor of an alias, as a run of its consecutive words: the last word that is neither common nor shorter
 * than three characters (for people the surname, the rarest part of a name in running text); if every word is
 * common ("State Department", "Department of Defense"), the shortest run holding two words of four or more
 * characters, the last of those ("Central Command" in "United States Central Command"): a phrase is far rarer
 * than its words; else the longest word.
 */
export function anchorOf(words: readonly string[]): { from: number; to: number } {
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (w.length >= 3 && !COMMON.has(w.toLowerCase())) return { from: i, to: i + 1 };
  }
  let best: { from: number; to: number } | null = null;
  for (let i = 0; i < words.length; i++) {
    let long = 0;
    for (let j = i; j < words.length; j++) {
      if (words[j]!.length >= 4) long++;
      if (long < 2) continue;
      if (best === null || j + 1 - i <= best.to - best.from) best = { from: i, to: j + 1 };
      break;
    }
  }
  if (best !== null) return best;
  let longest = 0;
  words.forEach((w, i) => {
    if (w.length > words[longest]!.length) longest = i;
  });
  return { from: longest, to: longest + 1 };
}

/**
 * The source size of one RegExp at most. Past some size V8 no longer compiles a RegExp to fast machine code, and
 * a scan gets dozens of times slower (measured in Node on yahoo-2's text, 20 000 aliases: one case-sensitive RegExp
 * of 31 000 characters 44 ms; split at 8 000 characters, all six RegExps together 2.9 ms; the dossier's two 1.1 ms).
 */
const MAX_SOURCE = 8_000;

export function compileAnchorFilter(entities: readonly FilterEntity[]): AnchorFilter {
  // Names: case-insensitive RegExps (the `i` flag keeps V8's fast literal search, which explicit [aA] classes lose).
  const names = new Map<string, string[]>(); // anchor source → its units
  // Acronyms, and the capital alone that may begin a split name (a drop cap): one case-sensitive RegExp.
  const exact = new Map<string, string[]>();
  const initials = new Set<string>();
  for (const alias of entities.flatMap((e) => e.aliases)) {
    const found = [...alias.text.matchAll(RE_WORDS)];
    if (found.length === 0) continue; // the matcher ignores aliases without a letter or digit
    const caseSensitive = alias.match === 'acronym';
    const { from, to } = anchorOf(found.map((m) => m[0]));
    const units: string[] = [];
    for (let i = from; i < to; i++) {
      const m = found[i]!;
      const w = caseSensitive ? m[0] : m[0].toLowerCase();
      if (i > from) {
        const prev = found[i - 1]!;
        units.push(gapPattern(alias.text.slice(prev.index! + prev[0].length, m.index)));
      }
      units.push(...unitPatterns(w, caseSensitive));
    }
    const source = units.join('');
    const target = caseSensitive ? exact : names;
    if (target.has(source)) continue;
    target.set(source, units);
    // A name's first letter alone counts only as a capital, or every footnote mark "a" and every "J." initial
    // would flag its block. So a name split right after a lower-case first letter is not found (see the README).
    if (!caseSensitive) {
      const first = found[from]![0].charCodeAt(0);
      initials.add(first < 128 ? String.fromCharCode(first).toUpperCase() : '');
    }
  }
  const patterns: RegExp[] = [];
  /**
   * Adds RegExps for these anchors, as few as the size limit allows. The beginnings of the anchors (for a text
   * that ends in the middle of one; the rest is in the next node) are written as a trie of nested optional
   * groups: the same RegExp with every beginning listed flat is twice the source, twice the compile time (about
   * 6 ms for the dossier in Node, paid by the content script on every page) and slower to run.
   * `shortest`: how many units a beginning needs (names: two, their capital alone is in `extraEnds`).
   */
  const build = (anchorsWithUnits: Map<string, string[]>, flags: string, shortest: number, extraEnds: string[], extra: string) => {
    let group: string[] = [];
    let trie: PrefixTrie = new Map();
    let size = 0;
    const close = () => {
      const ends = [...prefixSources(trie, shortest), ...extraEnds];
      if (group.length > 0 || ends.length > 0) {
        const words = group.join('|') || '(?!)';
        const endsSource = ends.length ? `|(?:${ends.join('|')})$` : '';
        patterns.push(new RegExp(`(?<![${WORD_UNITS}])(?:(?:${words})(?![${WORD_UNITS}])${endsSource})${extra}`, flags));
      }
      group = [];
      trie = new Map();
      size = 0;
      extraEnds = [];
    };
    for (const [source, units] of anchorsWithUnits) {
      group.push(source);
      // The anchor itself, and about as much again for its beginnings.
      size += 2 * source.length;
      let node = trie;
      for (const u of units) {
        let child = node.get(u);
        if (!child) node.set(u, (child = new Map()));
        node = child;
      }
      if (size > MAX_SOURCE) close();
    }
    close();
  };
  const exactEnds: string[] = [];
  // A non-ASCII first letter: any non-ASCII unit (more than needed, never less).
  if (initials.delete('')) exactEnds.push('[^\\x00-\\x7f]');
  if (initials.size > 0) exactEnds.push(`[${[...initials].join('')}]`);
  build(exact, '', 1, exactEnds, '');
  // The Kelvin sign folds to k in the matcher but not in a case-insensitive RegExp: any text holding one passes.
  build(names, 'i', 2, [], '|\\u212a');
  if (patterns.length === 0) patterns.push(/(?!)/);
  // V8 interprets a RegExp's first run and compiles it to machine code on the next: pay both here, not in a scan.
  for (const re of patterns) re.test(''), re.test('');
  return {
    patterns,
    test(text: string): boolean {
      for (const re of patterns) if (re.test(text)) return true;
      return false;
    },
  };
}

/** Anchors by unit pattern, for writing their beginnings once each. */
type PrefixTrie = Map<string, PrefixTrie>;

/**
 * The proper beginnings of the anchors in the trie, at least `shortest` units long, as RegExp alternatives:
 * `k(?:u(?:r(?:i(?:l(?:l)?)?)?)?)` stands for "ku" to "kurill" when shortest is 2.
 */
function prefixSources(trie: PrefixTrie, shortest: number): string[] {
  const nested = (node: PrefixTrie, depth: number): string[] => {
    const out: string[] = [];
    for (const [unit, child] of node) {
      if (child.size === 0) continue; // a whole anchor, not a proper beginning: the main alternation has it
      const deeper = nested(child, depth + 1);
      const inner = deeper.length ? `(?:${deeper.join('|')})` : '';
      // Up to this unit the text may stop (if long enough), or go on into a child.
      out.push(depth + 1 >= shortest ? `${unit}${inner ? inner + '?' : ''}` : inner ? `${unit}${inner}` : '');
    }
    return out.filter((x) => x !== '');
  };
  return nested(trie, 0);
}
