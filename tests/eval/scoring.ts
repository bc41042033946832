/**
 * Compares what the extension reported on a page with what the corpus expects, and adds the results up into
 * per-entity precision and recall. Pure: no browser, no files.
 *
 * Texts are compared loosely on purpose. The manifest writes a person's name without rank ("Munir", not
 * "Gen Munir" or "Field Marshal Munir") and without invisible characters; an engine that marks "Gen Munir" or
 * the text with its soft hyphens has found the same mention. So a reported mention matches an expected one of
 * the same entity when their normalised texts are equal or one contains the other (equal pairs are taken first).
 * Order is not compared: frames and shadow roots may be reported after the main document.
 */
import type { ExpectedMention, Location } from './corpus';

export interface ReportedMention {
  entityId: string;
  text: string;
  /** `iframe` when a sub-frame's content script reported it; `main` for the top frame (shadow roots included). */
  location: Location;
}

export interface PageDiff {
  matched: number;
  missing: ExpectedMention[];
  extra: ReportedMention[];
}

// eslint-disable-next-line no-misleading-character-class -- single code units, each removed on its own
const INVISIBLE = /[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** Case-folded, NFKC, without invisible characters, with every run of spaces and hyphens as one space. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\s\u002d\u2010-\u2015\u2212]+/g, ' ')
    .trim()
    .toLowerCase();
}

export function comparePage(expected: ExpectedMention[], reported: ReportedMention[]): PageDiff {
  const exp = expected.map((m) => ({ m, key: normalise(m.text), used: false }));
  const rep = reported.map((m) => ({ m, key: normalise(m.text), used: false }));
  let matched = 0;
  const pair = (same: (a: string, b: string) => boolean) => {
    for (const e of exp) {
      if (e.used) continue;
      const r = rep.find((r) => !r.used && r.m.entityId === e.m.entityId && same(e.key, r.key));
      if (!r) continue;
      e.used = r.used = true;
      matched++;
    }
  };
  pair((a, b) => a === b);
  pair((a, b) => a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a)));
  return {
    matched,
    missing: exp.filter((e) => !e.used).map((e) => e.m),
    extra: rep.filter((r) => !r.used).map((r) => r.m),
  };
}

export interface EntityTally {
  expected: number;
  reported: number;
  matched: number;
}

export function precision(t: EntityTally): number | null {
  return t.reported === 0 ? null : t.matched / t.reported;
}

export function recall(t: EntityTally): number | null {
  return t.expected === 0 ? null : t.matched / t.expected;
}

/** Adds a page's expectations and diff to per-entity tallies (`*` is the total over all entities). */
export function tally(into: Map<string, EntityTally>, expected: ExpectedMention[], diff: PageDiff): void {
  const get = (id: string) => {
    let t = into.get(id);
    if (!t) into.set(id, (t = { expected: 0, reported: 0, matched: 0 }));
    return t;
  };
  const missing = new Map<string, number>();
  for (const m of diff.missing) missing.set(m.entityId, (missing.get(m.entityId) ?? 0) + 1);
  for (const m of expected) {
    get(m.entityId).expected++;
    get('*').expected++;
  }
  // Matched per entity = expected − missing; reported = matched + extra.
  const entityIds = new Set([...expected.map((m) => m.entityId), ...diff.extra.map((m) => m.entityId)]);
  for (const id of entityIds) {
    const exp = expected.filter((m) => m.entityId === id).length;
    const hit = exp - (missing.get(id) ?? 0);
    const extra = diff.extra.filter((m) => m.entityId === id).length;
    get(id).matched += hit;
    get(id).reported += hit + extra;
    get('*').matched += hit;
    get('*').reported += hit + extra;
  }
}
