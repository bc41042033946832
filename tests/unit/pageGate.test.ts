/**
 * The first stage's gate (lib/core/pageGate.ts): what it is made of (MatcherCache.pageGate), when a stored one is
 * used, what it finds; and the background's writer (lib/background/pageGateWriter.ts) on the fake browser.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageGateWriter } from '../../lib/background/pageGateWriter';
import { anchorPatterns } from '../../lib/core/anchorFilter';
import { MatcherCache } from '../../lib/core/matcherCache';
import { builtInGate } from '../../lib/build/builtInGate';
import { gateTest, PAGE_GATE_KEY, readPageGate, tiersKey } from '../../lib/core/pageGate';
import { DEFAULT_SETTINGS } from '../../lib/core/settings';
import { bundledDossier } from '../../lib/store/bundledDossier';
import type { DossierStore } from '../../lib/store/dossierStore';

const ALL = DEFAULT_SETTINGS.tiers;
const entities = bundledDossier.entities;
const gate = new MatcherCache().pageGate(entities, ALL, '1.2.3');
const top = gateTest(gate.top);
const frame = gateTest(gate.frame);

describe('the gate a page reads', () => {
  it('lets a top document through only for a core or related name, a frame for any name', () => {
    for (const text of ['The CIS-MOA was signed', 'Gen Asim Munir met', 'officers trained under IMET', 'Bajwa said']) {
      expect(top(text), text).toBe(true);
    }
    for (const text of ['Donald Trump met reporters', 'Mike Pompeo spoke at noon', 'CENTCOM said on Tuesday']) {
      expect(top(text), text).toBe(false);
      expect(frame(text), text).toBe(true);
    }
    expect(frame('A quiet day at the harbour')).toBe(false);
  });

  it('errs on the side of loading the engine: a name in any case, split by an invisible unit, in Urdu', () => {
    expect(top('GEN ASIM MUNIR SAID')).toBe(true);
    expect(top('General Mu\u00adnir')).toBe(true);
    const urdu = entities.find((e) => e.id === 'asim-munir')!.aliases.find((a) => /[\u0600-\u06ff]/.test(a.text));
    expect(urdu).toBeDefined();
    expect(top(`کہا ${urdu!.text} نے`)).toBe(true);
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
    expect(gateTest(noCore.top)('The CIS-MOA was signed')).toBe(false);
    expect(gateTest(noCore.top)('Gen Asim Munir met')).toBe(true);
  });
});

describe('the gate built into the page script', () => {
  it('is the gate the background writes for every tier switched on', () => {
    const { version: _version, ...written } = new MatcherCache().pageGate(entities, ALL, '9.9.9');
    expect(builtInGate()).toEqual(written);
    expect(builtInGate().tiers).toBe(tiersKey(ALL));
  });
});

describe('the block prefilter', () => {
  const urdu = { aliases: [{ text: 'عاصم منیر', match: 'name' as const }] };
  const hindi = { aliases: [{ text: 'असीम मुनीर', match: 'name' as const }] };
  const latin = { aliases: [{ text: 'Asim Munir', match: 'name' as const }] };

  it('marks the Arabic and Devanagari patterns with their block, and finds their names with it', () => {
    const patterns = anchorPatterns([urdu, hindi, latin]);
    expect(patterns.map((p) => p.block).filter(Boolean)).toEqual(['[\\u0600-\\u06ff]', '[\\u0900-\\u097f]']);
    const test = gateTest(patterns);
    expect(test('کہا عاصم منیر نے')).toBe(true);
    expect(test('कहा असीम मुनीर ने')).toBe(true);
    expect(test('General Asim Munir said')).toBe(true);
    expect(test('A quiet day, with an Urdu word: کہا')).toBe(false);
  });

  it('is left off a pattern whose anchors may be digits alone: those need no letter of the block', () => {
    const year = { aliases: [{ text: '1961', match: 'name' as const }] };
    const patterns = anchorPatterns([urdu, year]);
    const digitsPattern = patterns.find((p) => new RegExp(p.source, p.flags).test('in 1961'));
    expect(digitsPattern).toBeDefined();
    expect(digitsPattern!.block).toBeUndefined();
    expect(gateTest(patterns)('signed in 1961')).toBe(true);
  });

  it('is checked in a stored gate like the rest', () => {
    expect(readPageGate({ ...gate, top: [{ source: 'x', flags: 'g', block: 7 }] }, '1.2.3', ALL)).toBeUndefined();
    expect(readPageGate({ ...gate, top: [{ source: 'x', flags: 'g', block: '[y]' }] }, '1.2.3', ALL)).toBeDefined();
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
