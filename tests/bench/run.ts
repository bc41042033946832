/**
 * Browser benchmark of the page engine: `npm run bench` (= tsx tests/bench/run.ts). Prints; never asserts on
 * time and never exits non-zero for a missed target (the machines are shared and noisy).
 *
 * Headless Chromium (CHROMIUM_BIN or /usr/bin/chromium) through Playwright's chromium.launch; pages served from
 * 127.0.0.1 by tests/support/staticServer.ts, every other request blocked, cross-origin isolated (COOP + COEP) so that
 * performance.now() has 5 µs resolution instead of 100 µs. The engine (lib/page + lib/core) is
 * bundled with esbuild from tests/bench/pageBench.ts and injected with page.addScriptTag, mark.js likewise.
 * Medians of 5 runs. Every timed first measurement gets its own fresh load of the page (mark.js rewrites the DOM, and
 * a first walk pays for JS wrappers that later walks get for free, as a content script pays on every page); runs are
 * interleaved across pages so drift on the shared machine hits every page alike.
 *
 * Sections: 1/2 floor vs engine vs mark.js · 3 scaling with the alias count · 4 longest slice · breakdown
 * (diagnostic: the engine's parts timed separately, and the BlockWalker checked against its reference copy)
 * · 5 content script size · targets.
 *
 * Options: --runs N (default 5) · --quick (3 runs, no mark.js on the generated page) · --build (run `wxt build`
 * first even if .output exists) · --pages a,b (real pages to use; the first is the scaling page).
 *
 * Related tools: tests/bench/compareWalkers.ts (engine A/B, current vs reference BlockWalker, cold loads) and
 * tests/bench/checkBlocks.ts (the current BlockWalker emits the reference's blocks on every saved page).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { compileMatcherData, type MatchableEntity, type MatcherData } from '../../lib/core/matcher';
import { chromeBuildDir, chromiumBin, repoRoot, requireShared } from '../support/paths';
import { ISOLATION_HEADERS, startStaticServer } from '../support/staticServer';
import { bundlePageBench } from './bundlePageBench';
import { generateArticle } from './generatedArticle';
import type { Breakdown } from './pageBench';
import { aliasCount, syntheticEntities } from './syntheticAliases';
import { QUIET_CHROMIUM_FLAGS } from '../support/chromiumFlags';

// ---------------------------------------------------------------------------------------------------------
// Options and inputs

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('--quick');
const RUNS = Number(option('--runs') ?? (QUICK ? 3 : 5));
const REAL_PAGES = (option('--pages') ?? 'yahoo-2,guardian-1,wikipedia-2,yahoo-1').split(',');
const GENERATED = 'generated-5mb';
const GENERATED_PATH = '/bench/generated-5mb.html';
/** mark.js on a page: after one run longer than this, it is not repeated there. */
const MARKJS_ONCE_MS = 30_000;

const TARGETS = {
  engineFloorReal: 2,
  engineFloorGenerated: 8,
  markjsEngine: 100,
  scaling: 2,
  sliceMs: 8,
  contentGzipKb: 20,
};

interface BenchApi {
  floor(): { ms: number; nodes: number; chars: number };
  prepare(key: string, json: string, tiers: [string, MatchableEntity['tier']][]): { ms: number };
  engine(
    key: string,
  ): Promise<{ ms: number; painted: number; slices: number; maxSlice: number; sliceMs: number; over8: number }>;
  markjs(terms: string[]): { ms: number; hits: number };
  breakdown(key: string): Promise<Breakdown>;
  rawHits(key: string): number;
  sameBlocks(): { blocks: number; identical: boolean; firstDifference?: string };
  settle(): Promise<void>;
}
declare const window: { __inContextBench: BenchApi };

const dossier = JSON.parse(readFileSync(resolve(repoRoot, 'data/dossier.json'), 'utf8')) as {
  entities: MatchableEntity[];
};
const DOSSIER: MatchableEntity[] = dossier.entities.map((e) => ({
  id: e.id,
  tier: e.tier,
  aliases: e.aliases,
  falseFriends: e.falseFriends,
}));
const TERMS = [...new Set(DOSSIER.flatMap((e) => e.aliases.map((a) => a.text)))];

