/**
 * Every message that crosses a context boundary, in one place. All messages are plain JSON objects with
 * a `type`, because one of them (`incontext:mentions`) is a public automation contract that outside tools
 * send with `tabs.sendMessage`; using the same plain shape for the internal ones keeps a single dispatcher.
 *
 * Each receiver has one protocol map (type → request fields and reply). The request union, the reply of each
 * type, the runtime list of types and the handler map's type are all derived from it, so a handler that returns
 * another message's reply, or a type the guard forgets, does not compile. The domain types the messages carry
 * are imported from the modules that own them.
 */
import type { Entity } from '../../data/schema';
import type { CacheStatus } from '../store/cacheStatus';
import type { CacheOrigin, EntityCard } from './cards';
import type { MatcherData } from './matcher';
import type { PageRules } from './mentionResolver';
import type { Settings } from './settings';
import type { EngineStats } from '../page/mentionEngine';

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

// Protocol maps are type aliases, not interfaces: only an alias is assignable to this index signature.
/** What a protocol map looks like: per message type, the fields its request carries besides `type`, and its reply. */
type Protocol = Record<string, { request: object; reply: unknown }>;

/** One object type instead of an intersection (so a request reads `{ type: ... }`, not `{ type } & NoFields`). */
type Flat<T> = { [K in keyof T]: T[K] };

/** A request with no fields besides its `type`. */
type NoFields = Record<never, never>;

/** Messages answered by the background. */
export type BackgroundProtocol = {
  /**
   * The entities of the tiers asked for, and the matcher compiled from their aliases. `pageOpened`: the asker is a
   * frame whose top page is about the story already (always false for the top frame; see lib/core/frameCounts.ts).
   */
  'incontext:entities': {
    request: { tiers: TierSwitches };
    reply: {
      entities: PageEntityInfo[];
      matcher: MatcherData;
      pageRules: PageRules;
      origin: CacheOrigin;
      pageOpened: boolean;
    };
  };
  'incontext:cards': { request: { ids: string[] }; reply: { cards: EntityCard[] } };
  'incontext:cache-status': { request: NoFields; reply: CacheStatus };
  /** `opened`: sent by the top frame once its page is about the story, so that its frames follow (see TabProtocol). */
  'incontext:mention-count': { request: { count: number; opened?: boolean }; reply: { ok: true } };
  /** ok: false when the request came too soon after the last (see OpenSearchLimiter). */
  'incontext:open-search': { request: { entityId: string }; reply: { ok: boolean } };
  'incontext:load-card-ui': { request: NoFields; reply: { ok: boolean } };
  /** The page's first stage found an anchor: inject the engine into the asking frame (lib/page/engineGate.ts). */
  'incontext:load-engine': { request: NoFields; reply: { ok: boolean } };
  /** The top page holds srcdoc frames: inject the page script into the tab's frames (see wxt.config.ts). */
  'incontext:inject-frames': { request: NoFields; reply: { ok: boolean } };
};

/** Messages answered by the content script of a tab. */
export type TabProtocol = {
  'incontext:mentions': { request: NoFields; reply: MentionsReply };
  /** One frame's own mentions: every frame we scan answers it, so send it with `{ frameId }` (see the README). */
  'incontext:frame-mentions': { request: NoFields; reply: MentionsReply };
  /** The top page became about the story: sent to the whole tab, answered by its frames only (the top ignores it). */
  'incontext:page-opened': { request: NoFields; reply: { ok: true } };
  'incontext:focus-mention': {
    request: { direction: 'next' | 'previous'; entityId?: string };
    reply: { focused: boolean };
  };
  'incontext:stats': {
    request: NoFields;
    /**
     * `stage`: which stage of the page script answers (lib/page/engineGate.ts): the first, before or after its first
     * look at the page found no anchor, or the engine. `settled`: the page has been looked at once, by the first stage
     * (which found nothing to load the engine for) or by the engine (a scan ran, or there is none to run: a paused
     * site); what a harness waits for before it reads the page.
     */
    reply: EngineStats & {
      mentions: number;
      cardOpenMs: { inPlaceMs: number; paintedMs: number }[];
      stage: 'first-look' | 'watching' | 'engine';
      settled: boolean;
    };
  };
};

/** The engine's stats where no scan runs (no session, or only the page's first stage). */
export const NO_SCAN_STATS: EngineStats = {
  batches: 0,
  slices: 0,
  slicesOverBudget: 0,
  busyMs: 0,
  longestSliceMs: 0,
  setAside: 0,
};

/** The request of one type (or, by default, of any type) of a protocol, as sent: `{ type, ...fields }`. */
export type RequestOf<P extends Protocol, K extends keyof P = keyof P> = {
  [T in K]: Flat<{ type: T } & P[T]['request']>;
}[K];

/** Each type's reply. */
export type RepliesOf<P extends Protocol> = { [T in keyof P]: P[T]['reply'] };

