/** Bundles tests/bench/pageBench.ts (engine + probes) into one script to inject into a benchmark page. */
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from '../support/paths';

export async function bundlePageBench(plugins: Plugin[] = []): Promise<string> {
  const out = await build({
    entryPoints: [resolve(repoRoot, 'tests/bench/pageBench.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    logLevel: 'silent',
    plugins,
  });
  return out.outputFiles[0]!.text;
}
