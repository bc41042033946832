/**
 * Runs long work in slices of a few milliseconds and yields to the page between them, so scanning a
 * huge page never blocks input for long.
 */
export const SLICE_MS = 4;

/**
 * The most a slice may take, in every browser: the target tests/bench holds the engine to. SLICE_MS leaves the
 * headroom between the two for the work between two looks at the clock and a garbage collection landing in a slice.
 */
export const SLICE_BUDGET_MS = 8;

let channel: MessageChannel | undefined;
const waiting: Array<() => void> = [];

/**
 * `scheduler.yield()` (Chromium 129+) where the browser has it: input and rendering still go first, but the scan
 * resumes ahead of the page's own queued tasks instead of behind them, so a scan of a few slices is not stretched
 * by the page's timers (measured with tests/bench: a shorter wall time for the same slices, see docs/performance.md).
 */
function schedulerYield(): Promise<void> | undefined {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof s?.yield === 'function' ? s.yield() : undefined;
}

export function yieldToPage(): Promise<void> {
  // Looked up at each call, not when the module loads: the page script's first stage imports this module's constants
  // (through textBlocks.ts) and must not run anything for them.
  const yielded = schedulerYield();
  if (yielded) return yielded;
  // Elsewhere a MessageChannel post: a task without setTimeout's 4 ms clamp.
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}

/**
 * Calls `step(deadline)` until it returns false, yielding between slices. `step` must return by the
 * deadline (roughly) and report whether work remains. `onSlice` sees each slice's duration (for the benchmark).
 */
export async function runInSlices(
  step: (deadline: number) => boolean,
  options: { sliceMs?: number; onSlice?: (ms: number) => void; isCancelled?: () => boolean } = {},
): Promise<void> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  for (;;) {
    if (options.isCancelled?.()) return;
    const start = performance.now();
    const more = step(start + sliceMs);
    options.onSlice?.(performance.now() - start);
    if (!more) return;
    await yieldToPage();
  }
}
