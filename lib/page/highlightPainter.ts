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
 */
import type { HighlightStyle } from '../core/settings';
import pageMarksCss from './pageMarks.css?inline';

/**
 * Page script can list the registry's names, so they say nothing about the extension (a page must not learn that
 * it is installed); they only need to be unlikely to clash with a page's own highlights.
 */
export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: 'xr-mark',
  tint: 'xr-tint',
};
export const ACTIVE_HIGHLIGHT = 'xr-active';

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
  private active: Highlight | undefined;
  /** Whether the API was looked for yet (it is looked for once). */
  private checked = false;
  /** Ranges added since the last flush(): handed over in one go, see flush(). */
  private readonly pending = new Set<AbstractRange>();
  private name: string;

  /** In the page's highlight registry yet? Only once there is something to paint, see register(). */
  private registered = false;

  /** The shadow roots' copy of the highlight rules (made at the first root), and the roots it was added to. */
  private sheet: CSSStyleSheet | undefined;
  private readonly adopted = new Set<ShadowRoot>();

  constructor(style: HighlightStyle) {
    this.name = HIGHLIGHT_NAMES[style];
  }

  /** The mentions' Highlight, created on first need; undefined where the API is missing. */
  private highlights(): Highlight | undefined {
    if (!this.checked) {
      this.checked = true;
      if (highlightApiAvailable()) {
        this.marks = new Highlight();
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
    if (this.registered || !this.marks || !this.active) return;
    this.registered = true;
    CSS.highlights.set(this.name, this.marks);
    CSS.highlights.set(ACTIVE_HIGHLIGHT, this.active);
  }

  setStyle(style: HighlightStyle): void {
    const name = HIGHLIGHT_NAMES[style];
    if (name === this.name) return;
    if (this.registered && this.marks) {
      CSS.highlights.delete(this.name);
      CSS.highlights.set(name, this.marks);
    }
    this.name = name;
  }

  /** Queues a range; it shows at the next flush(). */
  add(range: AbstractRange): void {
    if (this.highlights()) this.pending.add(range);
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
    for (const range of pending) {
      this.marks.add(range);
      pending.delete(range);
      if (++count === FLUSH_TICKS) {
        count = 0;
        if (performance.now() >= deadline) break;
      }
    }
    if (pending.size > 0) return true;
    // Registered only now, with every range in it: while a Highlight is out of the registry, adding to it is
    // bookkeeping; in it, every slice's additions would make the next frame recompute all of its ranges.
    // (Checked on every call: ranges added by an interrupted flush must show even if the rest were removed.)
    if (this.marks.size > 0) this.register();
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
    this.active?.delete(range);
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
    this.active?.clear();
  }

  /**
   * Removes highlights a previous instance left in the registry. In Firefox an extension that is reloaded or
   * disabled loses its scripts at once, with no chance to clean up, and its Highlights stay painted.
   */
  static clearLeftovers(): void {
    if (!highlightApiAvailable()) return;
    for (const name of [...Object.values(HIGHLIGHT_NAMES), ACTIVE_HIGHLIGHT]) CSS.highlights.delete(name);
  }

  dispose(): void {
    this.unadopt();
    if (!this.marks) return;
    this.clear();
    if (CSS.highlights.get(this.name) === this.marks) CSS.highlights.delete(this.name);
    if (CSS.highlights.get(ACTIVE_HIGHLIGHT) === this.active) CSS.highlights.delete(ACTIVE_HIGHLIGHT);
  }
}
