import { browser } from 'wxt/browser';

/** One keyboard command of the extension, as `commands.getAll()` (or the manifest) gives it. */
export interface Shortcut {
  name: string;
  description: string;
  /** The keys as the browser writes them (`Alt+Shift+N`); empty when the reader or a conflict left it unset. */
  shortcut: string;
}

/**
 * The extension's commands with the keys in force (the reader may have changed or cleared them); where the browser
 * cannot say, the keys the manifest suggests. Read by the options page (the full list) and the popup (one line).
 */
export async function readShortcuts(): Promise<Shortcut[]> {
  try {
    const commands = await browser.commands.getAll();
    return commands.map((c) => ({
      name: c.name ?? '',
      // Chromium lists the built-in command that opens the popup, without a description.
      description: c.description || (c.name?.startsWith('_execute') ? 'Open the InContext toolbar popup' : ''),
      shortcut: c.shortcut ?? '',
    }));
  } catch {
    return Object.entries(browser.runtime.getManifest().commands ?? {}).map(([name, c]) => ({
      name,
      description: c.description ?? '',
      shortcut: c.suggested_key?.default ?? '',
    }));
  }
}
