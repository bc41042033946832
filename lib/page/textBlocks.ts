/**
 * Turns a DOM subtree into "blocks" of text in one TreeWalker pass. A block is the text of consecutive
 * text nodes that sit inside the same block-level box, so `CIS-<em>MOA</em>` reads as one string while
 * two paragraphs never run into each other. Deciding "block" by tag name (not computed style) keeps the
 * pass free of style and layout work.
 *
 * Subtrees that must stay untouched are rejected whole: scripts, styles, form fields, editable regions,
 * and the extension's own UI.
 *
 * Open shadow roots (web components hosting an article) are walked like the document, each with a BlockWalker of
 * its own: the TreeWalker does not enter them, so a shadow root is always a block boundary. They are found by
 * findShadowRoots below, after the document's first scan. Closed roots cannot be reached, by design. Same-origin
 * frames get a page script of their own.
 */

import type { AnchorFilter } from '../core/anchorFilter';
import { SLICE_BUDGET_MS, SLICE_MS } from './sliceScheduler';

/*
 * Elements are told apart by `localName`, not `tagName`: `tagName` is upper-cased only for HTML elements in an HTML
 * document, so in a page served as XHTML it would be `script`, and scripts, text areas and editable regions would be
 * scanned, and inline elements end blocks (tests/fixtures/detection/static.xhtml). `localName` is lower-case in both.
 */

/** Elements whose text never belongs to the reader's prose, or which the user edits. */
const REJECTED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'button',
  'iframe',
  'object',
  'embed',
  'canvas',
  'svg',
  'math',
  'title',
  'head',
]);

/** Phrasing elements: text flows through them, so they do not end a block. */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

export interface TextBlock {
  text: string;
  nodes: Text[];
  /** `starts[i]` is where `nodes[i]` begins in `text`. */
  starts: number[];
}

function isRejected(el: Element): boolean {
  return KIND.get(el.localName) === REJECT || isEditable(el);
}

