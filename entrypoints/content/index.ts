/**
 * Composition root of the content script: wires the matcher, the mention engine, the painter, hover,
 * the card and the messages together. Everything heavy lives in lib/page and lib/core.
 */
import './highlights.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadMatcher } from '../../lib/core/matcher';
import { isTabRequest, type BackgroundReplies, type EntityCard, type MentionsReply, type TabReplies, type TabRequest, type TierSwitches } from '../../lib/core/messages';
import { isPausedOn, type Settings } from '../../lib/core/settings';
import { askBackground } from '../../lib/messaging';
import { HighlightPainter } from '../../lib/page/highlightPainter';
import { LazyCardHost } from '../../lib/page/lazyCardHost';
import { trackHover } from '../../lib/page/hoverTracker';
import { MentionEngine, type Mention } from '../../lib/page/mentionEngine';
import { watchMutations } from '../../lib/page/mutationWatcher';
import { readSettings, watchSettings } from '../../lib/settingsStore';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    void startContentScript(ctx).catch(() => {
      // Nothing may throw into the page: a failed start (extension reloaded, background gone) leaves the page as it was.
    });
  },
});

/** One scan of one page: created on start, thrown away on pause, settings change or SPA navigation. */
interface PageSession {
  engine: MentionEngine;
  painter: HighlightPainter;
  card: LazyCardHost;
  stop(): void;
}

