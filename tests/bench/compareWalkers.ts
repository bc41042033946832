/**
 * A/B of the engine with the current lib/page/textBlocks.ts against the frozen pre-optimisation copy
 * (tests/bench/textBlocksReference.ts): the same engine bundle is built twice, once with textBlocks swapped for the
 * reference, and the two are run alternately, each on a fresh load of the page (cold, like section 1 of run.ts).
 * Prints medians and minima of the engine's wall time and busy time (sum of slices). Asserts nothing.
 *
 * Run: npx tsx tests/bench/compareWalkers.ts [--runs 7] [--pages yahoo-2,guardian-1,wikipedia-2,yahoo-1,generated-5mb]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import type { Plugin } from 'esbuild';
import { compileMatcherData, type MatchableEntity } from '../../lib/core/matcher';
import { chromiumBin, repoRoot } from '../support/paths';
import { ISOLATION_HEADERS, startStaticServer } from '../support/staticServer';
import { bundlePageBench } from './bundlePageBench';
import { generateArticle } from './generatedArticle';
import { QUIET_CHROMIUM_FLAGS } from '../support/chromiumFlags';

const argv = process.argv.slice(2);
const opt = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const RUNS = Number(opt('--runs') ?? 7);
const PAGES = (opt('--pages') ?? 'yahoo-2,guardian-1,wikipedia-2,yahoo-1,generated-5mb').split(',');

/** Resolves lib/page/textBlocks (as imported by the engine) to the reference copy. */
const useReference: Plugin = {
  name: 'reference-text-blocks',
  setup(b) {
    b.onResolve({ filter: /\/textBlocks$/ }, (args) =>
      args.importer.includes('/lib/page/')
        ? { path: resolve(repoRoot, 'tests/bench/textBlocksReference.ts') }
        : undefined,
    );
  },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const min = (xs: number[]) => Math.min(...xs);
const f = (x: number) => x.toFixed(1).padStart(7);

async function main(): Promise<void> {
  const dossier = (
    JSON.parse(readFileSync(resolve(repoRoot, 'data/dossier.json'), 'utf8')) as { entities: MatchableEntity[] }
  ).entities;
  // Compiled once, loaded by each page, as the content script gets it from the background.
  const prepareArgs = JSON.stringify([
    'd',
    JSON.stringify(compileMatcherData(dossier)),
    dossier.map((e) => [e.id, e.tier]),
  ]);
  const bundles = { before: await bundlePageBench([useReference]), after: await bundlePageBench() };
  const server = await startStaticServer(
    { '/bench/generated-5mb.html': () => generateArticle(dossier).html },
    0,
    ISOLATION_HEADERS,
  );
  const browser = await chromium.launch({
    executablePath: chromiumBin,
    headless: true,
    args: [...QUIET_CHROMIUM_FLAGS, '--js-flags=--expose-gc'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (r) =>
    r
      .request()
      .url()
      .startsWith(server.origin + '/')
      ? r.continue()
      : r.abort(),
  );
  const page = await context.newPage();
  console.log(
    `engine wall / busy (sum of slices), ms; ${RUNS} alternating fresh loads per variant; before = textBlocksReference.ts`,
  );
  console.log(
    `${'page'.padEnd(14)}${'before: median wall  busy'.padStart(28)}${'min wall  busy'.padStart(16)}${'after: median wall  busy'.padStart(28)}${'min wall  busy'.padStart(16)}`,
  );
  for (const name of PAGES) {
    const url = name === 'generated-5mb' ? server.url('/bench/generated-5mb.html') : server.url(`/pages/${name}.html`);
    const res = {
      before: { wall: [] as number[], busy: [] as number[] },
      after: { wall: [] as number[], busy: [] as number[] },
    };
    for (let i = 0; i < RUNS; i++) {
      for (const v of i % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
        await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
        await page.addScriptTag({ content: bundles[v] });
        await page.evaluate('window.__inContextBench.settle()');
        await page.evaluate(`window.__inContextBench.prepare(...${prepareArgs})`);
        const e = (await page.evaluate(`window.__inContextBench.engine('d')`)) as { ms: number; sliceMs: number };
        res[v].wall.push(e.ms);
        res[v].busy.push(e.sliceMs);
      }
    }
    const b = res.before;
    const a = res.after;
    console.log(
      `${name.padEnd(14)}${' '.repeat(10)}${f(median(b.wall))}${f(median(b.busy))}  ${f(min(b.wall))}${f(min(b.busy))}${' '.repeat(10)}${f(median(a.wall))}${f(median(a.busy))}  ${f(min(a.wall))}${f(min(a.busy))}`,
    );
  }
  await browser.close();
  await server.close();
}

void main();
