/**
 * Settings: the pure part (normalising, pausing, parsing the hover delay field) and the store over WXT's
 * fake browser (updates one at a time, within a page and across pages; storage that fails).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  HOVER_DELAY_RANGE,
  isPausedOn,
  normaliseSettings,
  parseHoverDelay,
  withSitePaused,
  type Settings,
} from '../../lib/core/settings';
import { loadSettings, readSettings, updateSettings, watchSettings } from '../../lib/settingsStore';

const base = (over: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  tiers: { ...DEFAULT_SETTINGS.tiers },
  pausedSites: [],
  ...over,
});

describe('normaliseSettings', () => {
  it.each([undefined, null, 42, 'settings', true, [], () => 1])('turns %s into the defaults', (input) => {
    expect(normaliseSettings(input)).toEqual({
      hoverDelayMs: 450,
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
    expect(normaliseSettings({ tiers: { core: false, related: 0, context: 'no' } }).tiers).toEqual({
      core: false,
      related: true,
      context: true,
    });
    expect(normaliseSettings({ tiers: null }).tiers).toEqual({ core: true, related: true, context: true });
  });

  it('accepts only the known highlight styles and a real boolean for pausedEverywhere', () => {
    expect(normaliseSettings({ highlightStyle: 'bold' }).highlightStyle).toBe('underline');
    expect(normaliseSettings({ highlightStyle: 'tint' }).highlightStyle).toBe('tint');
    expect(normaliseSettings({ pausedEverywhere: 'true' }).pausedEverywhere).toBe(false);
    expect(normaliseSettings({ pausedEverywhere: 1 }).pausedEverywhere).toBe(false);
  });

  it('filters non-string sites and ignores a non-array list', () => {
    expect(
      normaliseSettings({ pausedSites: ['a.example', 3, null, { host: 'x' }, 'b.example', undefined] }).pausedSites,
    ).toEqual(['a.example', 'b.example']);
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

describe('parseHoverDelay', () => {
  it.each([
    ['0', 0],
    ['200', 200],
    [' 350 ', 350],
    ['2000', 2000],
    ['0200', 200],
  ])('accepts the plain whole number %j', (text, ms) => {
    expect(parseHoverDelay(text)).toEqual({ ok: true, ms });
  });

  it.each([
    '0x10',
    '0b11',
    '0o7',
    '1e3',
    '.5e3',
    '1.5',
    '200.',
    '+5',
    'Infinity',
    'NaN',
    'soon',
    '2 00',
    '٢٠٠',
    '２００',
    '200ms',
  ])('refuses %j as not a whole number of milliseconds', (text) => {
    const parsed = parseHoverDelay(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(/whole number of milliseconds using the digits 0–9 only/);
  });

  it('refuses an empty field', () => {
    expect(parseHoverDelay('')).toMatchObject({ ok: false, problem: expect.stringMatching(/whole number/) });
    expect(parseHoverDelay('   ')).toMatchObject({ ok: false });
  });

  it('refuses whole numbers out of range, naming the range', () => {
    for (const text of ['2001', '9000', '-1', '-200', '99999999999999999999999']) {
      expect(parseHoverDelay(text)).toEqual({
        ok: false,
        problem: `Choose a delay between ${HOVER_DELAY_RANGE.min} and ${HOVER_DELAY_RANGE.max} ms.`,
      });
    }
  });
});

/** A Web Locks stand-in shared by every "page" in a test: one holder per name at a time, in request order. */
function fakeLockManager() {
  const tails = new Map<string, Promise<unknown>>();
  const requested: string[] = [];
  return {
    requested,
    request<T>(name: string, task: (lock: unknown) => T): Promise<Awaited<T>> {
      requested.push(name);
      const run = (tails.get(name) ?? Promise.resolve()).then(() => task({ name, mode: 'exclusive' }));
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run as Promise<Awaited<T>>;
    },
  };
}

