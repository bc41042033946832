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
 *   space ("…Asim Munir" + "Bajwa said…"), and a word split across nodes (`Ku<b>rilla</b>`, a drop cap) is whole;
 * - the anchors of a kind are written as a trie (`kur(?:illa|dish)`, see alternationTries), which V8 searches
 *   several times faster than a flat alternation once there are hundreds of them;
 * - name anchors are searched with the `i` flag: an ASCII letter matches both cases like the matcher's folding, a
 *   non-ASCII unit any non-ASCII unit (more than needed, never less), and the text needs no lower-casing;
 * - acronym anchors are matched letter for letter (the matcher compares acronyms exactly);
 * - between the words of a phrase, the characters the matcher accepts for the alias's separator, repeated.
 * False positives only cost the full treatment of a block; a false negative loses a mention, so every
 * approximation errs on the side of passing.
 *
 * Measured with tests/bench/run.ts (breakdown: "filtered" and "flagged") and tests/bench/checkBlocks.ts.
 */
import type { Entity } from '../../data/schema';

export interface AnchorFilter {
  /**
   * Calls `found` with the offset just after each anchor found in `text`; `found` returns where to go on from (at
   * least that offset). Callers need no more than one anchor per node. Once the gate is open that is all, per
   * pattern in text order; until then every context-tier anchor is reported and the search goes on one unit after
   * its start whatever `found` returns, so offsets may repeat or go back when such anchors overlap.
   *
   * Returns whether `text` holds an anchor of a core or related alias (the gate is open). Without one, whatever was
   * found can only be context-tier names, which a page shows only once it also mentions a core or related entity.
   * `open`: the caller already knows the gate is open (an earlier text held such an anchor): nothing is looked for
   * beyond the anchors, and the result is true.
   */
  search(text: string, found: (after: number) => number, open: boolean): boolean;
}

/** One of a filter's RegExps as plain data, so a filter compiled once can be sent to every page (see MatcherData). */
export interface AnchorPattern {
  source: string;
  flags: string;
}

/** Without a tier an entity counts as core (it opens the gate, see AnchorFilter.search). */
type FilterEntity = Pick<Entity, 'aliases'> & { tier?: Entity['tier'] };

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

/**
 * One UTF-16 unit of an anchor, as a RegExp source. Names get the i flag, so an ASCII letter stands for both cases.
 * The Kelvin sign is the one non-ASCII unit the matcher folds to an ASCII letter (k): in a name it is written as k,
 * and a Kelvin sign in the text is let through by an anchor of its own (see compileAnchorFilter).
 */
function unitPattern(c: number, caseSensitive: boolean): string {
  if (c === 0x212a && !caseSensitive) return 'k';
  if (c >= 128) return caseSensitive ? `\\u${c.toString(16).padStart(4, '0')}` : '[^\\x00-\\x7f]';
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9]/.test(ch)) return caseSensitive ? ch : ch.toLowerCase();
  return `\\x${c.toString(16).padStart(2, '0')}`;
}

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
 * The source size of one trie at most (a RegExp holds two, see pairedTries). Past some size V8 no longer compiles a
 * RegExp to fast machine code, and a scan gets dozens of times slower (measured in Node on yahoo-2's text, 20 000
 * aliases: one case-sensitive RegExp of 31 000 characters 44 ms; split at 8 000 characters, all six RegExps together
 * 2.9 ms; a flat alternation of 28 000 characters fell to V8's RegExp interpreter: 53 s on the 5 MB page's text;
 * sources of 16 000 were still fast).
 */
const MAX_SOURCE = 8_000;

interface TrieNode {
  end: boolean;
  kids: Map<string, TrieNode>;
}

/**
 * RegExp sources matching any of these patterns, each written as the list of its units' sources, as tries:
 * alternatives that share a beginning share it in the source (`kur(?:illa|dish)`), so V8 tests a text position's
 * first unit once, not once per anchor. (Searching the 5 MB page's text, in Node: the dossier's names 21 ms against
 * 22 ms flat plus 10 ms to lower-case it; 20 000 aliases 39 ms against 117 ms flat, which then also needed a
 * word-start lookbehind, and the walk a second search where two nodes' words meet.) Where one anchor is the
 * beginning of another, the shorter is matched (`state(?:s)??`): a match then ends as early as it can, inside the
 * block where it starts. Anchors are sorted and split into as many tries as keep each source within `maxSource`.
 */
