/**
 * How long the content script may act on a page: until the extension is disabled, updated, reloaded or removed.
 *
 * Stands in for WXT's ContentScriptContext, which the content script no longer uses: that context announces
 * every start to the page (`window.postMessage` with the extension's id) and stops itself when the page dispatches
 * the same event back, so any page could learn that the extension is installed and switch it off. Nothing here
 * talks to the page.
 *
 * An orphaned script (the extension went away under it) is noticed in two ways:
 * - a port to the background disconnects; if the runtime is gone too (at once, or a moment later), the lifetime ends. In Chromium the
 *   port also disconnects when the idle service worker is stopped; the runtime is still there then, and the port
 *   is not reopened (that would wake the worker for nothing): the next check below catches a later orphaning.
 * - `isInvalid` looks at `runtime.id`, which is cleared in an orphan; the script reads it on every hover, message
 *   and navigation, so an orphan found any other way also cleans up before it acts.
 */
import { browser } from 'wxt/browser';

export class PageLifetime {
  private readonly controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Ended, or orphaned (which ends it now). */
  get isInvalid(): boolean {
    if (!this.controller.signal.aborted && !runtimeAlive()) this.end();
    return this.controller.signal.aborted;
  }

  /** Runs `cleanup` when the lifetime ends (at once if it has ended). */
  onEnd(cleanup: () => void): void {
    if (this.controller.signal.aborted) cleanup();
    else this.controller.signal.addEventListener('abort', cleanup, { once: true });
  }

  end(): void {
    this.controller.abort();
  }

  /** A timer that never fires after the end (orphaned scripts keep their timers in Chromium). */
  setTimeout(handler: () => void, ms: number): number {
    const id = window.setTimeout(() => {
      if (!this.isInvalid) handler();
    }, ms);
    this.onEnd(() => clearTimeout(id));
    return id;
  }

  /** Opens the port whose disconnection tells an orphan to clean up; once per lifetime, from the first mention on. */
  watchForOrphaning(): void {
    if (this.port || this.isInvalid) return;
    try {
      this.port = browser.runtime.connect({ name: PAGE_PORT });
    } catch {
      this.end(); // the runtime is gone already
      return;
    }
    this.port.onDisconnect.addListener(() => {
      // Chromium fires the event a moment before it clears `runtime.id` in the orphan, so look again shortly.
      const check = () => {
        if (!runtimeAlive()) this.end();
      };
      check();
      for (const ms of ORPHAN_RECHECK_MS) window.setTimeout(check, ms);
    });
    this.onEnd(() => {
      try {
        this.port?.disconnect();
      } catch {
        // Disconnecting a port of a runtime that is gone throws; there is nothing left to disconnect.
      }
    });
  }

  private port: ReturnType<typeof browser.runtime.connect> | undefined;
}

/** After a port disconnects, when to look at the runtime again (see watchForOrphaning). */
const ORPHAN_RECHECK_MS = [50, 250, 1000];

/** The port's name; the background accepts it and does nothing else with it. */
export const PAGE_PORT = 'incontext:page';

function runtimeAlive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    return false;
  }
}
