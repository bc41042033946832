/**
 * The in-page half of the browser benchmark (tests/bench/run.ts bundles this file with esbuild as an IIFE and
 * injects it with page.addScriptTag). It exposes `window.__inContextBench`; every function measures in the page
 * and returns plain numbers. Nothing here asserts.
 *
 *   floor()             a bare TreeWalker(SHOW_TEXT) pass reading every text node's data
 *   prepare(key, json, tiers)  loads a matcher compiled in Node (as the background compiles it for the content script)
 *                       from its JSON, times parse + loadMatcher (the page's share; not in the callers'
 *                       measurements) and keeps it under `key`
 *   engine(key)         new MentionEngine(...).scanDocument(document.body) with a real HighlightPainter, wall time
 *                       until it resolves (yields included), painted ranges, slices
 *   markjs(terms)       mark.js (injected separately as window.Mark) marking the alias texts
 *   breakdown(key)      diagnostic, one repetition: the engine's pieces timed separately (full and filtered walk,
 *                       find, ranges, Highlight.add), the old walker, the engine unsliced and sliced
 *   sameBlocks()        the current BlockWalker vs the frozen reference copy: identical blocks?
 *   rawHits(key)        matcher hits over all blocks before the page-level rules
 *   walk(which)         one timed pass of the current or the reference BlockWalker (ad-hoc profiling)
 *   settle()            resolves after two rendered frames
 */
import { loadMatcher, type AliasHit, type Matcher, type MatcherData } from '../../lib/core/matcher';
import { HighlightPainter } from '../../lib/page/highlightPainter';
import { MentionEngine } from '../../lib/page/mentionEngine';
import { BlockWalker, locate, type TextBlock } from '../../lib/page/textBlocks';
import { BlockWalker as ReferenceBlockWalker } from './textBlocksReference';

type Tier = 'core' | 'related' | 'context';

interface Compiled {
  matcher: Matcher;
  tiers: Map<string, Tier>;
}

const compiled = new Map<string, Compiled>();

/** Collects garbage before a measurement when Chromium runs with --js-flags=--expose-gc. */
function collect(): void {
  (globalThis as unknown as { gc?: () => void }).gc?.();
}

/** `gc`: collect garbage first (fresh-load measurements); the warm breakdown skips it, as a full GC drops JS wrappers. */
function floor(gc = true): { ms: number; nodes: number; chars: number } {
  if (gc) collect();
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    chars += (node as Text).data.length;
    nodes++;
  }
  return { ms: performance.now() - t0, nodes, chars };
}

function prepare(key: string, json: string, tiers: [string, Tier][]): { ms: number } {
  const t0 = performance.now();
  // Timed with the parse: the content script gets the data as a message, which the page's thread parses.
  const matcher = loadMatcher(JSON.parse(json) as MatcherData);
  const ms = performance.now() - t0;
  compiled.set(key, { matcher, tiers: new Map(tiers) });
  return { ms };
}

function get(key: string): Compiled {
  const c = compiled.get(key);
  if (!c) throw new Error(`matcher ${key} not loaded`);
  return c;
}

/**
 * Starts the engine on the body the way the content script does at page start: scanDocument() where the engine
 * has it (it starts at once; enqueue() is for mutations and waits for the next frame first), else enqueue().
 */
function start(eng: MentionEngine): Promise<void> {
  const e = eng as MentionEngine & { scanDocument?: (root: Node) => Promise<void> };
  return typeof e.scanDocument === 'function' ? e.scanDocument(document.body) : eng.enqueue(document.body);
}

async function engine(
  key: string,
): Promise<{ ms: number; painted: number; slices: number; maxSlice: number; sliceMs: number; over8: number }> {
  const { matcher, tiers } = get(key);
  collect();
  const slices: number[] = [];
  const t0 = performance.now();
  const painter = new HighlightPainter('underline');
  const eng = new MentionEngine(matcher, (id) => tiers.get(id), painter, { onSlice: (ms) => slices.push(ms) });
  await start(eng);
  const ms = performance.now() - t0;
  // Both Highlights: the engine paints the widely known names in the faint one.
  const painted = painter.shown;
  eng.dispose();
  painter.dispose();
  return {
    ms,
    painted,
    slices: slices.length,
    maxSlice: Math.max(0, ...slices),
    sliceMs: slices.reduce((a, b) => a + b, 0),
    over8: slices.filter((x) => x > 8).length,
  };
}

interface MarkOptions {
  separateWordSearch: boolean;
  accuracy: string | { value: string; limiters: string[] };
  acrossElements: boolean;
  caseSensitive: boolean;
  diacritics: boolean;
  done: (count: number) => void;
}
declare const Mark: new (ctx: Element) => { mark(terms: string[], options: MarkOptions): void };

/** ASCII and common Unicode punctuation: mark.js's "exactly" accuracy treats these like whitespace around a term. */
const LIMITERS = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~¡¿«»‘’“”‚„‹›–—…•·'];

function markjs(terms: string[]): { ms: number; hits: number } {
  collect();
  let hits = -1;
  const t0 = performance.now();
  // Synchronous without iframes: done() runs before mark() returns.
  new Mark(document.body).mark(terms, {
    separateWordSearch: false,
    accuracy: { value: 'exactly', limiters: LIMITERS },
    acrossElements: false,
    caseSensitive: false,
    diacritics: false,
    done: (count) => (hits = count),
  });
  return { ms: performance.now() - t0, hits };
}

/** Runs a BlockWalker over the body in one go (no time budget). */
function walkAll(
  W: new (root: Node, emit: (block: TextBlock) => void) => { next(deadline: number): boolean },
  emit: (block: TextBlock) => void,
): void {
  new W(document.body, emit).next(Infinity);
}

