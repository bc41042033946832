/**
 * Why a tab cannot be scanned, in words a reader can act on. Pure: the popup supplies the URL and what
 * it learned from the browser.
 */
export interface Unscannable {
  reason: string;
  /** What the reader can do about it, when anything. */
  fix?: string;
  /** The fix is granting host access, which the popup can ask for on a click. */
  canRequestAccess?: boolean;
}

const STORE_HOSTS = [
  'chromewebstore.google.com',
  'chrome.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
];

/** Decides from the URL alone; `undefined` means the page should be scannable. */
export function unscannableByUrl(url: string | undefined): Unscannable | undefined {
  if (!url) return { reason: 'This is a browser page, which extensions cannot read.' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: 'This tab has no web address InContext can read.' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    if (parsed.protocol === 'file:')
      return { reason: 'Local files are not scanned.', fix: 'Open the article from a web address instead.' };
    return { reason: 'Browser and extension pages cannot be scanned.' };
  }
  if (STORE_HOSTS.includes(parsed.hostname))
    return { reason: 'Browsers do not let extensions run on their add-on stores.' };
  if (/\.pdf$/i.test(parsed.pathname))
    return { reason: 'PDFs open in the browser’s own viewer, which extensions cannot read.' };
  return undefined;
}

/** The content script did not answer on an http(s) page: say why, from what the browser reports. */
export function unscannableAfterNoAnswer(hasHostAccess: boolean): Unscannable {
  if (!hasHostAccess) {
    return {
      reason: 'InContext is not allowed to read this site.',
      fix: 'Allow access to this site, then reload the page.',
      canRequestAccess: true,
    };
  }
  return {
    reason: 'InContext has not run on this tab yet.',
    fix: 'Reload the page (it was probably open before InContext was installed or updated).',
  };
}
