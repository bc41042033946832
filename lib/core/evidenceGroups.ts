import type { Evidence } from '../../data/schema';

/** One entry per source, in first-cited order, with all of its quotes: one chip per source on a card. */
export function groupEvidence(evidence: readonly Evidence[]): { source: string; quotes: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const e of evidence) {
    const quotes = groups.get(e.source);
    if (quotes) quotes.push(e.quote);
    else groups.set(e.source, [e.quote]);
  }
  return [...groups].map(([source, quotes]) => ({ source, quotes }));
}