async function startContentScript(ctx: ContentScriptContext): Promise<void> {
  let settings = await readSettings();
  const cards = new Map<string, EntityCard>();
  const names = new Map<string, string>();
  let session: PageSession | undefined;
  let focusIndex = -1;
  /** Bumped by every start, so a start still waiting for its matcher knows it was overtaken. */
  let generation = 0;

  // Asked for only when a scan starts: a paused site sends no message at all. The background compiles the matcher
  // of the tiers switched on (lib/core/matcherCache.ts); asked again only when those change.
  let entitiesRequest: { tiers: string; reply: Promise<BackgroundReplies['incontext:entities']> } | undefined;
  const loadEntitiesAndMatcher = (tiers: TierSwitches) => {
    const key = JSON.stringify(tiers);
    if (entitiesRequest?.tiers !== key) {
      const reply = askBackground({ type: 'incontext:entities', tiers }).then(
        (r) => {
          for (const e of r.entities) names.set(e.id, e.name);
          return r;
        },
        (error: unknown) => {
          if (entitiesRequest?.reply === reply) entitiesRequest = undefined;
          throw error;
        },
      );
      entitiesRequest = { tiers: key, reply };
    }
    return entitiesRequest.reply;
  };

  const loadCards = async (ids: string[]) => {
    const missing = ids.filter((id) => !cards.has(id));
    if (missing.length === 0) return;
    const reply = await askBackground({ type: 'incontext:cards', ids: missing });
    for (const card of reply.cards) cards.set(card.entity.id, card);
  };

  const reportChange = async () => {
    if (!session || ctx.isInvalid) return;
    const mentions = session.engine.mentions();
    // Cards for everything on the page, and the card UI itself, are fetched right after the scan, so
    // hover never waits; a page without mentions loads neither.
    if (mentions.length > 0) {
      await Promise.all([loadCards([...new Set(mentions.map((m) => m.entityId))]), session.card.preload()]);
    }
    await askBackground({ type: 'incontext:mention-count', count: mentions.length });
  };

  /**
   * Starts a scan with the current settings, replacing the running one. The old session (marks, hover, card) stays
   * until the new one has its matcher, so switching tiers or an SPA navigation does not blank the page while the
   * background answers; a pause ends it at once.
   */
  const start = async () => {
    const mine = ++generation;
    if (isPausedOn(settings, location.hostname) || !document.body) {
      stop();
      return;
    }
    const { entities, matcher } = await loadEntitiesAndMatcher(settings.tiers);
    if (mine !== generation || ctx.isInvalid) return;
    stop();
    const tiers = new Map(entities.map((e) => [e.id, e.tier]));
    const painter = new HighlightPainter(settings.highlightStyle);
    let changeTimer = 0;
    const engine = new MentionEngine(loadMatcher(matcher), (id) => tiers.get(id), painter, {
      onChange: () => {
        if (engine.mentions().length > 0) watchHover();
        clearTimeout(changeTimer);
        changeTimer = window.setTimeout(() => void reportChange().catch(() => undefined), 50);
      },
    });
    const card = new LazyCardHost(
      ctx,
      {
        cardFor: (id) => cards.get(id),
        loadCard: async (id) => {
          await loadCards([id]).catch(() => undefined);
          return cards.get(id);
        },
        openSearch: (id) => void askBackground({ type: 'incontext:open-search', entityId: id }).catch(() => undefined),
        setActive: (m) => painter.setActive(m?.range),
        hoverDelayMs: () => settings.hoverDelayMs,
      },
      () => askBackground({ type: 'incontext:load-card-ui' }),
    );
    // Pointer tracking starts with the first mention: a page that mentions nothing pays for nothing.
    let stopHover: (() => void) | undefined;
    const watchHover = () => {
      stopHover ??= trackHover(document, { mentionAt: (node, offset) => engine.mentionAt(node, offset), onChange: (m) => card.hover(m) });
    };
    const stopWatching = watchMutations(document.body, {
      changed: (node) => void engine.enqueue(node),
      stale: () => void engine.markStale(),
    });
    session = {
      engine,
      painter,
      card,
      stop() {
        stopWatching();
        stopHover?.();
        card.dispose();
        engine.dispose();
        painter.dispose();
        clearTimeout(changeTimer);
      },
    };
    focusIndex = -1;
    void engine.scanDocument(document.body);
  };

  const stop = () => {
    if (!session) return;
    session.stop();
    session = undefined;
    void askBackground({ type: 'incontext:mention-count', count: 0 }).catch(() => undefined);
  };

  const restart = () => void start().catch(() => undefined);

  /** Moves to the next/previous mention (of one entity, if given), scrolls it into view and opens its card. */
  const focusMention = async (direction: 'next' | 'previous', entityId?: string): Promise<boolean> => {
    if (!session) return false;
    await session.engine.idle();
    const all = session.engine.mentions();
    const pool = entityId ? all.filter((m) => m.entityId === entityId) : all;
    if (pool.length === 0) return false;
    const current = all[focusIndex];
    let index = current ? pool.indexOf(current) : -1;
    index = direction === 'next' ? (index + 1) % pool.length : (index - 1 + pool.length) % pool.length;
    if (index < 0) index = pool.length - 1;
    const target: Mention = pool[index]!;
    focusIndex = all.indexOf(target);
    target.startNode.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    await session.card.open(target, true);
    return true;
  };

  const mentionsReply = async (): Promise<MentionsReply> => {
    await session?.engine.idle();
    return {
      url: location.href,
      mentions: (session?.engine.mentions() ?? []).map((m) => ({ entityId: m.entityId, name: names.get(m.entityId) ?? m.entityId, text: m.text })),
    };
  };

  const answer = async (request: TabRequest): Promise<TabReplies[keyof TabReplies]> => {
    switch (request.type) {
      case 'incontext:mentions':
        return mentionsReply();
      case 'incontext:focus-mention':
        return { focused: await focusMention(request.direction, request.entityId) };
      case 'incontext:stats': {
        const stats = session?.engine.stats ?? { batches: 0, slices: 0, busyMs: 0, longestSliceMs: 0, setAside: 0 };
        return { ...stats, mentions: session?.engine.mentions().length ?? 0, cardOpenMs: [...(session?.card.openTimings ?? [])] };
      }
    }
  };

  const onMessage = (message: unknown) => (isTabRequest(message) ? answer(message) : undefined);
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    session?.stop();
    session = undefined;
  });

  const unwatch = watchSettings((next: Settings) => {
    const before = settings;
    settings = next;
    const wasPaused = isPausedOn(before, location.hostname);
    const nowPaused = isPausedOn(next, location.hostname);
    if (wasPaused !== nowPaused || JSON.stringify(before.tiers) !== JSON.stringify(next.tiers)) restart();
    else if (before.highlightStyle !== next.highlightStyle) session?.painter.setStyle(next.highlightStyle);
  });
  ctx.onInvalidated(unwatch);

  // Single-page apps: a new "page" gets a fresh scan (and the page-level rules start over).
  ctx.addEventListener(window, 'wxt:locationchange', () => restart());

  await start();
}
