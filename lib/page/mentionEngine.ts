/**
 * The page's mentions: finds them (one BlockWalker pass + the compiled matcher), decides them (the
 * resolver's page-level rules), paints them (HighlightPainter) and keeps them current as the page
 * changes. Work arrives as "roots" (the body at start, changed blocks later), is deduplicated and done
 * in time slices.
 */
import type { Matcher } from '../core/matcher';
import { MentionResolver, type Candidate, type PageRules } from '../core/mentionResolver';
import type { HighlightPainter } from './highlightPainter';
import {
  BlockWalker,
  blockContainerOf,
  findShadowRoots,
  HostSearch,
  locate,
  SLICED_HOST_SEARCH_TEXTS,
  UndefinedHosts,
  type FoundRoots,
  type TextBlock,
} from './textBlocks';
import { SLICE_BUDGET_MS, runInSlices, yieldToPage } from './sliceScheduler';

export interface Mention {
  entityId: string;
  /** The page text matched. */
  text: string;
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
  /** The text nodes it spans, first to last (usually one). */
  nodes: Text[];
  /** What the painter holds; a StaticRange, so page mutations cost nothing to keep it "live". */
  range: AbstractRange;
  /** Removed; dropped from the list at the next compaction. */
  dead?: boolean;
}

/** A matcher hit waiting for the page-level rules; it becomes a Mention (gets its range) if accepted. */
type PendingMention = Omit<Mention, 'range'> & { range?: AbstractRange };

/**
 * During a very long scan the marks found so far are shown this often; otherwise at the end of the batch. Every
 * hand-over to a shown Highlight makes the browser's next frame recompute all of its ranges: showing them four times
 * a second on the generated 5 MB page made those frames cost about as much as the scan itself.
 */
const PAINT_EVERY_MS = 1000;
/**
 * ...and only until the shown Highlights hold this many ranges; the rest show at the end of the scan. In Chromium
 * every hand-over makes the next frame re-style and re-paint every range shown, not just the new ones: on the
 * generated 20 MB page the frames after the mid-scan hand-overs took 0.26, 0.27, 0.91 and 0.90 s, then 1.1 s after
 * the last (docs/performance.md). The first thousands of marks cover the first screens of any page.
 */
const MID_SCAN_PAINT_LIMIT = 5000;

type Tier = 'core' | 'related' | 'context';

export interface EngineOptions {
  /** Each slice's duration, for the benchmark. */
  onSlice?: (ms: number) => void;
  /** Called after a batch of work changed the set of mentions. */
  onChange?: () => void;
  sliceMs?: number;
  /** How often a long scan shows the marks found so far, and up to how many (PAINT_EVERY_MS, MID_SCAN_PAINT_LIMIT). */
  midScanPaint?: { everyMs: number; limit: number };
  /**
   * The dossier's page-level alias rules (pageRulesOf): which surnames stand alone, which aliases need a cue.
   * Without them every surname needs its full name and no alias needs a cue.
   */
  pageRules?: PageRules;
  /** Called once for each open shadow root the engine starts scanning: its mutations are for the caller to watch. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Text nodes beyond which a document's hosts are looked for in slices (SLICED_HOST_SEARCH_TEXTS; for tests). */
  slicedHostSearchTexts?: number;
}

function makeRange(m: PendingMention): AbstractRange {
  const init = {
    startContainer: m.startNode,
    startOffset: m.startOffset,
    endContainer: m.endNode,
    endOffset: m.endOffset,
  };
  if (typeof StaticRange === 'function') return new StaticRange(init);
  const range = document.createRange();
  range.setStart(init.startContainer, init.startOffset);
  range.setEnd(init.endContainer, init.endOffset);
  return range;
}

/** How much work the engine has done: batches of rescans (at most one per frame) and time slices (the stats message). */
export interface EngineStats {
  batches: number;
  slices: number;
  busyMs: number;
  longestSliceMs: number;
  /**
   * Slices longer than SLICE_BUDGET_MS, the most a slice may block the page (the benchmark's target). Optional only
   * because a stats reply from a page without a session has no engine to count them.
   */
  slicesOverBudget: number;
  /** Walks whose flagged nodes held only context-tier anchors and were set aside (see BlockFilter.setAside). */
  setAside: number;
}

