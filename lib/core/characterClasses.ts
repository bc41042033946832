/**
 * How the matcher reads characters: which units make words, separators and gaps, how they are lower-cased and
 * folded, and which are read through as if absent. Lazily filled tables shared by every matcher; the anchor
 * filter (anchorFilter.ts) writes its RegExps from the same spelling rules. Pure: no DOM, no browser APIs.
 */

// ---------------------------------------------------------------------------------------------------------
// Spelling rules shared with the anchor filter.

/**
 * Invisible units the matcher reads through as if they were not there: soft hyphen, zero-width space, non-joiner
 * and joiner, word joiner. Sites put them inside words for hyphenation and line breaking ("Kur\u00ADilla"), and
 * Urdu and Hindi text uses the (non-)joiners inside words to pick letter shapes; none of them is visible as a gap.
 */
export function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060;
}

/**
 * Marks the matcher drops from words: Arabic harakat, hamza and madda above/below (U+064B–U+065F), the superscript
 * alef (U+0670), the kashida (U+0640, a stretching stroke, not a letter) and the Devanagari nukta (U+093C). Why drop
 * rather than compare them: Urdu news text rarely writes the harakat and an alias should not depend on whether an
 * outlet did, and Hindi outlets write the same name with and without the nukta ("क़मर", "कमर"), precomposed
 * (U+0958) or as two units (NFC itself splits U+0958–U+095F in two). Dropping the nukta lets all three spellings
 * meet; names differing only by a nukta or a haraka are not a case the dossier has.
 */
export function isDroppedMark(c: number): boolean {
  return (c >= 0x64b && c <= 0x65f) || c === 0x670 || c === 0x640 || c === 0x93c;
}

/**
 * Letters written differently by different outlets, folded to one (both in aliases and in page text): Arabic yeh
 * vs Farsi/Urdu yeh and alef maksura; Arabic kaf vs keheh; Arabic heh vs heh goal and heh doachashmee, and teh
 * marbuta (Arabic "حمزة", Urdu "حمزہ"); Devanagari letters with a nukta to the letter without (see isDroppedMark).
 * A letter that is a base letter plus a dropped mark (أ = ا + ٔ, ئ = ي + ٔ, ۂ = ہ + ٔ, क़ = क + ़) folds like that
 * base letter, so text gives the same result precomposed and decomposed. Only letters of scripts without case:
 * the fold can never be mistaken for a capital.
 */
export const SPELLING_FOLDS: ReadonlyMap<number, number> = new Map([
  [0x6cc, 0x64a],
  [0x649, 0x64a],
  [0x626, 0x64a], // ی ى ئ → ي
  [0x6a9, 0x643], // ک → ك
  [0x6c1, 0x647],
  [0x6be, 0x647],
  [0x6c2, 0x647],
  [0x629, 0x647], // ہ ھ ۂ ة → ه
  [0x622, 0x627],
  [0x623, 0x627],
  [0x625, 0x627], // آ أ إ → ا
  [0x624, 0x648], // ؤ → و
  [0x6d3, 0x6d2], // ۓ → ے
  [0x958, 0x915],
  [0x959, 0x916],
  [0x95a, 0x917],
  [0x95b, 0x91c],
  [0x95c, 0x921],
  [0x95d, 0x922],
  [0x95e, 0x92b],
  [0x95f, 0x92f],
  [0x929, 0x928],
  [0x931, 0x930],
  [0x934, 0x933],
]);

/** Does this unit belong to the Arabic or Devanagari block, where every fold and dropped mark lives (no case there)? */
export function isFoldedScript(c: number): boolean {
  return (c >= 0x600 && c <= 0x6ff) || (c >= 0x900 && c <= 0x97f);
}

// ---------------------------------------------------------------------------------------------------------
// Character classes and lower-casing.

