/**
 * Settings persisted in `storage.local` under the key `settings`. Extension pages write them through
 * WXT's storage wrapper (settingsItem); the content script only reads and watches, and does so with the
 * plain storage API (readSettings/watchSettings) so the wrapper's code stays out of every page.
 */
import { browser } from 'wxt/browser';
import { normaliseSettings, type Settings } from './core/settings';

const KEY = 'settings';

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return normaliseSettings(stored[KEY]);
}

export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) onChange(normaliseSettings(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
