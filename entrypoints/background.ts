import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { MatcherCache } from '../lib/core/matcherCache';
import { pageRulesOf } from '../lib/core/mentionResolver';
import { commandToTabRequest, isBackgroundRequest, isTierSwitches, type BackgroundReplies, type BackgroundRequest } from '../lib/core/messages';
import { askTab } from '../lib/messaging';
import { bundledDossier, bundledDossierHash } from '../lib/store/bundledDossier';
import { DossierStore } from '../lib/store/dossierStore';
import { FrameCountBook } from '../lib/core/frameCounts';
import { OpenSearchLimiter } from '../lib/core/openSearchLimiter';
import { PAGE_PORT } from '../lib/page/pageLifetime';

export default defineBackground(() => {
  const store = new DossierStore(bundledDossier, bundledDossierHash);
  const matchers = new MatcherCache();

  // Install and update both re-check the hash, so an update that ships a new dossier replaces the cache.
  browser.runtime.onInstalled.addListener(() => void store.refresh());
  // Tabs that were open before an install, update, reload or re-enable get the page script, so they work without
  // a reload; a failure only means they need one, as before.
  void injectOncePerRun().catch(() => undefined);

  // Pages with mentions hold a port open only so that they notice when the extension goes away (pageLifetime.ts).
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PAGE_PORT) port.disconnect();
  });

  const searchTabs = new OpenSearchLimiter();
  // The badge is the sum over a tab's frames (each frame's page script reports its own count).
  const frameCounts = new FrameCountBook(browser.storage.session);
  browser.tabs.onRemoved.addListener((tabId) => void frameCounts.drop(tabId).catch(() => undefined));

  async function answer(request: BackgroundRequest, tabId: number | undefined, frameId: number | undefined): Promise<BackgroundReplies[keyof BackgroundReplies]> {
    switch (request.type) {
      case 'incontext:entities': {
        if (!isTierSwitches(request.tiers)) throw new Error('incontext:entities needs tiers: { core, related, context } as booleans');
        const { entities, origin } = await store.entities();
        const { entities: enabled, matcher } = matchers.get(entities, request.tiers);
        return { entities: enabled.map(({ id, name, tier }) => ({ id, name, tier })), matcher, pageRules: pageRulesOf(enabled), origin };
      }
      case 'incontext:cards':
        return { cards: await store.cards(request.ids) };
      case 'incontext:cache-status':
        return store.status();
      case 'incontext:mention-count':
        if (tabId !== undefined && typeof request.count === 'number') {
          await frameCounts.report(tabId, frameId ?? 0, request.count, async (total) => {
            await browser.action.setBadgeText({ tabId, text: total > 0 ? String(Math.min(total, 999)) : '' });
            await browser.action.setBadgeBackgroundColor({ tabId, color: '#7a4b00' });
          });
        }
        return { ok: true };
      case 'incontext:open-search':
        if (!searchTabs.allow(tabId, Date.now())) return { ok: false };
        await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?entity=${encodeURIComponent(request.entityId)}`) });
        return { ok: true };
      case 'incontext:inject-frames':
        // Frames that already run it (same-origin src frames) keep their instance; cross-origin ones leave at once.
        if (tabId === undefined) return { ok: false };
        await injectPageScript(tabId);
        return { ok: true };
      case 'incontext:load-card-ui':
        // Into the asking frame's content-script world, where it registers itself on a shared global.
        if (tabId === undefined) return { ok: false };
        await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId ?? 0] }, files: ['/card-ui.js'] });
        return { ok: true };
    }
  }

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isBackgroundRequest(message)) return undefined;
    return answer(message, sender.tab?.id, sender.frameId);
  });

  // Keyboard commands go to the active tab's content script, which moves to the next/previous mention.
  browser.commands.onCommand.addListener(async (command) => {
    const request = commandToTabRequest(command);
    if (!request) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await askTab(tab.id, request).catch(() => undefined);
  });
});

/**
 * Chromium injects manifest scripts only into pages loaded after the extension starts. `storage.session` is empty
 * after every install, update, reload and re-enable (and browser start), and kept while the worker merely sleeps
 * and wakes, so this runs once per run of the extension. Where the browser injected the script itself (Firefox),
 * the second copy sees the first and stops (entrypoints/page-script.ts).
 */
async function injectOncePerRun(): Promise<void> {
  const key = 'injectedIntoOpenTabs';
  if ((await browser.storage.session.get(key))[key]) return;
  await browser.storage.session.set({ [key]: true });
  await injectIntoOpenTabs();
}

/** Injects the page script into every frame of every open http(s) tab, as the manifest does for pages loaded later (it leaves cross-origin frames at once). */
async function injectIntoOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id !== undefined && !tab.discarded) await injectPageScript(tab.id);
    }),
  );
}

/** The page script and its stylesheet in every frame of a tab; a frame that cannot take it is skipped. */
async function injectPageScript(tabId: number): Promise<void> {
  const target = { tabId, allFrames: true };
  await browser.scripting.insertCSS({ target, files: ['/page-marks.css'] }).catch(() => undefined);
  await browser.scripting.executeScript({ target, files: ['/page-script.js'] }).catch(() => undefined);
}
