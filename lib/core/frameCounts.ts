/**
 * The toolbar badge counts the mentions of every frame of a tab (the top document and its same-origin frames).
 * Each frame reports its own count; this keeps them per tab and frame and gives the sum. The counts live in
 * `storage.session`, not in memory: an MV3 service worker (or Firefox's event page) is stopped when idle, and a
 * frame that reports after a restart must not wipe what the others reported before it. The popup reads the same
 * entry to learn which frames have mentions to list.
 */

/** frameId → that frame's mention count; frames at 0 are left out. */
export type FrameCounts = Record<string, number>;

/** The part of `storage.session` used here (an object in tests). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The storage key of one tab's counts. */
export function frameCountsKey(tabId: number): string {
  return `frameCounts:${tabId}`;
}

/** A stored entry, or nothing for a missing or malformed one. */
export function readFrameCounts(stored: unknown): FrameCounts {
  if (typeof stored !== 'object' || stored === null) return {};
  const counts: FrameCounts = {};
  for (const [frame, n] of Object.entries(stored)) if (typeof n === 'number' && n > 0) counts[frame] = n;
  return counts;
}

/** The frames that have mentions, top frame (0) first, then by id. */
export function framesWithMentions(counts: FrameCounts): number[] {
  return Object.keys(counts)
    .map(Number)
    .sort((a, b) => a - b);
}

export function totalOf(counts: FrameCounts): number {
  let total = 0;
  for (const n of Object.values(counts)) total += n;
  return total;
}

export class FrameCountBook {
  /**
   * Every change is a read-modify-write of one storage entry; two frames reporting at once would otherwise both read
   * the old entry and the second write would lose the first frame's count. One chain serialises them (and the badge
   * updates they drive, so the badge never goes back to an older sum).
   */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly area: SessionArea) {}

  /** Records `count` for one frame and hands the tab's new total to `apply` (in report order). */
  report(tabId: number, frameId: number, count: number, apply: (total: number) => Promise<void>): Promise<number> {
    return this.queue(async () => {
      const key = frameCountsKey(tabId);
      const counts = readFrameCounts((await this.area.get(key))[key]);
      const before = counts[frameId] ?? 0;
      if (count > 0) counts[frameId] = count;
      else delete counts[frameId];
      if (before !== count) {
        if (Object.keys(counts).length > 0) await this.area.set({ [key]: counts });
        else await this.area.remove(key);
      }
      const total = totalOf(counts);
      await apply(total);
      return total;
    });
  }

  /** Forgets a closed tab. */
  drop(tabId: number): Promise<void> {
    return this.queue(() => this.area.remove(frameCountsKey(tabId)));
  }

  private queue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.chain.then(step);
    // A failed step (storage unavailable) must not block the ones after it.
    this.chain = next.catch(() => undefined);
    return next;
  }
}