/** Hits of the matcher over all blocks, before the page-level rules (the resolver) decide. */
function rawHits(key: string): number {
  const { matcher } = get(key);
  let n = 0;
  walkAll(BlockWalker, (block) => (n += matcher.find(block.text).length));
  return n;
}

/** One timed walk over the body with the current or the reference BlockWalker (for ad-hoc profiling). */
function walk(which: 'current' | 'reference'): { ms: number; blocks: number } {
  let blocks = 0;
  const ms = timed(() => walkAll(which === 'current' ? BlockWalker : ReferenceBlockWalker, () => blocks++));
  return { ms, blocks };
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export interface Breakdown {
  floor: number;
  /** The pre-optimisation BlockWalker (tests/bench/textBlocksReference.ts) alone. */
  walkReference: number;
  /** The current BlockWalker alone, every block (emit does nothing). */
  walk: number;
  /** The same, filtered as the engine walks: only blocks the anchor filter flags. */
  walkFiltered: number;
  /** BlockWalker + matcher.find on every block. */
  walkFind: number;
  /** locate + new StaticRange for every raw hit. */
  ranges: number;
  /** Highlight.add of those ranges into a registered Highlight. */
  highlightAdd: number;
  /** The whole engine (resolver, bookkeeping, painting) in one slice: no yields. */
  engineUnsliced: number;
  /** The engine as it runs (4 ms slices, real painter). */
  engineSliced: number;
  blocks: number;
  /** Blocks the filtered walk emits. */
  flagged: number;
  rawHits: number;
}

/** One repetition of every diagnostic measurement (warm: the page has been walked before). */
async function breakdown(key: string): Promise<Breakdown> {
  const { matcher, tiers } = get(key);
  const floorMs = floor(false).ms;
  let blocks = 0;
  const walkReference = timed(() => walkAll(ReferenceBlockWalker, () => blocks++));
  blocks = 0;
  const walk = timed(() => walkAll(BlockWalker, () => blocks++));
  let flagged = 0;
  const walkFiltered = timed(() =>
    new BlockWalker(document.body, () => flagged++, { anchors: matcher.anchors }).next(Infinity),
  );

  const found: { block: TextBlock; hits: AliasHit[] }[] = [];
  const walkFind = timed(() =>
    walkAll(BlockWalker, (block) => {
      const hits = matcher.find(block.text);
      if (hits.length > 0) found.push({ block, hits });
    }),
  );

  const ranges: StaticRange[] = [];
  const rangesMs = timed(() => {
    for (const { block, hits } of found) {
      for (const hit of hits) {
        const start = locate(block, hit.start, false);
        const end = locate(block, hit.end, true);
        ranges.push(
          new StaticRange({
            startContainer: start.node,
            startOffset: start.offset,
            endContainer: end.node,
            endOffset: end.offset,
          }),
        );
      }
    }
  });

  const highlight = new Highlight();
  CSS.highlights.set('incontext-bench', highlight);
  const highlightAdd = timed(() => {
    for (const r of ranges) highlight.add(r);
  });
  CSS.highlights.delete('incontext-bench');
  highlight.clear();
  await nextFrame();

  const tierOf = (id: string) => tiers.get(id);
  let painter = new HighlightPainter('underline');
  let eng = new MentionEngine(matcher, tierOf, painter, { sliceMs: 1e9 });
  // With a 1e9 ms slice the first slice does everything synchronously inside scanDocument().
  const engineUnsliced = timed(() => void start(eng));
  eng.dispose();
  painter.dispose();
  await nextFrame();

  painter = new HighlightPainter('underline');
  eng = new MentionEngine(matcher, tierOf, painter);
  const t0 = performance.now();
  await start(eng);
  const engineSliced = performance.now() - t0;
  eng.dispose();
  painter.dispose();
  await nextFrame();

  return {
    floor: floorMs,
    walkReference,
    walk,
    walkFiltered,
    walkFind,
    ranges: rangesMs,
    highlightAdd,
    engineUnsliced,
    engineSliced,
    blocks,
    flagged,
    rawHits: ranges.length,
  };
}

/** Resolves after the next rendered frame (lets the page paint whatever the last measurement changed). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Both walkers over the body: same blocks (text and nodes)? Returns the first difference, if any. */
function sameBlocks(): { blocks: number; identical: boolean; firstDifference?: string } {
  const mine: TextBlock[] = [];
  const ref: TextBlock[] = [];
  // Small deadlines so the resumable path (many next() calls) is exercised too.
  const a = new BlockWalker(document.body, (b) => mine.push(b));
  while (a.next(performance.now() + 0.05));
  const b = new ReferenceBlockWalker(document.body, (x) => ref.push(x));
  while (b.next(performance.now() + 0.05));
  const n = Math.max(mine.length, ref.length);
  for (let i = 0; i < n; i++) {
    const x = mine[i];
    const y = ref[i];
    const same =
      x !== undefined &&
      y !== undefined &&
      x.text === y.text &&
      x.nodes.length === y.nodes.length &&
      x.nodes.every((node, j) => node === y.nodes[j] && x.starts[j] === y.starts[j]);
    if (!same) {
      const show = (t?: TextBlock) =>
        t ? JSON.stringify(t.text.slice(0, 80)) + ` (${t.nodes.length} nodes)` : 'nothing';
      return {
        blocks: ref.length,
        identical: false,
        firstDifference: `block ${i}: now ${show(x)}, reference ${show(y)}`,
      };
    }
  }
  return { blocks: ref.length, identical: true };
}

(window as unknown as { __inContextBench: unknown }).__inContextBench = {
  floor,
  prepare,
  engine,
  markjs,
  breakdown,
  sameBlocks,
  walk,
  rawHits,
  settle: () => nextFrame().then(nextFrame),
};
