/**
 * The painter's question "what does this range mark?", answered from the engine. The engine hands the painter bare
 * ranges; the mention holding a range is found through the engine's own hit-testing index.
 */
import type { MarkKind } from './highlightPainter';
import type { MentionEngine } from './mentionEngine';

type Tier = 'core' | 'related' | 'context';

export function markKindsOf(
  engine: () => Pick<MentionEngine, 'mentionAt' | 'mentions'>,
  tierOf: (entityId: string) => Tier | undefined,
): (range: AbstractRange) => MarkKind | undefined {
  return (range) => {
    // One character in, not at the start: a mention ending where this one starts covers the start offset too.
    let mention = engine().mentionAt(range.startContainer, range.startOffset + 1);
    // Overlapping mentions (rare): the whole list, searched by identity.
    if (mention?.range !== range)
      mention = engine()
        .mentions()
        .find((m) => m.range === range);
    return mention && { entityId: mention.entityId, faint: tierOf(mention.entityId) === 'context' };
  };
}
