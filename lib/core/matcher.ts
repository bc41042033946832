/**
 * Finds dossier aliases in plain text. Pure: no DOM, no browser APIs.
 *
 * ALGORITHM — hand-written char-code scanner + token trie keyed by integer hashes.
 *   One pass over the text with `charCodeAt` splits it into word tokens (maximal runs of \p{L}\p{N}, continued
 *   by \p{M}); while scanning each token we fold it to lower case char by char (lookup tables, no string is
 *   built) and hash it. The hash goes through a one-bit-per-hash filter and then the trie's root Map (Smi
 *   keys). Almost every token misses, so the cost per token is a bit test (sometimes a Map probe), whatever the
 *   number of aliases. On a hit we walk on: the gap to the next token is hashed in canonical form (whitespace
 *   runs and hyphens → one code, apostrophes → one code) and combined with the next token's hash to pick the
 *   child node, and so on. Nodes that end an alias carry patterns (one per distinct alias text, listing the
 *   entities it stands for), which are verified against the real characters (hash collisions, acronym case,
 *   exact separator rules, prefix/suffix punctuation), so a collision can only cost time, never a wrong hit.
 *   Nothing is allocated per character or per token; only hits allocate.
 *
 * MEASURED with tests/bench/matcherNode.ts (Node 20, a shared 2-core container, medians of 5). The text is
 * generated news prose fed block by block (≈ 550 find() calls per MB plus one 100 KB block); 3 % of its words are
 * people from the same name pools as the synthetic aliases, so bigger alias sets also find many more hits:
 *   chosen scanner + hash trie   1 MB: 100 aliases 8.3 ms (121 MB/s, 828 hits) · 1 000: 10.4 ms · 20 000: 13.0 ms
 *                                (77 MB/s, 3 803 hits) → 20k/100 = 1.58
 *                                5 MB: 40.6 ms · 49.8 ms · 68.2 ms → 20k/100 = 1.68
 *                                1 MB with no pool names in the text: 7.8 · 8.1 · 8.4 ms → 20k/100 = 1.08
 *                                compile: 100 aliases < 1 ms; 20 000 aliases 65–100 ms and ≈ 11 MB of heap
 *                                per-call overhead ≈ 100–130 ns on short strings; one 100 KB block ≈ 1.3 ms
 *   RegExp tokenizer (/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*\/gu exec) + slice().toLowerCase() + Map<string> trie:
 *                                1 MB: 45 ms (100) · 51 ms (20 000) — 4–5× slower; exec's match arrays dominate
 *   same, block.toLowerCase() once then slices of it: 1 MB: 38 ms · 44 ms. Lowering whole blocks costs only
 *                                1.6 ms/MB but buys little, and toLowerCase can change the length (İ → i̇),
 *                                shifting every later offset; here folding happens per unit in the scan instead.
 *   Aho–Corasick over lower-cased chars (Map transitions): 1 MB: 34 ms (100) · 116 ms (20 000) → ratio 3.4:
 *                                a Map probe per character, and the automaton outgrows the caches.
 *   `iu` alternation RegExp:     1 MB: 100 aliases 31 ms, 1 000 aliases 2 530 ms — ruled out.
 *   A one-bit-per-hash filter in front of the root Map saved ≈ 15 %; inlining the token scan saved nothing.
 *
 * MATCHING RULES
 * - Leftmost first, longest wins at a position, hits never overlap, returned in text order.
 * - Boundaries: a hit is never preceded or followed by a letter, digit or mark of any script (\p{L}\p{N}\p{M}):
 *   IMET2, XIMET, IMETHOD, Munirabad, "IMETд", "дIMET", Arabic or CJK letters touching the alias → no hit.
 *   (CJK characters are letters, so "美国IMET" does not match; accepted, the dossier is about English pages.)
 *   Marks only count when attached to a word: a mark after punctuation or an emoji (e.g. the variation selector
 *   in "❤️IMET") does not glue anything, so emoji next to an alias are fine. Underscore is punctuation.
 *   Possessives work through the boundary rule: "Munir's", "Kurilla’s" → the hit covers the name only.
 * - `acronym` aliases are case-sensitive (IMET, not Imet/imet). `name` aliases are case-insensitive, folded
 *   per UTF-16 unit with toLowerCase (no full Unicode case folding; characters whose lower case is longer than
 *   one unit are compared as they are), with one exception: a match written entirely in lower case is ordinary
 *   prose, not a name ("played the trump card", "a state department of agriculture"), so it is skipped unless the
 *   alias itself is all lower case. "ASIM MUNIR" and "Asim munir" match; "asim munir" does not.
 * - Invisible units (soft hyphen U+00AD, zero-width space/non-joiner/joiner U+200B–U+200D, word joiner U+2060) are
 *   read through as if absent, in words and in separators: "Kur\u00ADilla", "Mu\u200Bnir" and "CIS-\u2060MOA" match,
 *   and the hit covers the whole name; "X\u200BIMET" reads as "XIMET" (no hit). A hit never starts or ends with one.
 * - Arabic and Devanagari spelling variants are folded in aliases and text alike (SPELLING_FOLDS in anchorFilter.ts:
 *   Urdu/Farsi yeh and alef maksura as Arabic yeh, keheh as kaf, heh goal/doachashmee and teh marbuta as heh,
 *   hamza/madda letters as their base letter, Devanagari nukta letters as the letter without), and Arabic harakat,
 *   the kashida and the Devanagari nukta are dropped (isDroppedMark): "عاصم منیر" matches "عاصم منير" and
 *   "عاصِم مُنیر"; "क़मर" matches "कमर" and "क\u093Cमर". Acronyms get the folds too (those scripts have no case).
 * - Separators inside an alias: a whitespace run matches any whitespace run (spaces, tabs, line breaks,
 *   U+00A0, U+202F, … — JavaScript's \s); a hyphen matches one of - ‐ ‑ ‒ – (U+002D, U+2010–U+2013) or any
 *   whitespace run; an apostrophe matches ' ’ ʼ; any other punctuation matches itself. "CISMOA" and "Gen."
 *   forms must be listed as aliases of their own. Punctuation before the first / after the last word of an
 *   alias ("U.S.") must be present too, and the boundary rule then applies around it.
 * - falseFriends are case-insensitive blocking patterns: a false friend produces no hit and suppresses every
 *   alias hit overlapping it ("Munir Akram" → nothing; "Asim Saleem Bajwa" → nothing), even a longer one.
 * - Surname heuristic: a single-word alias with `afterFullName: true` is rejected when the word right before it
 *   (separated by whitespace only) looks like a given name, i.e. someone else's full name ("Saleem Bajwa",
 *   "Kamal Munir"). The previous word looks like a given name when it starts with an upper-case letter and
 *   has a lower-case letter (so "US", "ISPR" don't count), is not a title or rank ("General", "Gen", "Lt",
 *   "Field Marshal", "Secretary", "Mr", "President", "Minister", "Chief", "Army", "COAS", "Commander", …),
 *   is not a common capitalised sentence word / weekday / month ("When", "On", "Tuesday", "March", …), nor a
 *   headline's verb or gerund ("Pompeo Calls Bajwa", "After Killing Soleimani"),
 *   is not a word of one of the same entity's aliases ("Javed Bajwa" for Qamar Javed Bajwa) and is not part of
 *   the alias hit just before. "Gen. Bajwa" passes anyway (the gap is ". ", not whitespace only).
 *   Known misses: a capitalised place or organisation right before a bare surname ("Islamabad Munir",
 *   "Pentagon Kurilla") also blocks it; such headline-style forms are rare in running text.
 * - If several entities share the same alias text, the hit goes to the first by (not afterFullName, tier
 *   core → related → context, order given).
 * - Aliases without any letter or digit are ignored.
 */