function aliasSet(total: number): MatchableEntity[] {
  const base = aliasCount(DOSSIER);
  return total <= base ? DOSSIER : [...DOSSIER, ...syntheticEntities(total - base, 7)];
}
const SCALING = [100, 1_000, 20_000].map((n) => ({
  label: n.toLocaleString('en'),
  key: `a${n}`,
  entities: aliasSet(n),
}));

/**
 * A matcher as the content script gets it: compiled to plain data once (by the background, here by Node), loaded by
 * every page. `compileMs`: compileMatcherData's time, first run (a fresh background) and the median of five.
 */
interface Prepared {
  key: string;
  /** The MatcherData as the message carries it. */
  json: string;
  tiers: [string, MatchableEntity['tier']][];
  compileMs: { first: number; median: number };
}
function prepared(key: string, entities: MatchableEntity[]): Prepared {
  const times: number[] = [];
  let data: MatcherData | undefined;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    data = compileMatcherData(entities);
    times.push(performance.now() - t0);
  }
  return {
    key,
    json: JSON.stringify(data),
    tiers: entities.map((e) => [e.id, e.tier]),
    compileMs: { first: times[0]!, median: median(times) },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number): string =>
  Number.isNaN(x)
    ? '–'
    : x >= 1000
      ? `${(x / 1000).toFixed(2)} s`
      : x >= 100
        ? `${x.toFixed(0)} ms`
        : `${x.toFixed(1)} ms`;
