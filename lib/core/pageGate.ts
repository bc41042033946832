/**
 * What the first stage of the page script needs to tell whether a page is worth the engine: the anchor RegExps of
 * the tiers switched on, as plain data built into the page script (lib/build/builtInGate.ts makes it from the bundled
 * dossier when the extension is built). Pure: no DOM, no browser API.
 *
 * WHY: most pages mention nothing, and the engine (walker, matcher, page rules, painter, the matcher's data) costs
 * several times a bare text walk to compile and start. A page whose text holds no anchor cannot hold a mention (see
 * lib/core/anchorFilter.ts), so a RegExp test over its text decides for nearly every page, and only pages that pass
 * load the engine (lib/page/engineGate.ts). The test only errs on the side of loading the engine.
 */
import type { AnchorPattern } from './anchorFilter';
import type { TierSwitches } from './messages';
import { allTiersOn } from './settings';

type Tier = keyof TierSwitches;

export interface BuiltInGate {
  /**
   * Every tier switched on (the default), for a top document: the anchors of the core and related aliases. Without
   * one a page shows nothing (context-tier names show only on pages about the story).
   */
  top: AnchorPattern[];
  /**
   * Every tier switched on, for a frame: any anchor. A frame may be part of a top page about the story, which it
   * learns from the background only once it asks (lib/core/frameCounts.ts).
   */
  frame: AnchorPattern[];
  /**
   * Each tier's anchors on their own, for a reader who switched a tier off: the gate is then those of the tiers on,
   * one after the other. A gate only asks whether a text holds any anchor, so that answers as one list made of the
   * same aliases would (more RegExps to run, which only pages with an anchor of the full gate come to).
   */
  byTier: Record<Tier, AnchorPattern[]>;
}

const TOP_TIERS: readonly Tier[] = ['core', 'related'];
const FRAME_TIERS: readonly Tier[] = ['core', 'related', 'context'];

/** The anchor patterns a document tests its text with, for these tier switches. */
export function gatePatterns(gate: BuiltInGate, tiers: TierSwitches, inFrame: boolean): AnchorPattern[] {
  if (allTiersOn(tiers)) return inFrame ? gate.frame : gate.top;
  return (inFrame ? FRAME_TIERS : TOP_TIERS).filter((tier) => tiers[tier]).flatMap((tier) => gate.byTier[tier]);
}

/**
 * The first stage's test: does a text hold any of the anchors? Not warmed up, as the engine's patterns are
 * (anchorFilter.ts): it searches a page's text once or twice, and interpreting a RegExp costs about as much as
 * compiling it would. A pattern with a `block` is only run on a text that holds a unit of that block, and only made
 * then: most pages hold no Arabic or Devanagari letter, and those patterns are the longest (making one parses its
 * source).
 */
export function gateTest(data: readonly AnchorPattern[]): (text: string) => boolean {
  const tests = data.map(({ source, flags, block }) => ({
    source,
    flags,
    re: block === undefined ? new RegExp(source, flags) : undefined,
    block: block === undefined ? undefined : new RegExp(block),
  }));
  return (text) => {
    for (const test of tests) {
      if (test.block !== undefined && !test.block.test(text)) continue;
      const re = (test.re ??= new RegExp(test.source, test.flags));
      re.lastIndex = 0;
      if (re.test(text)) return true;
    }
    return false;
  };
}