import type { Entity } from '../../data/schema';
import {
  anchorPatterns,
  isDroppedMark,
  isFoldedScript,
  isInvisible,
  loadAnchorFilter,
  SPELLING_FOLDS,
  type AnchorFilter,
  type AnchorPattern,
} from './anchorFilter';

export type MatchableEntity = Pick<Entity, 'id' | 'tier' | 'aliases' | 'falseFriends'>;
export interface AliasHit {
  start: number;
  end: number;
  entityId: string;
  needsFullName: boolean;
}
export interface Matcher {
  /** Hits in text order, non-overlapping. */
  find(text: string): AliasHit[];
  /** A native pre-test: text it rejects holds no hit (see anchorFilter.ts). */
  readonly anchors: AnchorFilter;
}

/**
 * A compiled matcher as plain JSON (see compileMatcherData): the trie's nodes and patterns by index, maps as entry
 * lists. Made by the same build that loads it, so its shape needs no versioning.
 */
export interface MatcherData {
  anchors: AnchorPattern[];
  patterns: (Omit<Pattern, 'byOwnWord'> & { byOwnWord: [word: string, target: number][] | null })[];
  /** First-token hash → node index. */
  root: [hash: number, node: number][];
  nodes: { kids: [key: number, node: number][] | null; patterns: number[] | null }[];
  maxTokens: number;
  maxSepCodes: number;
}

// ---------------------------------------------------------------------------------------------------------
// Character classes and lower-casing, via lazily filled tables shared by all matchers.

/** Starts or continues a word: \p{L} or \p{N}. */
const WORD = 1;
/** Continues a word: \p{M}. */
const MARK = 2;
/** Continues a word but is not compared: a dropped mark (isDroppedMark in anchorFilter.ts). */
const DROPPED = 3;
const WS = 4;
const HYPHEN = 5;
const APOS = 6;
const OTHER = 7;
/** High surrogate: the class depends on the next unit. Never stored in the table, never returned. */
const HIGH = 8;
/**
 * Read through as if absent (isInvisible in anchorFilter.ts): inside a word when a letter, digit or mark follows,
 * skipped in a gap, never part of a hit's edge. Above every class a word is made of, so the hot loops test for it
 * only where a word would end.
 */
const INVISIBLE = 9;
/** Flag on a returned class: the character is a surrogate pair (two units). */
const WIDE = 16;

const RE_WORD = /^[\p{L}\p{N}]$/u;
const RE_MARK = /^\p{M}$/u;
const RE_WS = /^\s$/;

/** Class per BMP unit; 0 = not computed yet. */
const CLASS = new Uint8Array(65536);
/** Lower case per BMP unit; 0 = not computed yet (unit 0 is recomputed each time, harmless). */
const LOWER = new Uint16Array(65536);
const ASTRAL = new Map<number, number>();