function isEditable(el: Element): boolean {
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/**
 * Where findShadowRoots looks: elements whose local name has a hyphen. Every custom element's name has one, and a
 * custom element is what component libraries (Lit, Stencil, FAST, Polymer; declarative shadow DOM from their server
 * rendering too) attach their roots to. The few built-ins that may host a root (div, span, p, article, section, …)
 * are left out: they are most of a page's elements, so checking them would multiply the cost on every page, and their
 * roots are mostly widgets that isolate themselves (consent banners, ads, chat buttons), not prose. An XPath query,
 * not a loop in JavaScript: the query is evaluated natively and only its few matches get a JavaScript wrapper,
 * where a TreeWalker or `getElementsByTagName('*')` loop pays a wrapper and a property read for every element of
 * the page (several times the query's cost on the saved pages, cold, as a content script runs).
 */
const HOST_QUERY = ".//*[contains(local-name(), '-')]";

export interface FoundRoots {
  /** Open shadow roots, in shadow-including tree order: a root right after its host, its nested roots after it. */
  roots: ShadowRoot[];
  /** Custom elements not defined yet (no root so far): an upgrade may attach one later. */
  undefinedHosts: Element[];
}

/**
 * The open shadow roots under `scope` (a document, element or shadow root, itself not included) and inside them,
 * skipping hosts in rejected subtrees and roots in `known`. Found roots are searched for nested ones too.
 */
export function findShadowRoots(
  scope: Node,
  known: ReadonlySet<ShadowRoot>,
  found: FoundRoots = { roots: [], undefinedHosts: [] },
): FoundRoots {
  const doc = scope.nodeType === 9 ? (scope as Document) : scope.ownerDocument;
  if (!doc) return found;
  const hosts: Element[] = [];
  if (scope.nodeType === 11 || scope.getRootNode().nodeType === 11) {
    // XPath does not search a shadow tree (Chromium finds nothing there): a component's tree is small, so a walk over
    // its elements costs little.
    const walker = doc.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode() as Element | null; el !== null; el = walker.nextNode() as Element | null) {
      if (el.localName.includes('-')) hosts.push(el);
    }
  } else {
    try {
      const result = doc.evaluate(HOST_QUERY, scope, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
      for (let i = 0; i < result.snapshotLength; i++) hosts.push(result.snapshotItem(i) as Element);
    } catch {
      return found; // a document without XPath (never seen in a browser): no roots rather than no marks
    }
  }
  return rootsOfHosts(hosts, known, found);
}

/** The roots of these hosts not in `known` (and the roots nested in them); the hosts not defined yet. */
function rootsOfHosts(hosts: readonly Element[], known: ReadonlySet<ShadowRoot>, found: FoundRoots): FoundRoots {
  for (const host of hosts) {
    const root = host.shadowRoot;
    if (root === null) {
      if (!host.matches(':defined')) found.undefinedHosts.push(host);
      continue;
    }
    if (known.has(root) || isInsideRejected(host)) continue;
    found.roots.push(root);
    findShadowRoots(root, known, found);
  }
  return found;
}

/**
 * A document's text nodes beyond which its shadow-root hosts are looked for by an element walk in slices (HostSearch)
 * rather than by one XPath query. The query's cost grows with the page and cannot be cut short: on a very large page
 * it is a slice several times the budget; below this size it fits in one (figures in docs/performance.md, "Slices on
 * the 20 MB page, session 10"). Every saved real page is below it.
 */
export const SLICED_HOST_SEARCH_TEXTS = 50_000;

/**
 * findShadowRoots for a document or element, in slices when it is large (see SLICED_HOST_SEARCH_TEXTS). The walk pays
 * a wrapper for every element, which the query does not, but in all it costs about what the query does on such a page,
 * and it can stop at any element.
 */
export class HostSearch {
  private readonly walker: TreeWalker | undefined;
  private readonly hosts: Element[] = [];
  private done = false;
  /** The walk started over once (see next); a second time it gives way to the one query. */
  private restarted = false;
  private queryInstead = false;

  constructor(
    private readonly scope: Node,
    sliced: boolean,
  ) {
    const doc = scope.nodeType === 9 ? (scope as Document) : scope.ownerDocument;
    this.walker = sliced && doc ? doc.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT) : undefined;
  }

  /** Looks on until `now() >= deadline`; returns true while there is more to look at. */
  next(deadline: number, now: () => number = () => performance.now()): boolean {
    const walker = this.walker;
    if (this.done || walker === undefined) return false;
    if (!this.scope.isConnected) {
      // The page replaced what was being searched (a body swapped by a client-side navigation): its new content
      // comes as a change, looked at on its own.
      this.hosts.length = 0;
      this.done = true;
      return false;
    }
    const at = walker.currentNode;
    if (at !== this.scope && !this.scope.contains(at)) {
      // The page removed or moved the element the walk stopped at, so the walk would end there or leave the scope.
      // It starts over once; a page that does it again (a region re-rendered all the time) gets the one query, which
      // a change cannot cut short.
      if (this.restarted) {
        this.queryInstead = true;
        this.done = true;
        return false;
      }
      this.restarted = true;
      this.hosts.length = 0;
      walker.currentNode = this.scope;
    }
    let ticks = 0;
    for (let el = walker.nextNode() as Element | null; el !== null; el = walker.nextNode() as Element | null) {
      if (el.localName.includes('-')) this.hosts.push(el);
      if (++ticks === TICKS) {
        ticks = 0;
        if (now() >= deadline) return true;
      }
    }
    this.done = true;
    return false;
  }

  /** The roots found, once next() returned false. */
  roots(known: ReadonlySet<ShadowRoot>, found: FoundRoots = { roots: [], undefinedHosts: [] }): FoundRoots {
    if (this.walker === undefined || this.queryInstead) return findShadowRoots(this.scope, known, found);
    return rootsOfHosts(this.hosts, known, found);
  }
}

/**
 * Custom elements seen without a root that were not defined yet: an upgrade attaches its root without a mutation an
 * observer could see, so they are looked at again at every later look. A page with more than MAX_WAITING is not
 * waited for beyond them (such pages use custom elements as plain markup).
 */
