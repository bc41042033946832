/**
 * Puts the page script into tabs the manifest does not reach: tabs that were open before the extension started,
 * and a page's srcdoc frames (see wxt.config.ts).
 */
import { browser } from 'wxt/browser';

/**
 * Chromium injects manifest scripts only into pages loaded after the extension starts. `storage.session` is empty
 * after every install, update, reload and re-enable (and browser start), and kept while the worker merely sleeps
 * and wakes, so this runs once per run of the extension. Where the browser injected the script itself (Firefox),
 * the second copy sees the first and stops (entrypoints/page-script.ts).
 */
export async function injectOncePerRun(): Promise<void> {
  const key = 'injectedIntoOpenTabs';
  if ((await browser.storage.session.get(key))[key]) return;
  await browser.storage.session.set({ [key]: true });
  await injectIntoOpenTabs();
}

/** Injects the page script into every frame of every open http(s) tab, as the manifest does for pages loaded later (it leaves cross-origin frames at once). */
async function injectIntoOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id !== undefined && !tab.discarded) await injectPageScript(tab.id);
    }),
  );
}

/** The page script and its stylesheet in every frame of a tab; a frame that cannot take it is skipped. */
export async function injectPageScript(tabId: number): Promise<void> {
  const target = { tabId, allFrames: true };
  await browser.scripting.insertCSS({ target, files: ['/page-marks.css'] }).catch(() => undefined);
  await browser.scripting.executeScript({ target, files: ['/page-script.js'] }).catch(() => undefined);
}