const ratio = (x: number): string => (Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(2)}×` : '–');
const int = (x: number): string => (Number.isNaN(x) ? '–' : Math.round(x).toLocaleString('en'));
const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** mark.js's UMD wrapper would use an AMD `define` or CommonJS `module` of the page; hide them. */
function wrapMarkJs(): string {
  const src = readFileSync(resolve(repoRoot, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
  return `(function (define, module, exports) {\n${src}\n}).call(window);`;
}

// ---------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const began = performance.now();
  const pagesDir = requireShared('pages');
  for (const p of REAL_PAGES) if (!existsSync(resolve(pagesDir, `${p}.html`))) throw new Error(`missing page ${p}`);

  const t0 = performance.now();
  const article = generateArticle(DOSSIER);
  const genMs = performance.now() - t0;
  const generatedBytes = Buffer.byteLength(article.html);

  const [engineJs, markJs] = [await bundlePageBench(), wrapMarkJs()];
  // Cross-origin isolated pages: performance.now() at 5 µs, not 100 µs (floors here are half a millisecond).
  const server = await startStaticServer({ [GENERATED_PATH]: () => article.html }, 0, ISOLATION_HEADERS);
  const pages = [
    ...REAL_PAGES.map((name) => ({ name, url: server.url(`/pages/${name}.html`), real: true })),
    { name: GENERATED, url: server.url(GENERATED_PATH), real: false },
  ];

  const browser = await chromium.launch({
    executablePath: chromiumBin,
    headless: true,
    args: [
      ...QUIET_CHROMIUM_FLAGS,
      '--js-flags=--expose-gc',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let blocked = 0;
  await context.route('**/*', (route) => {
    if (
      route
        .request()
        .url()
        .startsWith(server.origin + '/')
    )
      return route.continue();
    blocked++;
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  const pageErrors: string[] = [];
  page.on('pageerror', () => undefined); // the saved pages' own scripts may throw without their remote parts

  /**
   * A fresh load: the page is parsed anew, so the first walk pays what a content script pays (JS wrappers for
   * the nodes it touches, strings for the text it reads). Then two rendered frames, so the page's own first
   * layout and paint are done before anything is timed.
   */
  const load = async (url: string, withMark: boolean): Promise<void> => {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.addScriptTag({ content: engineJs });
    if (withMark) await page.addScriptTag({ content: markJs });
    await page.evaluate(() => window.__inContextBench.settle());
  };
  const api = <T>(fn: (arg: never) => T | Promise<T>, arg?: unknown): Promise<T> =>
    page.evaluate(fn as never, arg as never) as Promise<T>;

  console.log(`InContext browser benchmark — ${new Date().toISOString()}`);
  await page.goto(pages[0]!.url, { waitUntil: 'load', timeout: 120_000 });
  const isolated = await page.evaluate(() => crossOriginIsolated);
  console.log(
    `Chromium ${browser.version()} headless (${chromiumBin}) · Node ${process.version} · ${RUNS} runs, medians · fresh page load per run`,
  );
  console.log(
    `performance.now() resolution: ${isolated ? '5 µs (pages cross-origin isolated)' : '100 µs (pages NOT cross-origin isolated: sub-millisecond figures are coarse)'}`,
  );
  console.log(
    `Alias list: data/dossier.json, ${DOSSIER.length} entities, ${aliasCount(DOSSIER)} aliases + false friends (${TERMS.length} distinct alias texts for mark.js)`,
  );
  console.log(
    `Generated page: ${(generatedBytes / 1e6).toFixed(2)} MB of HTML, ${article.aliasesWritten.toLocaleString('en')} dossier aliases written (generated in ${ms(genMs)})`,
  );

  // ---- Sections 1, 2, 4: floor vs engine vs mark.js, slices ------------------------------------------------
  interface PageRuns {
    floor: number[];
    engine: number[];
    markjs: number[];
    painted: number;
    markHits: number;
    raw: number;
    slices: number[];
    maxSlice: number[];
    nodes: number;
    chars: number;
    sliceSum: number[];
    over8: number[];
  }
  const results = new Map<string, PageRuns>(
    pages.map((p) => [
      p.name,
      {
        floor: [],
        engine: [],
        markjs: [],
        painted: 0,
        markHits: 0,
        raw: 0,
        slices: [],
        maxSlice: [],
        nodes: 0,
        chars: 0,
        sliceSum: [],
        over8: [],
      },
    ]),
  );
  /** loadMatcher with the dossier's data on a fresh page: the page's share, paid once per page before the scan. */
  const loadMs: number[] = [];
  const dossierMatcher = prepared('dossier', DOSSIER);
  for (let run = 0; run < RUNS; run++) {
    for (const p of pages) {
      const r = results.get(p.name)!;
      const markjsNow = !(QUICK && !p.real) && !(r.markjs.length > 0 && r.markjs[0]! > MARKJS_ONCE_MS);
      // Floor and engine each on a fresh load: both walk a DOM nothing has touched from JS yet.
      await load(p.url, false);
      const f = await api(() => window.__inContextBench.floor());
      await load(p.url, markjsNow);
      const c = await api((m: Prepared) => window.__inContextBench.prepare(m.key, m.json, m.tiers), dossierMatcher);
      loadMs.push(c.ms);
      const e = await api(() => window.__inContextBench.engine('dossier'));
      r.floor.push(f.ms);
      r.nodes = f.nodes;
      r.chars = f.chars;
      r.engine.push(e.ms);
      r.painted = e.painted;
      r.slices.push(e.slices);
      r.maxSlice.push(e.maxSlice);
      r.sliceSum.push(e.sliceMs);
      r.over8.push(e.over8);
      if (run === 0) r.raw = await api(() => window.__inContextBench.rawHits('dossier'));
      if (markjsNow) {
        const m = await api((terms: string[]) => window.__inContextBench.markjs(terms), TERMS);
        r.markjs.push(m.ms);
        r.markHits = m.hits;
      }
    }
    process.stderr.write(
      `  section 1: run ${run + 1}/${RUNS} done (${((performance.now() - began) / 1000).toFixed(0)} s)\n`,
    );
  }

  console.log('\n== 1–2. Floor vs engine vs mark.js (dossier aliases) ==');
  console.log(
    'floor = TreeWalker(SHOW_TEXT) reading every text node · engine = new MentionEngine(...).scanDocument(body) until it\n' +
      'resolves (how the content script starts a page; enqueue() is for mutations and waits a frame first): wall time\n' +
      'including its yields and the frames the page renders in between; matcher loaded beforehand; real HighlightPainter.\n' +
      'Floor and engine each run first thing on their own fresh load of the page, after two frames (cold: they create the\n' +
      'JS wrappers of the nodes they touch, as a content script does). engine hits = painted mentions, after the page\n' +
      'rules (context-tier names need a core/related mention on the page, surnames their full name); raw = matcher hits\n' +
      "before those rules. mark.js 8.11 runs after the engine on the engine's load, with the same alias texts:\n" +
      'separateWordSearch false, accuracy "exactly" + punctuation limiters (≈ word boundaries), acrossElements false,\n' +
      'diacritics false, caseSensitive false for every term (mark.js has no per-term case, so IMET also matches "imet").',
  );
  const rows1: string[][] = [];
  for (const p of pages) {
    const r = results.get(p.name)!;
    const floor = median(r.floor);
    const eng = median(r.engine);
    const mk = median(r.markjs);
    rows1.push([
      p.name,
      int(r.nodes),
      `${(r.chars / 1e6).toFixed(2)} M`,
      ms(floor),
      ms(eng),
      r.markjs.length === 0 ? 'skipped' : ms(mk) + (r.markjs.length === 1 && RUNS > 1 ? ' (1 run)' : ''),
      ratio(eng / floor),
      r.markjs.length ? ratio(mk / eng) : '–',
      int(r.painted),
      int(r.raw),
      r.markjs.length ? int(r.markHits) : '–',
    ]);
  }
  console.log(
    table(
      [
        'page',
        'text nodes',
        'chars',
        'floor',
        'engine',
        'mark.js',
        'engine/floor',
        'mark.js/engine',
        'engine hits',
        'raw',
        'mark.js hits',
      ],
      rows1,
    ),
  );
  for (const p of pages) {
    const r = results.get(p.name)!;
    if (r.markjs.length === 1 && RUNS > 1)
      console.log(`mark.js took ${ms(r.markjs[0]!)} on ${p.name} (> ${MARKJS_ONCE_MS / 1000} s): run once there.`);
  }
  console.log(
    `The dossier's matcher: compileMatcherData (the background's share, once per alias set; Node) ${ms(dossierMatcher.compileMs.first)} first, ` +
      `${ms(dossierMatcher.compileMs.median)} median · loadMatcher on a fresh page (the page's share, before every scan above, ` +
      `not in its time; the message's JSON parsed and loaded) median ${ms(median(loadMs))}`,
  );
  const realRatios = pages
    .filter((p) => p.real)
    .map((p) => median(results.get(p.name)!.engine) / median(results.get(p.name)!.floor));
  const genR = results.get(GENERATED)!;
  const genRatio = median(genR.engine) / median(genR.floor);
  const markRatios = pages
    .filter((p) => results.get(p.name)!.markjs.length > 0)
    .map((p) => median(results.get(p.name)!.markjs) / median(results.get(p.name)!.engine));
  console.log(
    `targets: engine/floor ≤ ${TARGETS.engineFloorReal}× on every real page: worst ${ratio(Math.max(...realRatios))} → ${met(Math.max(...realRatios) <= TARGETS.engineFloorReal)}` +
      ` · ≤ ${TARGETS.engineFloorGenerated}× on 5 MB: ${ratio(genRatio)} → ${met(genRatio <= TARGETS.engineFloorGenerated)}` +
      ` · mark.js/engine ≥ ${TARGETS.markjsEngine}×: worst ${ratio(Math.min(...markRatios))} → ${met(Math.min(...markRatios) >= TARGETS.markjsEngine)}`,
  );

  // ---- Section 3: scaling ---------------------------------------------------------------------------------
  const largest = REAL_PAGES[0]!;
  const scalePages = pages.filter((p) => p.name === largest || p.name === GENERATED);
  const scale = new Map<string, { ms: number[]; busy: number[]; painted: number; load: number[] }>();
  const scalingMatchers = new Map(SCALING.map((s) => [s.key, prepared(s.key, s.entities)]));
  for (let run = 0; run < RUNS; run++) {
    for (const p of scalePages) {
      const order = SCALING.map((_, i) => SCALING[(i + run) % SCALING.length]!); // rotated: no set always goes first
      for (const s of order) {
        // A fresh load per set: every measurement is a first walk, like section 1.
        await load(p.url, false);
        const c = await api(
          (m: Prepared) => window.__inContextBench.prepare(m.key, m.json, m.tiers),
          scalingMatchers.get(s.key)!,
        );
        const e = await api((key: string) => window.__inContextBench.engine(key), s.key);
        const slot = scale.get(`${p.name}/${s.key}`) ?? { ms: [], busy: [], painted: 0, load: [] };
        slot.load.push(c.ms);
        slot.ms.push(e.ms);
        slot.busy.push(e.sliceMs);
        slot.painted = e.painted;
        scale.set(`${p.name}/${s.key}`, slot);
      }
    }
    process.stderr.write(
      `  section 3: run ${run + 1}/${RUNS} done (${((performance.now() - began) / 1000).toFixed(0)} s)\n`,
    );
  }
  console.log('\n== 3. Scaling with the number of aliases (engine scan + paint; fresh load per measurement) ==');
  console.log(
    `Alias sets: dossier (${aliasCount(DOSSIER)}), dossier + syntheticEntities up to ${SCALING.slice(1)
      .map((s) => aliasCount(s.entities).toLocaleString('en'))
      .join(' and ')} (aliases + false friends; the matcher loaded beforehand, untimed).\n` +
      "wall = scanDocument until it resolves; busy = sum of its slices (the engine's own main-thread time, without the\n" +
      'frames the page renders between slices). The generated page also names people from the synthetic name pools, so\n' +
      'bigger sets find more there.',
  );
  const rows3: string[][] = [];
  const scaleRatios: { page: string; wall: number; busy: number }[] = [];
  for (const p of scalePages) {
    const cells = SCALING.map((s) => scale.get(`${p.name}/${s.key}`)!);
    const wall = median(cells[2]!.ms) / median(cells[0]!.ms);
    const busy = median(cells[2]!.busy) / median(cells[0]!.busy);
    scaleRatios.push({ page: p.name, wall, busy });
    rows3.push([
      p.name,
      ...cells.map((c) => `${ms(median(c.ms))} / ${ms(median(c.busy))} / ${int(c.painted)}`),
      `${ms(scalingMatchers.get(SCALING[2]!.key)!.compileMs.median)} / ${ms(median(cells[2]!.load))}`,
      `${ratio(wall)} / ${ratio(busy)}`,
    ]);
  }
  console.log(
    table(
      [
        'page',
        ...SCALING.map((s) => `${s.label}: wall / busy / hits`),
        '20k: compile (Node) / load',
        '20k/100 wall / busy',
      ],
      rows3,
    ),
  );
  console.log(
    `targets: 20k ≤ ${TARGETS.scaling}× 100 aliases: ${scaleRatios
      .map(
        (s) =>
          `${s.page} wall ${ratio(s.wall)} → ${met(s.wall <= TARGETS.scaling)}, busy ${ratio(s.busy)} → ${met(s.busy <= TARGETS.scaling)}`,
      )
      .join(' · ')}`,
  );

  // ---- Section 4: slices ------------------------------------------------------------------------------------
  console.log('\n== 4. Main-thread slices of the engine (from section 1 runs; SLICE_MS budget = 4 ms) ==');
  const rows4 = pages.map((p) => {
    const r = results.get(p.name)!;
    return [
      p.name,
      ms(Math.max(...r.maxSlice)),
      ms(median(r.maxSlice)),
      int(median(r.slices)),
      `${r.over8.reduce((a, b) => a + b, 0)} / ${r.slices.reduce((a, b) => a + b, 0)}`,
      ms(median(r.sliceSum)),
      ms(median(r.engine)),
    ];
  });
  console.log(
    table(
      [
        'page',
        'longest slice (all runs)',
        'longest (median run)',
        'slices',
        '> 8 ms (all runs)',
        'sum of slices',
        'wall',
      ],
      rows4,
    ),
  );
  const worstSlice = Math.max(...pages.flatMap((p) => results.get(p.name)!.maxSlice));
  console.log(
    `targets: no slice > ${TARGETS.sliceMs} ms: longest ${ms(worstSlice)} → ${met(worstSlice <= TARGETS.sliceMs)}`,
  );

  // ---- Breakdown (diagnostic) --------------------------------------------------------------------------------
  console.log(
    '\n== Breakdown (diagnostic: warm DOM, i.e. after a first walk; one load per page; dossier aliases; medians) ==',
  );
  console.log(
    "floor · old walk = BlockWalker before this benchmark's optimisation (tests/bench/textBlocksReference.ts) · walk =\n" +
      'current BlockWalker alone, every block · filtered = the same as the engine walks it: only blocks the anchor filter\n' +
      'flags (lib/core/anchorFilter.ts) · +find = full walk + matcher.find per block · ranges = locate + new StaticRange per\n' +
      'raw hit · H.add = Highlight.add of those · unsliced = whole engine in one slice · sliced = engine as it runs (4 ms\n' +
      'slices, page frames in between) · flagged = blocks the filtered walk emits · same blocks = current BlockWalker emits\n' +
      "exactly the reference's blocks on this page",
  );
  const rows5: string[][] = [];
  for (const p of pages) {
    await load(p.url, false);
    const same = await api(() => window.__inContextBench.sameBlocks());
    await api((m: Prepared) => window.__inContextBench.prepare(m.key, m.json, m.tiers), dossierMatcher);
    const runs: Breakdown[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await api(() => window.__inContextBench.breakdown('dossier')));
    const m = (k: keyof Breakdown) => median(runs.map((x) => x[k]));
    rows5.push([
      p.name,
      ms(m('floor')),
      ms(m('walkReference')),
      ms(m('walk')),
      ms(m('walkFiltered')),
      ms(m('walkFind')),
      ms(m('ranges')),
      ms(m('highlightAdd')),
      ms(m('engineUnsliced')),
      ms(m('engineSliced')),
      int(m('blocks')),
      int(m('flagged')),
      int(m('rawHits')),
      same.identical ? 'yes' : `NO: ${same.firstDifference}`,
    ]);
  }
  process.stderr.write(`  breakdown done (${((performance.now() - began) / 1000).toFixed(0)} s)\n`);
  console.log(
    table(
      [
        'page',
        'floor',
        'old walk',
        'walk',
        'filtered',
        '+find',
        'ranges',
        'H.add',
        'unsliced',
        'sliced',
        'blocks',
        'flagged',
        'raw hits',
        'same blocks',
      ],
      rows5,
    ),
  );

  await browser.close();
  await server.close();

  // ---- Section 5: content script size ------------------------------------------------------------------------
  console.log('\n== 5. Content script size (gzip -9) ==');
  const contentJs = resolve(chromeBuildDir, 'page-script.js');
  if (flag('--build') || !existsSync(contentJs)) {
    try {
      execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: 'ignore' });
    } catch (err) {
      console.log(`wxt build failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const sizes: { file: string; raw: number; gz: number; when: string }[] = [];
  for (const file of ['page-script.js', 'page-engine.js', 'card-ui.js']) {
    const path = resolve(chromeBuildDir, file);
    if (!existsSync(path)) {
      console.log(`${file}: missing`);
      continue;
    }
    const buf = readFileSync(path);
    sizes.push({
      file,
      raw: buf.length,
      gz: gzipSync(buf, { level: 9 }).length,
      when: statSync(path).mtime.toISOString().slice(0, 16).replace('T', ' '),
    });
  }
  console.log(
    table(
      ['file', 'bytes', 'gzip -9', 'built'],
      sizes.map((s) => [s.file, int(s.raw), `${(s.gz / 1024).toFixed(1)} KB`, s.when]),
    ),
  );
  // Both stages are content scripts: the first runs on every page, the engine on pages with an anchor.
  for (const content of sizes.filter((s) => s.file !== 'card-ui.js')) {
    const kb = content.gz / 1024;
    console.log(
      `targets: ${content.file} ≤ ${TARGETS.contentGzipKb} KB gzip: ${kb.toFixed(1)} KB → ${met(kb <= TARGETS.contentGzipKb)}`,
    );
  }
  console.log(
    '(page-engine.js is injected only into documents with an anchor, card-ui.js only into pages with mentions)',
  );

  console.log(
    `\nBlocked ${blocked} requests to anything but ${server.origin}. Total time ${((performance.now() - began) / 1000).toFixed(0)} s.`,
  );
  if (pageErrors.length) console.log(pageErrors.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
