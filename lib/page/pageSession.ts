/**
 * One scan of one page: the engine, its painter, hover tracking, the mutation watcher and the card, made when a
 * scan starts and thrown away whole on pause, tier change or SPA navigation. Every listener, observer and timer
 * hangs on the session's AbortController (and so on the page's lifetime), so stopping is one call.
 */
import { loadMatcher, type MatcherData } from '../core/matcher';
import type { EntityCard } from '../core/cards';
import type { PageEntityInfo } from '../core/messages';
import type { PageRules } from '../core/mentionResolver';
import type { HighlightStyle } from '../core/settings';
import type { CardHostDeps } from '../card/cardUiContract';
import { HighlightPainter } from './highlightPainter';
import { trackHover } from './hoverTracker';
import { LazyCardHost } from '../card/lazyCardHost';
import { MentionEngine } from './mentionEngine';
import { watchMutations } from './mutationWatcher';
import type { PageLifetime } from './pageLifetime';

export interface PageSessionDeps {
  lifetime: PageLifetime;
  highlightStyle: HighlightStyle;
  firstMentionOnly: boolean;
  hoverDelayMs(): number;
  cardFor(entityId: string): EntityCard | undefined;
  loadCard(entityId: string): Promise<EntityCard | undefined>;
  openSearch(entityId: string): void;
  injectCardUi(): Promise<unknown>;
  /** The mentions changed (debounced): fetch cards, update the badge. */
  onMentionsChanged(session: PageSession): void;
}

export class PageSession {
  readonly engine: MentionEngine;
  readonly painter: HighlightPainter;
  readonly card: LazyCardHost;
  private readonly controller = new AbortController();

  constructor(
    matcher: MatcherData,
    entities: readonly PageEntityInfo[],
    pageRules: PageRules,
    private readonly deps: PageSessionDeps,
  ) {
    const { signal } = this.controller;
    const tiers = new Map(entities.map((e) => [e.id, e.tier]));
    const painter = (this.painter = new HighlightPainter(deps.highlightStyle, {
      firstMentionOnly: deps.firstMentionOnly,
      registerEarly: import.meta.env.FIREFOX,
    }));
    let changeTimer = 0;
    const sink = {
      changed: (node: Node) => void this.engine.enqueue(node),
      stale: () => void this.engine.markStale(),
    };
    // The document's observer does not see inside shadow trees: each root the engine scans gets one of its own.
    const watched = new Set<ShadowRoot>();
    const stopWatchingRoots: (() => void)[] = [];
    this.engine = new MentionEngine(loadMatcher(matcher), (id) => tiers.get(id), painter, {
      pageRules,
      onChange: () => {
        if (signal.aborted) return;
        if (this.engine.mentions().length > 0) this.watchHover();
        clearTimeout(changeTimer);
        changeTimer = deps.lifetime.setTimeout(() => deps.onMentionsChanged(this), 50);
      },
      onShadowRoot: (root) => {
        if (signal.aborted || watched.has(root)) return;
        watched.add(root);
        stopWatchingRoots.push(watchMutations(root, sink));
      },
    });
    const cardDeps: CardHostDeps = {
      cardFor: deps.cardFor,
      loadCard: deps.loadCard,
      openSearch: deps.openSearch,
      setActive: (m) => painter.setActive(m?.range),
      // A related entity's card marks that entity's first mention on the page, if it has one.
      mentionOf: (id) => this.engine.mentions().find((m) => m.entityId === id),
      hoverDelayMs: deps.hoverDelayMs,
    };
    this.card = new LazyCardHost(deps.lifetime, cardDeps, deps.injectCardUi);
    const stopWatching = watchMutations(document.body, sink);
    signal.addEventListener('abort', () => {
      stopWatching();
      for (const stop of stopWatchingRoots) stop();
      this.stopHover?.();
      this.card.dispose();
      this.engine.dispose();
      painter.dispose();
      clearTimeout(changeTimer);
    });
    // The page's lifetime ending (the extension went away) stops the session too, marks and card included.
    deps.lifetime.onEnd(() => this.stop());
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  scan(): void {
    void this.engine.scanDocument(document.body);
  }

  stop(): void {
    this.controller.abort();
  }

  private stopHover: (() => void) | undefined;

  /** Pointer tracking starts with the first mention: a page that mentions nothing pays for nothing. */
  private watchHover(): void {
    this.stopHover ??= trackHover(document, {
      mentionAt: (node, offset) => {
        const mention = this.deps.lifetime.isInvalid ? undefined : this.engine.mentionAt(node, offset);
        // A mention first-mention mode left unpainted is plain text to the reader: no card.
        return mention && !this.painter.hides(mention.range) ? mention : undefined;
      },
      shadowRoots: () => this.engine.rootsWithMentions(),
      onChange: (m, pointerType) => this.card.hover(m, pointerType),
    });
  }
}
