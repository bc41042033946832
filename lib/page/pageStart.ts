/**
 * What the page script does once it knows it is the one instance in this document: where it runs (inScope), and
 * starting the page (startPage), with what a same-origin frame does differently from the top document.
 */
import { browser } from 'wxt/browser';
import { answersTabRequest, answerRequest, isTabRequest } from '../core/messages';
import { askBackground } from '../messaging';
import { readSettings, watchSettings } from '../settingsStore';
import { PageController } from './pageController';
import type { PageLifetime } from './pageLifetime';
import { watchSpaNavigation } from './spaNavigation';

/**
 * An http(s) page, or a frame of the same origin as its top (srcdoc frames inherit it). A cross-origin top's location
 * cannot be read (it throws). Injected into a tab's frames on demand, this may also land in an about:blank frame or
 * in Firefox's top-level about:blank tab, which is no page to scan: the protocol test leaves the latter.
 */
export function inScope(): boolean {
  try {
    const top = window.top!;
    return /^https?:$/.test(top.location.protocol) && (top === window || top.origin === window.origin);
  } catch {
    return false;
  }
}

export async function startPage(lifetime: PageLifetime): Promise<void> {
  const controller = new PageController(lifetime, await readSettings());
  if (lifetime.isInvalid) return;

  // Each tab message has its audience (TAB_AUDIENCE): undefined from the others lets its reply win.
  const inFrame = window !== window.top;
  const onMessage = (message: unknown) =>
    isTabRequest(message) && !lifetime.isInvalid && answersTabRequest(message, inFrame)
      ? answerRequest(controller.handlers, message, undefined)
      : undefined;
  browser.runtime.onMessage.addListener(onMessage);
  lifetime.onEnd(() => browser.runtime.onMessage.removeListener(onMessage));
  lifetime.onEnd(watchSettings((next) => !lifetime.isInvalid && controller.settingsChanged(next)));
  // Single-page apps: a new "page" gets a fresh scan (and the page-level rules start over).
  watchSpaNavigation(lifetime.signal, () => !lifetime.isInvalid && controller.restart());
  if (inFrame) {
    // The badge adds up the frames' counts: a frame's document that goes away (the frame removed or navigated, the
    // tab moving on) takes its count with it, and brings it back if the back/forward cache restores it. The top
    // frame needs neither: the next page's top document reports in its place, and closing the tab drops them all.
    addEventListener('pagehide', () => controller.reportCount(true), { signal: lifetime.signal });
    addEventListener('pageshow', (e) => e.persisted && controller.reportCount(), { signal: lifetime.signal });
  }

  await controller.start();
  // srcdoc frames are not in the manifest's reach (see wxt.config.ts): the top page asks for them when it has some.
  if (!inFrame && !lifetime.isInvalid && document.querySelector('iframe[srcdoc]')) {
    await askBackground({ type: 'incontext:inject-frames' }).catch(() => undefined);
  }
}
