/**
 * The matcher's trie and patterns: in memory (Pattern, TrieNode) and as plain data (MatcherData), the form the
 * compiler (matcherCompiler.ts) makes, the background sends and the scanner (matcherScanner.ts) loads. Types only.
 */
import type { Entity } from '../../data/schema';
import type { AnchorPattern } from './anchorFilter';

/** What the matcher needs of an entity. */
export type MatchableEntity = Pick<Entity, 'id' | 'tier' | 'aliases' | 'falseFriends'>;

/** One entity an alias pattern can stand for. */
export interface Target {
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
export interface Pattern {
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

export interface TrieNode {
  kids: Map<number, TrieNode> | null;
  patterns: Pattern[] | null;
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
