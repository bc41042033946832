import { describe, expect, it } from 'vitest';
import { commandToTabRequest, isBackgroundRequest, isTabRequest, isTierSwitches } from '../../lib/core/messages';
import wxtConfig from '../../wxt.config';

const backgroundMessages = [
  { type: 'incontext:entities', tiers: { core: true, related: true, context: false } },
  { type: 'incontext:cards', ids: ['cis-moa'] },
  { type: 'incontext:cache-status' },
  { type: 'incontext:mention-count', count: 3 },
  { type: 'incontext:open-search', entityId: 'imet' },
];
const tabMessages = [{ type: 'incontext:mentions' }, { type: 'incontext:focus-mention', direction: 'next' }];

const junk: unknown[] = [
  null,
  undefined,
  0,
  'incontext:entities',
  ['incontext:entities'],
  {},
  { type: 'other' },
  { type: 1 },
  { type: null },
  { type: { type: 'incontext:entities' } },
  { kind: 'incontext:entities' },
  { type: 'INCONTEXT:ENTITIES' },
  { type: 'incontext:entities ' },
];

describe('isBackgroundRequest', () => {
  it.each(backgroundMessages)('accepts $type', (message) => {
    expect(isBackgroundRequest(message)).toBe(true);
  });

  it('rejects junk', () => {
    for (const m of junk) expect(isBackgroundRequest(m), JSON.stringify(m)).toBe(false);
  });

  it('rejects tab requests', () => {
    for (const m of tabMessages) expect(isBackgroundRequest(m)).toBe(false);
  });
});

describe('isTabRequest', () => {
  it.each(tabMessages)('accepts $type', (message) => {
    expect(isTabRequest(message)).toBe(true);
  });

  it('rejects junk', () => {
    for (const m of [...junk, { type: 'incontext:mentions ' }]) expect(isTabRequest(m), JSON.stringify(m)).toBe(false);
  });

  it('rejects background requests', () => {
    for (const m of backgroundMessages) expect(isTabRequest(m)).toBe(false);
  });
});

describe('keyboard commands', () => {
  it('maps each manifest command to the tab message that moves through mentions', () => {
    const manifest = wxtConfig.manifest as (env: { browser: string }) => { commands: Record<string, unknown> };
    const commands = Object.keys(manifest({ browser: 'chrome' }).commands);
    expect(commands.sort()).toEqual(['next-mention', 'previous-mention']);
    expect(commandToTabRequest('next-mention')).toEqual({ type: 'incontext:focus-mention', direction: 'next' });
    expect(commandToTabRequest('previous-mention')).toEqual({ type: 'incontext:focus-mention', direction: 'previous' });
    expect(commandToTabRequest('_execute_action')).toBeUndefined();
  });
});

describe('isTierSwitches', () => {
  it('accepts the three tiers as booleans', () => {
    expect(isTierSwitches({ core: true, related: false, context: true })).toBe(true);
  });

  it('rejects anything else', () => {
    for (const t of [undefined, null, 'core', {}, { core: true, related: true }, { core: 1, related: true, context: true }, { core: true, related: true, context: 'yes' }]) {
      expect(isTierSwitches(t), JSON.stringify(t)).toBe(false);
    }
  });
});