export class MentionEngine {
  private readonly resolver: MentionResolver<PendingMention>;
  /**
   * Text nodes where a candidate was fed and not accepted at once (held, or dropped): only a block holding one of
   * them can have refs in the resolver to take back before it is scanned again. Without this, every block of a first
   * scan would filter the whole held list (with thousands of aliases, thousands of held surnames on a long page).
   */
  private readonly heldNodes = new Set<Text>();
  /** Every text node a mention touches → the mentions touching it (hit-testing and invalidation). */
  private readonly byNode = new Map<Text, Mention[]>();
  private list: Mention[] = [];
  /** Mentions in `list` marked dead since the last compaction. */
  private dead = 0;
  private ordered = true;
  /** The next registered mention starts a new walk: is it still in document order after the list's last? */
  private checkOrder = true;
  private readonly pending = new Set<Node>();
  /**
   * Text nodes whose anchors can only be context-tier names, found while the page had no core or related mention
   * (BlockFilter.setAside). They are rescanned when it gets one.
   */
  private readonly setAside = new Set<Text>();
  /** What scanDocument was last given: rescanned whole when nodes set aside come back (see takeBackSetAside). */
  private documentRoot: Node | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;
  /** Open shadow roots found so far (scanned or queued), in the order found. */
  private readonly shadowRoots = new Set<ShadowRoot>();
  /** The shadow roots that hold a mention: styled by the painter, handed to hover hit-testing. */
  private readonly markedRoots = new Set<ShadowRoot>();
  /** Custom elements seen without a root that were not defined yet, looked at again at every later batch. */
  private readonly undefinedHosts = new UndefinedHosts();
  /**
   * The document's shadow roots: 'due' once its walk is done, 'ready' when the run that shows its marks has ended;
   * then the next batch looks for them (see schedule).
   */
  private discovery: 'none' | 'due' | 'ready' = 'none';
  /** About how many text nodes the document's last walk read: a large document's hosts are looked for in slices. */
  private documentTexts = 0;

  constructor(
    private readonly matcher: Matcher,
    private readonly tierOf: (entityId: string) => Tier | undefined,
    private readonly painter: HighlightPainter,
    private readonly options: EngineOptions = {},
  ) {
    this.resolver = new MentionResolver(tierOf, options.pageRules);
  }

  /** What the engine has done so far (slices of work and their cost), for the stats message and tests. */
  readonly stats: EngineStats = {
    batches: 0,
    slices: 0,
    busyMs: 0,
    longestSliceMs: 0,
    slicesOverBudget: 0,
    setAside: 0,
  };
  private stale = false;

  /** Scans the whole document now (start, SPA navigation, resume). */
  scanDocument(root: Node): Promise<void> {
    this.documentRoot = root;
    this.pending.add(root);
    return this.schedule(true);
  }

  /**
   * Queues a changed subtree for rescanning. The work waits for the next frame and is batched with
   * everything else that changed meanwhile, so a page mutating thousands of times a second costs a set
   * insertion per mutation and at most one batch of work per frame.
   */
  enqueue(node: Node): Promise<void> {
    // Inline content is rescanned with its whole block, so a mention split across tags stays whole.
    let root: Node | null = blockContainerOf(node);
    // At the top of a shadow tree there is no box above: the root is the block (text directly in it, an inline element).
    const up = (root ?? node).parentNode;
    if (up !== null && up.nodeType === 11) root = up;
    if (root) this.pending.add(root);
    return this.schedule(false);
  }

  /** Text was removed or edited somewhere: mentions are re-validated before the next batch. */
  markStale(): Promise<void> {
    this.stale = true;
    return this.schedule(false);
  }

