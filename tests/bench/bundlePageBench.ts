/** Bundles tests/bench/pageBench.ts (engine + probes) into one script to inject into a benchmark page. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from '../support/paths';

/** Vite's `?inline` CSS imports (the painter's marks' styles) as the file's text, as WXT's build gives them. */
const inlineCss: Plugin = {
  name: 'inline-css',
  setup(bundle) {
    bundle.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?inline'.length)),
      namespace: 'inline-css',
    }));
    bundle.onLoad({ filter: /.*/, namespace: 'inline-css' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

export async function bundlePageBench(plugins: Plugin[] = []): Promise<string> {
  const out = await build({
    entryPoints: [resolve(repoRoot, 'tests/bench/pageBench.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    logLevel: 'silent',
    plugins: [inlineCss, ...plugins],
  });
  return out.outputFiles[0]!.text;
}
