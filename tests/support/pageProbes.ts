/**
 * Functions evaluated inside test pages (both browsers). They only read the page: marks are counted
 * through the Highlight registry, which the content script shares with the page's document.
 */

/** Total ranges in InContext's highlights (all styles, the widely known names' fainter marks included). */
export function countPaintedRanges(): number {
  let total = 0;
  for (const name of ['xr-mark', 'xr-tint', 'xr-mark-faint', 'xr-tint-faint'])
    total += CSS.highlights.get(name)?.size ?? 0;
  return total;
}

/** The text of the mark shown as active (the one whose card is open), or null. */
export function activeMarkText(): string | null {
  const [range] = CSS.highlights.get('xr-active')?.keys() ?? [];
  if (!range) return null;
  // The painter may hold static ranges: read their text through a live one.
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live.toString();
}

/**
 * The painted marks (every style) as [index of their paragraph among the document's `p` elements, text], in
 * document order: which mentions a reader sees marked.
 */
export function paintedMarks(): [number, string][] {
  const paragraphs = [...document.querySelectorAll('p')];
  const ranges: AbstractRange[] = [];
  for (const name of ['xr-mark', 'xr-tint', 'xr-mark-faint', 'xr-tint-faint'])
    ranges.push(...(CSS.highlights.get(name)?.keys() ?? []));
  const at = (r: AbstractRange) => {
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    return range;
  };
  return ranges
    .map(at)
    .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
    .map((r) => [paragraphs.findIndex((p) => p.contains(r.startContainer)), r.toString()]);
}

/**
 * Dark mode where the browser cannot be told to prefer it (Firefox over WebDriver BiDi has no media emulation): the
 * page's own `prefers-color-scheme: dark` rules are applied unconditionally, and the root takes the dark scheme for
 * the browser's own colours (form controls, canvas).
 */
export function forceDarkRules(): number {
  const rules: string[] = [];
  for (const sheet of document.styleSheets)
    for (const rule of sheet.cssRules)
      if (rule instanceof CSSMediaRule && /prefers-color-scheme:\s*dark/.test(rule.conditionText))
        for (const inner of rule.cssRules) rules.push(inner.cssText);
  const style = document.createElement('style');
  style.textContent = `:root { color-scheme: dark; } ${rules.join('\n')}`;
  document.head.append(style);
  return rules.length;
}

/*
 * The card's probes below take its shadow root, which is closed: run them with inCardChromium / inCardFirefox
 * (tests/support/closedCard.ts), which hand them the root.
 */

/** Text of the open card, or null when no card is open. */
export function openCardText(
  root: ShadowRoot,
): { entityId: string | null; origin: string | null; text: string } | null {
  const card = root.querySelector<HTMLElement>('.ic-card');
  if (!card) return null;
  return { entityId: card.dataset.entityId ?? null, origin: card.dataset.origin ?? null, text: card.innerText };
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The open card's box once it is shown where it belongs, else null: placed by Floating UI (its layer made visible),
 * non-empty and not visibility:hidden, its 120 ms entrance animation (a 4 px slide) finished. The layer is what says
 * "placed": for the first frame the card is drawn at the viewport's top-left corner while its layer is still hidden.
 */
export function visibleCardBox(root: ShadowRoot): Box | null {
  const card = root.querySelector<HTMLElement>('.ic-card');
  const layer = root.querySelector<HTMLElement>('.ic-layer');
  if (!card || !layer || getComputedStyle(layer).visibility !== 'visible') return null;
  if (!card.checkVisibility({ visibilityProperty: true })) return null;
  if (card.getAnimations().some((a) => a.playState === 'running')) return null;
  const r = card.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

/** The centre of the first element matching `selector` inside the card, scrolled into view first; null if none. */
export function pointInCard(root: ShadowRoot, selector: string): { x: number; y: number } | null {
  const el = root.querySelector<HTMLElement>(`.ic-card ${selector}`);
  if (!el) return null;
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  return { x: r.x + Math.min(r.width / 2, 20), y: r.y + r.height / 2 };
}

/** Whether an element matching `selector` is in the card (and, for `visible`, rendered). */
export function cardHas(root: ShadowRoot, args: { selector: string; visible?: boolean; text?: string }): boolean {
  const el = root.querySelector<HTMLElement>(args.selector);
  if (!el) return false;
  if (args.visible && !el.checkVisibility()) return false;
  return args.text === undefined || (el.textContent ?? '').includes(args.text);
}

/** The expanded source chip: its name (the summary) and the text a reader sees in it now (collapsed parts left out). */
export function openSourceText(root: ShadowRoot): { label: string; visible: string } | null {
  const open = root.querySelector<HTMLElement>('.ic-source[open]');
  if (!open) return null;
  return { label: open.querySelector('summary')?.textContent ?? '', visible: open.innerText };
}

/**
 * The centre of the first rectangle of the `nth` occurrence of `needle` in the page's text, or null: the document's
 * text nodes and those inside open shadow roots (nested ones too), in shadow-including tree order (a root right after
 * its host, before the host's own children).
 */
export function pointOfText(args: { needle: string; nth?: number }): { x: number; y: number } | null {
  let seen = 0;
  const search = (root: Node): { x: number; y: number } | null | undefined => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 1) {
        const shadow = (node as Element).shadowRoot;
        if (shadow) {
          const inside = search(shadow);
          if (inside !== undefined) return inside;
        }
        continue;
      }
      const data = (node as Text).data;
      for (let from = 0; ;) {
        const at = data.indexOf(args.needle, from);
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
    return undefined;
  };
  return search(document.body) ?? null;
}

/**
 * The marks inside open shadow roots: for each root holding a painted range (found through the highlight registry),
 * its host's tag and whether one of the root's adopted sheets has a `::highlight()` rule for `name` — the only way a
 * highlight inside a shadow tree gets a style.
 */
export function shadowMarks(name: string): { host: string; ranges: number; styled: boolean }[] {
  const out = new Map<ShadowRoot, { host: string; ranges: number; styled: boolean }>();
  for (const highlight of ['xr-mark', 'xr-tint', 'xr-mark-faint', 'xr-tint-faint']) {
    for (const range of CSS.highlights.get(highlight)?.keys() ?? []) {
      const root = range.startContainer.getRootNode();
      if (!(root instanceof ShadowRoot)) continue;
      const entry = out.get(root) ?? { host: root.host.localName, ranges: 0, styled: false };
      entry.ranges++;
      entry.styled = root.adoptedStyleSheets.some((sheet) =>
        [...sheet.cssRules].some((rule) => rule.cssText.startsWith(`::highlight(${name})`)),
      );
      out.set(root, entry);
    }
  }
  return [...out.values()];
}
