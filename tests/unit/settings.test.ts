/**
 * Settings: the pure part (normalising, old millisecond delays, pausing, parsing a typed site) and the store over WXT's
 * fake browser (updates one at a time, within a page and across pages; storage that fails).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  HOVER_DELAY_MS,
  hoverDelayFromMs,
  isPausedOn,
  normaliseSettings,
  parseSiteInput,
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
      hoverDelay: 'normal',
      tiers: { core: true, related: true, context: true },
      highlightStyle: 'underline',
      firstMentionOnly: false,
      pausedEverywhere: false,
      pausedSites: [],
    });
  });

  it('keeps valid values', () => {
    const input: Settings = {
      hoverDelay: 'slow',
      tiers: { core: true, related: false, context: false },
      highlightStyle: 'tint',
      firstMentionOnly: true,
      pausedEverywhere: true,
      pausedSites: ['a.example', 'b.example'],
    };
    expect(normaliseSettings(input)).toEqual(input);
  });

  it('maps a delay stored in milliseconds by older versions to the nearest choice', () => {
    const cases: [unknown, string][] = [
      [0, 'quick'],
      [150, 'quick'],
      [250, 'quick'],
      [349, 'quick'],
      [350, 'normal'],
      [450, 'normal'],
      [500, 'normal'],
      [624, 'normal'],
      [625, 'slow'],
      [800, 'slow'],
      [2000, 'slow'],
      [999_999, 'slow'],
      [-50, 'quick'],
      ['700', 'slow'],
    ];
    for (const [hoverDelayMs, choice] of cases)
      expect(normaliseSettings({ hoverDelayMs }).hoverDelay, `for ${String(hoverDelayMs)} ms`).toBe(choice);
  });

  it('reads the old default (200 ms, written along with every other setting) as no choice: today’s default', () => {
    expect(hoverDelayFromMs(200)).toBe(DEFAULT_SETTINGS.hoverDelay);
    expect(normaliseSettings({ hoverDelayMs: 200, pausedSites: ['a.example'] }).hoverDelay).toBe('normal');
    expect(hoverDelayFromMs(199)).toBe('quick');
  });

  it('each choice read back as milliseconds is that choice again', () => {
    for (const [choice, ms] of Object.entries(HOVER_DELAY_MS)) expect(hoverDelayFromMs(ms)).toBe(choice);
  });

  it('prefers a stored choice over an old millisecond value, and drops the old field', () => {
    const s = normaliseSettings({ hoverDelay: 'quick', hoverDelayMs: 900 });
    expect(s.hoverDelay).toBe('quick');
    expect(s).not.toHaveProperty('hoverDelayMs');
  });

  it('falls back to the default delay for unknown choices and non-numbers', () => {
    for (const bad of ['soon', NaN, Infinity, -Infinity, {}, undefined, '', ' ', null]) {
      expect(normaliseSettings({ hoverDelayMs: bad }).hoverDelay).toBe(DEFAULT_SETTINGS.hoverDelay);
    }
    for (const bad of ['fast', 'NORMAL', 450, 'toString', 'constructor']) {
      expect(normaliseSettings({ hoverDelay: bad }).hoverDelay).toBe(DEFAULT_SETTINGS.hoverDelay);
    }
  });

  it('turns first-mention-only on for an explicit true only', () => {
    expect(normaliseSettings({ firstMentionOnly: true }).firstMentionOnly).toBe(true);
    for (const other of ['true', 1, {}, undefined])
      expect(normaliseSettings({ firstMentionOnly: other }).firstMentionOnly).toBe(false);
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
    const input = base({ hoverDelay: 'slow', highlightStyle: 'tint', pausedSites: ['a.example'] });
    const out = withSitePaused(input, 'b.example', true);
    expect(input.pausedSites).toEqual(['a.example']);
    expect(out).not.toBe(input);
    expect(out.hoverDelay).toBe('slow');
    expect(out.highlightStyle).toBe('tint');
    expect(isPausedOn(out, 'b.example')).toBe(true);
  });
});

describe('parseSiteInput', () => {
  it.each([
    ['www.example.com', 'www.example.com'],
    ['  News.Example.COM  ', 'news.example.com'],
    ['https://www.example.com/world/2024/story.html?x=1#top', 'www.example.com'],
    ['http://127.0.0.1:8080/page', '127.0.0.1'],
    ['example.com:8443', 'example.com'],
    ['localhost', 'localhost'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('takes the host of %j', (text, host) => {
    expect(parseSiteInput(text)).toEqual({ ok: true, host });
  });

  it.each(['news', 'not a site', 'ftp://files.example.com', 'mailto:a@example.com', 'https://', '..', 'a..b'])(
    'refuses %j, quoting it and saying what to type',
    (text) => {
      const parsed = parseSiteInput(text);
      expect(parsed).toMatchObject({ ok: false });
      if (!parsed.ok)
        expect(parsed.problem).toBe(
          `“${text}” is not a web address. Type a site such as www.example.com, or paste its address.`,
        );
    },
  );

  it('asks for a site when nothing was typed, and shortens a long paste in the message', () => {
    expect(parseSiteInput('  ')).toEqual({
      ok: false,
      problem: 'Type a site such as www.example.com, or paste its address.',
    });
    const parsed = parseSiteInput('x'.repeat(100));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(/^“x{40}…” is not a web address/);
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
      hoverDelay: 'slow',
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
    const seen: string[][] = [];
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((site) =>
        updateSettings((s) => {
          seen.push(s.pausedSites);
          return withSitePaused(s, `${site}.example`, true);
        }),
      ),
    );
    expect(seen.map((sites) => sites.length)).toEqual([0, 1, 2, 3, 4]);
    expect((await readSettings()).pausedSites).toEqual([
      'a.example',
      'b.example',
      'c.example',
      'd.example',
      'e.example',
    ]);
  });

  it('stores normalised settings and tells watchers', async () => {
    const heard: Settings[] = [];
    const stop = watchSettings((s) => heard.push(s));
    const saved = await updateSettings((s) => ({
      ...s,
      hoverDelay: 'eventually' as never,
      pausedSites: ['b.example', 'a.example', 7 as never],
    }));
    expect(saved.hoverDelay).toBe(DEFAULT_SETTINGS.hoverDelay);
    expect(saved.pausedSites).toEqual(['b.example', 'a.example']);
    expect(heard.at(-1)).toEqual(saved);
    stop();
    await updateSettings((s) => ({ ...s, hoverDelay: 'quick' }));
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
        hoverDelay: 'slow',
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