  private schedule(now: boolean): Promise<void> {
    // A failure here (a node detached mid-scan, the extension reloaded) must never surface in the page's
    // console; the next mutation or navigation starts a fresh batch.
    this.running ??= this.drain(now)
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        // The document's shadow roots are looked for in a run of their own, from the next frame: the light DOM's
        // marks are shown first, and scanDocument() resolves with them, whatever the page's components hold.
        if (this.discovery === 'due' && !this.disposed) {
          this.discovery = 'ready';
          void this.schedule(false);
        }
      });
    return this.running;
  }

  /** Resolves when all queued work is done, the shadow roots found after the document's scan included. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(now: boolean): Promise<void> {
    let first = true;
    while ((this.pending.size > 0 || this.stale || this.discovery === 'ready') && !this.disposed) {
      if (!first || !now) await nextFrame();
      first = false;
      if (this.disposed) return;
      this.stats.batches++;
      let changed = false;
      if (this.stale) {
        this.stale = false;
        changed = this.dropStale();
      }
      const roots = this.takeOutermostRoots();
      let discover = this.discovery === 'ready';
      if (discover) this.discovery = 'none';
      let hostSearch: HostSearch | undefined;
      let index = 0;
      let walker: BlockWalker | undefined;
      let painted = performance.now();
      const midScan = this.options.midScanPaint ?? { everyMs: PAINT_EVERY_MS, limit: MID_SCAN_PAINT_LIMIT };
      let walking = true;
      let painting = false;
      await runInSlices(
        (deadline) => {
          // Handing thousands of ranges to the Highlight is work of its own: it gets slices (with the same
          // deadline) instead of being added on top of a slice of scanning, both during a long scan and at its end.
          if (!walking) return this.painter.flush(deadline);
          if (painting || (performance.now() - painted > midScan.everyMs && this.painter.shown < midScan.limit)) {
            painting = this.painter.flush(deadline);
            if (!painting) painted = performance.now();
            return true;
          }
          // In a slice, so that its time counts as the engine's; the roots found are walked in this batch.
          if (discover) {
            const scope = this.documentRoot?.isConnected ? this.documentRoot : document.body;
            if (scope) {
              const slicedAbove = this.options.slicedHostSearchTexts ?? SLICED_HOST_SEARCH_TEXTS;
              hostSearch ??= new HostSearch(scope, this.documentTexts > slicedAbove);
              if (hostSearch.next(deadline)) return true;
              this.discoverIn(scope, roots, false, hostSearch.roots(this.shadowRoots));
            }
            discover = false;
          }
          while (index < roots.length || walker) {
            if (!walker) {
              const root = roots[index++]!;
              if (!root.isConnected) continue;
              // Only blocks that may hold a mention, or that held one (their old marks must go), are emitted.
              const byNode = this.byNode;
              const known = byNode.size > 0 ? (node: Text) => byNode.has(node) : undefined;
              // Mentions from one walk come in document order: only the first is compared with the list's last.
              this.checkOrder = true;
              walker = new BlockWalker(
                root,
                (block) => {
                  if (this.scanBlock(block)) changed = true;
                },
                { anchors: this.matcher.anchors, known, setAside: (nodes) => this.putAside(nodes) },
              );
            }
            if (walker.next(deadline)) return true;
            const texts = walker.textsWalked;
            walker = undefined;
            const walked = roots[index - 1]!;
            // The document's roots wait for its marks to show (see schedule); a changed subtree's are looked for
            // now: a component added by the page comes with its root, and the subtree is usually small.
            if (walked === this.documentRoot) {
              this.discovery = 'due';
              this.documentTexts = texts;
            } else if (walked.nodeType === 1 || walked.nodeType === 11) this.discoverIn(walked, roots, true);
            if (performance.now() >= deadline && index < roots.length) return true;
          }
          walking = false;
          return this.painter.flush(deadline);
        },
        { sliceMs: this.options.sliceMs, onSlice: (ms) => this.recordSlice(ms), isCancelled: () => this.disposed },
      );
      this.compact();
      if (changed) this.options.onChange?.();
    }
  }

  /**
   * Adds the open shadow roots under `scope` not seen before to `roots` (the batch's walk list) and tells the caller
   * about them. For a changed subtree, also its ancestors (a host whose light children changed may have attached a
   * root since) and the custom elements that were not defined yet (an upgrade attaches its root without a mutation
   * the document's observer could see). Not covered: a root attached later on a page where nothing changes after.
   */
  private discoverIn(
    scope: Node,
    roots: Node[],
    changed: boolean,
    found: FoundRoots = findShadowRoots(scope, this.shadowRoots),
  ): void {
    if (changed) {
      for (let el = scope.nodeType === 1 ? (scope as Element) : null; el; el = el.parentElement) {
        const root = el.localName.includes('-') ? el.shadowRoot : null;
        if (root && !this.shadowRoots.has(root) && !found.roots.includes(root)) {
          found.roots.push(root);
          findShadowRoots(root, this.shadowRoots, found);
        }
      }
    }
    this.undefinedHosts.upgraded(this.shadowRoots, found);
    this.undefinedHosts.note(found.undefinedHosts);
    for (const root of found.roots) {
      if (this.shadowRoots.has(root)) continue;
      this.shadowRoots.add(root);
      roots.push(root);
      this.options.onShadowRoot?.(root);
    }
  }

  /** Is the page about the story (a core or related mention here, or openPage)? */
  get opened(): boolean {
    return this.resolver.anchored;
  }

  /**
   * This document is part of a page that is about the story (a frame whose top page opened): what waited for that
   * shows now, as when a core mention turns up here. The held context-tier names are marked at once, in document
   * order, and the text set aside is taken back (rescanned).
   */
  openPage(): void {
    if (this.disposed || this.resolver.anchored) return;
    const released = this.resolver.open();
    let changed = false;
    for (const mention of released) {
      if (!mention.startNode.isConnected) continue;
      mention.range = makeRange(mention);
      // Each may lie anywhere relative to the list's last; a walk under way compares its next one again too.
      this.checkOrder = true;
      this.register(mention as Mention);
      changed = true;
    }
    this.checkOrder = true;
    if (this.setAside.size > 0) {
      this.takeBackSetAside();
      void this.schedule(false);
    }
    if (changed) {
      this.painter.flush();
      this.options.onChange?.();
    }
  }

  /** The shadow roots that hold a mention now (hover hit-testing must name them to see inside). */
  rootsWithMentions(): ShadowRoot[] {
    const roots: ShadowRoot[] = [];
    for (const root of this.markedRoots) if (root.isConnected) roots.push(root);
    return roots;
  }

  /**
   * Takes a walk's flagged nodes while context-tier names cannot show (see BlockFilter.setAside). Not while a held
   * mention waits for a cue: a context-tier name in them may be it.
   */
  private putAside(nodes: readonly Text[]): boolean {
    if (this.resolver.anchored || this.resolver.awaitingCue) return false;
    for (const node of nodes) this.setAside.add(node);
    this.stats.setAside++;
    return true;
  }

  /**
   * The page now has a core or related mention, or a held mention waits for a cue that may be a context-tier name
   * set aside: the next batch scans the document again, so that everything reaches the resolver in document order
   * (what it holds now came out of order, and is dropped: the scan feeds it again). Pages only get here when a
   * core mention turns up after a scan found none, or on a page with an uncued acronym, so this full scan is rare.
   */
  private takeBackSetAside(): void {
    const root = this.documentRoot?.isConnected ? this.documentRoot : document.body;
    if (root) this.pending.add(root);
    for (const shadow of this.shadowRoots) if (shadow.isConnected) this.pending.add(shadow);
    this.setAside.clear();
    this.resolver.forget(() => true);
    this.heldNodes.clear();
  }

  private recordSlice(ms: number): void {
    this.stats.slices++;
    this.stats.busyMs += ms;
    if (ms > this.stats.longestSliceMs) this.stats.longestSliceMs = ms;
    if (ms > SLICE_BUDGET_MS) this.stats.slicesOverBudget++;
    this.options.onSlice?.(ms);
  }

  /** Drops roots that sit inside other queued roots (their scan covers them). */
  private takeOutermostRoots(): Node[] {
    const roots = [...this.pending];
    this.pending.clear();
    const set = new Set(roots);
    return roots.filter((root) => {
      for (let p = root.parentNode; p; p = p.parentNode) if (set.has(p)) return false;
      return true;
    });
  }

  /** Matches one block; returns whether the mention set changed. */
  private scanBlock(block: TextBlock): boolean {
    let changed = false;
    // A rescanned block replaces whatever was found in its nodes before (nothing to look up on a first scan).
    if (this.byNode.size > 0)
      for (const node of block.nodes) {
        const old = this.byNode.get(node);
        if (old) {
          this.removeMentions([...old]);
          changed = true;
        }
      }
    // What the resolver holds from this block's last scan is fed again now.
    if (this.resolver.holding && block.nodes.some((node) => this.heldNodes.has(node))) {
      const nodes = new Set(block.nodes);
      this.resolver.forget((ref) => nodes.has(ref.startNode));
    }
    const hits = this.matcher.find(block.text);
    if (hits.length === 0) return changed;
    const candidates: Candidate<PendingMention>[] = hits.map((hit) => {
      const start = locate(block, hit.start, false);
      const end = locate(block, hit.end, true);
      const text = block.text.slice(hit.start, hit.end);
      return {
        entityId: hit.entityId,
        needsFullName: hit.needsFullName,
        text,
        context: block.text,
        ref: {
          entityId: hit.entityId,
          text,
          startNode: start.node,
          startOffset: start.offset,
          endNode: end.node,
          endOffset: end.offset,
          nodes: start.index === end.index ? [start.node] : block.nodes.slice(start.index, end.index + 1),
        },
      };
    });
    const accepted = this.resolver.add(candidates);
    if (accepted.length < candidates.length || this.resolver.holding) {
      const now = new Set(accepted);
      for (const c of candidates) if (!now.has(c.ref)) this.heldNodes.add(c.ref.startNode);
    }
    // Refs held earlier and released now may lie anywhere before this block: each is checked for document order,
    // and so is the first of this block's own after them.
    const own =
      accepted.length > hits.length || accepted.some((m, i) => m !== candidates[i]?.ref)
        ? new Set(candidates.map((c) => c.ref))
        : undefined;
    let afterReleased = false;
    for (const mention of accepted) {
      if (!mention.startNode.isConnected) continue;
      mention.range = makeRange(mention);
      if (own !== undefined) {
        const released = !own.has(mention);
        if (released || afterReleased) this.checkOrder = true;
        afterReleased = released;
      }
      this.register(mention as Mention);
      changed = true;
    }
    if (this.setAside.size > 0 && (this.resolver.anchored || this.resolver.awaitingCue)) this.takeBackSetAside();
    return changed;
  }

  private register(mention: Mention): void {
    if (this.checkOrder) {
      this.checkOrder = false;
      const last = this.list[this.list.length - 1];
      if (last && this.ordered && !precedes(last, mention)) this.ordered = false;
    }
    this.list.push(mention);
    if (this.shadowRoots.size > 0) {
      // Not the walk's root: a mention the resolver held may be released by a block in another tree.
      const tree = mention.startNode.getRootNode();
      if (
        tree.nodeType === 11 &&
        !this.markedRoots.has(tree as ShadowRoot) &&
        this.shadowRoots.has(tree as ShadowRoot)
      ) {
        this.markedRoots.add(tree as ShadowRoot);
        this.painter.adopt(tree as ShadowRoot);
      }
    }
    for (const node of mention.nodes) {
      const list = this.byNode.get(node);
      if (list) list.push(mention);
      else this.byNode.set(node, [mention]);
    }
    // The widely known names (the context tier) are painted faint.
    this.painter.add(mention.range, {
      entityId: mention.entityId,
      faint: this.tierOf(mention.entityId) === 'context',
    });
  }

  /** Unpaints and unindexes mentions; the list drops them at the next compaction (one pass, not one per mention). */
  private removeMentions(gone: Iterable<Mention>): void {
    for (const m of gone) {
      if (m.dead) continue;
      m.dead = true;
      this.dead++;
      this.painter.remove(m.range);
      for (const node of m.nodes) {
        const list = this.byNode.get(node);
        if (!list) continue;
        const rest = list.filter((x) => x !== m);
        if (rest.length) this.byNode.set(node, rest);
        else this.byNode.delete(node);
      }
    }
  }

  private compact(): void {
    if (this.dead === 0) return;
    this.list = this.list.filter((m) => !m.dead);
    this.dead = 0;
  }

  /** Forgets mentions whose text left the document or changed under them (after removals and edits). */
  private dropStale(): boolean {
    const gone = this.list.filter(
      (m) =>
        !m.dead &&
        (!m.startNode.isConnected ||
          !m.endNode.isConnected ||
          m.endOffset > m.endNode.length ||
          m.startOffset > m.startNode.length),
    );
    this.removeMentions(gone);
    this.resolver.forget((ref) => !ref.startNode.isConnected);
    return gone.length > 0;
  }

  /** The mention covering a caret position, if any (hover hit-testing). */
  mentionAt(node: Node, offset: number): Mention | undefined {
    const list = this.byNode.get(node as Text);
    if (!list) return undefined;
    return list.find((m) => {
      const afterStart = node !== m.startNode || offset >= m.startOffset;
      const beforeEnd = node !== m.endNode || offset <= m.endOffset;
      return afterStart && beforeEnd;
    });
  }

  /**
   * All current mentions in shadow-including tree order (the DOM standard's): document order, with an open shadow
   * root's content right after its host's start tag, before the host's own (light DOM) children, nested roots alike.
   */
  mentions(): readonly Mention[] {
    this.compact();
    if (!this.ordered) {
      this.list.sort((a, b) => (a === b ? 0 : precedes(a, b) ? -1 : 1));
      this.ordered = true;
    }
    return this.list;
  }

  /** Forgets everything (SPA navigation, pause, settings change); the caller rescans. */
  reset(): void {
    this.painter.clear();
    this.byNode.clear();
    this.list = [];
    this.dead = 0;
    this.ordered = true;
    this.pending.clear();
    this.setAside.clear();
    this.stale = false;
    this.resolver.reset();
    this.heldNodes.clear();
    // Found again by the rescan that follows; the painter keeps its sheet in them (it is the same sheet).
    this.shadowRoots.clear();
    this.markedRoots.clear();
    this.undefinedHosts.clear();
    this.discovery = 'none';
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }
}

