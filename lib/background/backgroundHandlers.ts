/**
 * The background's answer to each message of its protocol (lib/core/messages.ts), one handler per type: the
 * handler map's type holds each one to its own reply.
 */
import { browser, type Browser } from 'wxt/browser';
import type { FrameCountBook } from '../core/frameCounts';
import type { MatcherCache } from '../core/matcherCache';
import { pageRulesOf } from '../core/mentionResolver';
import { isTierSwitches, type BackgroundProtocol, type Handlers } from '../core/messages';
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

export function backgroundHandlers({ store, matchers, frameCounts, searchTabs }: BackgroundState): Handlers<BackgroundProtocol, Browser.runtime.MessageSender> {
  return {
    'incontext:entities': async (request) => {
      if (!isTierSwitches(request.tiers)) throw new Error('incontext:entities needs tiers: { core, related, context } as booleans');
      const { entities, origin } = await store.entities();
      const { entities: enabled, matcher } = matchers.get(entities, request.tiers);
      return { entities: enabled.map(({ id, name, tier }) => ({ id, name, tier })), matcher, pageRules: pageRulesOf(enabled), origin };
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
      }
      return { ok: true };
    },
    'incontext:open-search': async (request, sender) => {
      if (!searchTabs.allow(sender.tab?.id, Date.now())) return { ok: false };
      await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?entity=${encodeURIComponent(request.entityId)}`) });
      return { ok: true };
    },
    'incontext:inject-frames': async (_request, sender) => {
      // Frames that already run it (same-origin src frames) keep their instance; cross-origin ones leave at once.
      if (sender.tab?.id === undefined) return { ok: false };
      await injectPageScript(sender.tab.id);
      return { ok: true };
    },
    'incontext:load-card-ui': async (_request, sender) => {
      // Into the asking frame's content-script world, where it registers itself on a shared global.
      if (sender.tab?.id === undefined) return { ok: false };
      await browser.scripting.executeScript({ target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] }, files: ['/card-ui.js'] });
      return { ok: true };
    },
  };
}