export class UndefinedHosts {
  private static readonly MAX_WAITING = 64;
  private hosts: Element[] = [];

  /** Keeps the hosts a findShadowRoots call found without a root, up to the limit. */
  note(found: readonly Element[]): void {
    for (const host of found) {
      if (this.hosts.length >= UndefinedHosts.MAX_WAITING) break;
      if (!this.hosts.includes(host)) this.hosts.push(host);
    }
  }

  /**
   * The roots the kept hosts have attached since (and the roots inside them), not in `known`; hosts that got one, left
   * the page or were defined without one are let go.
   */
  upgraded(known: ReadonlySet<ShadowRoot>, found: FoundRoots = { roots: [], undefinedHosts: [] }): FoundRoots {
    if (this.hosts.length === 0) return found;
    this.hosts = this.hosts.filter((host) => {
      const root = host.shadowRoot;
      if (root && !known.has(root) && root.isConnected) {
        found.roots.push(root);
        findShadowRoots(root, known, found);
      }
      return root === null && host.isConnected && !host.matches(':defined');
    });
    return found;
  }

  clear(): void {
    this.hosts = [];
  }
}

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
  while (el && INLINE_TAGS.has(el.localName) && el.parentElement) el = el.parentElement;
  return el;
}

/** What the walk does on entering an element, by tag name: one Map probe instead of two Set probes. */
const INLINE = 1;
const REJECT = 2;
const KIND = new Map<string, number>();
for (const tag of INLINE_TAGS) KIND.set(tag, INLINE);
for (const tag of REJECTED_TAGS) KIND.set(tag, REJECT);

/** The clock is read every this many text nodes. */
const TICKS = 128;

/** Texts longer than this are checked for a script or style parent before they are read. */
const LONG_TEXT = 512;

/**
 * Filtered mode: the anchors are searched in the joined text every this many characters. A search of this much
 * text is quick; bigger chunks mean fewer searches and fewer strings for the collector, and fewer long slices
 * (docs/performance.md).
 */
const CHUNK = 131_072;

/**
 * Filtered mode: how much of the text already searched is searched again with the next chunk, for an anchor that
 * runs across the edge. Anchors are single words or short phrases; only a phrase with about a thousand characters
 * of whitespace between its words, lying across a chunk edge, would be missed.
 */
const CARRY = 1_024;

/**
 * Filtered mode: how far past the slice's deadline a search may run. The deadline (SLICE_MS) is when the walk stops
 * taking up small units of work; a search is one big unit, and it is put off to the next slice only if it would end
 * past the slice's budget (SLICE_BUDGET_MS): a page whose scan takes a little over one slice keeps it in one.
 */
const SEARCH_OVERRUN_MS = SLICE_BUDGET_MS - SLICE_MS;

/** What a walk that emits only the blocks that may hold a mention needs (see BlockWalker). */
export interface BlockFilter {
  anchors: AnchorFilter;
  /** Nodes whose block must be emitted whatever their text: they held mentions before (rescans). */
  known?: (node: Text) => boolean;
  /** Characters per search (default CHUNK); tests make it tiny to put many anchors across chunk edges. */
  chunk?: number;
  /**
   * Called once the root's text is searched, if no anchor of a core or related alias is in it (see AnchorFilter.search):
   * the flagged nodes can then only hold context-tier names, which a page shows only once it mentions a core or
   * related entity. Returns true if it took the nodes (to rescan if that happens); the walk then ends, emitting
   * nothing. Most pages that name Trump or Pakistan are not about the dossier: their blocks are never worked out.
   */
  setAside?: (flagged: readonly Text[]) => boolean;
}

