/**
 * Command-line flags for Debian's Chromium in tests, the benchmark and the demo. Chromium's own background
 * services (updates, sync, safe browsing lists) are switched off: this machine has no network, and the
 * suites assert that only 127.0.0.1 is contacted.
 */
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
