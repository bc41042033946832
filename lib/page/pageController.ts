/**
 * The content script's state across sessions on one page: settings, the entities and matcher the background
 * compiled, the cards fetched so far, and which session is running. It starts a session, replaces it when the
 * tiers change or a single-page app navigates, ends it on pause, and answers the tab messages.
 */
import type { EntityCard } from '../core/cards';
import {
  NO_SCAN_STATS,
  type BackgroundReplies,
  type Handlers,
  type MentionsReply,
  type TabProtocol,
  type TierSwitches,
} from '../core/messages';
import { HOVER_DELAY_MS, isPausedOn, tiersKey, type Settings } from '../core/settings';
import { askBackground } from '../messaging';
import type { Mention } from './mentionEngine';
import { pageHost } from './pageHost';
import type { PageLifetime } from './pageLifetime';
import { PageSession } from './pageSession';

type EntitiesReply = BackgroundReplies['incontext:entities'];

export class PageController {
  private session: PageSession | undefined;
  private readonly cards = new Map<string, EntityCard>();
  private readonly names = new Map<string, string>();
  /** Index (in the engine's list) of the mention the shortcuts moved to last. */
  private focusIndex = -1;
  /** Bumped by every start, so a start still waiting for its matcher knows it was overtaken. */
  private generation = 0;
  private entitiesRequest: { tiers: string; reply: Promise<EntitiesReply> } | undefined;
  /** A frame only: its top page is about the story (the background said so), so every session here starts opened. */
  private topOpened = false;

  constructor(
    private readonly lifetime: PageLifetime,
    private settings: Settings,
  ) {
    lifetime.onEnd(() => this.stop());
  }

  /**
   * Starts a scan with the current settings, replacing the running one. The old session (marks, hover, card) stays
   * until the new one has its matcher, so switching tiers or an SPA navigation does not blank the page while the
   * background answers; a pause ends it at once.
   */
  async start(): Promise<void> {
    const mine = ++this.generation;
    if (isPausedOn(this.settings, pageHost()) || !document.body) {
      this.stop();
      return;
    }
    const { entities, matcher, pageRules } = await this.loadEntitiesAndMatcher(this.settings.tiers);
    if (mine !== this.generation || this.lifetime.isInvalid) return;
    this.stop();
    const session = new PageSession(matcher, entities, pageRules, {
      lifetime: this.lifetime,
      highlightStyle: this.settings.highlightStyle,
      firstMentionOnly: this.settings.firstMentionOnly,
      hoverDelayMs: () => HOVER_DELAY_MS[this.settings.hoverDelay],
      cardFor: (id) => this.cards.get(id),
      loadCard: async (id) => {
        // A card that cannot be fetched stays closed; the next hover asks again.
        await this.loadCards([id]).catch(() => undefined);
        return this.cards.get(id);
      },
      openSearch: (id) =>
        void askBackground({ type: 'incontext:open-search', entityId: id }).catch(() => this.lifetime.isInvalid),
      injectCardUi: () => askBackground({ type: 'incontext:load-card-ui' }),
      onMentionsChanged: (s) => void this.reportChange(s).catch(() => this.lifetime.isInvalid),
    });
    this.session = session;
    this.focusIndex = -1;
    if (this.topOpened) session.engine.openPage();
    session.scan();
  }

  /** Starts again, e.g. after an SPA navigation; a failure (the background is gone) leaves the page unmarked. */
  restart(): void {
    void this.start().catch(() => this.lifetime.isInvalid);
  }

  stop(): void {
    if (!this.session) return;
    this.session.stop();
    this.session = undefined;
    // The badge goes back to nothing; if the background is gone there is no badge to clear.
    if (!this.lifetime.isInvalid)
      void askBackground({ type: 'incontext:mention-count', count: 0 }).catch(() => undefined);
  }

  /** New settings: restart for a pause, tier or first-mention change, restyle for a style change. */
  settingsChanged(next: Settings): void {
    const before = this.settings;
    this.settings = next;
    const wasPaused = isPausedOn(before, pageHost());
    const nowPaused = isPausedOn(next, pageHost());
    if (
      wasPaused !== nowPaused ||
      tiersKey(before.tiers) !== tiersKey(next.tiers) ||
      before.firstMentionOnly !== next.firstMentionOnly
    )
      this.restart();
    else if (before.highlightStyle !== next.highlightStyle) this.session?.painter.setStyle(next.highlightStyle);
  }

