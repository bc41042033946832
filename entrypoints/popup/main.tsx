import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp, type PageState } from '../../components/PopupApp';
import '../../components/extensionPage.css';
import { frameCountsKey, framesWithMentions, readFrameCounts } from '../../lib/core/frameCounts';
import type { MentionItem, MentionsReply } from '../../lib/core/messages';
import { unscannableAfterNoAnswer, unscannableByUrl } from '../../lib/core/pageAccess';
import { isPausedOn, withSitePaused, type Settings } from '../../lib/core/settings';
import { askTab } from '../../lib/messaging';
import { bundledDossier, bundledDossierHash } from '../../lib/store/bundledDossier';
import { DossierStore } from '../../lib/store/dossierStore';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settingsStore';

const params = new URLSearchParams(location.search);
const app = document.getElementById('app')!;

/** The tab the popup is about: the active tab, or `?tab=<id>` when the popup is opened as a page (tests, "open search"). */
async function targetTab() {
  const forced = Number(params.get('tab'));
  if (Number.isInteger(forced) && forced > 0) return browser.tabs.get(forced);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function readPage(settings: Settings): Promise<{ state: PageState; tabId?: number; url?: string }> {
  const tab = await targetTab().catch(() => undefined);
  if (tab?.id === undefined) return { state: { kind: 'unscannable', problem: { reason: 'There is no tab to read.' } } };
  // The content script knows its own address; tab.url is only visible with activeTab (popup opened by a click).
  const reply = await askTab(tab.id, { type: 'incontext:mentions' }).catch(() => undefined);
  const url = reply?.url ?? tab.url;
  if (reply) {
    const host = new URL(reply.url).hostname;
    if (isPausedOn(settings, host)) return { state: { kind: 'paused', host }, tabId: tab.id, url };
    return { state: { kind: 'ok', host, mentions: [...reply.mentions, ...(await frameMentions(tab.id))] }, tabId: tab.id, url };
  }
  const byUrl = unscannableByUrl(url);
  if (byUrl || !url) return { state: { kind: 'unscannable', problem: byUrl ?? { reason: 'InContext cannot read this tab.' } }, tabId: tab.id };
  const origin = `${new URL(url).origin}/*`;
  const hasAccess = await browser.permissions.contains({ origins: [origin] }).catch(() => true);
  return { state: { kind: 'unscannable', host: new URL(url).hostname, problem: unscannableAfterNoAnswer(hasAccess) }, tabId: tab.id, url };
}

/**
 * The mentions in the tab's same-origin frames, top to bottom by frame id. The public `incontext:mentions` is the top
 * document's; each frame answers `incontext:frame-mentions` for itself. Only frames the badge counts (the frame
 * counts the background keeps, lib/core/frameCounts.ts) are asked: a page without frames costs one storage read,
 * and no script is sent into the page's other frames (ads) to find them.
 */
async function frameMentions(tabId: number): Promise<MentionItem[]> {
  const key = frameCountsKey(tabId);
  const stored = await browser.storage.session.get(key).catch(() => ({}) as Record<string, unknown>);
  const frames = framesWithMentions(readFrameCounts(stored[key])).filter((id) => id !== 0);
  const replies = await Promise.all(
    frames.map(
      (frameId) =>
        // A frame that went away since it reported has no one to answer.
        browser.tabs.sendMessage(tabId, { type: 'incontext:frame-mentions' }, { frameId }).catch(() => undefined) as Promise<MentionsReply | undefined>,
    ),
  );
  return replies.flatMap((r) => r?.mentions ?? []);
}

async function main() {
  // An extension page: it may open the IndexedDB cache itself (extension origin), like the background.
  const store = new DossierStore(bundledDossier, bundledDossierHash);
  const [loaded, { dossier }] = await Promise.all([loadSettings(), store.everything()]);
  let settings = loaded.settings;
  let settingsProblem = loaded.problem && `Settings could not be read (${loaded.problem}); using the defaults.`;
  let page = await readPage(settings);

  // The toggles show their new state at once; if the save fails, say so and show the settings in force again.
  const change = (update: (s: Settings) => Settings) =>
    void updateSettings(update).then(
      () => {
        settingsProblem = undefined;
        draw();
      },
      (error: unknown) => {
        settingsProblem = `Settings could not be saved (${error instanceof Error ? error.message : String(error)}).`;
        settings = { ...settings };
        draw();
      },
    );

  const draw = () =>
    render(
      <PopupApp
        dossier={dossier}
        page={page.state}
        settings={settings}
        settingsProblem={settingsProblem}
        initialEntity={params.get('entity') ?? undefined}
        onChooseEntity={(entityId) => {
          if (page.tabId === undefined) return;
          void askTab(page.tabId, { type: 'incontext:focus-mention', direction: 'next', entityId }).then(() => {
            if (!params.has('tab')) window.close();
          });
        }}
        onPauseSite={(host, paused) => change((s) => withSitePaused(s, host, paused))}
        onPauseEverywhere={(paused) => change((s) => ({ ...s, pausedEverywhere: paused }))}
        onRequestAccess={() => {
          if (!page.url) return;
          void browser.permissions.request({ origins: [`${new URL(page.url).origin}/*`] });
        }}
      />,
      app,
    );

  draw();
  watchSettings(async (next) => {
    settings = next;
    // The content script applies the change itself; give it a moment, then re-read what it shows.
    draw();
    await new Promise((r) => setTimeout(r, 150));
    page = await readPage(settings);
    draw();
  });
}

void main().catch((error: unknown) => {
  app.textContent = `InContext could not start: ${error instanceof Error ? error.message : String(error)}`;
});
