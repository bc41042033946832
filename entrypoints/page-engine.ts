/**
 * The page script's second stage: injected by the background into a document whose text holds an anchor (the first
 * stage, entrypoints/page-script.ts, asks for it). Wiring only.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
// pageStart first: the bundle keeps the import order, and this one compresses best.
import { startPage } from '../lib/page/pageStart';
import { clearLeftovers } from '../lib/page/leftovers';
import { ENGINE_INSTANCE, pageWorld } from '../lib/page/pageInstances';
import { PageLifetime } from '../lib/page/pageLifetime';

export default defineUnlistedScript(() => {
  const previous = pageWorld[ENGINE_INSTANCE];
  // Asked for twice in one document (a first stage of each of two injections): the live instance stays. An orphan
  // of an older version makes way.
  if (previous && !previous.isInvalid) return;
  previous?.end();
  const lifetime = new PageLifetime();
  pageWorld[ENGINE_INSTANCE] = lifetime;
  clearLeftovers();
  void startPage(lifetime).catch(() => {
    // Nothing may throw into the page: a failed start (extension reloaded, background gone) leaves it as it was.
  });
});
