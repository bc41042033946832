import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type Logger } from 'wxt';
import { repoRoot } from '../support/paths';

// The icons exist only in the build (@wxt-dev/auto-icons derives them from assets/icon.svg), so the test builds the
// extension, into a folder of its own, and checks every icon the manifest names.

const outDir = mkdtempSync(join(tmpdir(), 'incontext-icons-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function quietLogger(warnings: string[]): Logger {
  const ignore = () => undefined;
  const keep = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  return { debug: ignore, log: ignore, info: ignore, success: ignore, warn: keep, error: keep, fatal: keep, level: 0 };
}

type IconMap = Record<string, string>;

describe.each(['chrome', 'firefox'] as const)('the %s build', (browser) => {
  it('lists icons of 16, 32, 48 and 128 px that exist as PNGs of those sizes', async () => {
    const warnings: string[] = [];
    const output = await build({
      root: repoRoot,
      browser,
      manifestVersion: 3,
      outDir,
      // The icons and the manifest do not depend on the entrypoints: build the smallest one, not all five.
      filterEntrypoints: ['options'],
      logger: quietLogger(warnings),
    });
    const manifest = output.manifest as { icons?: IconMap; action?: { default_icon?: IconMap } };
    const buildDir = join(outDir, `${browser}-mv3`);

    expect(Object.keys(manifest.icons ?? {})).toEqual(['16', '32', '48', '128']);
    const named = [...Object.entries(manifest.icons ?? {}), ...Object.entries(manifest.action?.default_icon ?? {})];
    expect(named.length).toBe(6);
    for (const [size, path] of named) {
      const bytes = readFileSync(join(buildDir, path));
      expect(pngSize(bytes), path).toEqual({ width: Number(size), height: Number(size) });
    }
    // e.g. "icons property found in manifest, overwriting": the manifest and the module disagree about the icons.
    expect(warnings.filter((w) => w.includes('auto-icons'))).toEqual([]);
  }, 60_000);
});