/**
 * A resumable walk: `next(deadline)` emits blocks until the time budget is spent and returns whether anything
 * is left, so callers can yield to the page between slices.
 *
 * Two modes. Without a filter every block is emitted. With a filter (the engine's), only blocks that may hold a
 * mention are, in two phases:
 * 1. One pass over the root's text nodes joins their text. Every 128 K characters the anchor RegExps
 *    (lib/core/anchorFilter.ts) run over the joined text, natively, and each anchor found flags the node it ends
 *    in. So the JavaScript work per text node is what any pass over the text pays (three array pushes), whatever
 *    the number of aliases; a word split across nodes is whole in the joined text.
 * 2. For each flagged node, in document order, the walk works out the node's block: back to where it starts (a
 *    second TreeWalker) and forward to where it ends, with the same rules as the full walk. Flagged nodes inside
 *    a block already emitted are passed over. Skipped when no anchor found was a core or related alias's and the
 *    caller sets the flagged nodes aside (BlockFilter.setAside).
 * Those blocks are exactly the ones the full walk emits, and every block in which the matcher finds a hit is among
 * them (tests/bench/checkBlocks.ts checks both on every saved page and on a page of edge cases). One gap, by
 * design: the joined text also holds the text of skipped elements (buttons, form controls, SVG titles), so a
 * mention with such an element inside its anchor word (`Kuri<button>x</button>lla`) is not found.
 *
 * PERFORMANCE (measured with tests/bench/run.ts; a content script runs cold on every page, so what counts is
 * the first walk: every node the script touches gets a JavaScript wrapper, every line runs in the interpreter
 * at first):
 * - The TreeWalker shows text nodes only and has no JavaScript filter, like the cheapest possible pass over a
 *   page's text. A NodeFilter callback would be a C++ → JavaScript call per node, dozens of times slower even when
 *   empty (docs/performance.md). Elements are looked at only around flagged nodes: as parents
 *   of text nodes and, rarely, as the empty elements between two text nodes of a block.
 * - Phase 1 calls no RegExp per node: a call per node (the previous design) cost more than the pass itself. It holds
 *   only a chunk's nodes and texts at a time, and flags with a byte per node, so nothing needs sorting.
 * - A parent is classified against the chain of ancestors kept from the previous parent, so each element is
 *   looked at about once (one Map probe for its tag). `closest()` with the tag lists as selectors was tried and is
 *   much slower: selector matching per node. A rejected subtree is skipped whole.
 * - Two text nodes with the same block box are in the same block unless a block element lies between them
 *   (`a<br>b`, `a<p></p>b`); the check walks the siblings between the two, usually one or two steps.
 */
export class BlockWalker {
  private readonly walker: TreeWalker;
  private text = '';
  private nodes: Text[] = [];
  private starts: number[] = [];
  /** The current block's box (the nearest non-inline ancestor of its text). */
  private container: Element | null = null;
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
  /** Nodes handled since the clock was last read. */
  private ticks = 0;
  /** Text nodes walked so far, in steps of TICKS (the clock's count: no work per node for it). */
  private walkedTexts = 0;

  // Filtered mode, phase 1: the texts to search next (the end of the text searched last, see CARRY, then the
  // texts met since), their nodes and where each node starts in the joined text; where the last search ended.
  // Only a chunk's worth of nodes is held: holding every text node of a very large page kept their wrappers alive
  // through the young-generation collections, which made some slices take twice their budget.
  private scanning: boolean;
  private readonly parts: string[] = [];
  private readonly partNodes: Text[] = [];
  private readonly partAt: number[] = [];
  private joined = 0;
  private searched = 0;
  /** A chunk is full but its search was put off to the next slice (see scan). */
  private searchDue = false;
  /** How long the last search took per character of text, in ms (0 before the first). */
  private searchMsPerChar = 0;
  /** The last node read before a slice ended (to go on from if the next one leaves the page meanwhile). */
  private lastRead: Node | null = null;
  /**
   * Marks on the parts' nodes for the search under way (a byte per node: no sorting, whatever order they arrive in).
   * Made at the first mark: most pages have none, and a fresh page's first typed array has a measurable cost.
   */
  private marks: Uint8Array | undefined;
  /** The flagged nodes, in document order. */
  private readonly flagged: Text[] = [];
  /** The last node pushed to `flagged` (a node in the carried text may be found again by the next search). */
  private lastFlagged: Text | null = null;
  /** Phase 1: has a search found an anchor of a core or related alias (see BlockFilter.setAside)? */
  private opened = false;
  // Phase 2: the next flagged node to look at; collecting a block now?
  private q = 0;
  private collecting = false;
  /** Phase 2: a second walker, for going back from a flagged node to the start of its block. */
  private back: TreeWalker | undefined;

