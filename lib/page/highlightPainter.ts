/**
 * Paints mentions with the CSS Custom Highlight API: the page's DOM and text are never touched, so React
 * and other frameworks never see a foreign node. The styles (`::highlight(xr-…)`) come from the
 * content script's manifest CSS (lib/page/pageMarks.css, shipped as page-marks.css), which adds no element to the page either.
 *
 * Where the API is missing the painter does nothing visible; hover and keyboard navigation still work
 * because they hit-test against the mention ranges, not against painted elements.
 *
 * Shadow trees: a `::highlight()` rule styles only ranges in its own tree, so the document's manifest CSS leaves
 * marks inside a web component unstyled (registered, counted, but invisible). Each shadow root that gets a mention
 * gets the same rules as a constructed stylesheet appended to its `adoptedStyleSheets`: still no element, the
 * component's own sheets kept, and the sheet taken out again on dispose. Page script can see that sheet, as it can
 * see the highlight registry: the names say nothing about the extension.
 *
 * Two kinds of marks, in two Highlights per style: the story's own names, and the widely known names (the context
 * tier), painted fainter so they do not compete with the story's core. With `firstMentionOnly`, only the first mention
 * of each entity in a paragraph is painted (lib/core/firstMentions.ts); the others stay mentions (counted, reachable
 * by the shortcuts) but are not painted, and hover leaves them alone (see hides()).
 */
import { firstMentions } from '../core/firstMentions';
import type { HighlightStyle } from '../core/settings';
import pageMarksCss from './pageMarks.css?inline';
import { blockContainerOf } from './textBlocks';

/**
 * Page script can list the registry's names, so they say nothing about the extension (a page must not learn that
 * it is installed); they only need to be unlikely to clash with a page's own highlights.
 */
export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: 'xr-mark',
  tint: 'xr-tint',
};
/** The widely known names' marks: the same style, fainter (lib/page/pageMarks.css). */
export const FAINT_HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: 'xr-mark-faint',
  tint: 'xr-tint-faint',
};
export const ACTIVE_HIGHLIGHT = 'xr-active';

/** What the painter needs to know of a range: whose mention it is, and whether it is painted faint. */
export interface MarkKind {
  entityId: string;
  faint: boolean;
}

export interface PainterOptions {
  /** Paint only the first mention of each entity in each paragraph. */
  firstMentionOnly?: boolean;
  /**
   * Put the highlights in the registry at the first range, empty, rather than at the end of the first flush (see
   * register()). For Firefox: it copies every range of a Highlight into a selection of its own when the Highlight is
   * registered, so registering one that already holds the first batch's ranges was one call of about 200 ms for
   * 17,000 of them; added one by one to a registered Highlight, the same work is split across the flush's slices.
   * Not for Chromium, whose cost per range does not depend on it, and which recomputes a registered Highlight's
   * ranges at every frame after a change (docs/performance.md, "Slices in Firefox and Chromium").
   */
  registerEarly?: boolean;
}

