/**
 * What the first stage of the page script needs to tell whether a page is worth the engine: the anchor RegExps of
 * the tiers switched on, as plain data. The one for every tier is built into the page script (BuiltInGate); the one
 * for the tiers a reader left on is stored by the background (storage key PAGE_GATE_KEY) and read, with the settings,
 * by a page that holds an anchor. Pure: no DOM, no browser API.
 *
 * WHY: most pages mention nothing, and the engine (walker, matcher, page rules, painter, the matcher's data) costs
 * several times a bare text walk to compile and start. A page whose text holds no anchor cannot hold a mention (see
 * lib/core/anchorFilter.ts), so a RegExp test over its text decides for nearly every page, and only pages that pass
 * load the engine (lib/page/engineGate.ts). The test only errs on the side of loading the engine.
 */
import type { AnchorPattern } from './anchorFilter';
import type { TierSwitches } from './messages';

export const PAGE_GATE_KEY = 'pageGate';

export interface PageGate {
  /** The extension version that made it: a gate from before an update may hold another dossier's names. */
  version: string;
  /** The tier switches it was made for, as JSON (see tiersKey). */
  tiers: string;
  /**
   * A top document loads the engine only for an anchor of a core or related alias: without one a page shows
   * nothing (context-tier names show only on pages about the story).
   */
  top: AnchorPattern[];
  /**
   * A frame loads it for any anchor: it may be part of a top page about the story, which it learns from the
   * background only once it asks (lib/core/frameCounts.ts).
   */
  frame: AnchorPattern[];
}

/**
 * The gate the first stage carries in its own code (lib/build/builtInGate.ts makes it from the bundled dossier when
 * the extension is built): the one for every tier switched on. Any tier switched off only narrows a gate, so a page
 * this one finds nothing in needs no settings, no stored gate and no message to be left alone.
 */
export type BuiltInGate = Omit<PageGate, 'version'>;

export function tiersKey(tiers: TierSwitches): string {
  return JSON.stringify({ core: tiers.core, related: tiers.related, context: tiers.context });
}

/**
 * What tells one stored gate from another: the version and tiers it was made for (two gates made for the same are
 * the same, by construction). Nothing for a value that is no gate.
 */
export function gateIdentity(stored: unknown): string | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { version, tiers } = stored as Partial<PageGate>;
  return `${String(version)} ${String(tiers)}`;
}

/** The stored gate, if it is well formed and was made by this version for these tiers; otherwise nothing. */
export function readPageGate(stored: unknown, version: string, tiers: TierSwitches): PageGate | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const gate = stored as Partial<PageGate>;
  if (gate.version !== version || gate.tiers !== tiersKey(tiers)) return undefined;
  if (!isPatternList(gate.top) || !isPatternList(gate.frame)) return undefined;
  return gate as PageGate;
}

function isPatternList(value: unknown): value is AnchorPattern[] {
  return (
    Array.isArray(value) &&
    value.every(
      (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as AnchorPattern).source === 'string' &&
        typeof (p as AnchorPattern).flags === 'string' &&
        ['undefined', 'string'].includes(typeof (p as AnchorPattern).block),
    )
  );
}

/**
 * The RegExps of a pattern list, warmed up. V8 interprets a RegExp's first run and compiles it to machine code on the
 * next, for one-byte and two-byte text apart: paid here on empty strings, not in the middle of a scan that searches
 * many texts (the engine's).
 */
export function compilePatterns(data: readonly AnchorPattern[]): RegExp[] {
  const patterns = data.map(({ source, flags }) => new RegExp(source, flags));
  for (const re of patterns) {
    for (const text of ['', '', '\u2019', '\u2019']) {
      re.test(text);
      re.lastIndex = 0;
    }
  }
  return patterns;
}

/**
 * The first stage's test: does a text hold any of the anchors? Not warmed up (see compilePatterns): it searches a
 * page's text once or twice, and interpreting a RegExp costs about as much as compiling it would. A pattern with a
 * `block` is only run on a text that holds a unit of that block: most pages hold no Arabic or Devanagari letter, and
 * those patterns are the longest.
 */
export function gateTest(data: readonly AnchorPattern[]): (text: string) => boolean {
  const tests = data.map(({ source, flags, block }) => ({
    re: new RegExp(source, flags),
    block: block === undefined ? undefined : new RegExp(block),
  }));
  return (text) => {
    for (const { re, block } of tests) {
      if (block !== undefined && !block.test(text)) continue;
      re.lastIndex = 0;
      if (re.test(text)) return true;
    }
    return false;
  };
}
