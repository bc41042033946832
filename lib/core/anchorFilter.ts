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
 *   non-ASCII unit any non-ASCII unit (more than needed, never less), and the text needs no lower-casing; Arabic and
 *   Devanagari letters (no case) stand for the letters the matcher folds them with, in RegExps of their own;
 * - invisible units and marks the matcher reads through are let through by one RegExp of rare units, not by every
 *   anchor;
 * - acronym anchors are matched letter for letter (the matcher compares acronyms exactly);
 * - between the words of a phrase, the characters the matcher accepts for the alias's separator, repeated.
 * False positives only cost the full treatment of a block; a false negative loses a mention, so every
 * approximation errs on the side of passing.
 *
 * Measured with tests/bench/run.ts (breakdown: "filtered" and "flagged") and tests/bench/checkBlocks.ts; figures and
 * the designs tried are in docs/performance.md.
 */
import type { Entity } from '../../data/schema';
import { isFoldedScript, SPELLING_FOLDS } from './characterClasses';

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
  /**
   * A class of units every match holds one of (the Arabic or the Devanagari block): a text without any cannot match,
   * which a plain class test tells at a fraction of the pattern's cost (see pageGate.gateTest).
   */
  block?: string;
}

/** Without a tier an entity counts as core (it opens the gate, see AnchorFilter.search). */
type FilterEntity = Pick<Entity, 'aliases'> & { tier?: Entity['tier'] };

/** The matcher's words: a letter or digit, then letters, digits and combining marks. */
const RE_WORDS = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Units of the Arabic and Devanagari blocks by their folded unit, for the anchors' character classes. */
const FOLD_CLASSES = new Map<number, number[]>();
for (const [from, to] of [
  [0x600, 0x6ff],
  [0x900, 0x97f],
] as const) {
  for (let c = from; c <= to; c++) {
    const folded = SPELLING_FOLDS.get(c) ?? c;
    const members = FOLD_CLASSES.get(folded) ?? [];
    members.push(c);
    FOLD_CLASSES.set(folded, members);
  }
}

const hex4 = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

/**
 * The dropped marks (isDroppedMark in characterClasses.ts) as a RegExp class; those of each script, any number of
 * them.
 */
const DROPPED_MARKS = '[\\u0640\\u064b-\\u065f\\u0670\\u093c]';
const DROPPED_ARABIC = '[\\u0640\\u064b-\\u065f\\u0670]*';
const DROPPED_DEVANAGARI = '\\u093c*';

/** The invisible units as a RegExp class (see isInvisible in characterClasses.ts). */
const INVISIBLES = '[\\u00ad\\u200b-\\u200d\\u2060]';

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
 * and a Kelvin sign in the text is let through by an anchor of its own (see anchorPatterns). An Arabic or Devanagari
 * unit (no case there) stands for the letters the matcher folds it with (SPELLING_FOLDS), in names and acronyms
 * alike, and may be followed by the marks of its script the matcher drops (others are let through by anchorPatterns'
 * RegExp of rare units); written exactly, not as any non-ASCII unit, because in
 * those scripts every word is non-ASCII: `[^\x00-\x7f]{4}` would flag every word of four letters on an Urdu page.
 */
function unitPattern(c: number, caseSensitive: boolean): string {
  if (c === 0x212a && !caseSensitive) return 'k';
  if (isFoldedScript(c)) {
    const members = FOLD_CLASSES.get(SPELLING_FOLDS.get(c) ?? c)!;
    return (
      (members.length === 1 ? hex4(c) : `[${members.map(hex4).join('')}]`) +
      (c < 0x900 ? DROPPED_ARABIC : DROPPED_DEVANAGARI)
    );
  }
  if (c >= 128) return caseSensitive ? hex4(c) : '[^\\x00-\\x7f]';
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9]/.test(ch)) return caseSensitive ? ch : ch.toLowerCase();
  return `\\x${c.toString(16).padStart(2, '0')}`;
}

/**
 * The text between two words of a multi-word anchor, from the alias's own separator: whitespace matches any
 * whitespace run, a hyphen a hyphen or dash or whitespace, an apostrophe any apostrophe (the matcher's rules),
 * other punctuation itself; written as one class repeated, which allows more than the matcher, never less. Invisible
 * units in the gap ("State \u200bDepartment") are let through by a RegExp of their own (see anchorPatterns).
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
 * RegExp to fast machine code, and a scan gets dozens of times slower, or falls to V8's RegExp interpreter; sources
 * of twice this size were still fast (figures in docs/performance.md).
 */
const MAX_SOURCE = 8_000;

interface TrieNode {
  end: boolean;
  kids: Map<string, TrieNode>;
}

/**
 * RegExp sources matching any of these patterns, each written as the list of its units' sources, as tries:
 * alternatives that share a beginning share it in the source (`kur(?:illa|dish)`), so V8 tests a text position's
 * first unit once, not once per anchor: for big alias sets several times faster than a flat alternation, which also
 * needed lower-cased text, a word-start lookbehind and a second search where two nodes' words meet (figures in
 * docs/performance.md). Where one anchor is the beginning of another, the shorter is matched (`state(?:s)??`): a
 * match then ends as early as it can, inside the block where it starts. Anchors are sorted and split into as many
 * tries as keep each source within `maxSource`.
 */
