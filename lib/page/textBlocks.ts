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

import type { AnchorFilter } from '../core/anchorFilter';

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
  return KIND.get(el.tagName) === REJECT || isEditable(el);
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

/** The clock is read every this many text nodes. */
const TICKS = 128;

/** Texts longer than this are checked for a script or style parent before the anchor filter reads them. */
const LONG_TEXT = 512;

/** What a walk that emits only the blocks that may hold a mention needs (see BlockWalker). */
export interface BlockFilter {
  anchors: AnchorFilter;
  /** Nodes whose block must be emitted whatever their text: they held mentions before (rescans). */
  known?: (node: Text) => boolean;
}

/**
 * A resumable walk: `next(deadline)` emits blocks until the time budget is spent and returns whether anything
 * is left, so callers can yield to the page between slices.
 *
 * Two modes. Without a filter every block is emitted. With a filter (the engine's), only blocks that may hold a
 * mention are: the walk reads each text node and tests it with the anchor filter (one native RegExp call, see
 * lib/core/anchorFilter.ts); only a node that passes (or that held a mention) makes it work out the node's block,
 * back to where it starts and forward to where it ends. Those blocks are exactly the ones the full walk emits, and
 * every block in which the matcher finds a hit is among them (tests/bench/checkBlocks.ts checks both on every saved
 * page and on a page of edge cases).
 *
 * PERFORMANCE (measured with tests/bench/run.ts; a content script runs cold on every page, so what counts is
 * the first walk: every node the script touches gets a JavaScript wrapper, every line runs in the interpreter
 * at first):
 * - The TreeWalker shows text nodes only and has no JavaScript filter, like the cheapest possible pass over a
 *   page's text. A NodeFilter callback would be a C++ → JavaScript call per node (wikipedia-2, 24 k nodes:
 *   23 ms with an empty filter, 0.6 ms without). Elements are looked at only around flagged nodes: as parents
 *   of text nodes and, rarely, as the empty elements between two text nodes of a block.
 * - A parent is classified against the chain of ancestors kept from the previous parent, so each element is
 *   looked at about once (one Map probe for its tag). `closest()` with the tag lists as selectors was tried:
 *   80 ms on wikipedia-2, selector matching is slow. A rejected subtree is skipped whole.
 * - Two text nodes with the same block box are in the same block unless a block element lies between them
 *   (`a<br>b`, `a<p></p>b`); the check walks the siblings between the two, usually one or two steps.
 *
 */
export class BlockWalker {
  private readonly walker: TreeWalker;
  private text = '';
  private nodes: Text[] = [];
  private starts: number[] = [];
  /** The current block's box (the nearest non-inline ancestor of its text). */
  private container: Element | null = null;
  /** Collecting a block now. Always, without a filter; with one, from a flagged node to the block's end. */
  private collecting: boolean;
  /** Filtered mode: a second walker, for going back from a flagged node to the start of its block. */
  private back: TreeWalker | undefined;
  /** The parent of the last text node looked at, and what was decided about it. */
  private lastParent: Node | null = null;
  private lastContainer: Element | null = null;
  private lastRejected: Element | null = null;
  /** The last parent's ancestors (itself included) from the top, their KIND, and where the first rejected one is. */
  private readonly chain: Element[] = [];
  private readonly kinds: number[] = [];
  private rejectedAt = -1;
  private readonly path: Element[] = [];
  /** A node fetched from the walker but not handled yet (time ran out). */
  private pendingNode: Node | null = null;
  private done = false;
  /** Nodes handled since the clock was last read (shared by both loops: a page dense with flagged nodes switches often). */
  private ticks = 0;

  constructor(
    private readonly root: Node,
    private readonly emit: (block: TextBlock) => void,
    private readonly filter?: BlockFilter,
  ) {
    this.walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    this.collecting = filter === undefined;
    if (root.nodeType === 3) this.pendingNode = root;
  }