/**
 * Classes of the units news text is made of, without a RegExp: ASCII, Latin-1, Latin Extended-A/B, combining
 * diacritics and General Punctuation. 0 where the RegExps must decide. Why: the first test of a `\p{…}` RegExp on
 * two-byte text compiles its huge character classes, 0.3–0.8 ms (Node), paid on every page whose mentions sit
 * near a curly quote or an accented letter. The unit tests check every unit here against the RegExps.
 */
function commonClass(c: number): number {
  if (c < 0x80) {
    if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) return WORD;
    return c === 32 || (c >= 9 && c <= 13) ? WS : OTHER;
  }
  if (c < 0x100) {
    if (c === 0xa0) return WS;
    if (c === 0xaa || c === 0xb5 || c === 0xba || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)) return WORD; // letters
    if (c === 0xb2 || c === 0xb3 || c === 0xb9 || (c >= 0xbc && c <= 0xbe)) return WORD; // ² ³ ¹ ¼ ½ ¾
    return OTHER;
  }
  if (c < 0x250) return WORD;
  if (c >= 0x300 && c < 0x370) return MARK;
  if (c >= 0x2000 && c < 0x2070) {
    return c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f ? WS : OTHER;
  }
  return 0;
}

function computeClass(c: number): number {
  if (c >= 0xd800 && c <= 0xdbff) return HIGH;
  if (isInvisible(c)) return INVISIBLE;
  if (isDroppedMark(c)) return DROPPED;
  if (c >= 0xdc00 && c <= 0xdfff) return OTHER;
  if (c >= 0x2010 && c <= 0x2013) return HYPHEN;
  if (c === 0x2019 || c === 0x02bc) return APOS;
  const common = commonClass(c);
  if (common !== 0) return common;
  const ch = String.fromCharCode(c);
  if (RE_WORD.test(ch)) return WORD;
  if (RE_MARK.test(ch)) return MARK;
  if (RE_WS.test(ch)) return WS;
  return OTHER;
}

for (let c = 0; c < 128; c++) {
  CLASS[c] = computeClass(c);
  LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;
}
CLASS[0x2d] = HYPHEN;
CLASS[0x27] = APOS;
// Filled now, so code that reads the table without computing it (verify, the prefix check) can rely on them.
for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0x640, 0x670, 0x93c]) CLASS[c] = computeClass(c);
for (let c = 0x64b; c <= 0x65f; c++) CLASS[c] = DROPPED;

/** Is the unit invisible or a dropped mark (not compared; the table is filled for them from the start)? */
function isSkipped(c: number): boolean {
  const k = CLASS[c]!;
  return k === INVISIBLE || k === DROPPED;
}

/** Class of the character at i whose first unit c has table class k = 0 (not computed yet, or a high surrogate). */
function slowClass(text: string, i: number, c: number, k: number): number {
  if (k === 0) {
    k = computeClass(c);
    // High surrogates stay 0 in the table, so hot loops test a single value before taking the slow path.
    if (k !== HIGH) CLASS[c] = k;
  }
  if (k !== HIGH) return k;
  const d = text.charCodeAt(i + 1);
  if (!(d >= 0xdc00 && d <= 0xdfff)) return OTHER;
  const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  let a = ASTRAL.get(cp);
  if (a === undefined) {
    const ch = String.fromCodePoint(cp);
    a = RE_WORD.test(ch) ? WORD : RE_MARK.test(ch) ? MARK : OTHER;
    ASTRAL.set(cp, a);
  }
  return a | WIDE;
}

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const k = CLASS[c]!;
  return k === 0 ? slowClass(text, i, c, k) : k;
}

function fillLower(c: number): number {
  const s = String.fromCharCode(c).toLowerCase();
  // The spelling folds are letters without case, so one table serves both.
  const l = SPELLING_FOLDS.get(c) ?? (s.length === 1 ? s.charCodeAt(0) : c);
  LOWER[c] = l;
  return l;
}

function lower(c: number): number {
  const l = LOWER[c]!;
  return l === 0 ? fillLower(c) : l;
}

/** Is the character starting at i (after any invisible units) a letter, digit or mark? False at the end of the text. */
function isWordAt(text: string, i: number): boolean {
  while (i < text.length && CLASS[text.charCodeAt(i)] === INVISIBLE) i++;
  if (i >= text.length) return false;
  return (classAt(text, i) & 15) <= DROPPED;
}

/** Is the character ending at i (exclusive; before any invisible units) a letter, digit or mark? */
function isWordBefore(text: string, i: number): boolean {
  while (i > 0 && CLASS[text.charCodeAt(i - 1)] === INVISIBLE) i--;
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const k = classAt(text, i - 2);
    if (k & WIDE) return (k & 15) <= DROPPED;
  }
  return (classAt(text, i - 1) & 15) <= DROPPED;
}

/** The first offset at or after i (up to limit) that is not an invisible unit. */
function skipInvisible(text: string, i: number, limit: number): number {
  while (i < limit && CLASS[text.charCodeAt(i)] === INVISIBLE) i++;
  return i;
}

const MASK = 0x3fffffff;

/** Hash of the token scanned by the last scanToken call (lower-cased, folded units; surrogate pairs raw). */
let scanHash = 0;

/**
 * Scans the word starting at i (which must be a WORD character) and returns its end. Sets scanHash. Dropped marks
 * and invisible units inside the word are not hashed; the word never ends with invisible units.
 */