export type BackgroundRequest = RequestOf<BackgroundProtocol>;
export type BackgroundReplies = RepliesOf<BackgroundProtocol>;
export type TabRequest = RequestOf<TabProtocol>;
export type TabReplies = RepliesOf<TabProtocol>;

/** The reply to a request `R`, looked up by its `type`. */
export type ReplyTo<R extends { type: string }, Replies> = R['type'] extends keyof Replies ? Replies[R['type']] : never;

/**
 * One handler per message type, each bound to its own request and reply. `S` is what the receiver knows about the
 * sender (the background needs the tab and frame; a page needs nothing).
 */
export type Handlers<P extends Protocol, S = void> = {
  [T in keyof P]: (request: RequestOf<P, T>, sender: S) => Promise<P[T]['reply']> | P[T]['reply'];
};

/** Every type of a protocol, each listed once with a value: a missing or unknown one does not compile. */
type TypeList<P extends Protocol, V = true> = Record<keyof P & string, V>;

const BACKGROUND_TYPES: TypeList<BackgroundProtocol> = {
  'incontext:entities': true,
  'incontext:cards': true,
  'incontext:cache-status': true,
  'incontext:mention-count': true,
  'incontext:open-search': true,
  'incontext:load-card-ui': true,
  'incontext:load-engine': true,
  'incontext:inject-frames': true,
};
/**
 * Which documents of a tab answer each tab message. A message sent to the whole tab reaches every frame that runs the
 * page script and the first reply wins, so only its audience answers (the others return undefined):
 * - top: the top document alone (the public `incontext:mentions`, the shortcuts, stats);
 * - every: any document, each for itself (sent with a `frameId`);
 * - frames: the top page's frames, not the top document (its own page opening).
 */
export const TAB_AUDIENCE: TypeList<TabProtocol, 'top' | 'every' | 'frames'> = {
  'incontext:mentions': 'top',
  'incontext:frame-mentions': 'every',
  'incontext:page-opened': 'frames',
  'incontext:focus-mention': 'top',
  'incontext:stats': 'top',
};

/** Does the document (the top one, or a frame) answer this tab request? */
export function answersTabRequest(request: TabRequest, inFrame: boolean): boolean {
  const audience = TAB_AUDIENCE[request.type];
  return audience === 'every' || audience === (inFrame ? 'frames' : 'top');
}

/**
 * A guard for a protocol's incoming messages: a plain object whose `type` is one of the protocol's own (an own key
 * of the list, so `toString` and the like are not types). Anything else (other extensions' shapes, junk) is ignored.
 */
function requestGuard<P extends Protocol>(types: TypeList<P, unknown>): (message: unknown) => message is RequestOf<P> {
  return (message: unknown): message is RequestOf<P> =>
    typeof message === 'object' &&
    message !== null &&
    !Array.isArray(message) &&
    'type' in message &&
    typeof message.type === 'string' &&
    Object.hasOwn(types, message.type);
}

// Marked pure so that a bundle using only one of the guards (the page script) drops the other.
export const isBackgroundRequest = /* @__PURE__ */ requestGuard<BackgroundProtocol>(BACKGROUND_TYPES);
export const isTabRequest = /* @__PURE__ */ requestGuard<TabProtocol>(TAB_AUDIENCE);

/**
 * Calls the handler of a request's type. Always a promise, rejected if the handler throws, which is what
 * `runtime.onMessage` listeners return to send a reply (or an error) back.
 */
export async function answerRequest<P extends Protocol, S>(
  handlers: Handlers<P, S>,
  request: RequestOf<P>,
  sender: S,
): Promise<P[keyof P]['reply']> {
  // The request's type picks its handler; TypeScript cannot correlate the two through the union, the map's type does.
  return (handlers[request.type as keyof P] as (request: RequestOf<P>, sender: S) => P[keyof P]['reply'])(
    request,
    sender,
  );
}

/**
 * A `runtime.onMessage` listener over a handler map: unknown messages get `undefined` (no reply, so another
 * listener or frame may answer), known ones their handler's reply.
 */
export function dispatcherFor<P extends Protocol, S>(
  isRequest: (message: unknown) => message is RequestOf<P>,
  handlers: Handlers<P, S>,
): (message: unknown, sender: S) => Promise<P[keyof P]['reply']> | undefined {
  return (message, sender) => (isRequest(message) ? answerRequest(handlers, message, sender) : undefined);
}

/** A well-formed `tiers` of an `incontext:entities` request. */
export function isTierSwitches(value: unknown): value is TierSwitches {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.core === 'boolean' && typeof v.related === 'boolean' && typeof v.context === 'boolean';
}

/** The keyboard commands declared in the manifest, as the tab message each one sends. */
export function commandToTabRequest(command: string): TabRequest | undefined {
  if (command === 'next-mention') return { type: 'incontext:focus-mention', direction: 'next' };
  if (command === 'previous-mention') return { type: 'incontext:focus-mention', direction: 'previous' };
  return undefined;
}
