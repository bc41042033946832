/**
 * Finds the mention under the pointer. The Highlight API paints without elements, so there is nothing
 * to attach events to: pointer moves are sampled once per animation frame and hit-tested with
 * `caretPositionFromPoint` against the mention index, then confirmed against the mention's rectangles
 * (a caret position is also returned for points beside the text).
 *
 * Inside shadow trees: `caretPositionFromPoint` returns a position inside a shadow tree only for the roots named in
 * its `shadowRoots` option; for the others it answers with the host's position in the light tree. The tracker names
 * the roots that hold a mention, and only when there are some, so pages without components call it as before.
 */
import type { Mention } from './mentionEngine';

export function caretAt(
  doc: Document,
  x: number,
  y: number,
  shadowRoots?: ShadowRoot[],
): { node: Node; offset: number } | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = shadowRoots?.length
      ? doc.caretPositionFromPoint(x, y, { shadowRoots })
      : doc.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : undefined;
  }
  const range = (
    doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }
  ).caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

export function liveRange(m: Mention): Range | undefined {
  try {
    const range = m.startNode.ownerDocument.createRange();
    range.setStart(m.startNode, m.startOffset);
    range.setEnd(m.endNode, m.endOffset);
    return range;
  } catch {
    return undefined; // the text changed under the mention; the next rescan drops it
  }
}

export function rectContains(rects: Iterable<DOMRect>, x: number, y: number, slop = 1): boolean {
  for (const r of rects)
    if (x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop) return true;
  return false;
}

export interface HoverCallbacks {
  mentionAt(node: Node, offset: number): Mention | undefined;
  /** The open shadow roots that hold mentions (for hit-testing inside them), if any. */
  shadowRoots?(): ShadowRoot[];
  /**
   * The pointer moved onto a different mention (or off all of them: `undefined`). `pointerType` is the event's
   * ('mouse', 'pen', 'touch'): a finger has no hover, so for touch this only says where the tap landed.
   */
  onChange(mention: Mention | undefined, pointerType: string): void;
}

export function trackHover(doc: Document, callbacks: HoverCallbacks): () => void {
  let x = 0;
  let y = 0;
  let frame = 0;
  let pointerType = 'mouse';
  let current: Mention | undefined;

  const test = () => {
    frame = 0;
    let found: Mention | undefined;
    const caret = caretAt(doc, x, y, callbacks.shadowRoots?.());
    if (caret && caret.node.nodeType === 3) {
      const candidate = callbacks.mentionAt(caret.node, caret.offset);
      const range = candidate && liveRange(candidate);
      if (candidate && range && rectContains(range.getClientRects(), x, y)) found = candidate;
    }
    if (found !== current) {
      current = found;
      callbacks.onChange(found, pointerType);
    }
  };

  /** Notes where the pointer is; false for an event dispatched by page script, which is ignored. */
  const note = (event: PointerEvent): boolean => {
    // Only the reader's pointer opens a card: page script can dispatch pointer events but not trusted ones.
    if (!event.isTrusted) return false;
    x = event.clientX;
    y = event.clientY;
    pointerType = event.pointerType;
    return true;
  };
  const onMove = (event: PointerEvent) => {
    if (note(event) && !frame) frame = requestAnimationFrame(test);
  };
  // A tap sends no pointermove before it lands: the press is tested at once, so the click that follows already
  // knows which mention it is on.
  const onDown = (event: PointerEvent) => {
    if (!note(event)) return;
    if (frame) cancelAnimationFrame(frame);
    test();
  };
  doc.addEventListener('pointermove', onMove, { passive: true, capture: true });
  doc.addEventListener('pointerdown', onDown, { passive: true, capture: true });
  return () => {
    doc.removeEventListener('pointermove', onMove, { capture: true });
    doc.removeEventListener('pointerdown', onDown, { capture: true });
    if (frame) cancelAnimationFrame(frame);
  };
}