export function alternationTries(patterns: readonly (readonly string[])[], maxSource = MAX_SOURCE): string[] {
  const sorted = [...new Map(patterns.map((p) => [p.join(''), p])).entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map((e) => e[1]);
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
 * for a big alias set, compiling that set in the middle of a scan took many times as long as the search itself.
 * Each half is split to MAX_SOURCE (a single anchor longer than that stays whole), so a RegExp is about twice that
 * at most (still fast, see MAX_SOURCE). Until the gate opens, the cost grows with the context-tier anchors found (a
 * match array each; on a text full of them, a search about twice as long as once open). Figures in
 * docs/performance.md.
 */
function pairedTries(
  gate: readonly string[],
  context: readonly string[],
  flags: string,
  block?: string,
): AnchorPattern[] {
  const out: AnchorPattern[] = [];
  for (let i = 0; i < Math.max(gate.length, context.length); i++) {
    const g = gate[i];
    const c = context[i];
    out.push({
      source: c === undefined ? g! : g === undefined ? `(${c})` : `${g}|(${c})`,
      flags,
      ...(block && { block }),
    });
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
  /** Does an anchor hold a unit that is also part of emoji (see the invisible units below)? */
  let anchorHasEmojiPart = false;
  const exact = { gate: [] as string[][], context: [] as string[][] };
  const arabic = { gate: [] as string[][], context: [] as string[][] };
  const devanagari = { gate: [] as string[][], context: [] as string[][] };
  /** Does every Arabic (Devanagari) anchor hold a letter of its block, not only digits? Then the block is a prefilter. */
  let arabicInBlock = true;
  let devanagariInBlock = true;
  for (const { alias, gate } of entities.flatMap((e) =>
    e.aliases.map((alias) => ({ alias, gate: e.tier !== 'context' })),
  )) {
    // As the matcher reads an alias: invisible units are not there, and dropped marks are not part of a word.
    const text = alias.text.replace(RE_INVISIBLE, '');
    const found = [...text.matchAll(RE_WORDS)]
      .map((m) => ({ word: m[0].replace(RE_DROPPED, ''), start: m.index!, end: m.index! + m[0].length }))
      .filter((m) => m.word.length > 0);
    if (found.length === 0) continue; // the matcher ignores aliases without a letter or digit
    const caseSensitive = alias.match === 'acronym';
    const { from, to } = anchorOf(found.map((m) => m.word));
    const units: string[] = [];
    for (let i = from; i < to; i++) {
      const m = found[i]!;
      if (i > from) {
        const gap = text.slice(found[i - 1]!.end, m.start);
        units.push(gapPattern(gap));
        if (RE_EMOJI_PART.test(gap)) anchorHasEmojiPart = true;
      }
      // Unit by unit, like the matcher's folding (String.toLowerCase would turn an İ into two units).
      for (let k = 0; k < m.word.length; k++) units.push(unitPattern(m.word.charCodeAt(k), caseSensitive));
      if (RE_EMOJI_PART.test(m.word)) anchorHasEmojiPart = true;
    }
    // An anchor all in the Arabic or Devanagari block (no case there) gets RegExps of its own, one per script, without
    // the i flag. Why: V8 skips ahead through a text by the first units an anchor can start with; Arabic and
    // Devanagari letters mixed with the Latin anchors (or with each other) leave it almost nothing to skip, and the
    // search of a mostly English page took several times as long.
    const words = found.slice(from, to);
    const kind = words.every((m) => RE_ARABIC_WORD.test(m.word))
      ? arabic
      : words.every((m) => RE_DEVANAGARI_WORD.test(m.word))
        ? devanagari
        : caseSensitive
          ? exact
          : names;
    const inBlock = (re: RegExp) => words.some((m) => re.test(m.word));
    if (kind === arabic && !inBlock(RE_ARABIC_LETTER)) arabicInBlock = false;
    if (kind === devanagari && !inBlock(RE_DEVANAGARI_LETTER)) devanagariInBlock = false;
    (gate ? kind.gate : kind.context).push(units);
  }
  // Anchors that appear in both halves go in the gate half only (a gate anchor found is all that matters).
  for (const kind of [exact, names, arabic, devanagari]) {
    const gateKeys = new Set(kind.gate.map((u) => u.join('')));
    kind.context = kind.context.filter((u) => !gateKeys.has(u.join('')));
  }
  const acronyms = pairedTries(alternationTries(exact.gate), alternationTries(exact.context), 'g');
  const patterns = [
    ...acronyms,
    ...pairedTries(alternationTries(names.gate), alternationTries(names.context), 'gi'),
    ...pairedTries(
      alternationTries(arabic.gate),
      alternationTries(arabic.context),
      'g',
      arabicInBlock ? ARABIC_BLOCK : undefined,
    ),
    ...pairedTries(
      alternationTries(devanagari.gate),
      alternationTries(devanagari.context),
      'g',
      devanagariInBlock ? DEVANAGARI_BLOCK : undefined,
    ),
  ];
  // Let through, and opening the gate (more than needed, never less), in one RegExp of its own:
  // - any Kelvin sign: the matcher folds it to k, the i flag does not;
  // - an invisible unit (isInvisible), which the matcher reads through but no anchor allows, in a word or in the gap
  //   between two. Rare in prose, so flagging its node costs less than allowing invisible units between all the units
  //   of every anchor, which would slow the search of every page. Not after a low surrogate or an emoji variation
  //   selector (unless an anchor holds one): there it joins emoji (👨‍👩‍👧, ❤️‍🔥), common in comments and embeds;
  // - a dropped mark other than after a unit of its own script's block (there every anchor unit allows it): the
  //   matcher drops it in any word, however unlikely a haraka after a Latin letter or a nukta after an Arabic one is.
  // Written as one class of these rare units with the exceptions in a lookbehind after it: V8 then scans for the
  // class natively, where a lookbehind in front of each alternative had it try every position of the text. Put in
  // front of the first acronym RegExp (none of its anchors starts with such a unit), which then searches the text
  // about as fast as without it, rather than in a RegExp of its own: one more pass over every page's text.
  const anyNames = names.gate.length + names.context.length > 0;
  if (patterns.length > 0) {
    const units = `[${anyNames ? '\\u212a' : ''}${INVISIBLES.slice(1, -1)}${DROPPED_MARKS.slice(1, -1)}]`;
    const notAfter = [
      `[\\u0600-\\u06ff]${DROPPED_ARABIC.slice(0, -1)}`,
      `[\\u0900-\\u097f]${DROPPED_DEVANAGARI.slice(0, -1)}`,
    ];
    if (!anchorHasEmojiPart) notAfter.push(`[\\udc00-\\udfff\\ufe0e\\ufe0f]${INVISIBLES}`);
    const special = `${units}(?<!${notAfter.join('|')})`;
    if (acronyms.length > 0) patterns[0] = { source: `${special}|${acronyms[0]!.source}`, flags: 'g' };
    else patterns.push({ source: special, flags: 'g' });
  }
  return patterns;
}

const RE_INVISIBLE = /[\u00ad\u200b-\u200d\u2060]/g;
const ARABIC_BLOCK = '[\\u0600-\\u06ff]';
const DEVANAGARI_BLOCK = '[\\u0900-\\u097f]';
const RE_ARABIC_LETTER = new RegExp(ARABIC_BLOCK);
const RE_DEVANAGARI_LETTER = new RegExp(DEVANAGARI_BLOCK);
/** Words of the Arabic and the Devanagari block (see isFoldedScript), digits allowed. */
const RE_ARABIC_WORD = /^[0-9\u0600-\u06ff]+$/;
// eslint-disable-next-line no-misleading-character-class -- a range of code units: vowel signs are letters of the word here
const RE_DEVANAGARI_WORD = /^[0-9\u0900-\u097f]+$/;
// eslint-disable-next-line no-misleading-character-class -- single code units: the marks are matched on their own, wherever they stand
const RE_DROPPED = /[\u0640\u064b-\u065f\u0670\u093c]/g;
/** A low surrogate (the end of an astral character, emoji among them) or an emoji variation selector. */
// eslint-disable-next-line no-misleading-character-class -- single code units: a lone low surrogate is what is looked for
const RE_EMOJI_PART = /[\udc00-\udfff\ufe0e\ufe0f]/;

/**
 * The RegExps of a pattern list, warmed up. V8 interprets a RegExp's first run and compiles it to machine code on the
 * next, for one-byte and two-byte text apart: paid here on empty strings, not in the middle of a scan that searches
 * many texts (the engine's).
 */
function compilePatterns(data: readonly AnchorPattern[]): RegExp[] {
  const patterns = data.map(({ source, flags }) => new RegExp(source, flags));
  for (const re of patterns) {
    for (const text of ['', '', '\u2019', '\u2019']) {
      re.test(text);
      re.lastIndex = 0;
    }
  }
  return patterns;
}

/** A filter from patterns made by anchorPatterns (here or in another context: they are plain JSON). */
export function loadAnchorFilter(data: readonly AnchorPattern[]): AnchorFilter {
  const patterns = compilePatterns(data);
  // A text without a letter of a pattern's block cannot hold its anchors: a class test skips it (as pageGate.gateTest).
  const blocks = data.map(({ block }) => (block === undefined ? undefined : new RegExp(block)));
  const search = (text: string, found: (after: number) => number, open: boolean): boolean => {
    for (let i = 0; i < patterns.length; i++) {
      const block = blocks[i];
      if (block !== undefined && !block.test(text)) continue;
      const re = patterns[i]!;
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
      // test(), not exec(): no match array per anchor found (a big page has tens of thousands).
      while (re.test(text)) {
        const next = found(re.lastIndex);
        if (next > re.lastIndex) re.lastIndex = next;
      }
    }
    return open;
  };
  return { search };
}
