/**
 * A cheap necessary condition for a mention, searched with native RegExps over a page's whole text before any of the
 * matcher's JavaScript runs. Pure: no DOM.
 *
 * WHY: a content script runs cold on every page. Running the JavaScript scanner over all of a page's text costs
 * several times a bare walk over its text nodes, although almost every block holds no mention. A RegExp is compiled
 * to machine code once and scans text at native speed.
 *
 * HOW: every alias gets one anchor (see anchorOf): its last uncommon word of three or more characters (for people
 * the surname, the rarest part of a name in running text), or a phrase when every word is common. The matcher only
 * finds an alias where each of its words is in the text, so text without any anchor holds no hit. The walk
 * (lib/page/textBlocks.ts) joins the text of all nodes in document order, runs these RegExps over it and works out
 * blocks only around the nodes where an anchor is found. So:
 * - an anchor is searched as a plain substring, without word edges: in the joined text two blocks meet without a
 *   space ("…Asim Munir" + "Bajwa said…"), and a word split across nodes (`Ku<b>rilla</b>`, a drop cap) is whole.
 *   Only alias sets too big for one RegExp per kind check that an anchor starts a word (see `wordStart`): it makes
 *   their search several times faster, and the walk makes up for the word starts the joined text hides;
 * - name anchors are flat alternations of literals in lower case, searched in the lower-cased text (see search):
 *   an ASCII letter matches both cases like the matcher's folding, a non-ASCII unit any non-ASCII unit (more than
 *   needed, never less);
 * - acronym anchors are matched letter for letter (the matcher compares acronyms exactly);
 * - between the words of a phrase, the characters the matcher accepts for the alias's separator, repeated.
 * False positives only cost the full treatment of a block; a false negative loses a mention, so every
 * approximation errs on the side of passing.
 *
 * Measured with tests/bench/run.ts (breakdown: "filtered" and "flagged") and tests/bench/checkBlocks.ts.
 */
import type { Entity } from '../../data/schema';

export interface AnchorFilter {
  /** Global RegExps of the name anchors in lower case: for the text lower-cased, when that keeps its length. */
  readonly lower: readonly RegExp[];
  /**
   * The anchors only start where a word starts (see WORD_UNITS). Then a walk that joins the texts of nodes must
   * also search where two nodes' words meet without a space (`<li>USA</li><li>IMET</li>`).
   */
  readonly wordStart: boolean;
  /**
   * Calls `found` with the offset just after each anchor found in `text` (per pattern, in text order); `found`
   * returns where to go on from (at least that offset). Callers need no more than one anchor per node.
   */
  search(text: string, found: (after: number) => number): void;
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

/** One UTF-16 unit of an anchor. Names are matched in lower case, so a lower-cased ASCII letter stands for both cases. */
function unitPattern(c: number, caseSensitive: boolean): string {
  if (c >= 128) return caseSensitive ? `\\u${c.toString(16).padStart(4, '0')}` : '[^\\x00-\\x7f]';
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9]/.test(ch)) return caseSensitive ? ch : ch.toLowerCase();
  return `\\x${c.toString(16).padStart(2, '0')}`;
}

function unitPatterns(word: string, caseSensitive: boolean): string {
  let out = '';
  for (let i = 0; i < word.length; i++) out += unitPattern(word.charCodeAt(i), caseSensitive);
  return out;
}

/**
 * Letters and digits before which an anchor cannot start (the matcher's words start at a word edge): ASCII,
 * Latin-1 and Latin Extended letters, combining marks. All are letters, digits or marks; other scripts' letters
 * are let through, which only costs a false positive.
 */
export const WORD_UNITS = 'A-Za-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0300-\\u036f';

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
 * than its words; else the longest word. A chosen word of three or four characters takes the word before it along
 * ("Asian Lite"): anchors are searched as substrings, and a short word hides in many others (elite, satellite).
 */
