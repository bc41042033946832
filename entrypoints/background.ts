import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { backgroundHandlers } from '../lib/background/backgroundHandlers';
import { injectOncePerRun } from '../lib/background/pageInjection';
import { FrameCountBook } from '../lib/core/frameCounts';
import { MatcherCache } from '../lib/core/matcherCache';
import { commandToTabRequest, dispatcherFor, isBackgroundRequest } from '../lib/core/messages';
import { OpenSearchLimiter } from '../lib/core/openSearchLimiter';
import { askTab } from '../lib/messaging';
import { PAGE_PORT } from '../lib/page/pageLifetime';
import { bundledDossier, bundledDossierHash } from '../lib/store/bundledDossier';
import { DossierStore } from '../lib/store/dossierStore';

export default defineBackground(() => {
  const store = new DossierStore(bundledDossier, bundledDossierHash);

  // Install and update both re-check the hash, so an update that ships a new dossier replaces the cache.
  browser.runtime.onInstalled.addListener(() => {
    void store.refresh();
    // Versions before the gate was built into the page script kept one in storage: nothing reads it any more.
    void browser.storage.local.remove('pageGate').catch(() => undefined);
  });
  // Tabs that were open before an install, update, reload or re-enable get the page script, so they work without
  // a reload; a failure only means they need one, as before.
  void injectOncePerRun().catch(() => undefined);

  // Pages with mentions hold a port open only so that they notice when the extension goes away (pageLifetime.ts).
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PAGE_PORT) port.disconnect();
  });

  const frameCounts = new FrameCountBook(browser.storage.session);
  browser.tabs.onRemoved.addListener((tabId) => void frameCounts.drop(tabId).catch(() => undefined));

  const handlers = backgroundHandlers({
    store,
    matchers: new MatcherCache(),
    frameCounts,
    searchTabs: new OpenSearchLimiter(),
  });
  browser.runtime.onMessage.addListener(dispatcherFor(isBackgroundRequest, handlers));

  // Keyboard commands go to the active tab's content script, which moves to the next/previous mention.
  browser.commands.onCommand.addListener(async (command) => {
    const request = commandToTabRequest(command);
    if (!request) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await askTab(tab.id, request).catch(() => undefined);
  });
});
