/**
 * Typed senders over `browser.runtime` / `browser.tabs`. The message shapes live in core/messages.ts;
 * this file only adds the browser edge, so the core stays testable in Node.
 */
import { browser } from 'wxt/browser';
import type { BackgroundReplies, BackgroundRequest, ReplyTo, TabReplies, TabRequest } from './core/messages';

export function askBackground<R extends BackgroundRequest>(request: R): Promise<ReplyTo<R, BackgroundReplies>> {
  return browser.runtime.sendMessage(request) as Promise<ReplyTo<R, BackgroundReplies>>;
}

export function askTab<R extends TabRequest>(tabId: number, request: R): Promise<ReplyTo<R, TabReplies>> {
  return browser.tabs.sendMessage(tabId, request) as Promise<ReplyTo<R, TabReplies>>;
}
