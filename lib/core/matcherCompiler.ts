/**
 * Compiles entities' aliases and false friends into the matcher's trie, as plain data (MatcherData): each alias is
 * split into words and the canonical gaps between them (parseAlias), identical alias texts share one pattern, and
 * the trie is keyed as the scanner keys page text (trieKeys.ts). Runs in the background (lib/core/matcherCache.ts),
 * never in the page script. Pure: no DOM, no browser APIs.
 */
import { anchorPatterns } from './anchorFilter';
import { APOS, classAt, HYPHEN, INVISIBLE, lowerString, WIDE, withoutSkipped, WORD, WS } from './characterClasses';
import type { MatchableEntity, MatcherData, Pattern, Target, TrieNode } from './matcherData';
import { edgeKey, gapKey, scanHash, scanToken } from './trieKeys';

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
  for (let j = from; j < to;) {
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

/** An alias split into words (as the scanner reads them) and the canonical gaps around them; null without a word. */
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

const TIER_RANK = { core: 0, related: 1, context: 2 } as const;
const RE_HAS_UPPER = /\p{Lu}/u;

/**
 * Compiles all aliases and false friends once into plain data (JSON-safe): the background does this once per
 * dossier and alias set, and every page only loads the result (loadMatcher). Why: compiling is per-alias string
 * work (words, folding, hashes, anchors, tries) that would run cold in every page; loading only rebuilds a few Maps
 * and RegExps (tests/bench/run.ts, section 1, prints both shares; figures in docs/performance.md).
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
    if (hasGuard)
      for (const { parsed } of parsedAliases) for (const t of parsed.tokens) entityWords.add(t.toLowerCase());
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
    const flat: MatcherData['nodes'][number] = {
      kids: null,
      patterns: node.patterns === null ? null : node.patterns.map((p) => patternIndex.get(p)!),
    };
    nodes.push(flat);
    if (node.kids !== null) flat.kids = [...node.kids].map(([key, kid]) => [key, flatten(kid)]);
    return index;
  };
  return {
    anchors,
    patterns: patternList.map((p) => ({
      ...p,
      byOwnWord:
        p.byOwnWord === null ? null : [...p.byOwnWord].map(([word, target]) => [word, p.targets.indexOf(target)]),
    })),
    root: [...root].map(([hash, node]) => [hash, flatten(node)]),
    nodes,
    maxTokens,
    maxSepCodes,
  };
}