function scanToken(text: string, i: number, n: number): number {
  let h = 0;
  let c = text.charCodeAt(i);
  let k = CLASS[c]!;
  if (k === 0) k = slowClass(text, i, c, k);
  for (;;) {
    if (k & WIDE) {
      h = (Math.imul(h, 31) + c) | 0;
      h = (Math.imul(h, 31) + text.charCodeAt(i + 1)) | 0;
      i += 2;
    } else {
      if (k !== DROPPED) {
        let l = LOWER[c]!;
        if (l === 0) l = fillLower(c);
        h = (Math.imul(h, 31) + l) | 0;
      }
      i++;
    }
    if (i >= n) break;
    c = text.charCodeAt(i);
    k = CLASS[c]!;
    if (k === 0) k = slowClass(text, i, c, k);
    if ((k & 15) > DROPPED) {
      if (k !== INVISIBLE) break;
      // Invisible units continue the word only if a letter, digit or mark follows them.
      const j = skipInvisible(text, i, n);
      if (j >= n) break;
      const d = text.charCodeAt(j);
      let kd = CLASS[d]!;
      if (kd === 0) kd = slowClass(text, j, d, kd);
      if ((kd & 15) > DROPPED) break;
      i = j;
      c = d;
      k = kd;
    }
  }
  scanHash = h & MASK;
  return i;
}

/** Separator code used for trie keys: whitespace and hyphens are the same code (verification tells them apart). */
function sepCode(k: number, c: number): number {
  const kk = k & 15;
  return kk === WS || kk === HYPHEN ? 1 : kk === APOS ? 2 : c + 3;
}

function edgeKey(tokenHash: number, sepHash: number): number {
  return (Math.imul(tokenHash, 0x2f) + Math.imul(sepHash, 0x3b9)) & MASK;
}

/**
 * Matches a canonical separator (' ' = whitespace run, '-' = hyphen or whitespace run, "'" = apostrophe, else
 * literal) at j, with invisible units anywhere before its characters and inside its whitespace runs. Returns the
 * end, or -1. Never reads at or beyond `limit`.
 */
function matchSep(text: string, j: number, sep: string, limit: number): number {
  for (let m = 0; m < sep.length; m++) {
    const s = sep.charCodeAt(m);
    j = skipInvisible(text, j, limit);
    if (j >= limit) return -1;
    const k = classAt(text, j) & 15;
    if (s === 0x20 || (s === 0x2d && k === WS)) {
      if (k !== WS) return -1;
      let kk: number;
      do j++;
      while (j < limit && ((kk = classAt(text, j) & 15) === WS || kk === INVISIBLE));
    } else if (s === 0x2d) {
      if (k !== HYPHEN) return -1;
      j++;
    } else if (s === 0x27) {
      if (k !== APOS) return -1;
      j++;
    } else {
      if (text.charCodeAt(j) !== s) return -1;
      j++;
    }
  }
  return j;
}

// ---------------------------------------------------------------------------------------------------------
// Compilation

/** One entity an alias pattern can stand for. */
interface Target {
  entityId: string;
  needsFullName: boolean;
  /** Single-word afterFullName alias: apply the "someone else's full name" heuristic. */
  guard: boolean;
  rank: number;
}

/**
 * A distinct alias text (after canonicalisation) with the entities it stands for, best first. Identical aliases
 * of many entities (a common surname) are verified once, so their number does not multiply the work.
 */
interface Pattern {
  falseFriend: boolean;
  caseSensitive: boolean;
  /**
   * A name matched with no capital letter at all is ordinary prose ("the trump card", "a state department
   * of agriculture"), not the name: required unless every alias behind the pattern is itself lower case.
   */
  needsCapital: boolean;
  /** Exact for acronyms, lower-cased (per unit) otherwise. */
  tokens: string[];
  /** Canonical separators between tokens. */
  seps: string[];
  prefix: string;
  suffix: string;
  /** Best first: not afterFullName, then tier, then order given. */
  targets: Target[];
  /**
   * For a bare-surname pattern (targets[0].guard): given-name-like previous word → the first target that has it
   * among its own alias words (e.g. "javed" → Qamar Javed Bajwa).
   */
  byOwnWord: Map<string, Target> | null;
}

interface TrieNode {
  kids: Map<number, TrieNode> | null;
  patterns: Pattern[] | null;
}

interface ParsedAlias {
  tokens: string[];
  hashes: number[];
  /** Canonical gaps: gaps[0] before the first token, gaps[tokens.length] after the last. */
  gaps: string[];
  /** Trie key codes of each gap between tokens. */
  gapHashes: number[];
  gapCodeCounts: number[];
}

function canonicalGap(text: string, from: number, to: number): string {
  if (from === to) return '';
  if (to === from + 1 && text.charCodeAt(from) === 0x20) return ' ';
  let out = '';
  for (let j = from; j < to; ) {
    const k = classAt(text, j);
    const kk = k & 15;
    if (kk === INVISIBLE) {
      // Not there for the matcher.
    } else if (kk === WS) {
      if (!out.endsWith(' ')) out += ' ';
    } else if (kk === HYPHEN) out += '-';
    else if (kk === APOS) out += "'";
    else out += text.slice(j, j + (k & WIDE ? 2 : 1));
    j += k & WIDE ? 2 : 1;
  }
  return out;
}

