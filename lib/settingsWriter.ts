/**
 * Writing settings, for extension pages (popup, options). WXT's storage item serialises concurrent
 * read-modify-write updates and keeps the `local:settings` key in one place.
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from './core/settings';
import { readSettings } from './settingsStore';

export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = normaliseSettings(change(await readSettings()));
  await settingsItem.setValue(next);
  return next;
}
