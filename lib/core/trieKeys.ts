/**
 * How text becomes the matcher's trie keys: a word's hash (scanToken) and, for every word after the first, an edge
 * key from the word's hash and its gap's (edgeKey, gapKey). The compiler keys aliases with these and the scanner keys
 * page text with them (its gap loop inlines gapKey's codes), so both must agree. Pure: no DOM, no browser APIs.
 */
import { CLASS, DROPPED, fillLower, INVISIBLE, LOWER, skipInvisible, slowClass, WIDE } from './characterClasses';

/** Hashes are kept to 30 bits, so Maps keyed by them use small integers (Smis). */
export const MASK = 0x3fffffff;

/**
 * Hash of the token scanned by the last scanToken call (lower-cased, folded units; surrogate pairs raw). A module
 * variable rather than a return value, so the scan allocates nothing per token.
 */
export let scanHash = 0;

/**
 * Scans the word starting at i (which must be a WORD character) and returns its end. Sets scanHash. Dropped marks
 * and invisible units inside the word are not hashed; the word never ends with invisible units.
 */
export function scanToken(text: string, i: number, n: number): number {
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

/** The trie key of the edge to a word (its hash) after a gap (its gapKey hash). */
export function edgeKey(tokenHash: number, sepHash: number): number {
  return (Math.imul(tokenHash, 0x2f) + Math.imul(sepHash, 0x3b9)) & MASK;
}

/**
 * Hash and number of codes of a canonical gap (see the compiler's canonicalGap): whitespace runs and hyphens are one
 * code, apostrophes another, anything else its own; the same codes and collapsing as the scanner's gap loop in walk().
 */
export function gapKey(gap: string): { hash: number; count: number } {
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
