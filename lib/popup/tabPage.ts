/**
 * What the popup shows about the tab it is about: the mentions its page script reports (the top document and its
 * same-origin frames), that the site is paused, or why the tab cannot be read.
 */
import { browser } from 'wxt/browser';
import type { PageState } from '../../components/PopupApp';
import { frameCountsKey, framesWithMentions, readFrameCounts } from '../core/frameCounts';
import type { MentionItem } from '../core/messages';
import { unscannableAfterNoAnswer, unscannableByUrl } from '../core/pageAccess';
import { isPausedOn, type Settings } from '../core/settings';
import { askTab } from '../messaging';

export interface TabPage {
  state: PageState;
  tabId?: number;
  url?: string;
}

/** The tab the popup is about: the active tab, or `?tab=<id>` when the popup is opened as a page (tests, "open search"). */
async function targetTab(params: URLSearchParams) {
  const forced = Number(params.get('tab'));
  if (Number.isInteger(forced) && forced > 0) return browser.tabs.get(forced);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

export async function readTabPage(settings: Settings, params: URLSearchParams): Promise<TabPage> {
  const tab = await targetTab(params).catch(() => undefined);
  if (tab?.id === undefined) return { state: { kind: 'unscannable', problem: { reason: 'There is no tab to read.' } } };
  // The content script knows its own address; tab.url is only visible with activeTab (popup opened by a click).
  const reply = await askTab(tab.id, { type: 'incontext:mentions' }).catch(() => undefined);
  const url = reply?.url ?? tab.url;
  if (reply) {
    const host = new URL(reply.url).hostname;
    if (isPausedOn(settings, host)) return { state: { kind: 'paused', host }, tabId: tab.id, url };
    return {
      state: { kind: 'ok', host, mentions: [...reply.mentions, ...(await frameMentions(tab.id))] },
      tabId: tab.id,
      url,
    };
  }
  const byUrl = unscannableByUrl(url);
  if (byUrl || !url)
    return {
      state: { kind: 'unscannable', problem: byUrl ?? { reason: 'InContext cannot read this tab.' } },
      tabId: tab.id,
    };
  const origin = `${new URL(url).origin}/*`;
  const hasAccess = await browser.permissions.contains({ origins: [origin] }).catch(() => true);
  return {
    state: { kind: 'unscannable', host: new URL(url).hostname, problem: unscannableAfterNoAnswer(hasAccess) },
    tabId: tab.id,
    url,
  };
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
      // A frame that went away since it reported has no one to answer.
      (frameId) => askTab(tabId, { type: 'incontext:frame-mentions' }, { frameId }).catch(() => undefined),
    ),
  );
  return replies.flatMap((r) => r?.mentions ?? []);
}