  /** Walks until `now() >= deadline`; returns true while there is more to walk. */
  next(deadline: number, now: () => number = () => performance.now()): boolean {
    if (this.done) return false;
    // The page may have changed since the last slice: ancestors are looked up afresh rather than trusted.
    this.lastParent = null;
    this.chain.length = this.kinds.length = 0;
    this.rejectedAt = -1;
    const walker = this.walker;
    let node = this.pendingNode ?? walker.nextNode();
    this.pendingNode = null;
    while (node !== null) {
      if (!this.collecting) {
        // Filtered mode between blocks: the hot loop, kept as small as the bare walk it competes with.
        node = this.skim(node, deadline, now);
        if (node === null || this.pendingNode !== null) break;
      }
      const data = (node as Text).data;
      if (data.length > 0) {
        const parent = node.parentNode;
        if (parent !== this.lastParent) this.classify(parent);
        const rejected = this.lastRejected;
        if (rejected !== null) {
          node = this.after(rejected);
          continue;
        }
        if (!this.collecting) {
          this.begin(node as Text, data);
        } else if (this.nodes.length > 0 && !this.joins(node as Text)) {
          this.flush();
          if (this.filter) {
            // This node starts another block: the filter decides about it like about any other.
            this.collecting = false;
            continue;
          }
          this.add(node as Text, data);
        } else {
          this.add(node as Text, data);
        }
      }
      node = walker.nextNode();
      // Checking the clock every node would cost more than the work itself.
      if (++this.ticks === TICKS) {
        this.ticks = 0;
        if (node !== null && now() >= deadline) {
          this.pendingNode = node;
          return true;
        }
      }
    }
    if (this.pendingNode !== null) return true;
    this.flush();
    this.done = true;
    return false;
  }

  /**
   * Filtered mode: reads text nodes from `node` on until one may hold a mention (returned) or the walk ends (null).
   * When time runs out first, the next node is kept in `pendingNode` and returned.
   */
  private skim(node: Node, deadline: number, now: () => number): Node | null {
    const walker = this.walker;
    // Usually one or two RegExps (names, acronyms); big alias sets have more (see anchorFilter.ts).
    const patterns = this.filter!.anchors.patterns;
    const first = patterns[0]!;
    const second = patterns.length > 1 ? patterns[1]! : null;
    const more = patterns.length > 2;
    const known = this.filter!.known;
    for (let n: Node | null = node; n !== null; n = walker.nextNode()) {
      const data = (n as Text).data;
      // Long texts are mostly inline scripts and styles: their parent's tag is cheaper to read than their text.
      if (data.length > LONG_TEXT && KIND.get((n.parentNode as Element | null)?.tagName ?? '') === REJECT) continue;
      if (
        data.length !== 0 &&
        (first.test(data) ||
          (second !== null && (second.test(data) || (more && patterns.some((re) => re.test(data))))) ||
          (known !== undefined && known(n as Text)))
      )
        return n;
      if (++this.ticks === TICKS) {
        this.ticks = 0;
        if (now() >= deadline) {
          const following = walker.nextNode();
          if (following !== null) this.pendingNode = following;
          return following;
        }
      }
    }
    return null;
  }

  /** Filtered mode: starts collecting the block of a flagged node (its parent just classified), which may begin earlier. */
  private begin(node: Text, data: string): void {
    const container = this.lastContainer;
    const back = (this.back ??= this.root.ownerDocument!.createTreeWalker(this.root, NodeFilter.SHOW_TEXT));
    back.currentNode = node;
    const before: Text[] = [];
    let cur: Text = node;
    for (let p = back.previousNode() as Text | null; p !== null; p = back.previousNode() as Text | null) {
      if (p.data.length === 0) continue;
      this.classify(p.parentNode);
      if (this.lastRejected !== null) {
        // Skipped by the walk: neither in the block nor a boundary. Go on before the rejected subtree.
        back.currentNode = this.lastRejected;
        continue;
      }
      if (this.lastContainer !== container || (p.nextSibling !== cur && blockBetween(p, cur))) break;
      before.push(p);
      cur = p;
    }
    this.classify(node.parentNode);
    this.collecting = true;
    for (let i = before.length - 1; i >= 0; i--) this.add(before[i]!, before[i]!.data);
    this.add(node, data);
  }

