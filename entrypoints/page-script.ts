/**
 * The script that runs on every http(s) page (declared in wxt.config.ts): wiring only. It is an unlisted script
 * rather than a WXT content script because WXT's content-script wrapper announces each start to the page and can
 * be stopped by it (see lib/page/pageLifetime.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
// pageStart first: the bundle keeps the import order, and this one compresses best.
import { inScope, startPage } from '../lib/page/pageStart';
import { clearLeftovers } from '../lib/page/leftovers';
import { PageLifetime } from '../lib/page/pageLifetime';

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
  void startPage(lifetime).catch(() => {
    // Nothing may throw into the page: a failed start (extension reloaded, background gone) leaves it as it was.
  });
});
