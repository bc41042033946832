/**
 * User settings: their shape, defaults and the pure decisions made from them, and parsing what the reader types.
 * Read, watched and written (one update at a time) by lib/settingsStore.ts.
 */
export type HighlightStyle = 'underline' | 'tint';

export interface Settings {
  /** Hover intent before a card opens, in milliseconds (450 by default, as Wikipedia Page Previews: a card is not a twitch). */
  hoverDelayMs: number;
  /** Which tiers are marked on pages. */
  tiers: { core: boolean; related: boolean; context: boolean };
  highlightStyle: HighlightStyle;
  pausedEverywhere: boolean;
  /** Host names (e.g. `www.example.com`) where the extension is paused. */
  pausedSites: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  hoverDelayMs: 450,
  tiers: { core: true, related: true, context: true },
  highlightStyle: 'underline',
  pausedEverywhere: false,
  pausedSites: [],
};

export const HOVER_DELAY_RANGE = { min: 0, max: 2000 } as const;

export type HoverDelayInput = { ok: true; ms: number } | { ok: false; problem: string };

/**
 * What the reader typed in the hover delay field. Only plain digits are a delay: `Number()` would also
 * take `0x10`, `0b11`, `0o7`, `1e3`, `.5e3` and `Infinity`, which nobody means as milliseconds.
 */
export function parseHoverDelay(text: string): HoverDelayInput {
  const { min, max } = HOVER_DELAY_RANGE;
  const t = text.trim();
  const range = `Choose a delay between ${min} and ${max} ms.`;
  if (/^\d+$/.test(t)) {
    const ms = Number(t);
    return ms >= min && ms <= max ? { ok: true, ms } : { ok: false, problem: range };
  }
  if (/^-\d+$/.test(t)) return { ok: false, problem: range };
  return {
    ok: false,
    problem: `Enter a whole number of milliseconds using the digits 0–9 only, for example 200. ${range}`,
  };
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

/** Settings read from storage may be older or hand-edited: fill gaps and clamp instead of failing. */
export function normaliseSettings(input: unknown): Settings {
  const s = (typeof input === 'object' && input !== null ? input : {}) as Partial<Settings>;
  const delay = Number(s.hoverDelayMs);
  return {
    hoverDelayMs: Number.isFinite(delay)
      ? Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, Math.round(delay)))
      : DEFAULT_SETTINGS.hoverDelayMs,
    tiers: {
      core: s.tiers?.core !== false,
      related: s.tiers?.related !== false,
      context: s.tiers?.context !== false,
    },
    highlightStyle: s.highlightStyle === 'tint' ? 'tint' : 'underline',
    pausedEverywhere: s.pausedEverywhere === true,
    pausedSites: Array.isArray(s.pausedSites) ? s.pausedSites.filter((x): x is string => typeof x === 'string') : [],
  };
}
