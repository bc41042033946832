/**
 * Every message that crosses a context boundary, in one place. All messages are plain JSON objects with
 * a `type`, because one of them (`incontext:mentions`) is a public automation contract that outside tools
 * send with `tabs.sendMessage`; using the same plain shape for the internal ones keeps a single dispatcher.
 */
import type { Conflict, Entity, Fact, Source, TimelineEvent } from '../../data/schema';
import type { MatcherData } from './matcher';
import type { PageRules } from './mentionResolver';
import type { Settings } from './settings';

/** Where the background served the dossier from. `memory` means IndexedDB could not be opened. */
export type CacheOrigin = 'indexeddb' | 'memory';

export interface MentionItem {
  entityId: string;
  /** The entity's display name. */
  name: string;
  /** The page text that was matched, as it appears on the page. */
  text: string;
}

export interface MentionsReply {
  url: string;
  mentions: MentionItem[];
}

/** What a matcher is compiled from (in the background, see MatcherCache): no facts. */
export type MatchableEntityInfo = Pick<Entity, 'id' | 'name' | 'kind' | 'tier' | 'aliases' | 'falseFriends'>;

/** What the content script needs of an entity it marks: its matcher comes compiled, so no aliases. */
export type PageEntityInfo = Pick<Entity, 'id' | 'name' | 'tier'>;

/** Which tiers are marked (the user's setting), as the content script asks for its matcher. */
export type TierSwitches = Settings['tiers'];

export interface EntityCard {
  entity: Entity;
  facts: Fact[];
  events: TimelineEvent[];
  conflicts: Conflict[];
  /** The sources cited by the facts, events and conflicts above, by id. */
  sources: Record<string, Source>;
  /** Display names of related entities, by id. */
  relatedNames: Record<string, string>;
  origin: CacheOrigin;
}

export interface CacheStatus {
  origin: CacheOrigin;
  /** Why IndexedDB is not used, when origin is `memory`. */
  reason?: string;
  dossierHash: string;
  counts: { entities: number; facts: number; events: number; conflicts: number; sources: number };
}

/** Messages answered by the background. */
export type BackgroundRequest =
  | { type: 'incontext:entities'; tiers: TierSwitches }
  | { type: 'incontext:cards'; ids: string[] }
  | { type: 'incontext:cache-status' }
  | { type: 'incontext:mention-count'; count: number }
  | { type: 'incontext:open-search'; entityId: string }
  | { type: 'incontext:load-card-ui' }
  /** The top page holds srcdoc frames: inject the page script into the tab's frames (see wxt.config.ts). */
  | { type: 'incontext:inject-frames' };

export interface BackgroundReplies {
  /** The entities of the tiers asked for, and the matcher compiled from their aliases. */
  'incontext:entities': { entities: PageEntityInfo[]; matcher: MatcherData; pageRules: PageRules; origin: CacheOrigin };
  'incontext:cards': { cards: EntityCard[] };
  'incontext:cache-status': CacheStatus;
  'incontext:mention-count': { ok: true };
  /** ok: false when the request came too soon after the last (see OpenSearchLimiter). */
  'incontext:open-search': { ok: boolean };
  'incontext:load-card-ui': { ok: boolean };
  'incontext:inject-frames': { ok: boolean };
}

/** Messages answered by the content script of a tab. */
export type TabRequest =
  | { type: 'incontext:mentions' }
  /** One frame's own mentions: every frame we scan answers it, so send it with `{ frameId }` (see the README). */
  | { type: 'incontext:frame-mentions' }
  | { type: 'incontext:focus-mention'; direction: 'next' | 'previous'; entityId?: string }
  | { type: 'incontext:stats' };

/** How much work the page engine has done: batches of rescans (at most one per frame) and time slices. */
export interface EngineStats {
  batches: number;
  slices: number;
  busyMs: number;
  longestSliceMs: number;
  /** Walks whose flagged nodes held only context-tier anchors and were set aside (see BlockFilter.setAside). */
  setAside: number;
}

export interface TabReplies {
  'incontext:mentions': MentionsReply;
  'incontext:frame-mentions': MentionsReply;
  'incontext:focus-mention': { focused: boolean };
  'incontext:stats': EngineStats & { mentions: number; cardOpenMs: { inPlaceMs: number; paintedMs: number }[] };
}

export type ReplyTo<R extends { type: string }, Map> = R['type'] extends keyof Map ? Map[R['type']] : never;

const BACKGROUND_TYPES = new Set<string>(['incontext:entities', 'incontext:cards', 'incontext:cache-status', 'incontext:mention-count', 'incontext:open-search', 'incontext:load-card-ui', 'incontext:inject-frames']);
const TAB_TYPES = new Set<string>(['incontext:mentions', 'incontext:frame-mentions', 'incontext:focus-mention', 'incontext:stats']);

function hasType(message: unknown): message is { type: unknown } {
  return typeof message === 'object' && message !== null && 'type' in message;
}

/** Narrows an incoming runtime message; anything else (other extensions' shapes, junk) is ignored. */
export function isBackgroundRequest(message: unknown): message is BackgroundRequest {
  return hasType(message) && typeof message.type === 'string' && BACKGROUND_TYPES.has(message.type);
}

/** A well-formed `tiers` of an `incontext:entities` request. */
export function isTierSwitches(value: unknown): value is TierSwitches {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.core === 'boolean' && typeof v.related === 'boolean' && typeof v.context === 'boolean';
}

export function isTabRequest(message: unknown): message is TabRequest {
  return hasType(message) && typeof message.type === 'string' && TAB_TYPES.has(message.type);
}

/** The keyboard commands declared in the manifest, as the tab message each one sends. */
export function commandToTabRequest(command: string): TabRequest | undefined {
  if (command === 'next-mention') return { type: 'incontext:focus-mention', direction: 'next' };
  if (command === 'previous-mention') return { type: 'incontext:focus-mention', direction: 'previous' };
  return undefined;
}
