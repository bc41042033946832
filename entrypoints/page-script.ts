/**
 * The script that runs on every http(s) page (declared in wxt.config.ts): wiring only. It is an unlisted script
 * rather than a WXT content script because WXT's content-script wrapper announces each start to the page and can
 * be stopped by it (see lib/page/pageLifetime.ts).
 */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isTabRequest } from '../lib/core/messages';
import { askBackground } from '../lib/messaging';
import { clearLeftovers } from '../lib/page/leftovers';
import { PageController } from '../lib/page/pageController';
import { PageLifetime } from '../lib/page/pageLifetime';
import { watchSpaNavigation } from '../lib/page/spaNavigation';
import { readSettings, watchSettings } from '../lib/settingsStore';

/** The running instance, on a global of the extension's own world (page script cannot see it). */
const RUNNING = Symbol.for('incontext.page-lifetime');
type WithRunning = typeof globalThis & { [RUNNING]?: PageLifetime };

export default defineUnlistedScript(() => {
  // The manifest runs this in every frame (all_frames) so that same-origin frames are read too. A cross-origin frame
  // (ads, video players, social widgets) is another site's document, which the reader did not open and which may be
  // paused or not as a site of its own: it is left here, before anything is read, registered or sent. (The
  // manifest's stylesheet still reaches such a frame; it only styles highlights with InContext's names, which
  // nothing registers there.)
  if (!inScope()) return;
  const world = globalThis as WithRunning;
  const previous = world[RUNNING];
  // Injected twice into one world (the manifest and the background's injection after an update can both land on
  // a tab that was loading): the live instance stays. An orphan of an older version makes way.
  if (previous && !previous.isInvalid) return;
  previous?.end();
  const lifetime = (world[RUNNING] = new PageLifetime());
  clearLeftovers();
  void start(lifetime).catch(() => {
    // Nothing may throw into the page: a failed start (extension reloaded, background gone) leaves it as it was.
  });
});

async function start(lifetime: PageLifetime): Promise<void> {
  const controller = new PageController(lifetime, await readSettings());
  if (lifetime.isInvalid) return;

  // A frame answers only for itself, when asked by frame id; everything sent to the whole tab (the public
  // `incontext:mentions`, shortcuts, stats) is the top frame's to answer: undefined lets its reply win.
  const inFrame = window !== window.top;
  const onMessage = (message: unknown) =>
    isTabRequest(message) && !lifetime.isInvalid && (!inFrame || message.type === 'incontext:frame-mentions') ? controller.answer(message) : undefined;
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

/**
 * An http(s) page, or a frame of the same origin as its top (srcdoc frames inherit it). A cross-origin top's location
 * cannot be read (it throws). Injected into a tab's frames on demand, this may also land in an about:blank frame or
 * in Firefox's top-level about:blank tab, which is no page to scan: the protocol test leaves the latter.
 */
function inScope(): boolean {
  try {
    const top = window.top!;
    return /^https?:$/.test(top.location.protocol) && (top === window || top.origin === window.origin);
  } catch {
    return false;
  }
}
