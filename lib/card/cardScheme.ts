/**
 * Light or dark card, decided each time a card opens from what is on screen behind its mark: the first mostly opaque
 * background among the mark's ancestors (a site may paint its dark background on a wrapper while <body> stays
 * white), then the colour scheme the page declares for its canvas, then the OS setting. `chooseScheme` is the
 * decision on values already read; `schemeBehind` reads them from the page.
 */

export type CardScheme = 'light' | 'dark';

/** `rgb()`/`rgba()` as computed styles write them (both the comma and the space syntax): r, g, b (0–255), alpha 0–1. */
export function parseCssColor(color: string): [number, number, number, number] | undefined {
  const m = color.match(/^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/);
  if (!m) return undefined;
  const alphaText = m[4];
  const alpha =
    alphaText === undefined ? 1 : alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/**
 * A background counts once it is mostly opaque: a faint tint over something else does not say what the reader sees.
 * Colours a computed style cannot write as rgb (none today, but `color()` spaces exist) are skipped.
 */
const OPAQUE_ENOUGH = 0.5;
/** Relative luminance (0–255 scale, sRGB weights) below which a background reads as dark. */
const DARK_BELOW = 110;

function backgroundScheme(color: string): CardScheme | undefined {
  const rgba = parseCssColor(color);
  if (!rgba || rgba[3] <= OPAQUE_ENOUGH) return undefined;
  const [r, g, b] = rgba;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < DARK_BELOW ? 'dark' : 'light';
}

/**
 * The scheme the page's canvas uses when nothing behind the mark is painted: its root's computed `color-scheme`
 * (`dark` alone means a dark canvas, `light` alone a light one, both means the OS picks); `normal` says nothing.
 */
function declaredScheme(colorScheme: string, systemDark: boolean): CardScheme | undefined {
  const words = colorScheme.split(/\s+/);
  const dark = words.includes('dark');
  const light = words.includes('light');
  if (dark && light) return systemDark ? 'dark' : 'light';
  if (dark) return 'dark';
  if (light) return 'light';
  return undefined;
}

/**
 * The card's scheme from the computed background colours behind the mark, nearest first (the mark's element, its
 * ancestors, <body>, <html>), the root's computed `color-scheme`, and whether the OS prefers dark.
 */
export function chooseScheme(backgrounds: Iterable<string>, rootColorScheme: string, systemDark: boolean): CardScheme {
  for (const color of backgrounds) {
    const scheme = backgroundScheme(color);
    if (scheme) return scheme;
  }
  return declaredScheme(rootColorScheme, systemDark) ?? (systemDark ? 'dark' : 'light');
}

/** Computed background colours from `element` outwards to <html>, leaving shadow roots through their hosts. Lazy. */
function* backgroundsFrom(element: Element): Generator<string> {
  let el: Element | null = element;
  while (el) {
    yield getComputedStyle(el).backgroundColor;
    el = el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host || null);
  }
}

/** The card's scheme for a mark inside `element`; reads only as many styles as it needs. */
export function schemeBehind(element: Element): CardScheme {
  const doc = element.ownerDocument;
  const view = doc.defaultView;
  return chooseScheme(
    backgroundsFrom(element),
    getComputedStyle(doc.documentElement).colorScheme ?? '',
    view?.matchMedia('(prefers-color-scheme: dark)').matches ?? false,
  );
}
