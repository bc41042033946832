/**
 * How often a page may have the background open an extension tab ("Search all facts" in a card). The card only
 * asks after a trusted click, but the tab opens in the background's hands, so it keeps its own count too: a page
 * that found a way to click for the reader still cannot open tab after tab.
 */
export class OpenSearchLimiter {
  private readonly lastBySender = new Map<number | undefined, number>();
  private recent: number[] = [];

  constructor(
    /** Least time between two tabs opened from one tab. */
    private readonly perSenderMs = 2000,
    /** At most this many tabs per minute, from all tabs together. */
    private readonly perMinute = 5,
  ) {}

  /** Whether a tab may open now for a request from `senderTabId`; counts it if so. */
  allow(senderTabId: number | undefined, now: number): boolean {
    const last = this.lastBySender.get(senderTabId);
    if (last !== undefined && now - last < this.perSenderMs) return false;
    this.recent = this.recent.filter((t) => now - t < 60_000);
    if (this.recent.length >= this.perMinute) return false;
    this.recent.push(now);
    this.lastBySender.set(senderTabId, now);
    return true;
  }
}
