/**
 * The site the reader paused or not: the top page's. A same-origin frame (the only kind this runs in) can read it,
 * and an srcdoc or about:blank frame has no host of its own.
 */
export function pageHost(): string {
  return (window.top ?? window).location.hostname;
}
