/**
 * Typed senders over `browser.runtime` / `browser.tabs`. The message shapes live in core/messages.ts;
 * this file only adds the browser edge, so the core stays testable in Node.
 */
import { browser } from 'wxt/browser';
import type { BackgroundReplies, BackgroundRequest, ReplyTo, TabReplies, TabRequest } from './core/messages';

export function askBackground<R extends BackgroundRequest>(request: R): Promise<ReplyTo<R, BackgroundReplies>> {
  return browser.runtime.sendMessage(request) as Promise<ReplyTo<R, BackgroundReplies>>;
}

/** To the whole tab (the top frame answers), or to one frame with `frameId`. */
export function askTab<R extends TabRequest>(
  tabId: number,
  request: R,
  options?: { frameId: number },
): Promise<ReplyTo<R, TabReplies>> {
  const sent = options ? browser.tabs.sendMessage(tabId, request, options) : browser.tabs.sendMessage(tabId, request);
  return sent as Promise<ReplyTo<R, TabReplies>>;
}