  constructor(
    private readonly root: Node,
    private readonly emit: (block: TextBlock) => void,
    private readonly filter?: BlockFilter,
  ) {
    this.walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    this.scanning = filter !== undefined;
    if (root.nodeType === 3) this.pendingNode = root;
  }

  /** Walks until `now() >= deadline`; returns true while there is more to walk. */
  next(deadline: number, now: () => number = () => performance.now()): boolean {
    if (this.done) return false;
    // The page may have changed since the last slice: ancestors are looked up afresh rather than trusted.
    this.lastParent = null;
    this.chain.length = this.kinds.length = 0;
    this.rejectedAt = -1;
    if (this.filter === undefined) return this.nextBlock(deadline, now);
    if (this.scanning) {
      if (this.scan(deadline, now)) return true;
      if (!this.opened && this.flagged.length > 0 && this.filter.setAside?.(this.flagged)) {
        this.done = true;
        return false;
      }
    }
    return this.nextFlagged(deadline, now);
  }

  /** About how many text nodes the walk has read (to within TICKS). */
  get textsWalked(): number {
    return this.walkedTexts;
  }

  /** Unfiltered mode: emits every block. */
  private nextBlock(deadline: number, now: () => number): boolean {
    if (this.collect(deadline, now, false)) return true;
    this.flush();
    this.done = true;
    return false;
  }

  /**
   * Reads text nodes on from the walker into the current block, skipping rejected subtrees. At a block's end the full
   * walk emits it and goes on; the filtered walk (`oneBlock`) stops there, with the walker on the first node after the
   * block (or at the end). Returns true when time ran out first.
   */
  private collect(deadline: number, now: () => number, oneBlock: boolean): boolean {
    const walker = this.walker;
    let node = this.pendingNode ?? walker.nextNode();
    this.pendingNode = null;
    while (node !== null) {
      const data = (node as Text).data;
      if (data.length > 0) {
        const parent = node.parentNode;
        if (parent !== this.lastParent) this.classify(parent);
        const rejected = this.lastRejected;
        if (rejected !== null) {
          node = this.after(rejected);
          continue;
        }
        if (this.nodes.length > 0 && !this.joins(node as Text)) {
          if (oneBlock) return false;
          this.flush();
        }
        this.add(node as Text, data);
      }
      node = walker.nextNode();
      // Checking the clock every node would cost more than the work itself.
      if (++this.ticks === TICKS) {
        this.ticks = 0;
        // Filtered, this collects the flagged blocks the first phase counted already.
        if (this.filter === undefined) this.walkedTexts += TICKS;
        if (node !== null && now() >= deadline) {
          this.pendingNode = node;
          return true;
        }
      }
    }
    return false;
  }

