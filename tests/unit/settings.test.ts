import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HOVER_DELAY_RANGE, isPausedOn, normaliseSettings, withSitePaused, type Settings } from '../../lib/core/settings';

const base = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, tiers: { ...DEFAULT_SETTINGS.tiers }, pausedSites: [], ...over });

describe('normaliseSettings', () => {
  it.each([undefined, null, 42, 'settings', true, [], () => 1])('turns %s into the defaults', (input) => {
    expect(normaliseSettings(input)).toEqual({
      hoverDelayMs: 200,
      tiers: { core: true, related: true, context: true },
      highlightStyle: 'underline',
      pausedEverywhere: false,
      pausedSites: [],
    });
  });

  it('keeps valid values', () => {
    const input: Settings = {
      hoverDelayMs: 450,
      tiers: { core: true, related: false, context: false },
      highlightStyle: 'tint',
      pausedEverywhere: true,
      pausedSites: ['a.example', 'b.example'],
    };
    expect(normaliseSettings(input)).toEqual(input);
  });

  it('clamps and rounds the hover delay', () => {
    expect(normaliseSettings({ hoverDelayMs: -50 }).hoverDelayMs).toBe(HOVER_DELAY_RANGE.min);
    expect(normaliseSettings({ hoverDelayMs: 999_999 }).hoverDelayMs).toBe(HOVER_DELAY_RANGE.max);
    expect(normaliseSettings({ hoverDelayMs: 2000 }).hoverDelayMs).toBe(2000);
    expect(normaliseSettings({ hoverDelayMs: 0 }).hoverDelayMs).toBe(0);
    expect(normaliseSettings({ hoverDelayMs: 123.6 }).hoverDelayMs).toBe(124);
    expect(normaliseSettings({ hoverDelayMs: '350' }).hoverDelayMs).toBe(350);
  });

  it('falls back to the default delay for non-numbers', () => {
    for (const bad of ['soon', NaN, Infinity, -Infinity, {}, undefined]) {
      expect(normaliseSettings({ hoverDelayMs: bad }).hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
    }
  });

  it('only switches a tier off for an explicit false', () => {
    expect(normaliseSettings({ tiers: { core: false, related: 0, context: 'no' } }).tiers).toEqual({ core: false, related: true, context: true });
    expect(normaliseSettings({ tiers: null }).tiers).toEqual({ core: true, related: true, context: true });
  });

  it('accepts only the known highlight styles and a real boolean for pausedEverywhere', () => {
    expect(normaliseSettings({ highlightStyle: 'bold' }).highlightStyle).toBe('underline');
    expect(normaliseSettings({ highlightStyle: 'tint' }).highlightStyle).toBe('tint');
    expect(normaliseSettings({ pausedEverywhere: 'true' }).pausedEverywhere).toBe(false);
    expect(normaliseSettings({ pausedEverywhere: 1 }).pausedEverywhere).toBe(false);
  });

  it('filters non-string sites and ignores a non-array list', () => {
    expect(normaliseSettings({ pausedSites: ['a.example', 3, null, { host: 'x' }, 'b.example', undefined] }).pausedSites).toEqual(['a.example', 'b.example']);
    expect(normaliseSettings({ pausedSites: 'a.example' }).pausedSites).toEqual([]);
  });

  it('does not share the defaults object', () => {
    const s = normaliseSettings(undefined);
    s.pausedSites.push('x.example');
    s.tiers.core = false;
    expect(DEFAULT_SETTINGS.pausedSites).toEqual([]);
    expect(DEFAULT_SETTINGS.tiers.core).toBe(true);
    expect(normaliseSettings(undefined).pausedSites).toEqual([]);
  });
});

describe('isPausedOn', () => {
  it('is paused on listed sites only', () => {
    const s = base({ pausedSites: ['news.example'] });
    expect(isPausedOn(s, 'news.example')).toBe(true);
    expect(isPausedOn(s, 'www.news.example')).toBe(false);
    expect(isPausedOn(s, 'other.example')).toBe(false);
  });

  it('is paused everywhere when pausedEverywhere is set', () => {
    expect(isPausedOn(base({ pausedEverywhere: true }), 'anything.example')).toBe(true);
  });
});

describe('withSitePaused', () => {
  it('adds a site, keeping the list sorted', () => {
    const s = withSitePaused(base({ pausedSites: ['b.example', 'd.example'] }), 'c.example', true);
    expect(s.pausedSites).toEqual(['b.example', 'c.example', 'd.example']);
  });

  it('does not duplicate a site already paused', () => {
    const s = withSitePaused(base({ pausedSites: ['a.example'] }), 'a.example', true);
    expect(s.pausedSites).toEqual(['a.example']);
  });

  it('removes duplicates and sorts an unsorted stored list', () => {
    const s = withSitePaused(base({ pausedSites: ['z.example', 'a.example', 'z.example'] }), 'm.example', true);
    expect(s.pausedSites).toEqual(['a.example', 'm.example', 'z.example']);
  });

  it('removes a site, and removing an absent site changes nothing else', () => {
    const s = withSitePaused(base({ pausedSites: ['a.example', 'b.example'] }), 'a.example', false);
    expect(s.pausedSites).toEqual(['b.example']);
    expect(withSitePaused(s, 'q.example', false).pausedSites).toEqual(['b.example']);
  });

  it('leaves the input untouched and keeps other settings', () => {
    const input = base({ hoverDelayMs: 700, highlightStyle: 'tint', pausedSites: ['a.example'] });
    const out = withSitePaused(input, 'b.example', true);
    expect(input.pausedSites).toEqual(['a.example']);
    expect(out).not.toBe(input);
    expect(out.hoverDelayMs).toBe(700);
    expect(out.highlightStyle).toBe('tint');
    expect(isPausedOn(out, 'b.example')).toBe(true);
  });
});