/** Starts or continues a word: \p{L} or \p{N}. */
export const WORD = 1;
/** Continues a word: \p{M}. */
export const MARK = 2;
/** Continues a word but is not compared: a dropped mark (isDroppedMark). */
export const DROPPED = 3;
export const WS = 4;
export const HYPHEN = 5;
export const APOS = 6;
export const OTHER = 7;
/** High surrogate: the class depends on the next unit. Never stored in the table, never returned. */
export const HIGH = 8;
/**
 * Read through as if absent (isInvisible): inside a word when a letter, digit or mark follows,
 * skipped in a gap, never part of a hit's edge. Above every class a word is made of, so the hot loops test for it
 * only where a word would end.
 */
export const INVISIBLE = 9;
/** Flag on a returned class: the character is a surrogate pair (two units). */
export const WIDE = 16;

const RE_WORD = /^[\p{L}\p{N}]$/u;
const RE_MARK = /^\p{M}$/u;
const RE_WS = /^\s$/;

/** Class per BMP unit; 0 = not computed yet. */
export const CLASS = new Uint8Array(65536);
/** Lower case per BMP unit; 0 = not computed yet (unit 0 is recomputed each time, harmless). */
export const LOWER = new Uint16Array(65536);
const ASTRAL = new Map<number, number>();

/**
 * Classes of the units news text is made of, without a RegExp: ASCII, Latin-1, Latin Extended-A/B, combining
 * diacritics and General Punctuation. 0 where the RegExps must decide. Why: the first test of a `\p{…}` RegExp on
 * two-byte text compiles its huge character classes, a cost every page whose mentions sit near a curly quote or an
 * accented letter would pay. The unit tests check every unit here against the RegExps.
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
export function isSkipped(c: number): boolean {
  const k = CLASS[c]!;
  return k === INVISIBLE || k === DROPPED;
}

/** Class of the character at i whose first unit c has table class k = 0 (not computed yet, or a high surrogate). */
export function slowClass(text: string, i: number, c: number, k: number): number {
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

export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const k = CLASS[c]!;
  return k === 0 ? slowClass(text, i, c, k) : k;
}

export function fillLower(c: number): number {
  const s = String.fromCharCode(c).toLowerCase();
  // The spelling folds are letters without case, so one table serves both.
  const l = SPELLING_FOLDS.get(c) ?? (s.length === 1 ? s.charCodeAt(0) : c);
  LOWER[c] = l;
  return l;
}

export function lower(c: number): number {
  const l = LOWER[c]!;
  return l === 0 ? fillLower(c) : l;
}

/** Is the character starting at i (after any invisible units) a letter, digit or mark? False at the end of the text. */
export function isWordAt(text: string, i: number): boolean {
  while (i < text.length && CLASS[text.charCodeAt(i)] === INVISIBLE) i++;
  if (i >= text.length) return false;
  return (classAt(text, i) & 15) <= DROPPED;
}

/** Is the character ending at i (exclusive; before any invisible units) a letter, digit or mark? */
export function isWordBefore(text: string, i: number): boolean {
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
export function skipInvisible(text: string, i: number, limit: number): number {
  while (i < limit && CLASS[text.charCodeAt(i)] === INVISIBLE) i++;
  return i;
}

const RE_ASCII = /^\p{ASCII}*$/u;
// eslint-disable-next-line no-misleading-character-class -- single code units, each skipped on its own
const RE_SKIPPED = /[\u00ad\u200b-\u200d\u2060\u0640\u064b-\u065f\u0670\u093c]/g;

/** A word as the matcher compares it: without invisible units and dropped marks (isSkipped). */
export function withoutSkipped(word: string): string {
  return RE_ASCII.test(word) ? word : word.replace(RE_SKIPPED, '');
}

/** Lower case per UTF-16 unit, exactly like the scanner folds text (so not String#toLowerCase in general). */
export function lowerString(s: string): string {
  if (RE_ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (let j = 0; j < s.length; j++) out += String.fromCharCode(lower(s.charCodeAt(j)));
  return out;
}
