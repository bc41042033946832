/**
 * The script that runs on every http(s) page (declared in wxt.config.ts), the first of two stages: wiring only.
 * It loads the engine (entrypoints/page-engine.ts) only into documents whose text holds an anchor
 * (lib/page/engineGate.ts). An unlisted script rather than a WXT content script: WXT's content-script wrapper
 * announces each start to the page and can be stopped by it (see lib/page/pageLifetime.ts).
 */
import builtInGate from 'virtual:incontext-built-in-gate';
import type { WxtBrowser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startEngineGate } from '../lib/page/engineGate';
import { pageScope } from '../lib/page/pageScope';

export default defineUnlistedScript(() => {
  // The manifest runs this in every frame (all_frames) so that same-origin frames are read too. A cross-origin frame
  // (ads, video players, social widgets) is another site's document, which the reader did not open and which may be
  // paused or not as a site of its own: it is left here, before anything is read, registered or sent. (The
  // manifest's stylesheet still reaches such a frame; it only styles highlights with InContext's names, which
  // nothing registers there.)
  const scope = pageScope();
  if (scope === null) return;
  // The browser's own API object, not the polyfill (see lib/page/engineGate.ts); Firefox has both names.
  const world = globalThis as { browser?: WxtBrowser; chrome?: WxtBrowser };
  const api = world.browser ?? world.chrome;
  if (api?.runtime?.id) startEngineGate(api, builtInGate, scope === 'frame');
});
