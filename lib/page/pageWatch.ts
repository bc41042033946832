/**
 * The first stage's look at a page: does its text, or text it gains later, hold an anchor (lib/core/pageGate.ts)?
 * It reads the text the engine would read (the document's, then its open shadow roots'), and some more (form fields,
 * and whatever text a change brings), which can only load the engine for nothing, never miss a mention. Once an
 * anchor is found it stops and calls `onAnchor`; the engine then scans the page itself.
 */
import { findShadowRoots, HostSearch, SLICED_HOST_SEARCH_TEXTS, UndefinedHosts, type FoundRoots } from './textBlocks';

/**
 * Text tested with one RegExp call: most pages' prose fits in one (each call pays for its start, and the first ones for
 * compiling), and walking and searching this much still makes a short slice.
 */
export const CHUNK_CHARS = 1 << 18;
/**
 * Kept from the end of one chunk at the start of the next, so an anchor across the point where they meet is whole
 * in one of them (the longest anchor, a phrase, is far shorter).
 */
const OVERLAP_CHARS = 256;
/** A walk yields to the page after this long (the engine's slices keep within 8 ms). */
const SLICE_MS = 5;
/**
 * Elements whose text is never prose: left out of the walk, since inline scripts and styles can be most of a page's
 * text (five times its prose on a big news page) and every character costs the RegExps a step. (A template's
 * content is not in the document's tree.)
 */
const NOT_PROSE = 'script, style, noscript';
/** Text of a changed element's parent read whole up to this length; beyond it only the change's own text. */
const PARENT_TEXT_CHARS = 4096;

export interface PageWatchOptions {
  /** Does this text hold an anchor? */
  holdsAnchor(text: string): boolean;
  onAnchor(): void;
  /** False once the extension went away under the script: the watch then ends without a word. */
  alive(): boolean;
}

export class PageWatch {
  private observer: MutationObserver | undefined;
  private readonly roots = new Set<ShadowRoot>();
  /** Custom elements without a root yet, looked at again after changes (an upgrade may attach one). */
  private readonly undefinedHosts = new UndefinedHosts();
  private readonly changed = new Set<Node>();
  private timer: number | undefined;
  private ended = false;
  /** Text nodes the first walk read: on a large page the roots are looked for in slices. */
  private textsWalked = 0;

  constructor(private readonly options: PageWatchOptions) {}

  /** Looks at the whole document, then watches it. Resolves once the first look is done: with whether it found one. */
  async start(): Promise<boolean> {
    const body = document.body;
    if (!body) return false;
    // Watched from before the walk: text added where the walk has been, while it yields on a big page, is seen too.
    this.observe(document);
    if ((await this.walk(body)) || (await this.lookForDocumentRoots())) return this.found();
    return false;
  }

  stop(): void {
    this.ended = true;
    this.observer?.disconnect();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.changed.clear();
  }

  private found(): boolean {
    if (this.ended) return false;
    this.stop();
    this.options.onAnchor();
    return true;
  }

  /** Every text node under `root`, joined in chunks; yields to the page between slices. */
  private async walk(root: Element): Promise<boolean> {
    const prose = new ProseChunks(root);
    let carry = '';
    let sliceStart = performance.now();
    for (let chunk = prose.next(); chunk !== null; chunk = prose.next()) {
      const text = carry + chunk;
      if (this.options.holdsAnchor(text)) return true;
      carry = text.slice(-OVERLAP_CHARS);
      if (performance.now() - sliceStart > SLICE_MS) {
        if (!(await this.yielded())) return false;
        sliceStart = performance.now();
      }
    }
    this.textsWalked = prose.texts;
    return false;
  }