  /** The tab messages this page answers, one handler per type (lib/core/messages.ts). */
  readonly handlers: Handlers<TabProtocol> = {
    'incontext:mentions': () => this.mentionsReply(),
    'incontext:frame-mentions': () => this.mentionsReply(),
    // Routed to frames only (lib/page/pageStart.ts).
    'incontext:page-opened': () => {
      this.topOpened = true;
      this.session?.engine.openPage();
      return { ok: true };
    },
    'incontext:focus-mention': async (request) => ({
      focused: await this.focusMention(request.direction, request.entityId),
    }),
    'incontext:stats': () => {
      const session = this.session;
      const stats = session?.engine.stats ?? NO_SCAN_STATS;
      return {
        ...stats,
        mentions: session?.engine.mentions().length ?? 0,
        cardOpenMs: [...(session?.card.openTimings ?? [])],
        stage: 'engine',
        settled: !session || stats.batches >= 1,
      };
    },
  };

  // Asked for only when a scan starts: a paused site sends no message at all. The background compiles the matcher
  // of the tiers switched on (lib/core/matcherCache.ts); asked again only when those change.
  private loadEntitiesAndMatcher(tiers: TierSwitches): Promise<EntitiesReply> {
    const key = tiersKey(tiers);
    if (this.entitiesRequest?.tiers !== key) {
      const reply: Promise<EntitiesReply> = askBackground({ type: 'incontext:entities', tiers }).then(
        (r) => {
          for (const e of r.entities) this.names.set(e.id, e.name);
          if (r.pageOpened) this.topOpened = true;
          return r;
        },
        (error: unknown) => {
          if (this.entitiesRequest?.reply === reply) this.entitiesRequest = undefined;
          throw error;
        },
      );
      this.entitiesRequest = { tiers: key, reply };
    }
    return this.entitiesRequest.reply;
  }

  private async loadCards(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.cards.has(id));
    if (missing.length === 0) return;
    const reply = await askBackground({ type: 'incontext:cards', ids: missing });
    for (const card of reply.cards) this.cards.set(card.entity.id, card);
  }

  private async reportChange(session: PageSession): Promise<void> {
    if (session !== this.session || this.lifetime.isInvalid) return;
    const mentions = session.engine.mentions();
    // Cards for everything on the page, and the card UI itself, are fetched right after the scan, so hover never
    // waits; a page without mentions loads neither, and opens no port either.
    if (mentions.length > 0) {
      this.lifetime.watchForOrphaning();
      await Promise.all([this.loadCards([...new Set(mentions.map((m) => m.entityId))]), session.card.preload()]);
    }
    // The top frame says when its page is about the story, for its frames (one flag, in the report it sends anyway).
    const opened = window === window.top && session.engine.opened;
    await askBackground({ type: 'incontext:mention-count', count: mentions.length, ...(opened ? { opened } : {}) });
  }

  /** Tells the badge this document's count again, or 0 when it is going away (see lib/page/pageStart.ts). */
  reportCount(gone = false): void {
    if (this.lifetime.isInvalid) return;
    const count = gone ? 0 : (this.session?.engine.mentions().length ?? 0);
    void askBackground({ type: 'incontext:mention-count', count }).catch(() => undefined);
  }

  /** Moves to the next/previous mention (of one entity, if given), scrolls it into view and opens its card. */
  private async focusMention(direction: 'next' | 'previous', entityId?: string): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    await session.engine.idle();
    const all = session.engine.mentions();
    const pool = entityId ? all.filter((m) => m.entityId === entityId) : all;
    if (pool.length === 0) return false;
    const current = all[this.focusIndex];
    let index = current ? pool.indexOf(current) : -1;
    index = direction === 'next' ? (index + 1) % pool.length : (index - 1 + pool.length) % pool.length;
    if (index < 0) index = pool.length - 1;
    const target: Mention = pool[index]!;
    this.focusIndex = all.indexOf(target);
    target.startNode.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    await session.card.open(target, true);
    return true;
  }

  private async mentionsReply(): Promise<MentionsReply> {
    await this.session?.engine.idle();
    return {
      url: location.href,
      mentions: (this.session?.engine.mentions() ?? []).map((m) => ({
        entityId: m.entityId,
        name: this.names.get(m.entityId) ?? m.entityId,
        text: m.text,
      })),
    };
  }
}
