/**
 * Runs long work in slices of a few milliseconds and yields to the page between them, so scanning a
 * huge page never blocks input for long. A MessageChannel post yields without setTimeout's 4 ms clamp.
 */
export const SLICE_MS = 4;

let channel: MessageChannel | undefined;
const waiting: Array<() => void> = [];

export function yieldToPage(): Promise<void> {
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
