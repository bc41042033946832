/**
 * Finds aliases in text with a compiled trie (matcherData.ts): the matcher's find loop, loaded from plain data.
 * Pure: no DOM, no browser APIs.
 *
 * One pass over the text with `charCodeAt` splits it into word tokens (maximal runs of \p{L}\p{N}, continued by
 * \p{M}); while scanning each token it is folded to lower case unit by unit (lookup tables, no string is built) and
 * hashed (trieKeys.ts). The hash goes through a one-bit-per-hash filter and then the trie's root Map (Smi keys).
 * Almost every token misses, so the cost per token is a bit test (sometimes a Map probe), whatever the number of
 * aliases. On a hit the walk goes on: the gap to the next token is hashed in canonical form (whitespace runs and
 * hyphens → one code, apostrophes → one code) and combined with the next token's hash to pick the child node, and
 * so on. Nodes that end an alias carry patterns (one per distinct alias text, listing the entities it stands for),
 * which are verified against the real characters (hash collisions, acronym case, exact separator rules,
 * prefix/suffix punctuation), so a collision can only cost time, never a wrong hit. Nothing is allocated per
 * character or per token; only hits allocate.
 *
 * Why not lower-case a block once and slice it: toLowerCase can change the length (İ → i̇), shifting every later
 * offset. Why not a RegExp tokenizer (its match arrays cost more than the whole scan), an alternation RegExp or an
 * Aho–Corasick automaton (both slow down as aliases are added): see the history in docs/performance.md.
 */
import { loadAnchorFilter, type AnchorFilter } from './anchorFilter';
import {
  APOS,
  CLASS,
  classAt,
  HYPHEN,
  INVISIBLE,
  isFoldedScript,
  isSkipped,
  isWordAt,
  isWordBefore,
  lower,
  skipInvisible,
  slowClass,
  WIDE,
  WORD,
  WS,
} from './characterClasses';
import type { MatcherData, Pattern, Target, TrieNode } from './matcherData';
import { chooseTarget } from './surnameHeuristic';
import { edgeKey, MASK, scanHash, scanToken } from './trieKeys';

/** An alias found in a text: [start, end) and the entity it stands for. */
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

/** The matcher behind loadMatcher: the trie rebuilt from MatcherData, and the scan over it. */
export class CompiledMatcher implements Matcher {
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
    const nodes: TrieNode[] = data.nodes.map((n) => ({
      kids: null,
      patterns: n.patterns === null ? null : n.patterns.map((i) => patterns[i]!),
    }));
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
            hits.push({
              start: pendStart,
              end: pendEnd,
              entityId: pendTerm.entityId,
              needsFullName: pendTerm.needsFullName,
            });
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
          want === 0x20
            ? k === WS
            : want === 0x2d
              ? k === HYPHEN
              : want === 0x27
                ? k === APOS
                : text.charCodeAt(start) === want;
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
