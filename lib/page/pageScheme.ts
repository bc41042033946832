/**
 * Whether the page looks dark, so the card matches it: the first opaque background among body and
 * html decides; a page with no background of its own follows the OS setting.
 */
function parseRgb(color: string): [number, number, number, number] | undefined {
  const m = color.match(/rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)/);
  if (!m) return undefined;
  const alphaText = m[4];
  const alpha =
    alphaText === undefined ? 1 : alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

export function pageLooksDark(doc: Document): boolean {
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const rgb = parseRgb(getComputedStyle(el).backgroundColor);
    if (rgb && rgb[3] > 0.5) {
      const [r, g, b] = rgb;
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
    }
  }
  return doc.defaultView?.matchMedia('(prefers-color-scheme: dark)').matches ?? false;
}