/** Same codes and collapsing as the text scanner in walk(). */
function gapKey(gap: string): { hash: number; count: number } {
  let h = 0;
  let count = 0;
  let last = 0;
  for (let j = 0; j < gap.length; j++) {
    const c = gap.charCodeAt(j);
    const code = c === 0x20 || c === 0x2d ? 1 : c === 0x27 ? 2 : c + 3;
    if (code === 1 && last === 1) continue;
    h = (Math.imul(h, 31) + code) | 0;
    count++;
    last = code;
  }
  return { hash: h & MASK, count };
}

function parseAlias(raw: string): ParsedAlias | null {
  const text = raw.trim();
  const n = text.length;
  const tokens: string[] = [];
  const hashes: number[] = [];
  const gaps: string[] = [];
  let gapStart = 0;
  let i = 0;
  while (i < n) {
    const k = classAt(text, i);
    if ((k & 15) !== WORD) {
      i += k & WIDE ? 2 : 1;
      continue;
    }
    gaps.push(canonicalGap(text, gapStart, i));
    const e = scanToken(text, i, n);
    tokens.push(withoutSkipped(text.slice(i, e)));
    hashes.push(scanHash);
    i = gapStart = e;
  }
  if (tokens.length === 0) return null;
  gaps.push(canonicalGap(text, gapStart, n));
  const gapHashes: number[] = [];
  const gapCodeCounts: number[] = [];
  for (let t = 1; t < tokens.length; t++) {
    const g = gapKey(gaps[t]!);
    gapHashes.push(g.hash);
    gapCodeCounts.push(g.count);
  }
  return { tokens, hashes, gaps, gapHashes, gapCodeCounts };
}

const RE_ASCII = /^[\x00-\x7f]*$/;
const RE_SKIPPED = /[\u00ad\u200b-\u200d\u2060\u0640\u064b-\u065f\u0670\u093c]/g;

/** A word as the matcher compares it: without invisible units and dropped marks (isSkipped). */
function withoutSkipped(word: string): string {
  return RE_ASCII.test(word) ? word : word.replace(RE_SKIPPED, '');
}

