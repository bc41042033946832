/**
 * The toolbar badge counts the mentions of every frame of a tab (the top document and its same-origin frames).
 * Each frame reports its own count; this keeps them per tab and frame and gives the sum. The counts live in
 * `storage.session`, not in memory: an MV3 service worker (or Firefox's event page) is stopped when idle, and a
 * frame that reports after a restart must not wipe what the others reported before it. The popup reads the same
 * entry to learn which frames have mentions to list.
 */

/**
 * Whether a tab's top page is about the story, for its frames (a frame is part of the page the reader sees, so
 * its context-tier names show when the top page is about the story). Kept per tab in `storage.session` for the same
 * reason as the counts. `url` is the top page's address (without its fragment) the state belongs to, so a frame of
 * the next page that asks before that page's top frame has started does not inherit the last page's state; `frames`
 * says that a frame asked, so the top page's opening is worth telling the tab (a page without frames costs nothing).
 */
export interface TopPageState {
  url: string;
  opened: boolean;
  frames: boolean;
}

/** The storage key of one tab's top page state. */
export function topPageKey(tabId: number): string {
  return `topPage:${tabId}`;
}

/** A stored entry, or nothing for a missing or malformed one. */
export function readTopPage(stored: unknown): TopPageState | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { url, opened, frames } = stored as Record<string, unknown>;
  return typeof url === 'string' && typeof opened === 'boolean' && typeof frames === 'boolean'
    ? { url, opened, frames }
    : undefined;
}

/** A page's address as the state is keyed: an in-page link (a new fragment) is the same page. */
function pageAddress(url: string | undefined): string {
  return (url ?? '').replace(/#.*$/s, '');
}

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

  /**
   * The top frame of a new document (or one that starts again with other tiers) asks for its matcher: its page is
   * not about the story until it says so. A frame of the same page may have asked first; it stays recorded.
   */
  topStarted(tabId: number, url: string | undefined): Promise<void> {
    return this.queue(async () => {
      const key = topPageKey(tabId);
      const state = readTopPage((await this.area.get(key))[key]);
      if (state === undefined) return;
      const address = pageAddress(url);
      if (state.url !== address) await this.area.remove(key);
      else if (state.opened) await this.area.set({ [key]: { ...state, opened: false } });
    });
  }

  /** A frame asks for its matcher: is its top page (the tab's address) about the story already? */
  frameStarted(tabId: number, topUrl: string | undefined): Promise<boolean> {
    return this.queue(async () => {
      const key = topPageKey(tabId);
      const address = pageAddress(topUrl);
      const stored = readTopPage((await this.area.get(key))[key]);
      const state = stored?.url === address ? stored : { url: address, opened: false, frames: false };
      if (!state.frames || state !== stored) await this.area.set({ [key]: { ...state, frames: true } });
      return state.opened;
    });
  }

  /**
   * The top frame reports that its page is about the story. Returns whether the tab's frames should be told now: the
   * page was not open yet and a frame has asked (an SPA's new address keeps the frames that asked under the old one).
   */
  topOpened(tabId: number, url: string | undefined): Promise<boolean> {
    return this.queue(async () => {
      const key = topPageKey(tabId);
      const address = pageAddress(url);
      const stored = readTopPage((await this.area.get(key))[key]);
      if (stored?.url === address && stored.opened) return false;
      const frames = stored?.frames ?? false;
      await this.area.set({ [key]: { url: address, opened: true, frames } });
      return frames;
    });
  }

  /** Forgets a closed tab. */
  drop(tabId: number): Promise<void> {
    return this.queue(async () => {
      await this.area.remove(frameCountsKey(tabId));
      await this.area.remove(topPageKey(tabId));
    });
  }

  private queue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.chain.then(step);
    // A failed step (storage unavailable) must not block the ones after it.
    this.chain = next.catch(() => undefined);
    return next;
  }
}
