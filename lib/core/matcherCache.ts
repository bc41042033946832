/**
 * The background's compiled matchers. Pure: no browser API.
 *
 * WHY: compiling a matcher is per-alias string work that would otherwise run cold, on the page's main thread, in
 * every page the user opens (figures in docs/performance.md); the background compiles once and every page only
 * loads the data (lib/core/matcher.ts, loadMatcher). One matcher per set of entities asked for: the user's tier
 * switches pick the set, and a changed dossier (an update's refresh) is a different set.
 */
import { compileMatcherData, type MatcherData } from './matcher';
import { pageRulesOf, type PageRules } from './mentionResolver';
import type { MatchableEntityInfo, TierSwitches } from './messages';

/** Tier switches make 8 sets; a dossier update or two more. Beyond that the oldest goes. */
const KEEP = 12;

export class MatcherCache {
  /** By the enabled entities' JSON itself (a few KB): no hash, so no two sets can ever share a matcher. */
  private readonly byContent = new Map<string, { matcher: MatcherData; pageRules: PageRules }>();

  /**
   * The entities of the tiers switched on, the matcher of their aliases and their page rules (both made on first
   * need, from the same aliases).
   */
  get(
    entities: readonly MatchableEntityInfo[],
    tiers: TierSwitches,
  ): { entities: MatchableEntityInfo[]; matcher: MatcherData; pageRules: PageRules } {
    const enabled = entities.filter((e) => tiers[e.tier]);
    const key = JSON.stringify(enabled);
    let compiled = this.byContent.get(key);
    if (compiled === undefined) {
      compiled = { matcher: compileMatcherData(enabled), pageRules: pageRulesOf(enabled) };
      this.byContent.set(key, compiled);
      if (this.byContent.size > KEEP) this.byContent.delete(this.byContent.keys().next().value!);
    }
    return { entities: enabled, ...compiled };
  }
}