/** Lower case per UTF-16 unit, exactly like the scanner folds text (so not String#toLowerCase in general). */
function lowerString(s: string): string {
  if (RE_ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (let j = 0; j < s.length; j++) out += String.fromCharCode(lower(s.charCodeAt(j)));
  return out;
}

const TIER_RANK = { core: 0, related: 1, context: 2 } as const;

/**
 * Words before a bare surname that do not make it someone else's full name: titles and ranks (the brief's
 * list plus common ones), and capitalised words that start sentences, weekdays and months.
 */
const NOT_A_GIVEN_NAME = new Set(
  (
    'general gen lt lieutenant field marshal secretary mr mrs ms dr president minister chief army coas commander ' +
    'maj major col colonel brig brigadier adm admiral vice rear capt captain sgt sen senator rep gov governor ' +
    'ambassador envoy prime defence defense foreign state former ex prof professor sir madam premier officer ' +
    'the a an and but or nor so yet when while after before since as if though although because yesterday ' +
    'today tomorrow on in at by for with from to of then now meanwhile also according however here there ' +
    'this that these those his her their our its said says asked told why how what where who whom ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december ' +
    // Headlines capitalise every word: the verbs they put before a name ("Pompeo Calls Bajwa").
    'meets met calls called dials dialled dialed says visits visited hosts hosted urges urged slams praises ' +
    'thanks backs tells asks greets receives received phones phoned welcomes congratulates briefs warns ' +
    'killed kills sacks appoints names named'
  ).split(' '),
);

const RE_STARTS_UPPER = /^\p{Lu}/u;
const RE_HAS_LOWER = /\p{Ll}/u;
const RE_HAS_UPPER = /\p{Lu}/u;

class CompiledMatcher implements Matcher {
  private readonly root = new Map<number, TrieNode>();
  /** One bit per (Fibonacci-hashed) first-token hash: most tokens are rejected here without a Map probe. */
  private filter: Int32Array = new Int32Array(1);
  private filterShift = 32;
  private maxSepCodes = 1;
  private tokS: Int32Array = new Int32Array(1);
  private tokE: Int32Array = new Int32Array(1);

  // Results of walk() and verify(), kept in fields to avoid allocating.
  private verifiedStart = -1;
  private bestStart = -1;
  private bestEnd = -1;
  private bestTarget: Target | null = null;
  private ffEnd = -1;

  readonly anchors: AnchorFilter;

  constructor(data: MatcherData) {
    this.anchors = loadAnchorFilter(data.anchors);
    // Objects of one shape, whatever the data went through (JSON, structured clone): the scan's hot paths read them.
    const patterns: Pattern[] = data.patterns.map((p) => ({
      falseFriend: p.falseFriend,
      caseSensitive: p.caseSensitive,
      needsCapital: p.needsCapital,
      tokens: p.tokens,
      seps: p.seps,
      prefix: p.prefix,
      suffix: p.suffix,
      targets: p.targets,
      byOwnWord: p.byOwnWord === null ? null : new Map(p.byOwnWord.map(([word, target]) => [word, p.targets[target]!])),
    }));
    const nodes: TrieNode[] = data.nodes.map((n) => ({ kids: null, patterns: n.patterns === null ? null : n.patterns.map((i) => patterns[i]!) }));
    data.nodes.forEach((n, i) => {
      if (n.kids !== null) nodes[i]!.kids = new Map(n.kids.map(([key, kid]) => [key, nodes[kid]!]));
    });
    for (const [hash, node] of data.root) this.root.set(hash, nodes[node]!);
    this.maxSepCodes = data.maxSepCodes;
    this.tokS = new Int32Array(data.maxTokens);
    this.tokE = new Int32Array(data.maxTokens);
    let bits = 10;
    while (1 << bits < this.root.size * 32 && bits < 22) bits++;
    this.filter = new Int32Array(1 << (bits - 5));
    this.filterShift = 32 - bits;
    for (const h of this.root.keys()) {
      const b = Math.imul(h, 0x9e3779b1) >>> this.filterShift;
      this.filter[b >>> 5]! |= 1 << (b & 31);
    }
  }

  find(text: string): AliasHit[] {
    const hits: AliasHit[] = [];
    const n = text.length;
    const root = this.root;
    const filter = this.filter;
    const shift = this.filterShift;
    let i = 0;
    let prevS = -1;
    let prevE = -1;
    // Hit waiting for the tokens inside it to be checked for false friends.
    let pendTerm: Target | null = null;
    let pendStart = 0;
    let pendEnd = 0;
    let lastHitEnd = -1;
    // Everything before this offset is covered by a false friend.
    let ffCover = 0;

    while (i < n) {
      const c = text.charCodeAt(i);
      let k = CLASS[c]!;
      if (k === 0) k = slowClass(text, i, c, k);
      if ((k & 15) !== WORD) {
        i += k & WIDE ? 2 : 1;
        continue;
      }
      const s = i;
      i = scanToken(text, i, n);
      const b = Math.imul(scanHash, 0x9e3779b1) >>> shift;
      const node = (filter[b >>> 5]! & (1 << (b & 31))) === 0 ? undefined : root.get(scanHash);
      if (node !== undefined) {
        this.walk(text, n, node, s, i, prevS, prevE, lastHitEnd);
        const best = this.bestTarget;
        const ffEnd = this.ffEnd;
        if (ffEnd > ffCover) ffCover = ffEnd;
        let startHere = true;
        if (pendTerm !== null) {
          if (s < pendEnd) {
            // A token inside the pending hit: a false friend starting here overlaps it.
            if (ffEnd >= 0) pendTerm = null;
            else startHere = false;
          } else {
            hits.push({ start: pendStart, end: pendEnd, entityId: pendTerm.entityId, needsFullName: pendTerm.needsFullName });
            pendTerm = null;
          }
        }
        const start = this.bestStart;
        if (startHere && best !== null && start >= ffCover && start >= lastHitEnd) {
          pendTerm = best;
          pendStart = start;
          pendEnd = this.bestEnd;
          lastHitEnd = pendEnd;
        }
      }
      prevS = s;
      prevE = i;
    }
    if (pendTerm !== null) {
      hits.push({ start: pendStart, end: pendEnd, entityId: pendTerm.entityId, needsFullName: pendTerm.needsFullName });
    }
    return hits;
  }

  /** Walks the trie from the token [s, e) whose root node is given. Sets bestTarget/bestEnd/ffEnd. */
  private walk(
    text: string,
    n: number,
    node: TrieNode,
    s: number,
    e: number,
    prevS: number,
    prevE: number,
    lastHitEnd: number,
  ): void {
    const tokS = this.tokS;
    const tokE = this.tokE;
    const maxSep = this.maxSepCodes;
    tokS[0] = s;
    tokE[0] = e;
    let depth = 1;
    this.bestEnd = -1;
    this.bestTarget = null;
    this.ffEnd = -1;
    for (;;) {
      const here = node.patterns;
      if (here !== null) {
        for (let t = 0; t < here.length; t++) {
          const pattern = here[t]!;
          const end = this.verify(text, n, pattern, depth);
          if (end < 0) continue;
          if (pattern.falseFriend) {
            if (end > this.ffEnd) this.ffEnd = end;
          } else if (end > this.bestEnd) {
            const target = chooseTarget(pattern, text, s, prevS, prevE, lastHitEnd);
            if (target === null) continue;
            this.bestStart = this.verifiedStart;
            this.bestEnd = end;
            this.bestTarget = target;
          }
        }
      }
      const kids = node.kids;
      if (kids === null || depth >= tokS.length) return;
      // Hash the gap after the current token.
      let j = tokE[depth - 1]!;
      let sh = 0;
      let count = 0;
      let last = 0;
      for (;;) {
        if (j >= n) return;
        const c = text.charCodeAt(j);
        let k = CLASS[c]!;
        if (k === 0) k = slowClass(text, j, c, k);
        const kk = k & 15;
        if (kk === WORD) break;
        if (kk === INVISIBLE) {
          // Not there for the matcher (canonicalGap leaves it out too).
          j++;
          continue;
        }
        if (k & WIDE) {
          // Wide non-word character (emoji …): hashed as two literal units, like canonicalGap keeps it.
          sh = (Math.imul(Math.imul(sh, 31) + c + 3, 31) + text.charCodeAt(j + 1) + 3) | 0;
          count += 2;
          last = 0;
          j += 2;
        } else {
          const code = kk === WS || kk === HYPHEN ? 1 : kk === APOS ? 2 : c + 3;
          if (code !== 1 || last !== 1) {
            sh = (Math.imul(sh, 31) + code) | 0;
            count++;
            last = code;
          }
          j++;
        }
        if (count > maxSep) return;
      }
      const ns = j;
      const ne = scanToken(text, j, n);
      const child = kids.get(edgeKey(scanHash, sh & MASK));
      if (child === undefined) return;
      tokS[depth] = ns;
      tokE[depth] = ne;
      depth++;
      node = child;
    }
  }

  /**
   * Checks a pattern against the real characters of the current path. Returns the hit's end, or -1; sets
   * verifiedStart. Tokens are compared without their invisible units and dropped marks (the pattern's have none).
   */
  private verify(text: string, n: number, pattern: Pattern, depth: number): number {
    const tokS = this.tokS;
    const tokE = this.tokE;
    const tokens = pattern.tokens;
    if (tokens.length !== depth) return -1;
    let sawCapital = false;
    for (let t = 0; t < depth; t++) {
      let j = tokS[t]!;
      const e = tokE[t]!;
      const tok = tokens[t]!;
      if (e - j < tok.length) return -1;
      for (let m = 0; m < tok.length; m++) {
        let c = text.charCodeAt(j);
        while (isSkipped(c) && j + 1 < e) c = text.charCodeAt(++j);
        const want = tok.charCodeAt(m);
        if (pattern.caseSensitive) {
          // Acronyms: exact, but for the spelling folds (letters without case, see SPELLING_FOLDS).
          if (c !== want && !(isFoldedScript(c) && lower(c) === lower(want))) return -1;
        } else {
          const folded = lower(c);
          if (folded !== want) return -1;
          if (folded !== c && !isFoldedScript(c)) sawCapital = true;
        }
        j++;
      }
      while (j < e && isSkipped(text.charCodeAt(j))) j++;
      if (j !== e) return -1;
    }
    if (pattern.needsCapital && !sawCapital) return -1;
    for (let t = 0; t + 1 < depth; t++) {
      const next = tokS[t + 1]!;
      const end = matchSep(text, tokE[t]!, pattern.seps[t]!, next);
      if (end < 0 || skipInvisible(text, end, next) !== next) return -1;
    }
    let start = tokS[0]!;
    if (pattern.prefix.length > 0) {
      // Backwards from the first token, reading through invisible units.
      const p = pattern.prefix;
      for (let m = p.length - 1; m >= 0; m--) {
        do start--;
        while (start >= 0 && CLASS[text.charCodeAt(start)] === INVISIBLE);
        if (start < 0) return -1;
        const want = p.charCodeAt(m);
        const k = classAt(text, start) & 15;
        const ok =
          want === 0x20 ? k === WS : want === 0x2d ? k === HYPHEN : want === 0x27 ? k === APOS : text.charCodeAt(start) === want;
        if (!ok) return -1;
      }
      if (isWordBefore(text, start)) return -1;
    }
    this.verifiedStart = start;
    let end = tokE[depth - 1]!;
    if (pattern.suffix.length > 0) {
      end = matchSep(text, end, pattern.suffix, n);
      if (end < 0 || isWordAt(text, end)) return -1;
    }
    return end;
  }
}

/** The first target whose conditions hold, or null (a bare surname right after someone's given name). */
function chooseTarget(
  pattern: Pattern,
  text: string,
  s: number,
  prevS: number,
  prevE: number,
  lastHitEnd: number,
): Target | null {
  const first = pattern.targets[0]!;
  if (!first.guard) return first;
  const word = givenNameBefore(text, s, prevS, prevE, lastHitEnd);
  return word === null ? first : (pattern.byOwnWord!.get(word) ?? null);
}

/**
 * The surname heuristic (see the top of the file), entity-independent part: the lower-cased previous word if it
 * looks like a given name (capitalised, not all caps, not a title or sentence word, whitespace-only gap, not part
 * of the previous hit), else null. s = start of the surname.
 */
function givenNameBefore(text: string, s: number, prevS: number, prevE: number, lastHitEnd: number): string | null {
  if (prevS < 0 || lastHitEnd >= prevE) return null;
  for (let j = prevE; j < s; j++) {
    const k = classAt(text, j) & 15;
    if (k !== WS && k !== INVISIBLE) return null;
  }
  const c = text.charCodeAt(prevS);
  if (c < 128 ? !(c >= 65 && c <= 90) : !RE_STARTS_UPPER.test(text.slice(prevS, prevS + 2))) return null;
  let hasLower = false;
  for (let j = prevS + 1; j < prevE && !hasLower; j++) {
    const d = text.charCodeAt(j);
    hasLower = d < 128 ? d >= 97 && d <= 122 : RE_HAS_LOWER.test(text.slice(j, j + 2));
  }
  if (!hasLower) return null;
  const low = withoutSkipped(text.slice(prevS, prevE)).toLowerCase();
  // A headline's gerund ("After Killing Soleimani", "Meeting Munir") is not a given name either.
  if (low.length >= 5 && low.endsWith('ing')) return null;
  return NOT_A_GIVEN_NAME.has(low) ? null : low;
}

/**
 * Compiles all aliases and false friends once into plain data (JSON-safe): the background does this once per
 * dossier and alias set, and every page only loads the result (loadMatcher). Why: compiling is per-alias string
 * work (words, folding, hashes, anchors, tries) that ran cold in each page, about 2 ms per page for the dossier's
 * 100 aliases; loading rebuilds a few Maps and RegExps (tests/bench/run.ts, section 1, prints both shares).
 */
export function compileMatcherData(entities: readonly MatchableEntity[]): MatcherData {
  const anchors = anchorPatterns(entities);
  const root = new Map<number, TrieNode>();
  let maxSepCodes = 1;
  let maxTokens = 1;
  let order = 0;
  const patterns = new Map<string, { parsed: ParsedAlias; pattern: Pattern }>();
  /** Lower-cased words of all the entity's aliases, for targets under the surname heuristic. Compile time only. */
  const wordsOf = new Map<Target, Set<string>>();
  const patternFor = (parsed: ParsedAlias, caseSensitive: boolean, falseFriend: boolean): Pattern => {
    const tokens = caseSensitive ? parsed.tokens : parsed.tokens.map(lowerString);
    const key = `${falseFriend ? 'f' : caseSensitive ? 'a' : 'n'}\u0001${tokens.join('\u0001')}\u0002${parsed.gaps.join('\u0001')}`;
    let entry = patterns.get(key);
    if (!entry) {
      const pattern: Pattern = {
        falseFriend,
        caseSensitive,
        needsCapital: !falseFriend && !caseSensitive,
        tokens,
        seps: parsed.gaps.slice(1, -1),
        prefix: parsed.gaps[0]!,
        suffix: parsed.gaps[parsed.gaps.length - 1]!,
        targets: [],
        byOwnWord: null,
      };
      entry = { parsed, pattern };
      patterns.set(key, entry);
    }
    return entry.pattern;
  };
  for (const entity of entities) {
    const parsedAliases: { parsed: ParsedAlias; alias: MatchableEntity['aliases'][number] }[] = [];
    let hasGuard = false;
    for (const alias of entity.aliases) {
      const parsed = parseAlias(alias.text);
      if (!parsed) continue;
      if (alias.afterFullName === true && parsed.tokens.length === 1) hasGuard = true;
      parsedAliases.push({ parsed, alias });
    }
    // Only needed for the surname heuristic.
    const entityWords = new Set<string>();
    if (hasGuard) for (const { parsed } of parsedAliases) for (const t of parsed.tokens) entityWords.add(t.toLowerCase());
    for (const { parsed, alias } of parsedAliases) {
      const needsFullName = alias.afterFullName === true;
      const target: Target = {
        entityId: entity.id,
        needsFullName,
        guard: needsFullName && parsed.tokens.length === 1,
        rank: ((needsFullName ? 3 : 0) + TIER_RANK[entity.tier]) * 1e7 + order++,
      };
      if (target.guard) wordsOf.set(target, entityWords);
      const pattern = patternFor(parsed, alias.match === 'acronym', false);
      pattern.targets.push(target);
      if (!RE_HAS_UPPER.test(alias.text)) pattern.needsCapital = false;
    }
    for (const ff of entity.falseFriends ?? []) {
      const parsed = parseAlias(ff);
      if (parsed) patternFor(parsed, false, true);
    }
  }

  for (const { parsed, pattern } of patterns.values()) {
    pattern.targets.sort((a, b) => a.rank - b.rank);
    // In a single-word pattern the afterFullName targets (guard) sort last, so if the first is guarded all are.
    if (pattern.targets[0]?.guard) {
      pattern.byOwnWord = new Map();
      for (const target of pattern.targets) {
        for (const w of wordsOf.get(target)!) if (!pattern.byOwnWord.has(w)) pattern.byOwnWord.set(w, target);
      }
    }
    maxTokens = Math.max(maxTokens, parsed.tokens.length);
    for (const c of parsed.gapCodeCounts) maxSepCodes = Math.max(maxSepCodes, c);
    let node = root.get(parsed.hashes[0]!);
    if (!node) {
      node = { kids: null, patterns: null };
      root.set(parsed.hashes[0]!, node);
    }
    for (let t = 1; t < parsed.tokens.length; t++) {
      const key = edgeKey(parsed.hashes[t]!, parsed.gapHashes[t - 1]!);
      node.kids ??= new Map();
      let child = node.kids.get(key);
      if (!child) {
        child = { kids: null, patterns: null };
        node.kids.set(key, child);
      }
      node = child;
    }
    (node.patterns ??= []).push(pattern);
  }
  // Flattened: nodes and patterns by index, maps as entry lists.
  const patternList = [...patterns.values()].map((e) => e.pattern);
  const patternIndex = new Map(patternList.map((p, i) => [p, i]));
  const nodes: MatcherData['nodes'] = [];
  const flatten = (node: TrieNode): number => {
    const index = nodes.length;
    const flat: MatcherData['nodes'][number] = { kids: null, patterns: node.patterns === null ? null : node.patterns.map((p) => patternIndex.get(p)!) };
    nodes.push(flat);
    if (node.kids !== null) flat.kids = [...node.kids].map(([key, kid]) => [key, flatten(kid)]);
    return index;
  };
  return {
    anchors,
    patterns: patternList.map((p) => ({
      ...p,
      byOwnWord: p.byOwnWord === null ? null : [...p.byOwnWord].map(([word, target]) => [word, p.targets.indexOf(target)]),
    })),
    root: [...root].map(([hash, node]) => [hash, flatten(node)]),
    nodes,
    maxTokens,
    maxSepCodes,
  };
}

/** A matcher from data made by compileMatcherData, here or in another context. */
export function loadMatcher(data: MatcherData): Matcher {
  return new CompiledMatcher(data);
}

/** Compiles and loads in one go (tests, benchmarks); `find` is then ~O(text length), independent of alias count. */
export function compileMatcher(entities: readonly MatchableEntity[]): Matcher {
  return loadMatcher(compileMatcherData(entities));
}
