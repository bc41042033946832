/**
 * Finds dossier aliases in plain text. Pure: no DOM, no browser APIs. The public face of the matcher, whose jobs
 * live in their own modules:
 * - characterClasses.ts: how characters are read (word, separator, invisible; lower-casing and spelling folds);
 * - trieKeys.ts: how words and the gaps between them become trie keys;
 * - matcherCompiler.ts: aliases → trie as plain data (compileMatcherData; the background runs it);
 * - matcherScanner.ts: the find loop over a loaded trie (loadMatcher; every page runs it);
 * - surnameHeuristic.ts: whose surname a bare surname is;
 * - anchorFilter.ts: the native pre-test the page runs before the scanner.
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
 * - Arabic and Devanagari spelling variants are folded in aliases and text alike (SPELLING_FOLDS in
 *   characterClasses.ts: Urdu/Farsi yeh and alef maksura as Arabic yeh, keheh as kaf, heh goal/doachashmee and
 *   teh marbuta as heh, hamza/madda letters as their base letter, Devanagari nukta letters as the letter without),
 *   and Arabic harakat, the kashida and the Devanagari nukta are dropped (isDroppedMark): "عاصم منیر" matches "عاصم منير" and
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
import { compileMatcherData } from './matcherCompiler';
import type { MatchableEntity, MatcherData } from './matcherData';
import { CompiledMatcher, type Matcher } from './matcherScanner';

export { compileMatcherData } from './matcherCompiler';
export type { MatchableEntity, MatcherData } from './matcherData';
export type { AliasHit, Matcher } from './matcherScanner';

/** A matcher from data made by compileMatcherData, here or in another context. */
export function loadMatcher(data: MatcherData): Matcher {
  return new CompiledMatcher(data);
}

/** Compiles and loads in one go (tests, benchmarks); `find` is then ~O(text length), independent of alias count. */
export function compileMatcher(entities: readonly MatchableEntity[]): Matcher {
  return loadMatcher(compileMatcherData(entities));
}