  /** Does this text node (not rejected; its parent just classified) continue the block being collected? */
  private joins(node: Text): boolean {
    const last = this.nodes[this.nodes.length - 1]!;
    return this.lastContainer === this.container && (last.nextSibling === node || !blockBetween(last, node));
  }

  /**
   * Decides about a text node's parent: inside something rejected (the outermost such element)? Which block box
   * does its text belong to? The walk keeps the chain of ancestors of the last parent, so a new parent costs only
   * the steps up to where its ancestors meet the chain (usually one or two): every element is classified once.
   */
  private classify(parent: Node | null): void {
    this.lastParent = parent;
    const chain = this.chain;
    const kinds = this.kinds;
    if (parent === null || parent.nodeType !== 1) {
      // A text node directly under a document fragment (a detached root): no box, nothing rejected.
      chain.length = kinds.length = 0;
      this.rejectedAt = -1;
      this.lastRejected = this.lastContainer = null;
      return;
    }
    const path = this.path;
    let e: Element | null = parent as Element;
    let keep = -1;
    while (e !== null) {
      keep = chain.lastIndexOf(e);
      if (keep >= 0) break;
      path.push(e);
      e = e.parentElement;
    }
    chain.length = kinds.length = keep + 1;
    if (this.rejectedAt > keep) this.rejectedAt = -1;
    while (path.length > 0) {
      const el = path.pop()!;
      const kind = KIND.get(el.tagName) ?? 0;
      if (this.rejectedAt < 0 && (kind === REJECT || isEditable(el))) this.rejectedAt = chain.length;
      chain.push(el);
      kinds.push(kind);
    }
    this.lastRejected = this.rejectedAt >= 0 ? chain[this.rejectedAt]! : null;
    let j = chain.length - 1;
    while (j > 0 && kinds[j] === INLINE) j--;
    this.lastContainer = chain[j]!;
  }

  /** The first text node after `el`'s subtree (inside the root), or null; the walker is moved there. */
  private after(el: Element): Node | null {
    const root = this.root;
    if (el === root || el.contains(root)) return null;
    let n: Node = el;
    for (;;) {
      const sibling = n.nextSibling;
      if (sibling !== null) {
        n = sibling;
        break;
      }
      const up = n.parentNode;
      if (up === null || up === root) return null;
      n = up;
    }
    this.walker.currentNode = n;
    return n.nodeType === 3 ? n : this.walker.nextNode();
  }

  private add(node: Text, data: string): void {
    if (this.nodes.length === 0) this.container = this.lastContainer;
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
    if (/\S/.test(block.text)) this.emit(block);
  }
}

/**
 * Two text nodes with the same block box, `a` before `b`: is there a block element between them? Only elements
 * wholly between the two can be (their ancestors up to the box are inline). Rejected elements do not count: the
 * walk skips them whole, so `CIS-<button>x</button>MOA` stays one block.
 */
function blockBetween(a: Node, b: Node): boolean {
  let n: Node = a;
  let enter = false;
  for (;;) {
    if (enter) {
      n = n.firstChild!;
    } else {
      while (n.nextSibling === null) n = n.parentNode!;
      n = n.nextSibling!;
    }
    enter = false;
    if (n === b) return false;
    if (n.nodeType !== 1) continue;
    if (n.contains(b)) {
      enter = true;
      continue;
    }
    if (hasBlock(n as Element)) return true;
  }
}

/** Would the walk see a block element in this subtree (itself included), outside rejected parts? */
function hasBlock(el: Element): boolean {
  if (isRejected(el)) return false;
  if (KIND.get(el.tagName) !== INLINE) return true;
  for (let c = el.firstElementChild; c !== null; c = c.nextElementSibling) if (hasBlock(c)) return true;
  return false;
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
