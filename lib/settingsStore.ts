/**
 * The one owner of the settings in `storage.local` (key `settings`): reading, watching and writing. The
 * shape, defaults and normalising are the pure part, in lib/core/settings.ts.
 *
 * Plain `browser.storage` rather than WXT's storage wrapper: the content script imports readSettings and
 * watchSettings, and the wrapper's code would then be loaded and run on every page. WXT's item
 * does not serialise updates anyway; updateSettings below does.
 */
import { browser } from 'wxt/browser';
import { normaliseSettings, SETTINGS_KEY as KEY, type Settings } from './core/settings';
/** The Web Locks name every extension page and the background share (they have the extension's origin). */
const LOCK = 'incontext:settings';

export interface LoadedSettings {
  settings: Settings;
  /** Set when storage could not be read and `settings` are the defaults: what went wrong. */
  problem?: string;
}

/** What the reader is told when a change to the settings could not be saved (extension pages). */
export function saveProblem(error: unknown): string {
  return `Settings could not be saved (${describeError(error)}).`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * The stored settings, or the defaults with the reason when storage cannot be read: a broken storage
 * area (a corrupt profile, a full disk) should cost the reader their settings, not the whole extension.
 */
export async function loadSettings(): Promise<LoadedSettings> {
  try {
    const stored = await browser.storage.local.get(KEY);
    return { settings: normaliseSettings(stored[KEY]) };
  } catch (error) {
    return { settings: normaliseSettings(undefined), problem: describeError(error) };
  }
}

/** The settings to act on; never rejects (the defaults when storage fails, see loadSettings). */
export async function readSettings(): Promise<Settings> {
  return (await loadSettings()).settings;
}

export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) onChange(normaliseSettings(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The last update queued in this context; created on first use so the content script's bundle, which
 *  never writes, can drop all of this. */
let tail: Promise<unknown> | undefined;

/**
 * Runs `task` after every update already queued. Why: an update reads, changes and writes the whole
 * object, so two at once (pause everywhere, then at once pause this site) would both read the old value
 * and the second write would undo the first.
 *
 * Within one page a promise chain is enough. Two extension pages writing at once (the popup and the
 * options page) each have their own chain, so where the Web Locks API exists (extension pages and the
 * background in Chrome and Firefox; they share the extension's origin) the lock is taken instead, and it
 * queues across every context of the extension. Still not protected: a write made without this function
 * (a content script, devtools, another version of the extension during an update) can land between our
 * read and our write, and is then overwritten.
 */
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  const run = locks ? async (): Promise<T> => await locks.request(LOCK, task) : task;
  const result = (tail ?? Promise.resolve()).then(run);
  // A failed update must not block the ones queued after it; its caller sees the rejection.
  tail = result.catch(() => undefined);
  return result;
}

/**
 * Read-modify-write, one at a time (see inTurn). Rejects when storage cannot be read: writing `change`
 * over the defaults then would replace every setting the reader has.
 */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  return inTurn(async () => {
    const stored = await browser.storage.local.get(KEY);
    const next = normaliseSettings(change(normaliseSettings(stored[KEY])));
    await browser.storage.local.set({ [KEY]: next });
    return next;
  });
}
