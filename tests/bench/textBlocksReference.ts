/**
 * FROZEN COPY of lib/page/textBlocks.ts as it was before the benchmark's performance work (commit 658a28e).
 * The benchmark's breakdown section walks every page with both this and the current BlockWalker and checks
 * that they emit identical blocks (same text, same nodes): the optimisation must not change behaviour.
 * Do not "fix" this file; it is the reference.
 */
/**
 * Turns a DOM subtree into "blocks" of text in one TreeWalker pass. A block is the text of consecutive
 * text nodes that sit inside the same block-level box, so `CIS-<em>MOA</em>` reads as one string while
 * two paragraphs never run into each other. Deciding "block" by tag name (not computed style) keeps the
 * pass free of style and layout work.
 *
 * Subtrees that must stay untouched are rejected whole: scripts, styles, form fields, editable regions,
 * and the extension's own UI.
 */

/** Elements whose text never belongs to the reader's prose, or which the user edits. */
const REJECTED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'OPTGROUP',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'SVG',
  'svg',
  'MATH',
  'math',
  'TITLE',
  'HEAD',
]);

/** Phrasing elements: text flows through them, so they do not end a block. */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'LABEL',
  'MARK',
  'NOBR',
  'Q',
  'RP',
  'RT',
  'RUBY',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
]);

export interface TextBlock {
  text: string;
  nodes: Text[];
  /** `starts[i]` is where `nodes[i]` begins in `text`. */
  starts: number[];
}

function isRejected(el: Element): boolean {
  if (REJECTED_TAGS.has(el.tagName)) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

const filter: NodeFilter = {
  acceptNode(node: Node): number {
    return node.nodeType === 1 && isRejected(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
  },
};

/** True when a node is inside something the scanner must leave alone (used for mutation targets). */
export function isInsideRejected(node: Node): boolean {
  for (
    let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
    el;
    el = el.parentElement
  ) {
    if (isRejected(el)) return true;
  }
  return false;
}

/** The nearest ancestor that is not an inline element: the box a text node's block belongs to. */
export function blockContainerOf(node: Node): Element | null {
  let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el && INLINE_TAGS.has(el.tagName) && el.parentElement) el = el.parentElement;
  return el;
}

/**
 * A resumable walk: `next(deadline)` emits finished blocks until the time budget is spent and returns
 * whether anything is left, so callers can yield to the page between slices.
 */
export class BlockWalker {
  private readonly walker: TreeWalker;
  private current: TextBlock | undefined;
  private currentParent: Node | null = null;
  private done = false;

  constructor(
    root: Node,
    private readonly emit: (block: TextBlock) => void,
  ) {
    this.walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, filter);
    if (root.nodeType === 3) this.add(root as Text);
  }

  /** Walks until `now() >= deadline`; returns true while there is more to walk. */
  next(deadline: number, now: () => number = () => performance.now()): boolean {
    if (this.done) return false;
    const walker = this.walker;
    let count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        if ((node as Text).data.length > 0) this.add(node as Text);
      } else if (!INLINE_TAGS.has((node as Element).tagName)) {
        this.flush();
      }
      // Checking the clock every node would cost more than the work itself.
      if (++count === 256) {
        count = 0;
        if (now() >= deadline) return true;
      }
    }
    this.flush();
    this.done = true;
    return false;
  }

  private add(node: Text): void {
    const parent = node.parentNode;
    // A text node after a block child (`<div>a<p>b</p>c</div>`) starts a new block; the walker has already
    // flushed on entering <p>, and here "c" must not join "b".
    if (
      this.current &&
      parent !== this.currentParent &&
      blockContainerOf(node) !== blockContainerOf(this.current.nodes[0]!)
    ) {
      this.flush();
    }
    const block = (this.current ??= { text: '', nodes: [], starts: [] });
    block.starts.push(block.text.length);
    block.nodes.push(node);
    block.text += node.data;
    this.currentParent = parent;
  }

  private flush(): void {
    const block = this.current;
    this.current = undefined;
    this.currentParent = null;
    if (block && /\S/.test(block.text)) this.emit(block);
  }
}

/** Maps an offset in a block's text to the text node and offset inside it (binary search). */
export function locate(block: TextBlock, offset: number, preferEnd: boolean): { node: Text; offset: number } {
  const { starts, nodes } = block;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    // An end offset that falls exactly on a node boundary belongs to the node before it.
    if (preferEnd ? starts[mid]! < offset : starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo]!, offset: offset - starts[lo]! };
}
