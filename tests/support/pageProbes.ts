/**
 * Functions evaluated inside test pages (both browsers). They only read the page: marks are counted
 * through the Highlight registry, which the content script shares with the page's document.
 */

/** Total ranges in InContext's highlights (all styles). */
export function countPaintedRanges(): number {
  let total = 0;
  for (const name of ['incontext-underline', 'incontext-tint']) total += CSS.highlights.get(name)?.size ?? 0;
  return total;
}

/** The centre of the first rectangle of the `nth` occurrence of `needle` in the body's text nodes, or null. */
export function pointOfText(args: { needle: string; nth?: number }): { x: number; y: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    let from = 0;
    for (;;) {
      const at = node.data.indexOf(args.needle, from);
      if (at < 0) break;
      from = at + 1;
      if (seen++ < (args.nth ?? 0)) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + args.needle.length);
      const rect = range.getClientRects()[0];
      if (!rect) return null;
      return { x: rect.left + Math.min(rect.width / 2, 10), y: rect.top + rect.height / 2 };
    }
  }
  return null;
}

/** Text of the open card, or null when no card is open. */
export function openCardText(): { entityId: string | null; origin: string | null; text: string } | null {
  const host = document.querySelector('incontext-card');
  const card = host?.shadowRoot?.querySelector<HTMLElement>('.ic-card');
  if (!card) return null;
  return { entityId: card.dataset.entityId ?? null, origin: card.dataset.origin ?? null, text: card.innerText };
}
