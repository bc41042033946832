/**
 * The background's answer to each message of its protocol (lib/core/messages.ts), one handler per type: the
 * handler map's type holds each one to its own reply.
 */
import { browser, type Browser } from 'wxt/browser';
import type { FrameCountBook } from '../core/frameCounts';
import type { MatcherCache } from '../core/matcherCache';
import { isTierSwitches, type BackgroundProtocol, type Handlers } from '../core/messages';
import { askTab } from '../messaging';
import type { OpenSearchLimiter } from '../core/openSearchLimiter';
import type { DossierStore } from '../store/dossierStore';
import { injectPageScript } from './pageInjection';

export interface BackgroundState {
  store: DossierStore;
  matchers: MatcherCache;
  /** The badge is the sum over a tab's frames (each frame's page script reports its own count). */
  frameCounts: FrameCountBook;
  searchTabs: OpenSearchLimiter;
}

export function backgroundHandlers({
  store,
  matchers,
  frameCounts,
  searchTabs,
}: BackgroundState): Handlers<BackgroundProtocol, Browser.runtime.MessageSender> {
  return {
    'incontext:entities': async (request, sender) => {
      if (!isTierSwitches(request.tiers))
        throw new Error('incontext:entities needs tiers: { core, related, context } as booleans');
      const { entities, origin } = await store.entities();
      const { entities: enabled, matcher, pageRules } = matchers.get(entities, request.tiers);
      // Every document asks this when it starts (and when its tiers change), so the top page's "about the story"
      // state for its frames rides on it: a top frame starting resets it, a frame learns it. Not worth failing for.
      const tabId = sender.tab?.id;
      let pageOpened = false;
      if (tabId !== undefined && sender.frameId !== undefined) {
        if (sender.frameId === 0) await frameCounts.topStarted(tabId, sender.tab?.url).catch(() => undefined);
        else pageOpened = await frameCounts.frameStarted(tabId, sender.tab?.url).catch(() => false);
      }
      return {
        entities: enabled.map(({ id, name, tier }) => ({ id, name, tier })),
        matcher,
        pageRules,
        origin,
        pageOpened,
      };
    },
    'incontext:cards': async (request) => ({ cards: await store.cards(request.ids) }),
    'incontext:cache-status': () => store.status(),
    'incontext:mention-count': async (request, sender) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined && typeof request.count === 'number') {
        await frameCounts.report(tabId, sender.frameId ?? 0, request.count, async (total) => {
          await browser.action.setBadgeText({ tabId, text: total > 0 ? String(Math.min(total, 999)) : '' });
          await browser.action.setBadgeBackgroundColor({ tabId, color: '#7a4b00' });
        });
        // Only the top frame opens its frames; a frame that is about the story does not open the top page (or its
        // sibling frames): a reaction box or an embedded factbox naming CIS-MOA does not make the page around it
        // about the story, and the top page's text is what the reader came for.
        if (
          request.opened === true &&
          (sender.frameId ?? 0) === 0 &&
          (await frameCounts.topOpened(tabId, sender.tab?.url))
        ) {
          // To the whole tab: only frames answer it; one without the page script (cross-origin) simply does not.
          await askTab(tabId, { type: 'incontext:page-opened' }).catch(() => undefined);
        }
      }
      return { ok: true };
    },
    'incontext:open-search': async (request, sender) => {
      if (!searchTabs.allow(sender.tab?.id, Date.now())) return { ok: false };
      await browser.tabs.create({
        url: browser.runtime.getURL(`/popup.html?entity=${encodeURIComponent(request.entityId)}`),
      });
      return { ok: true };
    },
    'incontext:inject-frames': async (_request, sender) => {
      // Frames that already run it (same-origin src frames) keep their instance; cross-origin ones leave at once.
      if (sender.tab?.id === undefined) return { ok: false };
      await injectPageScript(sender.tab.id);
      return { ok: true };
    },
    // The page's first stage found an anchor: the engine goes into the asking frame's content-script world.
    'incontext:load-engine': (_request, sender) => injectIntoAskingFrame(sender, '/page-engine.js'),
    // Into the asking frame's content-script world, where it registers itself on a shared global.
    'incontext:load-card-ui': (_request, sender) => injectIntoAskingFrame(sender, '/card-ui.js'),
  };
}

/** Injects one of the page's later scripts into the frame that asked for it. */
async function injectIntoAskingFrame(
  sender: Browser.runtime.MessageSender,
  file: '/page-engine.js' | '/card-ui.js',
): Promise<{ ok: boolean }> {
  if (sender.tab?.id === undefined) return { ok: false };
  await browser.scripting.executeScript({
    target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] },
    files: [file],
  });
  return { ok: true };
}