export function alternationTries(patterns: readonly (readonly string[])[], maxSource = MAX_SOURCE): string[] {
  const sorted = [...new Map(patterns.map((p) => [p.join(''), p])).entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
  const source = (list: readonly (readonly string[])[]): string => {
    const root: TrieNode = { end: false, kids: new Map() };
    for (const units of list) {
      let node = root;
      for (const unit of units) {
        let kid = node.kids.get(unit);
        if (!kid) node.kids.set(unit, (kid = { end: false, kids: new Map() }));
        node = kid;
      }
      node.end = true;
    }
    const write = (node: TrieNode): string => {
      const branches = [...node.kids].map(([unit, kid]) => unit + write(kid));
      if (branches.length === 0) return '';
      if (node.end) return `(?:${branches.join('|')})??`;
      return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    };
    return write(root);
  };
  const split = (list: readonly (readonly string[])[]): string[] => {
    if (list.length === 0) return [];
    const src = source(list);
    if (src.length <= maxSource || list.length === 1) return [src];
    const half = list.length >> 1;
    return [...split(list.slice(0, half)), ...split(list.slice(half))];
  };
  return split(sorted);
}

/**
 * One RegExp per pair of tries: the core and related aliases' anchors first, then the context-tier ones in a capture
 * group (`gate|(context)`). At a text position the first alternative is tried first, so a match there is a context
 * anchor only when no core or related anchor matches at that position; until the gate is open the search looks at
 * every position where an anchor matches (exec, resuming one unit after a context match's start), so a core anchor
 * that begins inside a context one, or extends it (`trump` and `trumpeter`), is still seen. Once the gate is open,
 * test() without a match array. This replaced a second set of RegExps, run over the text when an anchor was found:
 * compiling that set for 20 000 aliases took 14-25 ms in the middle of a scan (Node, yahoo-2's text; the search
 * itself 1.3 ms). Each half is split to MAX_SOURCE (a single anchor longer than that stays whole), so a RegExp is
 * about twice that at most (16 K sources were measured fast, see MAX_SOURCE). Until the gate opens, the cost grows
 * with the context-tier anchors found (a match array each: 200 000 "Trump" in one text, 18-20 ms in Node against
 * 7-12 ms once open, with every anchor reported).
 */
function pairedTries(gate: readonly string[], context: readonly string[], flags: string): AnchorPattern[] {
  const out: AnchorPattern[] = [];
  for (let i = 0; i < Math.max(gate.length, context.length); i++) {
    const g = gate[i];
    const c = context[i];
    out.push({ source: c === undefined ? g! : g === undefined ? `(${c})` : `${g}|(${c})`, flags });
  }
  return out;
}

export function compileAnchorFilter(entities: readonly FilterEntity[]): AnchorFilter {
  return loadAnchorFilter(anchorPatterns(entities));
}

/** The filter's RegExps as data: the costly part (every alias's anchor, the tries), done once (see MatcherData). */
export function anchorPatterns(entities: readonly FilterEntity[]): AnchorPattern[] {
  // Names are matched in any case (an ASCII letter with the i flag stands for both cases), acronyms letter for
  // letter; each for the core and related aliases (gate) and the context-tier ones apart.
  const names = { gate: [] as string[][], context: [] as string[][] };
  const exact = { gate: [] as string[][], context: [] as string[][] };
  for (const { alias, gate } of entities.flatMap((e) => e.aliases.map((alias) => ({ alias, gate: e.tier !== 'context' })))) {
    const found = [...alias.text.matchAll(RE_WORDS)];
    if (found.length === 0) continue; // the matcher ignores aliases without a letter or digit
    const caseSensitive = alias.match === 'acronym';
    const { from, to } = anchorOf(found.map((m) => m[0]));
    const units: string[] = [];
    for (let i = from; i < to; i++) {
      const m = found[i]!;
      if (i > from) {
        const prev = found[i - 1]!;
        units.push(gapPattern(alias.text.slice(prev.index! + prev[0].length, m.index)));
      }
      // Unit by unit, like the matcher's folding (String.toLowerCase would turn an İ into two units).
      for (let k = 0; k < m[0].length; k++) units.push(unitPattern(m[0].charCodeAt(k), caseSensitive));
    }
    const kind = caseSensitive ? exact : names;
    (gate ? kind.gate : kind.context).push(units);
  }
  // Anchors that appear in both halves go in the gate half only (a gate anchor found is all that matters).
  for (const kind of [exact, names]) {
    const gateKeys = new Set(kind.gate.map((u) => u.join('')));
    kind.context = kind.context.filter((u) => !gateKeys.has(u.join('')));
  }
  const patterns = [
    ...pairedTries(alternationTries(exact.gate), alternationTries(exact.context), 'g'),
    ...pairedTries(alternationTries(names.gate), alternationTries(names.context), 'gi'),
  ];
  // The matcher folds the Kelvin sign to k, the i flag does not: any Kelvin sign is let through, and opens the gate
  // (more than needed, never less).
  if (names.gate.length + names.context.length > 0) patterns.push({ source: '\\u212a', flags: 'g' });
  return patterns;
}

/** A filter from patterns made by anchorPatterns (here or in another context: they are plain JSON). */
export function loadAnchorFilter(data: readonly AnchorPattern[]): AnchorFilter {
  const patterns = data.map(({ source, flags }) => new RegExp(source, flags));
  // V8 interprets a RegExp's first run and compiles it to machine code on the next, for one-byte and two-byte text
  // apart: pay for both here (a page's text is two-byte as soon as it holds a curly quote), not in a scan.
  for (const re of patterns) for (const text of ['', '', '\u2019', '\u2019']) re.test(text), (re.lastIndex = 0);
  const search = (text: string, found: (after: number) => number, open: boolean): boolean => {
    for (const re of patterns) {
      re.lastIndex = 0;
      if (!open) {
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          const after = re.lastIndex;
          if (m[1] === undefined) {
            open = true;
            const next = found(after);
            if (next > after) re.lastIndex = next;
            break;
          }
          found(after);
          re.lastIndex = m.index + 1;
        }
        if (!open) continue;
      }
      // test(), not exec(): no match array per anchor found (27 000 on the 5 MB page).
      while (re.test(text)) {
        const next = found(re.lastIndex);
        if (next > re.lastIndex) re.lastIndex = next;
      }
    }
    return open;
  };
  return { search };
}
