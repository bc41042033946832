/**
 * "Mark only the first mention of each entity per paragraph": which mentions get painted. Pure, so the rule is
 * tested without a page; the painter (lib/page/highlightPainter.ts) supplies paragraphs and document order.
 */

/**
 * The first mention of each entity in each paragraph. `mentions` must be in document order within each paragraph
 * (paragraphs may be interleaved); a paragraph is any value compared by identity (the page passes its element).
 */
export function firstMentions<T>(
  mentions: Iterable<T>,
  entityOf: (mention: T) => string,
  paragraphOf: (mention: T) => unknown,
): Set<T> {
  const seen = new Map<unknown, Set<string>>();
  const first = new Set<T>();
  for (const mention of mentions) {
    const paragraph = paragraphOf(mention);
    let entities = seen.get(paragraph);
    if (!entities) seen.set(paragraph, (entities = new Set()));
    const entity = entityOf(mention);
    if (entities.has(entity)) continue;
    entities.add(entity);
    first.add(mention);
  }
  return first;
}
