/**
 * An http(s) page, or a frame of the same origin as its top (srcdoc frames inherit it). A cross-origin top's location
 * cannot be read (it throws). Injected into a tab's frames on demand, the page script may also land in an
 * about:blank frame or in Firefox's top-level about:blank tab, which is no page to scan: the protocol test leaves
 * the latter.
 */
export function inScope(): boolean {
  try {
    const top = window.top!;
    return /^https?:$/.test(top.location.protocol) && (top === window || top.origin === window.origin);
  } catch {
    return false;
  }
}