  /** Gives the page its turn; false if the watch ended or the extension went away meanwhile. */
  private async yielded(): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return !this.ended && this.options.alive();
  }

  /** The document's open shadow roots after its first walk: an anchor in one? On a large page, found in slices. */
  private async lookForDocumentRoots(): Promise<boolean> {
    const search = new HostSearch(document, this.textsWalked > SLICED_HOST_SEARCH_TEXTS);
    while (search.next(performance.now() + SLICE_MS)) if (!(await this.yielded())) return false;
    return this.lookForRoots(document, search.roots(this.roots));
  }

  /**
   * The open shadow roots of `scope` (an added element may be a host itself) and under it, not seen before: is there
   * an anchor in one? New roots are watched too. `found`: those under `scope`, if they were looked for already.
   */
  private lookForRoots(scope: Node, found?: FoundRoots): boolean {
    const own =
      scope.nodeType === 1 && (scope as Element).localName.includes('-') ? (scope as Element).shadowRoot : null;
    if (own && !this.roots.has(own) && this.lookInRoots([own, ...findShadowRoots(own, this.roots).roots])) return true;
    found ??= findShadowRoots(scope, this.roots);
    this.undefinedHosts.note(found.undefinedHosts);
    return this.lookInRoots(found.roots);
  }

  private lookInRoots(roots: readonly ShadowRoot[]): boolean {
    for (const root of roots) {
      if (this.roots.has(root)) continue;
      this.roots.add(root);
      if (this.options.holdsAnchor(root.textContent ?? '')) return true;
      this.observe(root);
    }
    return false;
  }

  private observe(target: Node): void {
    if (this.ended) return; // a stopped watch stays stopped (a root found after stop() must not restart it)
    this.observer ??= new MutationObserver((records) => this.record(records));
    this.observer.observe(target, OBSERVED);
  }

  /** The observer only notes what changed: the text is read once per task, however many changes the page makes. */
  private record(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'characterData') this.changed.add(record.target);
      else for (const node of record.addedNodes) if (node.nodeType === 1 || node.nodeType === 3) this.changed.add(node);
    }
    if (this.changed.size > 0) this.timer ??= window.setTimeout(() => this.lookAtChanges(), 0);
  }

  private lookAtChanges(): void {
    this.timer = undefined;
    if (this.ended) return;
    if (!this.options.alive()) {
      this.stop();
      return;
    }
    const nodes = [...this.changed];
    this.changed.clear();
    for (const node of nodes) {
      if (!node.isConnected) continue;
      if (this.options.holdsAnchor(textOfChange(node))) {
        this.found();
        return;
      }
      if (node.nodeType === 1 && this.lookForRoots(node)) {
        this.found();
        return;
      }
    }
    // Custom elements upgraded since: their roots now.
    const upgraded = this.undefinedHosts.upgraded(this.roots);
    this.undefinedHosts.note(upgraded.undefinedHosts);
    if (this.lookInRoots(upgraded.roots)) this.found();
  }
}

/**
 * The text of the prose under a root, CHUNK_CHARS at a time. The loop over the nodes is kept apart from the async
 * walk, small and plain: V8 optimises it cheaply, where the walk's state machine cost more to optimise than the walk.
 */
class ProseChunks {
  private readonly walker: TreeWalker;
  /**
   * The text of the elements that are not prose, in document order, as the walk meets them: found by a selector and
   * compared by identity, not by asking every text node for its parent (that creates a wrapper in this script's
   * world for every parent element) nor by a Set of nodes (that gives every node a hash).
   */
  private readonly skip: Node[] = [];
  private nextSkip = 0;
  /** Text nodes read so far. */
  texts = 0;

  constructor(root: Element) {
    this.walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (const el of root.querySelectorAll(NOT_PROSE)) {
      let text = el.firstChild;
      while (text !== null && text.nodeType !== 3) text = text.nextSibling;
      if (text !== null) this.skip.push(text);
    }
  }

  /** The next chunk, or null at the end. */
  next(): string | null {
    const parts: string[] = [];
    let size = 0;
    for (let node = this.walker.nextNode(); node !== null; node = this.walker.nextNode()) {
      this.texts++;
      if (node === this.skip[this.nextSkip]) {
        this.nextSkip++;
        continue;
      }
      const data = (node as Text).data;
      parts.push(data);
      size += data.length;
      if (size >= CHUNK_CHARS) break;
    }
    return parts.length > 0 ? parts.join('') : null;
  }
}

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/**
 * The text a change may have completed an anchor in: an element's own text; for a text node, its parent's (a name's
 * words may sit in sibling nodes, `Asim <b>Munir</b>`) unless the parent holds much more than the change.
 */
function textOfChange(node: Node): string {
  if (node.nodeType !== 3) return node.textContent ?? '';
  const parentText = node.parentNode?.textContent ?? '';
  return parentText.length <= PARENT_TEXT_CHARS ? parentText : (node as Text).data;
}
