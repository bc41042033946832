/**
 * Turns a DOM subtree into "blocks" of text in one TreeWalker pass. A block is the text of consecutive
 * text nodes that sit inside the same block-level box, so `CIS-<em>MOA</em>` reads as one string while
 * two paragraphs never run into each other. Deciding "block" by tag name (not computed style) keeps the
 * pass free of style and layout work.
 *
 * Subtrees that must stay untouched are rejected whole: scripts, styles, form fields, editable regions,
 * and the extension's own UI.
 *
 * Not covered, on purpose: open shadow roots and iframes. Highlights inside a shadow tree are styled only by
 * that tree's own stylesheets, so painting there would mean adding a stylesheet to the page's components;
 * iframes would need the content script in every frame (ads included) for the rare article inside one.
 */

/** Elements whose text never belongs to the reader's prose, or which the user edits. */
const REJECTED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'OPTGROUP',
  'BUTTON', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'svg', 'MATH', 'math', 'TITLE', 'HEAD',
]);

/** Phrasing elements: text flows through them, so they do not end a block. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'ACRONYM', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I',
  'INS', 'KBD', 'LABEL', 'MARK', 'NOBR', 'Q', 'RP', 'RT', 'RUBY', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE',
  'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR',
]);

/** Custom elements the extension itself adds; never scanned. */
export const OWN_UI_TAG = 'INCONTEXT-CARD';

export interface TextBlock {
  text: string;
  nodes: Text[];
  /** `starts[i]` is where `nodes[i]` begins in `text`. */
  starts: number[];
}

function isRejected(el: Element): boolean {
  if (REJECTED_TAGS.has(el.tagName) || el.tagName === OWN_UI_TAG) return true;
  return isEditable(el);
}

function isEditable(el: Element): boolean {
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** True when a node is inside something the scanner must leave alone (used for mutation targets). */
export function isInsideRejected(node: Node): boolean {
  for (let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
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

/** What the walk does on entering an element, by tag name: one Map probe instead of two Set probes. */
const INLINE = 1;
const REJECT = 2;
const KIND = new Map<string, number>();
for (const tag of INLINE_TAGS) KIND.set(tag, INLINE);
for (const tag of REJECTED_TAGS) KIND.set(tag, REJECT);
KIND.set(OWN_UI_TAG, REJECT);

/**
 * A resumable walk: `next(deadline)` emits finished blocks until the time budget is spent and returns
 * whether anything is left, so callers can yield to the page between slices.
 *
 * PERFORMANCE (measured with tests/bench/run.ts): the walk is the engine's main cost on real pages, so it
 * does as little as possible per node.
 * - The TreeWalker has no JavaScript filter. A NodeFilter callback is a C++ → JS call for every element and
 *   text node: about 1 µs per node (wikipedia-2, 24 k nodes: 23 ms with an empty filter, 0.6 ms without).
 *   Rejected subtrees are skipped by hand instead (next sibling, else up and next sibling), which visits
 *   exactly what FILTER_REJECT did: neither the rejected element (so it does not end a block) nor anything in it.
 * - One Map probe per element for its kind (block / inline / rejected by tag); the contenteditable attribute is
 *   then read only for elements not already rejected by tag.
 * - A text node joins the current block unless it lies outside the block's container: one `contains` call per
 *   text node, the container being looked up once per block (at its second text node), instead of a parent
 *   comparison plus two ancestor walks per node.
 */
export class BlockWalker {
  private readonly walker: TreeWalker;
  private text = '';
  private nodes: Text[] = [];
  private starts: number[] = [];
  /** The current block's container (blockContainerOf its first node); undefined = not looked up yet. */
  private container: Element | null | undefined = undefined;
  /** A node fetched from the walker but not handled yet (time ran out right after a subtree skip). */
  private pendingNode: Node | null = null;
  private done = false;

  constructor(root: Node, private readonly emit: (block: TextBlock) => void) {
    this.walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    if (root.nodeType === 3) this.add(root as Text, (root as Text).data);
  }

  /** Walks until `now() >= deadline`; returns true while there is more to walk. */
  next(deadline: number, now: () => number = () => performance.now()): boolean {
    if (this.done) return false;
    const walker = this.walker;
    let count = 0;
    let node = this.pendingNode ?? walker.nextNode();
    this.pendingNode = null;
    while (node !== null) {
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        if (data.length > 0) this.add(node as Text, data);
        node = walker.nextNode();
      } else {
        const kind = KIND.get((node as Element).tagName);
        if (kind === REJECT || isEditable(node as Element)) {
          node = this.skipSubtree();
        } else {
          if (kind !== INLINE) this.flush();
          node = walker.nextNode();
        }
      }
      // Checking the clock every node would cost more than the work itself.
      if (++count === 256) {
        count = 0;
        if (node !== null && now() >= deadline) {
          this.pendingNode = node;
          return true;
        }
      }
    }
    this.flush();
    this.done = true;
    return false;
  }

  /** From a rejected element (the walker's current node): the first node after its subtree, or null. */
  private skipSubtree(): Node | null {
    const walker = this.walker;
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling !== null) return sibling;
      // parentNode() is null at the root: the walk is over.
      if (walker.parentNode() === null) return null;
    }
  }

  private add(node: Text, data: string): void {
    // A text node after a block child (`<div>a<p>b</p>c</div>`) starts a new block: the walk has flushed on
    // entering <p>, and "c" must not join "b". Only inline elements were entered since the block's first
    // node, so a node belongs to the block exactly when it lies inside the block's container.
    const nodes = this.nodes;
    if (nodes.length > 0) {
      let container = this.container;
      if (container === undefined) container = this.container = blockContainerOf(nodes[0]!);
      if (container === null ? blockContainerOf(node) !== null : !container.contains(node)) this.flush();
    }
    this.starts.push(this.text.length);
    this.nodes.push(node);
    this.text += data;
  }

  private flush(): void {
    const nodes = this.nodes;
    if (nodes.length === 0) return;
    const block: TextBlock = { text: this.text, nodes, starts: this.starts };
    this.text = '';
    this.nodes = [];
    this.starts = [];
    this.container = undefined;
    if (/\S/.test(block.text)) this.emit(block);
  }
}

/**
 * Maps an offset in a block's text to the text node and offset inside it (binary search). `index` is the node's
 * position in `block.nodes`, so callers need no `indexOf` (linear in the block's nodes) to find it again.
 */
export function locate(block: TextBlock, offset: number, preferEnd: boolean): { node: Text; offset: number; index: number } {
  const { starts, nodes } = block;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    // An end offset that falls exactly on a node boundary belongs to the node before it.
    if (preferEnd ? starts[mid]! < offset : starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo]!, offset: offset - starts[lo]!, index: lo };
}