describe('settingsStore', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('reads the defaults when nothing is stored, and what was stored, normalised', async () => {
    expect(await loadSettings()).toEqual({ settings: DEFAULT_SETTINGS });
    await fakeBrowser.storage.local.set({ settings: { hoverDelayMs: 9000, pausedSites: ['a.example', 3] } });
    expect(await readSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      hoverDelayMs: HOVER_DELAY_RANGE.max,
      pausedSites: ['a.example'],
    });
  });

  it('keeps both of two updates made at once (pause everywhere + pause this site)', async () => {
    await Promise.all([
      updateSettings((s) => ({ ...s, pausedEverywhere: true })),
      updateSettings((s) => withSitePaused(s, 'news.example', true)),
    ]);
    const stored = await readSettings();
    expect(stored.pausedEverywhere).toBe(true);
    expect(stored.pausedSites).toEqual(['news.example']);
  });

  it('applies many concurrent updates in the order they were made, each seeing the one before', async () => {
    const seen: number[] = [];
    await Promise.all(
      [10, 20, 30, 40, 50].map((ms) =>
        updateSettings((s) => {
          seen.push(s.hoverDelayMs);
          return { ...s, hoverDelayMs: ms };
        }),
      ),
    );
    expect(seen).toEqual([DEFAULT_SETTINGS.hoverDelayMs, 10, 20, 30, 40]);
    expect((await readSettings()).hoverDelayMs).toBe(50);
  });

  it('stores normalised settings and tells watchers', async () => {
    const heard: Settings[] = [];
    const stop = watchSettings((s) => heard.push(s));
    const saved = await updateSettings((s) => ({ ...s, hoverDelayMs: -5, pausedSites: ['b.example', 'a.example'] }));
    expect(saved.hoverDelayMs).toBe(0);
    expect(heard.at(-1)).toEqual(saved);
    stop();
    await updateSettings((s) => ({ ...s, hoverDelayMs: 300 }));
    expect(heard).toHaveLength(1);
  });

  it('takes the shared Web Lock where there is one, so two pages writing at once keep both changes', async () => {
    const locks = fakeLockManager();
    vi.stubGlobal('navigator', { locks });
    // A second copy of the module (its own promise chain, the same fake storage) stands for another
    // extension page; the query string makes Vite load the file again.
    // @ts-expect-error TypeScript resolves no module with a query string
    const otherPage = (await import('../../lib/settingsStore?other-page')) as typeof import('../../lib/settingsStore');
    expect(otherPage.updateSettings).not.toBe(updateSettings);
    await Promise.all([
      updateSettings((s) => ({ ...s, pausedEverywhere: true })),
      otherPage.updateSettings((s) => withSitePaused(s, 'news.example', true)),
    ]);
    expect(locks.requested).toEqual(['incontext:settings', 'incontext:settings']);
    const stored = await readSettings();
    expect(stored.pausedEverywhere).toBe(true);
    expect(stored.pausedSites).toEqual(['news.example']);
  });

  describe('when storage fails', () => {
    it('loadSettings falls back to the defaults and says why; readSettings does not reject', async () => {
      await fakeBrowser.storage.local.set({ settings: { hoverDelayMs: 900 } });
      vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('IO error: the storage file is corrupt'));
      expect(await loadSettings()).toEqual({
        settings: DEFAULT_SETTINGS,
        problem: 'IO error: the storage file is corrupt',
      });
      await expect(readSettings()).resolves.toEqual(DEFAULT_SETTINGS);
    });

    it('an update rejects without writing (it would overwrite every stored setting), and later updates still run', async () => {
      await fakeBrowser.storage.local.set({ settings: { hoverDelayMs: 900, pausedSites: ['kept.example'] } });
      const get = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('IO error'));
      const set = vi.spyOn(fakeBrowser.storage.local, 'set');
      const failed = updateSettings((s) => ({ ...s, pausedEverywhere: true }));
      const next = updateSettings((s) => ({ ...s, highlightStyle: 'tint' }));
      await expect(failed).rejects.toThrow('IO error');
      await expect(next).resolves.toMatchObject({
        highlightStyle: 'tint',
        hoverDelayMs: 900,
        pausedSites: ['kept.example'],
        pausedEverywhere: false,
      });
      expect(get).toHaveBeenCalledTimes(2);
      expect(set).toHaveBeenCalledTimes(1);
    });

    it('a failing write rejects and does not block the next update', async () => {
      vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
      const failed = updateSettings((s) => ({ ...s, pausedEverywhere: true }));
      const next = updateSettings((s) => withSitePaused(s, 'news.example', true));
      await expect(failed).rejects.toThrow('quota');
      await expect(next).resolves.toMatchObject({ pausedEverywhere: false, pausedSites: ['news.example'] });
      expect(await readSettings()).toMatchObject({ pausedEverywhere: false, pausedSites: ['news.example'] });
    });
  });
});
