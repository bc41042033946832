import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../lib/core/matcher';
import { MatcherCache } from '../../lib/core/matcherCache';
import { pageRulesOf } from '../../lib/core/mentionResolver';
import type { MatchableEntityInfo } from '../../lib/core/messages';

const ENTITIES: MatchableEntityInfo[] = [
  { id: 'imet', name: 'IMET', kind: 'programme', tier: 'core', aliases: [{ text: 'IMET', match: 'acronym' }] },
  {
    id: 'kurilla',
    name: 'Michael Erik Kurilla',
    kind: 'person',
    tier: 'related',
    aliases: [{ text: 'Michael Erik Kurilla', match: 'name' }],
  },
  {
    id: 'pompeo',
    name: 'Mike Pompeo',
    kind: 'person',
    tier: 'context',
    aliases: [{ text: 'Mike Pompeo', match: 'name' }],
  },
];
const TEXT = 'IMET, Michael Erik Kurilla and Mike Pompeo';
const ALL = { core: true, related: true, context: true };

const found = (data: ReturnType<MatcherCache['get']>['matcher']) =>
  loadMatcher(data)
    .find(TEXT)
    .map((h) => h.entityId);

describe('MatcherCache', () => {
  it('compiles the aliases of the tiers switched on only, and lists those entities', () => {
    const cache = new MatcherCache();
    const some = cache.get(ENTITIES, { core: true, related: false, context: true });
    expect(some.entities.map((e) => e.id)).toEqual(['imet', 'pompeo']);
    expect(found(some.matcher)).toEqual(['imet', 'pompeo']);
    expect(found(cache.get(ENTITIES, ALL).matcher)).toEqual(['imet', 'kurilla', 'pompeo']);
  });

  it('compiles a set once, and again when the dossier changes', () => {
    const cache = new MatcherCache();
    const first = cache.get(ENTITIES, ALL).matcher;
    expect(cache.get([...ENTITIES], ALL).matcher).toBe(first);
    // The page rules come from the same aliases, made once with the matcher.
    expect(cache.get(ENTITIES, ALL).pageRules).toEqual(pageRulesOf(ENTITIES));
    expect(cache.get([...ENTITIES], ALL).pageRules).toBe(cache.get(ENTITIES, ALL).pageRules);
    const changed = ENTITIES.map((e) =>
      e.id === 'imet' ? { ...e, aliases: [{ text: 'IMET-2', match: 'acronym' as const }] } : e,
    );
    const next = cache.get(changed, ALL).matcher;
    expect(next).not.toBe(first);
    expect(found(next)).toEqual(['kurilla', 'pompeo']);
  });

  it('keeps a bounded number of matchers', () => {
    const cache = new MatcherCache();
    const first = cache.get(ENTITIES, ALL).matcher;
    for (let i = 0; i < 20; i++) cache.get([{ ...ENTITIES[0]!, aliases: [{ text: `X${i}`, match: 'acronym' }] }], ALL);
    expect(cache.get(ENTITIES, ALL).matcher).not.toBe(first);
  });
});
