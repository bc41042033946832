/**
 * Where the page script runs: an http(s) page ('top'), a frame of the same origin as its top ('frame'; srcdoc frames
 * inherit it), or somewhere it leaves alone (null). Injected into a tab's frames on demand, the page script may also
 * land in an about:blank frame or in Firefox's top-level about:blank tab, which is no page to scan: the protocol test
 * leaves the latter.
 */
export type PageScope = 'top' | 'frame';

/** What a document knows of its own place, without reaching for another frame's window. */
export interface FramePlace {
  /** The document's own `location.protocol`. */
  protocol: string;
  /** The document's own origin ('null' when opaque: sandboxed frames, data: URLs). */
  origin: string;
  /** `location.ancestorOrigins` as a list, nearest first; undefined where the browser has none (Firefox). */
  ancestorOrigins: readonly string[] | undefined;
}

/**
 * The scope from the ancestor origins alone, or undefined when they cannot tell: the browser has none, or the top's
 * origin is hidden from this frame ('null', which an iframe's `referrerpolicy="no-referrer"` makes it).
 */
export function scopeFromAncestors(place: FramePlace): PageScope | null | undefined {
  const ancestors = place.ancestorOrigins;
  if (ancestors === undefined) return undefined;
  if (ancestors.length === 0) return /^https?:$/.test(place.protocol) ? 'top' : null;
  const top = ancestors[ancestors.length - 1]!;
  if (top === 'null') return undefined;
  return /^https?:\/\//.test(top) && top === place.origin ? 'frame' : null;
}

/**
 * WHY the ancestor origins first: in Chromium, a frame's script that reads `window.top` makes the browser set up this
 * extension's world in the top document right then, inside the frame's script, where the top's own script would have
 * it set up anyway, before it runs (docs/performance.md, "Start-up cost per page load").
 */
export function pageScope(): PageScope | null {
  const fromAncestors = scopeFromAncestors({
    protocol: location.protocol,
    origin: self.origin,
    ancestorOrigins: 'ancestorOrigins' in location ? Array.from(location.ancestorOrigins) : undefined,
  });
  if (fromAncestors !== undefined) return fromAncestors;
  try {
    const top = window.top!;
    if (!/^https?:$/.test(top.location.protocol)) return null;
    if (top === window) return 'top';
    return top.origin === window.origin ? 'frame' : null;
  } catch {
    // A cross-origin top's location cannot be read.
    return null;
  }
}
