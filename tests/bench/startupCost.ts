/**
 * Start-up cost of the content script on a page load, measured from outside with a Chromium trace (issue 18).
 * Run: `npx tsx tests/bench/startupCost.ts [--runs 9] [--pages yahoo-2,nytimes-4,guardian-1] [--ext dir]
 * [--keep-traces dir]`. It builds nothing: it expects `.output/chrome-mv3` (run `npm run build` first), or the
 * directory given with `--ext`.
 *
 * Beside InContext it generates a "floor" extension whose only content script (document_idle) walks every text
 * node with a TreeWalker and sums their lengths: the least any extension that reads the page can cost (the
 * issue's floor, in the top document only), and a second floor that does the same in every frame (all_frames), as
 * InContext reads same-origin frames too. Each extension gets its own persistent context (one browser each) and the
 * page loads go round them, in alternating order, so machine noise lands on all. Every load is a fresh tab traced from navigation to load + 1.5 s, which includes
 * the idle-time work after load (document_idle injection, the matcher round trip, the scan, timers).
 *
 * What counts (as in /work/shared/TOOLCHAIN.md): complete events on the page's renderer main thread (the
 * CrRendererMain with the most RunTask time) whose url, scriptName or first stack frame is chrome-extension://.
 * Only the outermost such event counts, so an EvaluateScript is not added to the v8.compile inside it, nor a
 * TimerFire to its FunctionCall. The promise continuations after an await (settings read, matcher reply) run as
 * microtask checkpoints that carry no URL: they are reported apart, as "orphan microtasks" (checkpoints at task
 * level, not inside any script event), for both extensions; the floor has no async work, so its figure is the
 * page's own share.
 *
 * A benchmark, not a test: it prints and always exits 0.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { withExtension } from '../support/chromiumFlags';
import { chromeBuildDir, chromiumBin } from '../support/paths';
import { startStaticServer, type StaticServer } from '../support/staticServer';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: Record<string, unknown> & { url?: string; scriptName?: string; stackTrace?: { url?: string }[] };
  };
}

interface Load {
  /** Outermost extension-attributed script time on the main thread, ms. */
  scriptMs: number;
  /** Task-level microtask checkpoints (no URL: see the header). */
  orphanMicrotasksMs: number;
  /** Outermost attributed events by name, by script path and by frame (top or sub). */
  byName: Map<string, number>;
  byScript: Map<string, number>;
  byFrame: Map<string, number>;
  /** V8 and Blink work nested in the attributed events (compile, context creation, lazy compile). */
  inner: Map<string, number>;
  /** Extension-attributed time on other threads (the extension's own process, other renderers). */
  elsewhere: Map<string, number>;
}

const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'v8.compile',
  'v8.run',
  'v8.callFunction',
  'v8.evaluateModule',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'RunMicrotasks',
  'EventDispatch',
  'XHRReadyStateChange',
  'XHRLoad',
]);
/** Nested work worth naming in the breakdown; anything else inside an attributed event stays in its self time. */
const INNER_EVENTS = [
  'V8.ParseProgram',
  'V8.PreParse',
  'V8.CompileCode',
  'V8.ParseFunction',
  'LocalWindowProxy::Initialize',
  'V8.GC_SCAVENGER',
  'MinorGC',
  'MajorGC',
  'V8.GCScavenger',
  'UpdateLayoutTree',
  'Layout',
  'ParseHTML',
];

function parseArgs(argv: string[]) {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    runs: Math.max(1, Number(value('--runs') ?? 9) || 9),
    pages: (value('--pages') ?? 'yahoo-2,nytimes-4,guardian-1').split(',').filter(Boolean),
    ext: resolve(value('--ext') ?? chromeBuildDir),
    keepTraces: value('--keep-traces'),
  };
}

/**
 * The floor: one content script that reads every text node and nothing else; in the top document only (the issue's
 * floor) or, with `allFrames`, in every frame as InContext's does (same-origin frames are part of the page it reads).
 */
function writeFloorExtension(allFrames: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'incontext-floor-ext-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Floor: text walk',
      version: '1.0.0',
      content_scripts: [
        { matches: ['http://*/*', 'https://*/*'], js: ['walk.js'], run_at: 'document_idle', all_frames: allFrames },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'walk.js'),
    `(() => {
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += node.data.length;
  globalThis.floorChars = chars;
})();
`,
  );
  return dir;
}

