/**
 * Page-level decisions about alias hits. Pure and stateful per page: feed candidates in document order.
 *
 * A page is "about the story" (opened) once a core or related entity is accepted through a full name or a cued
 * alias: the agreements and the story's people, never a surname alone and never a context-tier entity (see the
 * `tier` comment in data/schema.ts). Until then everything else is held, not rejected:
 * - A context-tier mention is held until the page is opened.
 * - A surname-only form (`needsFullName`, alias `afterFullName`) never opens a page. With `surname:
 *   'needs-full-name'` (the default) it also waits for one of the entity's full names anywhere on the page,
 *   before or after it (a headline "COAS Munir …" above "Asim Munir" in the body).
 * - An alias with `needsCue` waits for a cue (CueSchema): one of the entity's own full names or a cue entity
 *   anywhere on the page, or a cue phrase in its own block. A not-phrase in its block rejects it for good.
 * Held candidates are released, in the order they were fed (document order), as soon as they qualify; a full
 * name or cue counts as evidence even while its own mention is held (a context-tier "Mike Pompeo" waiting for
 * the page to open still cues an IMET).
 * - Candidates of unknown entities (tierOf → undefined) are rejected.
 * - `forget` drops held refs only: an entity whose full name was seen stays "seen" for the page, even if that text
 *   later leaves the page (a surname further down still refers to the same person). `reset` forgets everything.
 */
import type { Alias, Entity } from '../../data/schema';

export interface Candidate<T> {
  entityId: string;
  /** A surname-only form (the alias is `afterFullName`). */
  needsFullName: boolean;
  /** The page text matched: tells which of the entity's aliases it is, for the aliases PageRules know. */
  text?: string;
  /** The text of its block, where cue phrases are looked for (aliases with `needsCue` only). */
  context?: string;
  ref: T;
}

type Tier = 'core' | 'related' | 'context';

/** What the page rules need of an alias: `surname` and `needsCue` (data/schema.ts, AliasSchema). */
interface AliasRule {
  surname?: Alias['surname'];
  needsCue?: { entities: string[]; phrases: string[]; notPhrases: string[] };
}

/**
 * The aliases whose page-level rule is not the default, by entity and alias key (see aliasKey): plain JSON, so
 * the background can make it once and send it to every page with the matcher.
 */
export type PageRules = Record<string, Record<string, AliasRule>>;

const RE_INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/g;
const RE_NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * The same key for an alias and for any page text the matcher matched with it: lower case, words joined by one
 * space, invisible characters dropped ("Gen. Bajwa", "GEN  BAJWA" → "gen bajwa"). Acronyms need no case here: the
 * matcher has already compared them exactly.
 */
export function aliasKey(text: string): string {
  return text.replace(RE_INVISIBLE, '').toLowerCase().replace(RE_NOT_WORD, ' ').trim();
}

/** The rules of the aliases that have one (`surname`, `needsCue`). */
export function pageRulesOf(entities: readonly Pick<Entity, 'id' | 'aliases'>[]): PageRules {
  const rules: PageRules = {};
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      if (alias.surname === undefined && alias.needsCue === undefined) continue;
      const rule: AliasRule = {};
      if (alias.surname !== undefined) rule.surname = alias.surname;
      if (alias.needsCue !== undefined) {
        rule.needsCue = {
          entities: alias.needsCue.entities ?? [],
          phrases: alias.needsCue.phrases ?? [],
          notPhrases: alias.needsCue.notPhrases ?? [],
        };
      }
      (rules[entity.id] ??= {})[aliasKey(alias.text)] = rule;
    }
  }
  return rules;
}

