/**
 * Page-level decisions about alias hits. Pure and stateful per page: feed candidates in document order.
 *
 * - A `needsFullName` candidate (surname, title + surname) is accepted only if a full-name (non-needsFullName)
 *   mention of the same entity was accepted earlier; otherwise it is rejected, not held.
 * - A context-tier candidate is held until some core or related entity has been accepted, then released in
 *   order. Afterwards context candidates are accepted at once.
 * - A context-tier surname needs both: its full name must have come earlier (accepted, or held and released
 *   together with it) and a core/related entity must have been accepted.
 * - Candidates of unknown entities (tierOf → undefined) are rejected.
 * - `forget` drops held refs only: an entity whose full name was seen (accepted or held) stays "seen" for the
 *   page, even if that text later leaves the page (a surname further down still refers to the same person).
 *   `reset` forgets everything.
 */
export interface Candidate<T> {
  entityId: string;
  needsFullName: boolean;
  ref: T;
}

type Tier = 'core' | 'related' | 'context';

export class MentionResolver<T> {
  /** Entities with an accepted full-name mention. */
  private readonly fullNameSeen = new Set<string>();
  /** Context entities with a held full-name mention. */
  private readonly fullNameHeld = new Set<string>();
  private isAnchored = false;
  private held: Candidate<T>[] = [];

  constructor(private readonly tierOf: (entityId: string) => Tier | undefined) {}

  /** Has a core or related entity been accepted on this page (so context-tier names are accepted at once)? */
  get anchored(): boolean {
    return this.isAnchored;
  }

  /**
   * Feed candidates in document order. Returns refs accepted now, including context-tier refs held earlier that
   * become acceptable because a core/related entity has now been accepted (those come first: they are earlier
   * in the document).
   */
  add(candidates: readonly Candidate<T>[]): T[] {
    const accepted: T[] = [];
    for (const c of candidates) {
      const tier = this.tierOf(c.entityId);
      if (tier === undefined) continue;
      if (c.needsFullName && !this.fullNameSeen.has(c.entityId)) {
        if (!(tier === 'context' && !this.isAnchored && this.fullNameHeld.has(c.entityId))) continue;
      }
      if (tier === 'context' && !this.isAnchored) {
        this.held.push(c);
        if (!c.needsFullName) this.fullNameHeld.add(c.entityId);
        continue;
      }
      if (tier !== 'context' && !this.isAnchored) {
        this.isAnchored = true;
        for (const h of this.held) {
          accepted.push(h.ref);
          if (!h.needsFullName) this.fullNameSeen.add(h.entityId);
        }
        this.held = [];
        this.fullNameHeld.clear();
      }
      accepted.push(c.ref);
      if (!c.needsFullName) this.fullNameSeen.add(c.entityId);
    }
    return accepted;
  }

  /** Drop held refs (e.g. their text left the page). */
  forget(predicate: (ref: T) => boolean): void {
    if (this.held.length === 0) return;
    this.held = this.held.filter((h) => !predicate(h.ref));
  }

  /** SPA navigation: forget everything. */
  reset(): void {
    this.fullNameSeen.clear();
    this.fullNameHeld.clear();
    this.isAnchored = false;
    this.held = [];
  }
}