/** Document order of two ranges' starts (ranges of one paragraph, so one tree). */
function inDocumentOrder(a: AbstractRange, b: AbstractRange): number {
  if (a.startContainer === b.startContainer) return a.startOffset - b.startOffset;
  return a.startContainer.compareDocumentPosition(b.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/**
 * The marks' styles, one source for both places they apply: the manifest's content-script CSS (wxt.config.ts copies
 * this file to page-marks.css) for the document, and a constructed sheet adopted by shadow roots with marks, whose
 * trees the document's sheets do not reach.
 */
export const SHADOW_MARKS_CSS: string = pageMarksCss;

export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * flush() reads the clock every this many ranges. Adding to a Highlight that is in the registry costs Firefox more
 * the more ranges it already holds (Chromium's cost stays flat): with tens of thousands shown, 256 additions took
 * several times a slice's budget (docs/performance.md).
 */
const FLUSH_TICKS = 4;

export class HighlightPainter {
  /**
   * Created at the first range, not with the painter: most pages have no mention, and the first look at
   * `CSS.highlights` makes the browser set up the page's highlight registry. Undefined until then, and for good where
   * the API is missing. Created empty and filled with add(): `new Highlight(...ranges)` with tens of thousands of
   * ranges overflows the stack.
   */
  private marks: Highlight | undefined;
  private faint: Highlight | undefined;
  private active: Highlight | undefined;
  /** Whether the API was looked for yet (it is looked for once). */
  private checked = false;
  /** Ranges added since the last flush(), with what they mark: handed over in one go, see flush(). */
  private readonly pending = new Map<AbstractRange, MarkKind | undefined>();
  private style: HighlightStyle;

  /**
   * First-mention mode only: each painted-or-held range's kind and paragraph, the ranges of each paragraph, the
   * paragraphs whose choice must be made again at the next flush, and the ranges not painted.
   */
  private readonly kinds = new Map<AbstractRange, MarkKind & { paragraph: Node }>();
  private readonly paragraphs = new Map<Node, AbstractRange[]>();
  private readonly dirty = new Set<Node>();
  private readonly hidden = new Set<AbstractRange>();

  /** In the page's highlight registry yet? Only once there is something to paint, see register(). */
  private registered = false;

  /** The shadow roots' copy of the highlight rules (made at the first root), and the roots it was added to. */
  private sheet: CSSStyleSheet | undefined;
  private readonly adopted = new Set<ShadowRoot>();

  constructor(
    style: HighlightStyle,
    private readonly options: PainterOptions = {},
  ) {
    this.style = style;
  }

  /** The mentions' Highlight, created on first need; undefined where the API is missing. */
  private highlights(): Highlight | undefined {
    if (!this.checked) {
      this.checked = true;
      if (highlightApiAvailable()) {
        this.marks = new Highlight();
        this.faint = new Highlight();
        this.active = new Highlight();
        this.active.priority = 1;
      }
    }
    return this.marks;
  }

  /**
   * Puts the highlights in the page's registry. Not at construction: a registry change is style work for the
   * browser at its next frame, and most pages have no mention at all and never need it (docs/performance.md).
   */
  private register(): void {
    if (this.registered || !this.marks || !this.faint || !this.active) return;
    this.registered = true;
    CSS.highlights.set(HIGHLIGHT_NAMES[this.style], this.marks);
    CSS.highlights.set(FAINT_HIGHLIGHT_NAMES[this.style], this.faint);
    CSS.highlights.set(ACTIVE_HIGHLIGHT, this.active);
  }

  setStyle(style: HighlightStyle): void {
    if (style === this.style) return;
    if (this.registered && this.marks && this.faint) {
      CSS.highlights.delete(HIGHLIGHT_NAMES[this.style]);
      CSS.highlights.delete(FAINT_HIGHLIGHT_NAMES[this.style]);
      CSS.highlights.set(HIGHLIGHT_NAMES[style], this.marks);
      CSS.highlights.set(FAINT_HIGHLIGHT_NAMES[style], this.faint);
    }
    this.style = style;
  }

  /** How many ranges the Highlights hold (painted, or handed over and waiting for the first flush to register). */
  get shown(): number {
    return (this.marks?.size ?? 0) + (this.faint?.size ?? 0);
  }

  /** Whether a mention's range is left unpainted by first-mention mode (hover then leaves it alone too). */
  hides(range: AbstractRange): boolean {
    return this.hidden.has(range);
  }

  /**
   * Paints a range in its Highlight, or, in first-mention mode, files it under its paragraph for choose(). A range
   * without a kind is painted as one of the story's names, always.
   */
  private place(range: AbstractRange, kind: MarkKind | undefined): void {
    if (!kind || !this.options.firstMentionOnly) {
      (kind?.faint ? this.faint : this.marks)!.add(range);
      return;
    }
    const start = range.startContainer;
    // Text right inside a shadow root has no element above it: the root is its paragraph.
    const paragraph = blockContainerOf(start) ?? start.parentNode ?? start;
    this.kinds.set(range, { ...kind, paragraph });
    const list = this.paragraphs.get(paragraph);
    if (list) list.push(range);
    else this.paragraphs.set(paragraph, [range]);
    this.dirty.add(paragraph);
  }

  /** First-mention mode: paints the first mention of each entity in each changed paragraph, unpaints the rest. */
  private choose(): void {
    const ranges: AbstractRange[] = [];
    for (const paragraph of this.dirty) {
      const list = this.paragraphs.get(paragraph);
      if (list) ranges.push(...list.sort(inDocumentOrder));
    }
    this.dirty.clear();
    const kindOf = (range: AbstractRange) => this.kinds.get(range)!;
    const shown = firstMentions(
      ranges,
      (r) => kindOf(r).entityId,
      (r) => kindOf(r).paragraph,
    );
    for (const range of ranges) {
      const highlight = kindOf(range).faint ? this.faint! : this.marks!;
      if (shown.has(range)) {
        highlight.add(range);
        this.hidden.delete(range);
      } else {
        highlight.delete(range);
        this.hidden.add(range);
      }
    }
  }

  /** Queues a range and what it marks; it shows at the next flush(). */
  add(range: AbstractRange, kind?: MarkKind): void {
    if (!this.highlights()) return;
    if (this.options.registerEarly) this.register();
    this.pending.set(range, kind);
  }

  /**
   * Hands the queued ranges to the Highlight, until `deadline` (performance.now() time) if one is given; returns
   * whether some are still queued. Every change to a Highlight makes the browser recompute all of its ranges at
   * the next frame, so the engine flushes once per batch (and every second during a very long scan) instead of
   * once per range or per slice; with a deadline, 20 000 ranges do not make one long task either.
   */
  flush(deadline = Infinity): boolean {
    const pending = this.pending;
    if (!this.marks) return false; // nothing was ever added (or the API is missing)
    let count = 0;
    for (const [range, kind] of pending) {
      this.place(range, kind);
      pending.delete(range);
      if (++count === FLUSH_TICKS) {
        count = 0;
        if (performance.now() >= deadline) break;
      }
    }
    if (pending.size > 0) return true;
    if (this.dirty.size > 0) this.choose();
    // Registered only now, with every range in it: while a Highlight is out of the registry, adding to it is
    // bookkeeping; in it, every slice's additions would make the next frame recompute all of its ranges.
    // (Checked on every call: ranges added by an interrupted flush must show even if the rest were removed.)
    if (this.marks.size > 0 || this.faint!.size > 0) this.register();
    if (this.adopted.size > 0) for (const root of this.adopted) this.adopt(root);
    return false;
  }

  /**
   * Styles the marks inside an open shadow root: appends the highlight rules to its adopted stylesheets (once; again
   * at a later call if the component replaced its list meanwhile, as some do when they re-render their styles).
   */
  adopt(root: ShadowRoot): void {
    if (!highlightApiAvailable()) return;
    this.adopted.add(root);
    try {
      // The content script's own constructor and the list's own push(), in both browsers: in Firefox they reach the
      // page's objects through Xray wrappers, and the sheet belongs to the page's document all the same (the Firefox
      // e2e checks it). Going through `wrappedJSObject` would run the page's own, replaceable, functions instead.
      const sheet = (this.sheet ??= this.makeSheet());
      const list = root.adoptedStyleSheets;
      if (!list.includes(sheet)) list.push(sheet);
    } catch {
      // A document that refuses constructed sheets: the marks there are counted and hoverable, just not styled.
    }
  }

  /** One sheet for every root: a constructed sheet may be adopted by any tree of the document it was made for. */
  private makeSheet(): CSSStyleSheet {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(SHADOW_MARKS_CSS);
    return sheet;
  }

  /** Takes the rules out of every root they were added to. */
  private unadopt(): void {
    const sheet = this.sheet;
    if (!sheet) return;
    for (const root of this.adopted) {
      try {
        const list = root.adoptedStyleSheets;
        const at = list.indexOf(sheet);
        if (at >= 0) list.splice(at, 1);
      } catch {
        // The root's document went away: nothing left to style.
      }
    }
    this.adopted.clear();
  }

  remove(range: AbstractRange): void {
    if (this.pending.delete(range)) return;
    this.marks?.delete(range);
    this.faint?.delete(range);
    this.active?.delete(range);
    const kind = this.kinds.get(range);
    if (!kind) return;
    // The paragraph's next mention of the entity may have to be painted now: chosen again at the next flush.
    this.kinds.delete(range);
    this.hidden.delete(range);
    const rest = this.paragraphs.get(kind.paragraph)?.filter((r) => r !== range) ?? [];
    if (rest.length > 0) {
      this.paragraphs.set(kind.paragraph, rest);
      this.dirty.add(kind.paragraph);
    } else this.paragraphs.delete(kind.paragraph);
  }

  /** Emphasises the mention whose card is open (or none). */
  setActive(range: AbstractRange | undefined): void {
    if (range) this.highlights();
    if (!this.active) return;
    this.active.clear();
    if (range) {
      this.register();
      this.active.add(range);
    }
  }

  clear(): void {
    this.pending.clear();
    this.marks?.clear();
    this.faint?.clear();
    this.active?.clear();
    this.kinds.clear();
    this.paragraphs.clear();
    this.dirty.clear();
    this.hidden.clear();
  }

  /**
   * Removes highlights a previous instance left in the registry. In Firefox an extension that is reloaded or
   * disabled loses its scripts at once, with no chance to clean up, and its Highlights stay painted.
   */
  static clearLeftovers(): void {
    if (!highlightApiAvailable()) return;
    for (const name of [...Object.values(HIGHLIGHT_NAMES), ...Object.values(FAINT_HIGHLIGHT_NAMES), ACTIVE_HIGHLIGHT])
      CSS.highlights.delete(name);
  }

  dispose(): void {
    this.unadopt();
    if (!this.marks) return;
    this.clear();
    const name = HIGHLIGHT_NAMES[this.style];
    const faintName = FAINT_HIGHLIGHT_NAMES[this.style];
    if (CSS.highlights.get(name) === this.marks) CSS.highlights.delete(name);
    if (CSS.highlights.get(faintName) === this.faint) CSS.highlights.delete(faintName);
    if (CSS.highlights.get(ACTIVE_HIGHLIGHT) === this.active) CSS.highlights.delete(ACTIVE_HIGHLIGHT);
  }
}
