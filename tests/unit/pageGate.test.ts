/**
 * The first stage's gate (lib/core/pageGate.ts): what it is made of (MatcherCache.pageGate), when a stored one is
 * used, what it finds; and the background's writer (lib/background/pageGateWriter.ts) on the fake browser.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageGateWriter } from '../../lib/background/pageGateWriter';
import { MatcherCache } from '../../lib/core/matcherCache';
import { compilePatterns, holdsAnchor, PAGE_GATE_KEY, readPageGate, tiersKey } from '../../lib/core/pageGate';
import { DEFAULT_SETTINGS } from '../../lib/core/settings';
import { bundledDossier } from '../../lib/store/bundledDossier';
import type { DossierStore } from '../../lib/store/dossierStore';

const ALL = DEFAULT_SETTINGS.tiers;
const entities = bundledDossier.entities;
const gate = new MatcherCache().pageGate(entities, ALL, '1.2.3');
const top = compilePatterns(gate.top, false);
const frame = compilePatterns(gate.frame);

describe('the gate a page reads', () => {
  it('lets a top document through only for a core or related name, a frame for any name', () => {
    for (const text of ['The CIS-MOA was signed', 'Gen Asim Munir met', 'officers trained under IMET', 'Bajwa said']) {
      expect(holdsAnchor(top, text), text).toBe(true);
    }
    for (const text of ['Donald Trump met reporters', 'Mike Pompeo spoke at noon', 'CENTCOM said on Tuesday']) {
      expect(holdsAnchor(top, text), text).toBe(false);
      expect(holdsAnchor(frame, text), text).toBe(true);
    }
    expect(holdsAnchor(frame, 'A quiet day at the harbour')).toBe(false);
  });

  it('errs on the side of loading the engine: a name in any case, split by an invisible unit, in Urdu', () => {
    expect(holdsAnchor(top, 'GEN ASIM MUNIR SAID')).toBe(true);
    expect(holdsAnchor(top, 'General Mu\u00adnir')).toBe(true);
    const urdu = entities.find((e) => e.id === 'asim-munir')!.aliases.find((a) => /[\u0600-\u06ff]/.test(a.text));
    expect(urdu).toBeDefined();
    expect(holdsAnchor(top, `کہا ${urdu!.text} نے`)).toBe(true);
  });

  it('is used only when this version made it for these tiers, and is well formed', () => {
    const stored = JSON.parse(JSON.stringify(gate)) as unknown;
    expect(readPageGate(stored, '1.2.3', ALL)).toEqual(gate);
    expect(readPageGate(stored, '1.2.4', ALL)).toBeUndefined();
    expect(readPageGate(stored, '1.2.3', { ...ALL, context: false })).toBeUndefined();
    expect(readPageGate({ ...gate, top: [{ source: 1 }] }, '1.2.3', ALL)).toBeUndefined();
    expect(readPageGate(undefined, '1.2.3', ALL)).toBeUndefined();
    expect(readPageGate('pageGate', '1.2.3', ALL)).toBeUndefined();
  });

  it('follows the tier switches: without the core tier the agreements open nothing', () => {
    const noCore = new MatcherCache().pageGate(entities, { ...ALL, core: false }, '1');
    expect(noCore.tiers).toBe(tiersKey({ ...ALL, core: false }));
    expect(holdsAnchor(compilePatterns(noCore.top), 'The CIS-MOA was signed')).toBe(false);
    expect(holdsAnchor(compilePatterns(noCore.top), 'Gen Asim Munir met')).toBe(true);
  });
});

describe('PageGateWriter', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // The fake browser has no manifest.
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'x', version: '1.0.0' });
  });
  const store = { entities: async () => ({ entities, origin: 'memory' as const }) } as unknown as DossierStore;
  const version = () => fakeBrowser.runtime.getManifest().version;

  it('writes the gate for the stored tiers, and leaves one that fits alone', async () => {
    const writer = new PageGateWriter(store, new MatcherCache());
    await fakeBrowser.storage.local.set({ settings: { tiers: { core: true, related: true, context: false } } });
    const written = await writer.update();
    const stored = (await fakeBrowser.storage.local.get(PAGE_GATE_KEY))[PAGE_GATE_KEY];
    expect(readPageGate(stored, version(), { core: true, related: true, context: false })).toEqual(written);

    await fakeBrowser.storage.local.set({ [PAGE_GATE_KEY]: { ...written, top: [] } });
    // Fits this version and these tiers: not made again (an empty list stays).
    expect((await writer.update()).top).toEqual([]);
  });

  it('writes again when the tiers change, the last update for the last tiers', async () => {
    const writer = new PageGateWriter(store, new MatcherCache());
    await writer.update();
    await fakeBrowser.storage.local.set({ settings: { tiers: { core: false, related: true, context: true } } });
    const [, last] = await Promise.all([writer.update(), writer.update()]);
    expect(last.tiers).toBe(tiersKey({ core: false, related: true, context: true }));
    const stored = (await fakeBrowser.storage.local.get(PAGE_GATE_KEY))[PAGE_GATE_KEY];
    expect(readPageGate(stored, version(), { core: false, related: true, context: true })).toBeDefined();
  });
});