async function launch(
  extDir: string,
  label: string,
  origin: string,
): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), `incontext-startup-${label}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumBin,
    headless: true,
    args: withExtension(extDir),
  });
  // The saved pages reference remote scripts, frames and images: failing each by DNS stretches a load to seconds.
  // Refused at once instead (the same for both extensions); remote frames then show an error page either way.
  await context.route('**/*', (route) =>
    route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient'),
  );
  // InContext's service worker must be up before the first load, or its start-up lands inside a measurement; the
  // floor has no background.
  if (existsSync(join(extDir, 'background.js')) && context.serviceWorkers().length === 0)
    await context.waitForEvent('serviceworker');
  return { context, profile };
}

async function traceLoad(context: BrowserContext, url: string): Promise<TraceEvent[]> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'v8',
        'v8.execute',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-v8.compile',
      ],
    },
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  // document_idle injection, the matcher round trip and any timers come after load.
  await page.waitForTimeout(1500);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  return events;
}

const urlOf = (e: TraceEvent): string => {
  const d = e.args?.data;
  return String(
    d?.url || d?.scriptName || d?.stackTrace?.[0]?.url || (e.args as { fileName?: string } | undefined)?.fileName || '',
  );
};
const isExtension = (e: TraceEvent) => urlOf(e).startsWith('chrome-extension://');
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/** Keeps the events not inside an earlier kept one (same thread); input sorted by start. */
function outermost(events: TraceEvent[]): TraceEvent[] {
  const kept: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of events) {
    if (e.ts < end) continue;
    kept.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return kept;
}

function analyse(events: TraceEvent[]): Load {
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const runTask = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && threadNames.get(key) === 'CrRendererMain')
      add(runTask, key, e.dur ?? 0);
  }
  const mainKey = [...runTask].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mainFrames = new Set<string>();
  for (const e of events) {
    const d = e.args?.data as { frame?: string; isOutermostMainFrame?: boolean } | undefined;
    if ((e.name === 'FrameCommittedInBrowser' || e.name === 'CommitLoad') && d?.isOutermostMainFrame && d.frame)
      mainFrames.add(d.frame);
  }

  const complete = events.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const onMain = complete.filter((e) => `${e.pid}:${e.tid}` === mainKey);
  const attributed = outermost(onMain.filter((e) => SCRIPT_EVENTS.has(e.name) && isExtension(e)));
  const load: Load = {
    scriptMs: 0,
    orphanMicrotasksMs: 0,
    byName: new Map(),
    byScript: new Map(),
    byFrame: new Map(),
    inner: new Map(),
    elsewhere: new Map(),
  };
  for (const e of attributed) {
    const ms = (e.dur ?? 0) / 1000;
    load.scriptMs += ms;
    add(load.byName, e.name, ms);
    add(load.byScript, new URL(urlOf(e)).pathname, ms);
    const frame = (e.args?.data as { frame?: string } | undefined)?.frame;
    add(load.byFrame, frame === undefined ? 'unknown frame' : mainFrames.has(frame) ? 'top frame' : 'subframes', ms);
    const end = e.ts + (e.dur ?? 0);
    for (const name of INNER_EVENTS) {
      // Outermost of each name only: ParseFunction nests in CompileCode, CompileCode in itself.
      const inside = outermost(
        onMain.filter((x) => x.name === name && x !== e && x.ts >= e.ts && x.ts + (x.dur ?? 0) <= end),
      );
      for (const x of inside) add(load.inner, name, (x.dur ?? 0) / 1000);
    }
  }
  // Checkpoints at task level: not nested in any script event of either world.
  const scriptSpans = outermost(onMain.filter((e) => SCRIPT_EVENTS.has(e.name) && e.name !== 'RunMicrotasks'));
  for (const e of onMain) {
    if (e.name !== 'RunMicrotasks') continue;
    if (scriptSpans.some((s) => s.ts <= e.ts && e.ts + (e.dur ?? 0) <= s.ts + (s.dur ?? 0))) continue;
    load.orphanMicrotasksMs += (e.dur ?? 0) / 1000;
  }
  const others = new Map<string, TraceEvent[]>();
  for (const e of complete) {
    const key = `${e.pid}:${e.tid}`;
    if (key === mainKey || !SCRIPT_EVENTS.has(e.name) || !isExtension(e)) continue;
    others.set(key, [...(others.get(key) ?? []), e]);
  }
  for (const [key, list] of others) {
    for (const e of outermost(list))
      add(load.elsewhere, `${threadNames.get(key) ?? key} ${new URL(urlOf(e)).pathname}`, (e.dur ?? 0) / 1000);
  }
  return load;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f = (x: number) => x.toFixed(1);
const range = (xs: number[]) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}

/** Median over loads of each key, keys in descending order. */
function breakdown(loads: Load[], pick: (l: Load) => Map<string, number>): [string, number][] {
  const keys = new Set(loads.flatMap((l) => [...pick(l).keys()]));
  return [...keys]
    .map((k): [string, number] => [k, median(loads.map((l) => pick(l).get(k) ?? 0))])
    .sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(options.ext, 'manifest.json'))) {
    console.log(`No extension build at ${options.ext}: run \`npm run build\` first (this benchmark builds nothing).`);
    return;
  }
  const floorDir = writeFloorExtension(false);
  const framesFloorDir = writeFloorExtension(true);
  const server: StaticServer = await startStaticServer();
  const subjects = [
    { label: 'floor', ...(await launch(floorDir, 'floor', server.origin)) },
    { label: 'framesFloor', ...(await launch(framesFloorDir, 'frames-floor', server.origin)) },
    { label: 'incontext', ...(await launch(options.ext, 'incontext', server.origin)) },
  ];
  const results = new Map<string, { floor: Load[]; framesFloor: Load[]; incontext: Load[] }>(
    options.pages.map((p) => [p, { floor: [], framesFloor: [], incontext: [] }]),
  );
  try {
    // One unrecorded load each: the first navigation of a profile (and InContext's first matcher compile in its
    // background) is not what a reader pays on every page.
    for (const s of subjects) await traceLoad(s.context, server.url(`/pages/${options.pages[0]}.html`));
    for (let run = 0; run < options.runs; run++) {
      for (const pageName of options.pages) {
        // Alternate which extension goes first, so neither always follows the other's load.
        const order = run % 2 === 0 ? subjects : [...subjects].reverse();
        for (const s of order) {
          const events = await traceLoad(s.context, server.url(`/pages/${pageName}.html`));
          if (options.keepTraces) mkdirSync(options.keepTraces, { recursive: true });
          if (options.keepTraces)
            writeFileSync(join(options.keepTraces, `${pageName}-${s.label}-${run}.json`), JSON.stringify(events));
          results.get(pageName)![s.label as 'floor' | 'framesFloor' | 'incontext'].push(analyse(events));
        }
      }
      process.stdout.write(`run ${run + 1}/${options.runs} done\n`);
    }
  } finally {
    for (const s of subjects) await s.context.close();
    await server.close();
    for (const s of subjects) rmSync(s.profile, { recursive: true, force: true });
    for (const dir of [floorDir, framesFloorDir]) rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `\nExtension script time on the page's main thread per load, ${options.runs} loads each (ms; median, min–max)`,
  );
  const rows = [
    [
      'page',
      'floor',
      'floor min–max',
      'InContext',
      'IC min–max',
      'ratio',
      '| orphan µtasks floor',
      'IC',
      'IC script+µtasks',
      'ratio',
      '| floor, every frame',
      'ratio',
    ],
  ];
  for (const [pageName, r] of results) {
    const fl = r.floor.map((l) => l.scriptMs);
    const ic = r.incontext.map((l) => l.scriptMs);
    const flAll = r.floor.map((l) => l.scriptMs + l.orphanMicrotasksMs);
    const icAll = r.incontext.map((l) => l.scriptMs + l.orphanMicrotasksMs);
    rows.push([
      pageName,
      f(median(fl)),
      range(fl),
      f(median(ic)),
      range(ic),
      `${(median(ic) / median(fl)).toFixed(2)}×`,
      `| ${f(median(r.floor.map((l) => l.orphanMicrotasksMs)))}`,
      f(median(r.incontext.map((l) => l.orphanMicrotasksMs))),
      f(median(icAll)),
      `${(median(icAll) / median(flAll)).toFixed(2)}×`,
      `| ${f(median(r.framesFloor.map((l) => l.scriptMs)))}`,
      `${(median(ic) / median(r.framesFloor.map((l) => l.scriptMs))).toFixed(2)}×`,
    ]);
  }
  console.log(table(rows));
  console.log(
    '(the second ratio compares script + orphan microtasks of both, see the header for what the microtask figure can include; the last, script time against a floor that also walks every same-origin frame, as InContext reads them)',
  );

  for (const [pageName, r] of results) {
    console.log(`\nInContext on ${pageName}, medians per load (ms):`);
    const sections: [string, (l: Load) => Map<string, number>][] = [
      ['by event', (l) => l.byName],
      ['by script', (l) => l.byScript],
      ['by frame', (l) => l.byFrame],
      ['nested in those events', (l) => l.inner],
      ['extension scripts on other threads', (l) => l.elsewhere],
    ];
    for (const [title, pick] of sections) {
      const items = breakdown(r.incontext, pick);
      console.log(
        `  ${title}: ${items.length ? items.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ') : 'none seen'}`,
      );
    }
    const floorInner = breakdown(r.floor, (l) => l.inner);
    console.log(`  floor, nested: ${floorInner.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ') || 'none'}`);
  }
  console.log(
    "\nbackground.js runs in the extension's service worker, outside the page's renderer: it shows above only if the trace reached that process.",
  );
}

main()
  .catch((error: unknown) => console.error('startupCost failed:', error))
  .finally(() => process.exit(0));
