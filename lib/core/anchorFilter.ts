/**
 * A cheap necessary condition for a mention, tested with one native RegExp per text node before any of the
 * matcher's JavaScript runs. Pure: no DOM.
 *
 * WHY: a content script runs cold on every page. Walking a page's text nodes and running the JavaScript scanner
 * over all of their text costs several times a bare walk, although almost every block holds no mention. A
 * RegExp is compiled to machine code once and scans text at native speed from its first call.
 *
 * HOW: every alias gets one "anchor" word: the one of its words least likely to be ordinary prose (not a common
 * English word, longer than two characters, used by the fewest aliases, longest). The matcher only finds an alias
 * where each of its words is a whole word of the text, so text without any anchor word as a whole word holds no
 * hit. A word may be split across text nodes (`Ku<b>rilla</b>`, a drop cap `<span>K</span>urilla`), so a text
 * that ends with the beginning of an anchor word passes too; the walk then looks at the whole block. The filter is
 *   (?<![A-Za-z0-9])(?:(?:anchor|anchor|…)(?![A-Za-z0-9])|(?:prefix trie of the anchors)$)
 * - acronym anchors letter for letter (the matcher compares acronyms exactly);
 * - name anchors case-insensitively, spelled as the matcher folds case: an ASCII letter matches itself in either
 *   case (and k the Kelvin sign, the only other unit whose toLowerCase is ASCII); a non-ASCII unit matches any
 *   non-ASCII unit, which is more than needed and never less;
 * - word edges are checked for ASCII letters and digits only, again more than needed, never less.
 * False positives only cost the full treatment of a block; a false negative would lose a mention, so every
 * approximation above errs on the side of matching.
 *
 * Measured (tests/bench/run.ts): see the figures in lib/page/textBlocks.ts, where the filter is used.
 */
import type { Entity } from '../../data/schema';

export interface AnchorFilter {
  /** Matches where a text may hold a hit; no match: it certainly holds none. Use `pattern.test(text)`. */
  readonly pattern: RegExp;
  /** The anchor words chosen (for tests and the benchmark's report). */
  readonly anchors: readonly string[];
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

const KELVIN = '\u212a';

function unitPattern(c: number, caseSensitive: boolean): string {
  if (c >= 128) return caseSensitive ? String.fromCharCode(c) : '[^\\x00-\\x7f]';
  const ch = String.fromCharCode(c);
  if (/[0-9]/.test(ch)) return ch;
  if (!/[A-Za-z]/.test(ch)) return `\\x${c.toString(16).padStart(2, '0')}`;
  if (caseSensitive) return ch;
  const low = ch.toLowerCase();
  return `[${low}${low.toUpperCase()}${low === 'k' ? KELVIN : ''}]`;
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

export function compileAnchorFilter(entities: readonly FilterEntity[]): AnchorFilter {
  const patterns = new Set<string>();
  const anchors = new Set<string>();
  const prefixes: TrieNode = new Map();
  /** Single units that may start a split anchor word at the very end of a text (see below). */
  const singles = new Set<string>();
  for (const alias of entities.flatMap((e) => e.aliases)) {
    const found = [...alias.text.matchAll(RE_WORDS)];
    if (found.length === 0) continue; // the matcher ignores aliases without a letter or digit
    const caseSensitive = alias.match === 'acronym';
    const { from, to } = anchorOf(found.map((m) => m[0]));
    const units: string[] = [];
    const shown: string[] = [];
    for (let i = from; i < to; i++) {
      const m = found[i]!;
      const w = caseSensitive ? m[0] : m[0].toLowerCase();
      if (i > from) {
        const prev = found[i - 1]!;
        units.push(gapPattern(alias.text.slice(prev.index! + prev[0].length, m.index)));
      }
      units.push(...unitPatterns(w, caseSensitive));
      shown.push(w);
    }
    anchors.add(shown.join(' '));
    patterns.add(units.join(''));
    // A text ending in the first letter alone: only the capital counts for names (a drop cap, `<span>K</span>urilla`),
    // or every footnote mark "a" and initial "J" would flag its block.
    const first = found[from]![0].charCodeAt(0);
    singles.add(caseSensitive || first >= 128 ? unitPattern(first, true) : String.fromCharCode(first).toUpperCase());
    let node = prefixes;
    for (const u of units) {
      let child = node.get(u);
      if (!child) node.set(u, (child = new Map()));
      node = child;
    }
  }
  if (patterns.size === 0) return { pattern: /(?!)/, anchors: [] };
  // Longer alternatives first: irrelevant to test(), but keeps the source readable in a debugger.
  const words = [...patterns].sort((a, b) => b.length - a.length).join('|');
  const longer = [...prefixes].filter(([, child]) => child.size > 0).map(([unit, child]) => `${unit}(?:${trieSource(child)})`);
  const single = [...singles].map((u) => (u.length === 1 ? u.replace(/[\\^\]-]/g, '\\$&') : '')).join('');
  const ends = [...longer, ...(single ? [`[${single}]`] : []), ...[...singles].filter((u) => u.length > 1)].join('|');
  const re = new RegExp(`(?<![${WORD_UNITS}])(?:(?:${words})(?![${WORD_UNITS}])|(?:${ends})$)`);
  // V8 interprets a RegExp's first run and compiles it to machine code on the next: pay both here, not in a scan.
  re.test('');
  re.test('');
  return { pattern: re, anchors: [...anchors] };
}

/** Anchor prefixes, one unit pattern per level. */
type TrieNode = Map<string, TrieNode>;

/** Every non-empty prefix of the anchors in the trie, as one RegExp alternation (shared beginnings written once). */
function trieSource(node: TrieNode): string {
  const alternatives: string[] = [];
  for (const [unit, child] of node) alternatives.push(child.size > 0 ? `${unit}(?:${trieSource(child)})?` : unit);
  return alternatives.join('|');
}