function precedes(a: Mention, b: Mention): boolean {
  if (a.startNode === b.startNode) return a.startOffset < b.startOffset;
  return nodePrecedes(a.startNode, b.startNode);
}

/**
 * Is `a` before `b` in shadow-including tree order? Within one tree, compareDocumentPosition says. Across trees it
 * only says "disconnected" (with an arbitrary, if stable, order), so each node is lifted to the hosts it sits under
 * until the two meet in one tree. Pages without shadow roots never get past the first test.
 */
export function nodePrecedes(a: Node, b: Node): boolean {
  const position = a.compareDocumentPosition(b);
  if ((position & Node.DOCUMENT_POSITION_DISCONNECTED) === 0)
    return (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const up = hostsAbove(a);
  const down = hostsAbove(b);
  let i = up.length - 1;
  let j = down.length - 1;
  // From the top tree down, past the hosts the two share.
  while (i > 0 && j > 0 && up[i] === down[j]) {
    i--;
    j--;
  }
  const x = up[i]!;
  const y = down[j]!;
  const p = x.compareDocumentPosition(y);
  if ((p & Node.DOCUMENT_POSITION_DISCONNECTED) !== 0) return (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  // A host containing the other node: its shadow root's content comes before its light children.
  if ((p & Node.DOCUMENT_POSITION_CONTAINED_BY) !== 0) return true;
  if ((p & Node.DOCUMENT_POSITION_CONTAINS) !== 0) return false;
  return (p & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** The node, then the host of each shadow root it is in, innermost first. */
function hostsAbove(node: Node): Node[] {
  const chain = [node];
  for (let root = node.getRootNode(); root.nodeType === 11 && (root as ShadowRoot).host;) {
    const host = (root as ShadowRoot).host;
    chain.push(host);
    root = host.getRootNode();
  }
  return chain;
}

function nextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') return yieldToPage();
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