  /** Filtered mode, phase 1: joins the text nodes' texts, searching the anchors chunk by chunk. Returns true when time ran out. */
  private scan(deadline: number, now: () => number): boolean {
    const walker = this.walker;
    const parts = this.parts;
    const partNodes = this.partNodes;
    const partAt = this.partAt;
    const known = this.filter!.known;
    const chunkSize = this.filter!.chunk ?? CHUNK;
    // Locals, not fields, in the loop: it runs in the interpreter on a cold page, where every field access counts.
    let joined = this.joined;
    let ticks = 0;
    /** Nothing done in this slice yet: the next search runs whatever its expected cost (the walk must progress). */
    let fresh = true;
    // A search put off at the end of the last slice goes first.
    if (this.searchDue) {
      this.searchDue = false;
      this.timedSearch(joined, now);
      fresh = false;
    }
    let due = false;
    let node = this.resume();
    while (node !== null) {
      const data = (node as Text).data;
      const length = data.length;
      // Long texts are mostly inline scripts and styles: their parent's tag is cheaper to read than their text.
      if (
        length !== 0 &&
        (length <= LONG_TEXT || KIND.get((node.parentNode as Element | null)?.localName ?? '') !== REJECT)
      ) {
        if (known !== undefined && known(node as Text)) this.mark(parts.length);
        parts.push(data);
        partNodes.push(node as Text);
        partAt.push(joined);
        joined += length;
        if (joined - this.searched >= chunkSize) {
          // A search is the walk's biggest unit of work: if it would run past the slice's budget (going by the last
          // search's speed), the slice ends here and the next begins with it.
          if (!fresh && !this.searchFits(joined, deadline, now)) {
            due = true;
          } else {
            this.timedSearch(joined, now);
          }
        }
        fresh = false;
      }
      node = walker.nextNode();
      if (++ticks === TICKS || due) {
        this.walkedTexts += ticks;
        ticks = 0;
        if (node !== null && (due || now() >= deadline)) {
          this.pendingNode = node;
          this.lastRead = walker.previousNode();
          walker.currentNode = node;
          this.joined = joined;
          this.searchDue = due;
          return true;
        }
      }
    }
    this.walkedTexts += ticks;
    if (joined > this.searched) {
      if (!fresh && !this.searchFits(joined, deadline, now)) {
        this.joined = joined;
        this.searchDue = true;
        return true;
      }
      this.timedSearch(joined, now);
    }
    this.scanning = false;
    return false;
  }

  /** Would a search of the text up to `joined` end within SEARCH_OVERRUN_MS of the deadline, going by the last search's speed? */
  private searchFits(joined: number, deadline: number, now: () => number): boolean {
    return now() + (joined - this.searched) * this.searchMsPerChar < deadline + SEARCH_OVERRUN_MS;
  }

  /**
   * Phase 1: the node to go on from. The page may have changed between slices: if that node left the root, the walk
   * goes on after the last node it read, or, if that one left too, reads the root again from the start (flags found
   * twice cost only time); either way the rest of the page is still searched.
   */
  private resume(): Node | null {
    const pending = this.pendingNode;
    this.pendingNode = null;
    if (pending === null) return this.walker.nextNode();
    const root = this.root;
    if (root.contains(pending)) return pending;
    const last = this.lastRead;
    this.walker.currentNode = last !== null && root.contains(last) ? last : root;
    return root.nodeType === 3 && this.walker.currentNode === root ? root : this.walker.nextNode();
  }

  /** search(), timing it for the next decision whether a search still fits in a slice. */
  private timedSearch(joined: number, now: () => number): void {
    const length = joined - this.searched;
    const start = now();
    this.search(joined);
    this.searchMsPerChar = (now() - start) / length;
  }

  private mark(index: number): void {
    let marks = this.marks;
    if (marks === undefined || index >= marks.length) {
      marks = new Uint8Array(Math.max(index + 1, 2 * (marks?.length ?? 128)));
      if (this.marks) marks.set(this.marks);
      this.marks = marks;
    }
    marks[index] = 1;
  }