export function anchorOf(words: readonly string[]): { from: number; to: number } {
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (w.length >= 3 && !COMMON.has(w.toLowerCase())) return { from: w.length < 5 && i > 0 ? i - 1 : i, to: i + 1 };
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
  // Names: matched in lower case (an ASCII letter, lower-cased, stands for both cases).
  const names = new Set<string>();
  // Acronyms: letter for letter, case-sensitive.
  const exact = new Set<string>();
  for (const alias of entities.flatMap((e) => e.aliases)) {
    const found = [...alias.text.matchAll(RE_WORDS)];
    if (found.length === 0) continue; // the matcher ignores aliases without a letter or digit
    const caseSensitive = alias.match === 'acronym';
    const { from, to } = anchorOf(found.map((m) => m[0]));
    let source = '';
    for (let i = from; i < to; i++) {
      const m = found[i]!;
      if (i > from) {
        const prev = found[i - 1]!;
        source += gapPattern(alias.text.slice(prev.index! + prev[0].length, m.index));
      }
      // Unit by unit, like the matcher's folding: String.toLowerCase would turn an İ into two units.
      source += unitPatterns(m[0], caseSensitive);
    }
    (caseSensitive ? exact : names).add(source);
  }
  // Big alias sets need several RegExps, each of which V8 searches slowly position by position; a word-start check
  // in front lets it move on at once inside words (20 000 aliases, the 5 MB page's text, in Node: 222 ms against
  // 873 ms without). A few hundred anchors search faster without it (the dossier: 45 ms against 66 ms).
  const sourceSize = (set: Set<string>) => [...set].reduce((n, x) => n + x.length + 1, 0);
  const wordStart = sourceSize(exact) > MAX_SOURCE || sourceSize(names) > MAX_SOURCE;
  /** Global RegExps for these anchors, as few as the size limit allows. */
  const build = (sources: Set<string>, flags: string): RegExp[] => {
    const out: RegExp[] = [];
    let group: string[] = [];
    let size = 0;
    const close = () => {
      if (group.length > 0) out.push(new RegExp(wordStart ? `(?<![${WORD_UNITS}])(?:${group.join('|')})` : group.join('|'), flags));
      group = [];
      size = 0;
    };
    for (const source of sources) {
      group.push(source);
      size += source.length + 1;
      if (size > MAX_SOURCE) close();
    }
    close();
    return out;
  };
  const exactPatterns = build(exact, 'g');
  // Names are searched in the lower-cased text with case-sensitive RegExps: faster than the `i` flag (5 MB page's
  // text, in Node: 30 ms + 9 ms to lower-case against 42 ms; 20 000 aliases 121 + 18 ms against 188 ms), and
  // toLowerCase folds the Kelvin sign to k as the matcher does.
  const lowerPatterns = build(names, 'g');
  // Text whose lower case is longer (only U+0130 İ does that) would shift every offset after it: that text gets
  // the `i` flag instead. The Kelvin sign, which the `i` flag does not fold, then always passes.
  let folded: RegExp[] | undefined;
  const foldedPatterns = () => (folded ??= names.size > 0 ? [...build(names, 'gi'), /\u212a/g] : []);
  // V8 interprets a RegExp's first run and compiles it to machine code on the next, for one-byte and two-byte text
  // apart: pay for both here (a page's text is two-byte as soon as it holds a curly quote), not in a scan.
  for (const re of [...exactPatterns, ...lowerPatterns]) for (const text of ['', '', '\u2019', '\u2019']) re.test(text), (re.lastIndex = 0);
  const run = (patterns: readonly RegExp[], text: string, found: (after: number) => number) => {
    for (const re of patterns) {
      re.lastIndex = 0;
      // test(), not exec(): no match array per anchor found (27 000 on the 5 MB page).
      while (re.test(text)) {
        const next = found(re.lastIndex);
        if (next > re.lastIndex) re.lastIndex = next;
      }
    }
  };
  const search = (text: string, found: (after: number) => number): void => {
    run(exactPatterns, text, found);
    if (lowerPatterns.length === 0) return;
    const lower = text.toLowerCase();
    if (lower.length === text.length) run(lowerPatterns, lower, found);
    else run(foldedPatterns(), text, found);
  };
  return { lower: lowerPatterns, wordStart, search };
}

