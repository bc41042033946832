/**
 * Command-line flags for Debian's Chromium in tests, the benchmark and the demo. Chromium's own background
 * services (updates, sync, safe browsing lists) are switched off: this machine has no network, and the
 * suites assert that only 127.0.0.1 is contacted.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { chromeBuildDir, chromiumBin } from './paths';

export const QUIET_CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Root (CI, containers) cannot use Chromium's sandbox.
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** Flags that load one unpacked extension (Playwright adds --disable-extensions, so both are needed). */
export function withExtension(dir: string): string[] {
  return [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...QUIET_CHROMIUM_FLAGS];
}

/**
 * A persistent Chromium context with the built extension loaded, in `profile` (a fresh temporary one by default), and
 * the extension's id once its service worker is up.
 */
export async function launchWithExtension(profile?: string): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext(
    profile ?? mkdtempSync(join(tmpdir(), 'incontext-chromium-')),
    {
      executablePath: chromiumBin,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: withExtension(chromeBuildDir),
    },
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host };
}