  /**
   * Searches the anchors in the parts (ending at offset `joined` of the joined text), flags the nodes they are found
   * in, and keeps the last CARRY characters' parts for the next search.
   */
  private search(joined: number): void {
    const parts = this.parts;
    const partNodes = this.partNodes;
    const partAt = this.partAt;
    // One join per chunk, not a string append per node: an append per node leaves a cons string per node for the
    // collector.
    const text = parts.join('');
    this.searched = joined;
    const base = joined - text.length;
    const last = parts.length - 1;
    const anchors = this.filter!.anchors;
    // The node an anchor ends in gets the mark. An anchor that belongs to a mention lies in one block, so its end
    // is as good as its start for finding that block; the rest of that node can flag nothing new.
    this.opened = anchors.search(
      text,
      (after) => {
        const lo = lastAtOrBefore(partAt, base + after - 1);
        this.mark(lo);
        return (lo < last ? partAt[lo + 1]! : joined) - base;
      },
      this.opened,
    );
    // The marked nodes, in document order; a carried node may have been flagged by the search before.
    const marks = this.marks;
    if (marks !== undefined) {
      let from = 0;
      if (this.lastFlagged !== null) from = partNodes.lastIndexOf(this.lastFlagged) + 1;
      for (let i = marks.indexOf(1, from); i >= 0 && i <= last; i = marks.indexOf(1, i + 1)) {
        this.flagged.push(partNodes[i]!);
        this.lastFlagged = partNodes[i]!;
      }
      marks.fill(0, 0, parts.length);
    }
    // Keep the last CARRY characters for the next search, as the last parts (the earliest of them cut to size).
    let keep = 0;
    let i = parts.length;
    while (i > 0 && keep < CARRY) keep += parts[--i]!.length;
    if (i > 0) {
      // copyWithin, not splice: no array of the removed parts to collect.
      const n = parts.length - i;
      parts.copyWithin(0, i);
      partNodes.copyWithin(0, i);
      partAt.copyWithin(0, i);
      parts.length = partNodes.length = partAt.length = n;
    }
    if (keep > CARRY) parts[0] = parts[0]!.slice(keep - CARRY);
  }

  /** Filtered mode, phase 2: emits the blocks of the flagged nodes. */
  private nextFlagged(deadline: number, now: () => number): boolean {
    const flagged = this.flagged;
    for (;;) {
      if (this.collecting) {
        if (this.collect(deadline, now, true)) return true;
        const end = this.nodes[this.nodes.length - 1];
        this.flush();
        this.collecting = false;
        // Flagged nodes up to the block's last node are done: decided now, while that node is surely in the page.
        if (end !== undefined && this.root.contains(end)) {
          while (this.q < flagged.length) {
            const x = flagged[this.q]!;
            if (
              x !== end &&
              (end.compareDocumentPosition(x) &
                (Node.DOCUMENT_POSITION_PRECEDING | Node.DOCUMENT_POSITION_DISCONNECTED)) ===
                0
            )
              break;
            this.q++;
          }
        }
        if (now() >= deadline) return true;
      }
      if (this.q >= flagged.length) {
        this.done = true;
        return false;
      }
      const f = flagged[this.q++]!;
      // Removed or emptied since phase 1: nothing to find there (the engine rescans what changed anyway).
      if (f.data.length === 0 || !this.root.contains(f)) continue;
      this.classify(f.parentNode);
      if (this.lastRejected === null) this.begin(f);
    }
  }

  /** Filtered mode: starts collecting the block of a flagged node (its parent just classified), which may begin earlier. */
  private begin(node: Text): void {
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
    this.walker.currentNode = node;
    for (let i = before.length - 1; i >= 0; i--) this.add(before[i]!, before[i]!.data);
    this.add(node, node.data);
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
      const kind = KIND.get(el.localName) ?? 0;
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
  if (KIND.get(el.localName) !== INLINE) return true;
  for (let c = el.firstElementChild; c !== null; c = c.nextElementSibling) if (hasBlock(c)) return true;
  return false;
}

/**
 * Maps an offset in a block's text to the text node and offset inside it (binary search). `index` is the node's
 * position in `block.nodes`, so callers need no `indexOf` (linear in the block's nodes) to find it again.
 */
export function locate(
  block: TextBlock,
  offset: number,
  preferEnd: boolean,
): { node: Text; offset: number; index: number } {
  const { starts, nodes } = block;
  // An end offset that falls exactly on a node boundary belongs to the node before it.
  const lo = lastAtOrBefore(starts, preferEnd ? offset - 1 : offset);
  return { node: nodes[lo]!, offset: offset - starts[lo]!, index: lo };
}

/** In ascending whole numbers, the index of the last one at or before `value` (0 if none is). Binary search. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
