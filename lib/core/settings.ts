/**
 * User settings: their shape, defaults and the pure decisions made from them, and parsing what the reader types.
 * Read, watched and written (one update at a time) by lib/settingsStore.ts.
 */
/** The settings' key in `storage.local` (read by lib/settingsStore.ts, and by the page script's first stage). */
export const SETTINGS_KEY = 'settings';

export type HighlightStyle = 'underline' | 'tint';

/** How long the pointer rests on a mark before its card opens: a choice, not a number the reader has to invent. */
export type HoverDelay = 'quick' | 'normal' | 'slow';

/**
 * What each choice means in milliseconds. Normal sits just under Wikipedia's Page Previews (500 ms), which readers
 * already know; the old 200 ms opened cards while the pointer was only passing over a line.
 */
export const HOVER_DELAY_MS: Record<HoverDelay, number> = { quick: 250, normal: 450, slow: 800 };

export interface Settings {
  /** Hover intent before a card opens (HOVER_DELAY_MS gives the milliseconds). */
  hoverDelay: HoverDelay;
  /** Which tiers are marked on pages. */
  tiers: { core: boolean; related: boolean; context: boolean };
  highlightStyle: HighlightStyle;
  /** Paint only the first mention of each entity in a paragraph (see lib/core/firstMentions.ts). */
  firstMentionOnly: boolean;
  pausedEverywhere: boolean;
  /** Host names (e.g. `www.example.com`) where the extension is paused. */
  pausedSites: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  hoverDelay: 'normal',
  tiers: { core: true, related: true, context: true },
  highlightStyle: 'underline',
  firstMentionOnly: false,
  pausedEverywhere: false,
  pausedSites: [],
};

/** The default of versions that stored milliseconds (`hoverDelayMs`). */
const OLD_DEFAULT_MS = 200;

/**
 * The choice closest to a delay stored in milliseconds by an older version. The old default is read as no choice
 * at all: every settings write stored the whole object, so pausing one site also stored 200 ms, and a stored 200
 * says nothing about what the reader wanted; they get today's default, like a new reader.
 */
export function hoverDelayFromMs(ms: number): HoverDelay {
  if (ms === OLD_DEFAULT_MS) return DEFAULT_SETTINGS.hoverDelay;
  const { quick, normal, slow } = HOVER_DELAY_MS;
  if (ms < (quick + normal) / 2) return 'quick';
  return ms < (normal + slow) / 2 ? 'normal' : 'slow';
}

function isHoverDelay(value: unknown): value is HoverDelay {
  return typeof value === 'string' && Object.hasOwn(HOVER_DELAY_MS, value);
}

export type SiteInput = { ok: true; host: string } | { ok: false; problem: string };

/**
 * What the reader typed to pause a site: a host name or a whole address (pasted from the address bar). The host is
 * taken as the browser writes it (lower case, international names in their xn-- form), which is what the page
 * script compares with `location.hostname`.
 */
export function parseSiteInput(text: string): SiteInput {
  const t = text.trim();
  const example = 'Type a site such as www.example.com, or paste its address.';
  if (!t) return { ok: false, problem: example };
  let host = '';
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`);
    // A user name means it was not a site's address (`mailto:a@example.com` read as https://mailto:a@…).
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.username) host = url.hostname;
  } catch {
    // Not an address at all: said below.
  }
  // A single word (no dot) is a typo far more often than a machine on the reader's network.
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$|^localhost$|^\[[0-9a-f:.]+\]$/.test(host))
    return { ok: false, problem: `“${t.length > 40 ? `${t.slice(0, 40)}…` : t}” is not a web address. ${example}` };
  return { ok: true, host };
}

/** Every tier switched on (the default). */
export function allTiersOn(tiers: Settings['tiers']): boolean {
  return tiers.core && tiers.related && tiers.context;
}

/** The tier switches as a string, to tell whether two settings mark the same tiers. */
export function tiersKey(tiers: Settings['tiers']): string {
  return JSON.stringify({ core: tiers.core, related: tiers.related, context: tiers.context });
}

export function isPausedOn(settings: Settings, hostname: string): boolean {
  return settings.pausedEverywhere || settings.pausedSites.includes(hostname);
}

/** Pause or resume one site, keeping the list sorted and free of duplicates. */
export function withSitePaused(settings: Settings, hostname: string, paused: boolean): Settings {
  const sites = new Set(settings.pausedSites);
  if (paused) sites.add(hostname);
  else sites.delete(hostname);
  return { ...settings, pausedSites: [...sites].sort() };
}

/**
 * Settings read from storage may be older or hand-edited: fill gaps instead of failing. A delay stored in
 * milliseconds (`hoverDelayMs`, before the choices) becomes the nearest choice, and is not written back as such.
 */
export function normaliseSettings(input: unknown): Settings {
  const s = (typeof input === 'object' && input !== null ? input : {}) as Partial<Settings> & {
    hoverDelayMs?: unknown;
  };
  const oldMs = typeof s.hoverDelayMs === 'string' && s.hoverDelayMs.trim() ? Number(s.hoverDelayMs) : s.hoverDelayMs;
  return {
    hoverDelay: isHoverDelay(s.hoverDelay)
      ? s.hoverDelay
      : typeof oldMs === 'number' && Number.isFinite(oldMs)
        ? hoverDelayFromMs(oldMs)
        : DEFAULT_SETTINGS.hoverDelay,
    tiers: {
      core: s.tiers?.core !== false,
      related: s.tiers?.related !== false,
      context: s.tiers?.context !== false,
    },
    highlightStyle: s.highlightStyle === 'tint' ? 'tint' : 'underline',
    firstMentionOnly: s.firstMentionOnly === true,
    pausedEverywhere: s.pausedEverywhere === true,
    pausedSites: Array.isArray(s.pausedSites) ? s.pausedSites.filter((x): x is string => typeof x === 'string') : [],
  };
}
