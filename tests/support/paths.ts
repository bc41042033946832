import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = resolve(repoRoot, 'tests/fixtures');
/** `../shared` beside the clone, or INCONTEXT_SHARED. Suites that need it run from .ci/run only. */
export const sharedDir = resolve(process.env.INCONTEXT_SHARED ?? resolve(repoRoot, '../shared'));
export const chromeBuildDir = resolve(repoRoot, '.output/chrome-mv3');
export const firefoxBuildDir = resolve(repoRoot, '.output/firefox-mv3');
export const artifactsDir = resolve(repoRoot, 'artifacts');
export const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const firefoxBin = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';

export function requireShared(sub: string): string {
  const dir = resolve(sharedDir, sub);
  if (!existsSync(dir))
    throw new Error(`${dir} is missing: this suite needs ../shared beside the repository (or INCONTEXT_SHARED).`);
  return dir;
}
