/**
 * The background's compiled matchers. Pure: no browser API.
 *
 * WHY: compiling a matcher is per-alias string work that would otherwise run cold, on the page's main thread, in
 * every page the user opens (figures in docs/performance.md); the background compiles once and every page only
 * loads the data (lib/core/matcher.ts, loadMatcher). One matcher per set of entities asked for: the user's tier
 * switches pick the set, and a changed dossier (an update's refresh) is a different set.
 */
import { anchorPatterns } from './anchorFilter';
import { compileMatcherData, type MatcherData } from './matcher';
import { pageRulesOf, type PageRules } from './mentionResolver';
import type { MatchableEntityInfo, TierSwitches } from './messages';
import { tiersKey, type PageGate } from './pageGate';

/** Tier switches make 8 sets; a dossier update or two more. Beyond that the oldest goes. */
const KEEP = 12;

export class MatcherCache {
  /** By the enabled entities' JSON itself (a few KB): no hash, so no two sets can ever share a matcher. */
  private readonly byContent = new Map<
    string,
    { matcher: MatcherData; pageRules: PageRules; gate?: Omit<PageGate, 'version' | 'tiers'> }
  >();

  /**
   * The entities of the tiers switched on, the matcher of their aliases and their page rules (both made on first
   * need, from the same aliases).
   */
  get(
    entities: readonly MatchableEntityInfo[],
    tiers: TierSwitches,
  ): { entities: MatchableEntityInfo[]; matcher: MatcherData; pageRules: PageRules } {
    const { enabled, compiled } = this.compiled(entities, tiers);
    return { entities: enabled, matcher: compiled.matcher, pageRules: compiled.pageRules };
  }

  /**
   * The first stage's gate for these tiers (lib/core/pageGate.ts): the anchors of the core and related aliases for
   * a top document, all the matcher's anchors for a frame.
   */
  pageGate(entities: readonly MatchableEntityInfo[], tiers: TierSwitches, version: string): PageGate {
    const { enabled, compiled } = this.compiled(entities, tiers);
    compiled.gate ??= {
      top: anchorPatterns(enabled.filter((e) => e.tier !== 'context')),
      frame: compiled.matcher.anchors,
    };
    return { version, tiers: tiersKey(tiers), ...compiled.gate };
  }

  private compiled(entities: readonly MatchableEntityInfo[], tiers: TierSwitches) {
    const enabled = entities.filter((e) => tiers[e.tier]);
    const key = JSON.stringify(enabled);
    let compiled = this.byContent.get(key);
    if (compiled === undefined) {
      compiled = { matcher: compileMatcherData(enabled), pageRules: pageRulesOf(enabled) };
      this.byContent.set(key, compiled);
      if (this.byContent.size > KEEP) this.byContent.delete(this.byContent.keys().next().value!);
    }
    return { enabled, compiled };
  }
}
