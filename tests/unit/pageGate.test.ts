/**
 * The first stage's gate (lib/core/pageGate.ts, made by lib/build/builtInGate.ts): what it is made of, what it finds,
 * and how it follows the tier switches.
 */
import { describe, expect, it, vi } from 'vitest';
import { builtInGate, builtInGateModule } from '../../lib/build/builtInGate';
import { anchorPatterns } from '../../lib/core/anchorFilter';
import { compileMatcherData } from '../../lib/core/matcher';
import { gatePatterns, gateTest, type BuiltInGate } from '../../lib/core/pageGate';
import { DEFAULT_SETTINGS } from '../../lib/core/settings';
import { bundledDossier } from '../../lib/store/bundledDossier';

const ALL = DEFAULT_SETTINGS.tiers;
const entities = bundledDossier.entities;
const gate = builtInGate();
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

  it('follows the tier switches: without the core tier the agreements open nothing', () => {
    const noCore = gateTest(gatePatterns(gate, { ...ALL, core: false }, false));
    expect(noCore('The CIS-MOA was signed')).toBe(false);
    expect(noCore('Gen Asim Munir met')).toBe(true);
  });

  it('answers, for every set of tier switches, as the anchors of the tiers on would', () => {
    const texts = [
      'The CIS-MOA was signed',
      'Gen Asim Munir met',
      'Bajwa said',
      'Mike Pompeo spoke at noon',
      'CENTCOM said on Tuesday',
      'A quiet day at the harbour',
    ];
    for (const bits of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const tiers = { core: (bits & 1) > 0, related: (bits & 2) > 0, context: (bits & 4) > 0 };
      for (const inFrame of [false, true]) {
        const test = gateTest(gatePatterns(gate, tiers, inFrame));
        const own = gateTest(
          anchorPatterns(entities.filter((e) => tiers[e.tier] && (inFrame || e.tier !== 'context'))),
        );
        for (const text of texts) expect(test(text), `${JSON.stringify(tiers)} ${inFrame} ${text}`).toBe(own(text));
      }
    }
  });
});

describe('the gate built into the page script', () => {
  it("is made of the dossier's anchors: a frame's are the matcher's own", () => {
    expect(gate.frame).toEqual(compileMatcherData(entities).anchors);
    expect(gate.top).toEqual(anchorPatterns(entities.filter((e) => e.tier !== 'context')));
  });

  it('is the same gate as served to the page script, each list parsed only when it is first read', async () => {
    const source = builtInGateModule(gate);
    const served = ((await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: BuiltInGate })
      .default;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(served.top).toEqual(gate.top);
      expect(parse).toHaveBeenCalledTimes(1);
      expect(served.top).toBe(served.top);
      expect(parse).toHaveBeenCalledTimes(1);
      expect(served.frame).toEqual(gate.frame);
      expect(served.byTier).toEqual(gate.byTier);
      expect(parse).toHaveBeenCalledTimes(3);
    } finally {
      parse.mockRestore();
    }
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

  it('makes a pattern with a block only once a text holds a letter of that block', () => {
    const patterns = anchorPatterns([urdu, hindi, latin]);
    const urduSource = patterns.find((p) => p.block === '[\\u0600-\\u06ff]')!.source;
    const made: string[] = [];
    const Native = globalThis.RegExp;
    globalThis.RegExp = new Proxy(Native, {
      construct: (target, args: [string, string?]) => {
        made.push(args[0]);
        return new target(...args);
      },
    });
    try {
      const test = gateTest(patterns);
      expect(test('General Asim Munir said')).toBe(true);
      expect(test('A quiet day in Lahore')).toBe(false);
      expect(made).not.toContain(urduSource);
      expect(test('کہا عاصم منیر نے')).toBe(true);
      expect(made.filter((source) => source === urduSource)).toHaveLength(1);
      expect(test('عاصم منیر')).toBe(true);
      expect(made.filter((source) => source === urduSource)).toHaveLength(1);
    } finally {
      globalThis.RegExp = Native;
    }
  });

  it('is left off a pattern whose anchors may be digits alone: those need no letter of the block', () => {
    const year = { aliases: [{ text: '1961', match: 'name' as const }] };
    const patterns = anchorPatterns([urdu, year]);
    const digitsPattern = patterns.find((p) => new RegExp(p.source, p.flags).test('in 1961'));
    expect(digitsPattern).toBeDefined();
    expect(digitsPattern!.block).toBeUndefined();
    expect(gateTest(patterns)('signed in 1961')).toBe(true);
  });
});
