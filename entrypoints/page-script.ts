/**
 * The script that runs on every http(s) page (declared in wxt.config.ts): wiring only. It is an unlisted script
 * rather than a WXT content script because WXT's content-script wrapper announces each start to the page and can
 * be stopped by it (see lib/page/pageLifetime.ts).
 */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isTabRequest } from '../lib/core/messages';
import { clearLeftovers } from '../lib/page/leftovers';
import { PageController } from '../lib/page/pageController';
import { PageLifetime } from '../lib/page/pageLifetime';
import { watchSpaNavigation } from '../lib/page/spaNavigation';
import { readSettings, watchSettings } from '../lib/settingsStore';

/** The running instance, on a global of the extension's own world (page script cannot see it). */
const RUNNING = Symbol.for('incontext.page-lifetime');
type WithRunning = typeof globalThis & { [RUNNING]?: PageLifetime };

export default defineUnlistedScript(() => {
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

  const onMessage = (message: unknown) => (isTabRequest(message) && !lifetime.isInvalid ? controller.answer(message) : undefined);
  browser.runtime.onMessage.addListener(onMessage);
  lifetime.onEnd(() => browser.runtime.onMessage.removeListener(onMessage));
  lifetime.onEnd(watchSettings((next) => !lifetime.isInvalid && controller.settingsChanged(next)));
  // Single-page apps: a new "page" gets a fresh scan (and the page-level rules start over).
  watchSpaNavigation(lifetime.signal, () => !lifetime.isInvalid && controller.restart());

  await controller.start();
}
