/**
 * Tells the content script when a single-page app moves to a new address, so the new "page" gets a fresh scan.
 *
 * WXT's location watcher did this by dispatching a custom event on the page's window, which page script can hear
 * (and fake). Here nothing is dispatched: the Navigation API's `currententrychange` (fired for `pushState` too) where the browser has it,
 * otherwise `popstate` plus a look at the address once a second (`pushState` fires no event), the way WXT polled.
 */
export function watchSpaNavigation(signal: AbortSignal, onNavigate: () => void): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    onNavigate();
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', check, { signal });
    return;
  }
  window.addEventListener('popstate', check, { signal });
  const timer = window.setInterval(check, 1000);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