/** A RegExp finding any of the phrases as whole words, case-insensitive, any whitespace between words. */
function phraseRegExp(phrases: readonly string[]): RegExp | null {
  if (phrases.length === 0) return null;
  const alternatives = phrases.map((p) =>
    p
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+'),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}\\p{M}])`, 'iu');
}

/** A fed candidate with what was worked out from it once (its text and block are not kept). */
interface Fed<T> {
  entityId: string;
  tier: Tier;
  ref: T;
  surname: boolean;
  /** Waits for one of the entity's full names (a surname with `surname: 'needs-full-name'`). */
  needsFullName: boolean;
  /** Needs a cue (alias `needsCue`): the cue entities; cued by a phrase in its block already? */
  cueEntities: readonly string[] | null;
  phraseCued: boolean;
}

export class MentionResolver<T> {
  /** Entities with a full name (or a cued alias) fed on this page, accepted or held. */
  private readonly established = new Set<string>();
  /** Entities whose `needsCue` aliases were said to be something else on this page (a not-phrase). */
  private readonly contradicted = new Set<string>();
  private isOpened = false;
  private held: Fed<T>[] = [];
  /**
   * Held candidates by the entity whose evidence could release them (their own entity, their cue entities). Once
   * the page is open, new evidence for an entity nobody waits on changes nothing held, and the held list is not
   * looked at: with thousands of aliases, most entities' first full name would otherwise walk every held candidate.
   */
  private readonly waitingOn = new Map<string, number>();
  /** The rule of a matched text, by entity and text (the same names recur through a page). */
  private readonly ruleCache = new Map<string, AliasRule | null>();
  private readonly phraseTests = new Map<AliasRule, { cue: RegExp | null; not: RegExp | null }>();

  constructor(
    private readonly tierOf: (entityId: string) => Tier | undefined,
    private readonly rules: PageRules = {},
  ) {}

  /** Is the page about the story: has a core or related entity been accepted (so context-tier names show at once)? */
  get anchored(): boolean {
    return this.isOpened;
  }

  /** Are candidates held (waiting for the page to open, a full name or a cue)? */
  get holding(): boolean {
    return this.held.length > 0;
  }

  /**
   * Is a held candidate waiting for a cue? Its cue may be a context-tier name, in text the engine set aside
   * (see MentionEngine.putAside), so it must not set such text aside meanwhile.
   */
  get awaitingCue(): boolean {
    return !this.isOpened && this.held.some((h) => h.cueEntities !== null && !this.cued(h));
  }

  /**
   * Feed candidates in document order. Returns refs accepted now: the candidate's own, and refs held earlier that
   * qualify now (those come first, in the order they were fed: they are earlier in the document).
   */
  add(candidates: readonly Candidate<T>[]): T[] {
    const accepted: T[] = [];
    for (const c of candidates) {
      const fed = this.feed(c);
      if (fed === null) continue;
      const changed = this.noteEvidence(fed);
      const accept = this.accepts(fed);
      const quiet = !changed || (this.isOpened && !this.waitingOn.has(fed.entityId));
      if (quiet && !(accept && !this.isOpened && this.opens(fed))) {
        // Nothing the held candidates wait for has changed.
        if (accept) accepted.push(fed.ref);
        else this.hold(fed);
        continue;
      }
      // New evidence, or the page opens: settle the page's state first, then release in the order fed, this
      // candidate last.
      this.held.push(fed);
      this.settle();
      this.release(accepted);
    }
    return accepted;
  }

  /**
   * The page is about the story on other grounds than its own text: a frame whose top page opened (the reader sees
   * the frame as part of that page). Returns the held refs that qualify now, in the order they were fed; those still
   * waiting for a full name or a cue stay held.
   */
  open(): T[] {
    const accepted: T[] = [];
    if (this.isOpened) return accepted;
    this.isOpened = true;
    this.settle();
    this.release(accepted);
    return accepted;
  }

  /** Drop held refs (e.g. their text left the page, or their block is being scanned again). */
  forget(predicate: (ref: T) => boolean): void {
    if (this.held.length === 0) return;
    const kept = this.held.filter((h) => !predicate(h.ref));
    if (kept.length === this.held.length) return;
    this.held = kept;
    this.reindex();
  }

  /** SPA navigation: forget everything. */
  reset(): void {
    this.established.clear();
    this.contradicted.clear();
    this.isOpened = false;
    this.held = [];
    this.waitingOn.clear();
  }

  private hold(f: Fed<T>): void {
    this.held.push(f);
    this.count(f);
  }

  private count(f: Fed<T>): void {
    this.waitingOn.set(f.entityId, (this.waitingOn.get(f.entityId) ?? 0) + 1);
    if (f.cueEntities !== null)
      for (const id of f.cueEntities) this.waitingOn.set(id, (this.waitingOn.get(id) ?? 0) + 1);
  }

  private reindex(): void {
    this.waitingOn.clear();
    for (const h of this.held) this.count(h);
  }

  private ruleOf(c: Candidate<T>): AliasRule | undefined {
    const byKey = this.rules[c.entityId];
    if (byKey === undefined || c.text === undefined) return undefined;
    const key = `${c.entityId}\u0000${c.text}`;
    let rule = this.ruleCache.get(key);
    if (rule === undefined) this.ruleCache.set(key, (rule = byKey[aliasKey(c.text)] ?? null));
    return rule ?? undefined;
  }

  private feed(c: Candidate<T>): Fed<T> | null {
    const tier = this.tierOf(c.entityId);
    if (tier === undefined) return null;
    const rule = this.ruleOf(c);
    const fed: Fed<T> = {
      entityId: c.entityId,
      tier,
      ref: c.ref,
      surname: c.needsFullName,
      needsFullName: c.needsFullName && rule?.surname !== 'distinctive',
      cueEntities: null,
      phraseCued: false,
    };
    const cue = c.needsFullName ? undefined : rule?.needsCue;
    if (rule !== undefined && cue !== undefined) {
      let tests = this.phraseTests.get(rule);
      if (tests === undefined)
        this.phraseTests.set(rule, (tests = { cue: phraseRegExp(cue.phrases), not: phraseRegExp(cue.notPhrases) }));
      const context = c.context ?? c.text ?? '';
      if (tests.not?.test(context)) {
        this.contradicted.add(c.entityId);
        return null;
      }
      fed.cueEntities = cue.entities;
      fed.phraseCued = tests.cue?.test(context) ?? false;
    }
    return fed;
  }

  private cued(f: Fed<T>): boolean {
    if (f.cueEntities === null || f.phraseCued) return true;
    if (this.contradicted.has(f.entityId)) return false;
    return this.established.has(f.entityId) || f.cueEntities.some((id) => this.established.has(id));
  }

  /** A full name, or a cued alias: evidence that the entity is on the page. Returns whether that is news. */
  private noteEvidence(f: Fed<T>): boolean {
    if (f.surname || !this.cued(f) || this.established.has(f.entityId)) return false;
    this.established.add(f.entityId);
    return true;
  }

  private opens(f: Fed<T>): boolean {
    return f.tier !== 'context' && !f.surname && this.cued(f);
  }

  /** Can it be marked now (else it is held)? */
  private accepts(f: Fed<T>): boolean {
    if (f.cueEntities !== null && !this.cued(f)) return false;
    if (f.needsFullName && !this.established.has(f.entityId)) return false;
    return this.isOpened || this.opens(f);
  }

  /** Works out the page's state from everything held: evidence that became cued, and whether the page opened. */
  private settle(): void {
    for (let changed = true; changed;) {
      changed = false;
      for (const h of this.held) {
        if (this.noteEvidence(h)) changed = true;
        if (!this.isOpened && this.opens(h) && this.accepts(h)) {
          this.isOpened = true;
          changed = true;
        }
      }
    }
  }

  /** Moves the held candidates that qualify now to `accepted`, in the order they were fed. */
  private release(accepted: T[]): void {
    const still: Fed<T>[] = [];
    for (const h of this.held) {
      if (this.accepts(h)) accepted.push(h.ref);
      else still.push(h);
    }
    this.held = still;
    this.reindex();
  }
}
