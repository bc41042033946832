import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  answersTabRequest,
  commandToTabRequest,
  dispatcherFor,
  isBackgroundRequest,
  isTabRequest,
  isTierSwitches,
  type BackgroundReplies,
  type Handlers,
  type MentionsReply,
  type RequestOf,
  type TabProtocol,
  type TabRequest,
} from '../../lib/core/messages';
import type { CacheStatus } from '../../lib/store/cacheStatus';
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
    for (const t of [
      undefined,
      null,
      'core',
      {},
      { core: true, related: true },
      { core: 1, related: true, context: true },
      { core: true, related: true, context: 'yes' },
    ]) {
      expect(isTierSwitches(t), JSON.stringify(t)).toBe(false);
    }
  });
});

describe('handler maps', () => {
  const mentions: MentionsReply = {
    url: 'https://example.com/',
    mentions: [{ entityId: 'imet', name: 'IMET', text: 'IMET' }],
  };
  const stats = {
    slicesOverBudget: 0,
    batches: 0,
    slices: 0,
    busyMs: 0,
    longestSliceMs: 0,
    setAside: 0,
    mentions: 1,
    cardOpenMs: [],
    stage: 'engine' as const,
    settled: true,
  };

  it('hold each handler to its own reply (checked by tsc)', () => {
    const wrongReply: Handlers<TabProtocol> = {
      'incontext:mentions': () => mentions,
      'incontext:frame-mentions': () => mentions,
      'incontext:page-opened': () => ({ ok: true }),
      'incontext:focus-mention': () => ({ focused: true }),
      // @ts-expect-error: the reply of incontext:focus-mention is not the reply of incontext:stats
      'incontext:stats': () => ({ focused: true }),
    };
    // @ts-expect-error: a handler map answers every type of its protocol
    const missing: Handlers<TabProtocol> = {
      'incontext:mentions': () => mentions,
      'incontext:frame-mentions': () => mentions,
      'incontext:stats': () => stats,
    };
    const handlers: Handlers<TabProtocol> = {
      'incontext:mentions': () => mentions,
      'incontext:frame-mentions': async () => mentions,
      'incontext:page-opened': () => ({ ok: true }),
      // The request is narrowed to its own type's fields.
      'incontext:focus-mention': (request) => ({
        focused: request.direction === 'next' && request.entityId === undefined,
      }),
      'incontext:stats': () => stats,
    };
    expect([wrongReply, missing, handlers]).toHaveLength(3);
  });

  it('keep every message shape', () => {
    expectTypeOf<RequestOf<TabProtocol, 'incontext:mentions'>>().toEqualTypeOf<{ type: 'incontext:mentions' }>();
    expectTypeOf<TabProtocol['incontext:mentions']['reply']>().toEqualTypeOf<MentionsReply>();
    expectTypeOf<BackgroundReplies['incontext:cache-status']>().toEqualTypeOf<CacheStatus>();
  });

  it('dispatch only known types, and always answer with a promise', async () => {
    const dispatch = dispatcherFor(isTabRequest, {
      'incontext:mentions': () => mentions,
      'incontext:frame-mentions': () => ({ ...mentions, url: 'about:srcdoc' }),
      'incontext:page-opened': () => ({ ok: true }),
      'incontext:focus-mention': (request) => ({ focused: request.direction === 'next' }),
      'incontext:stats': () => {
        throw new Error('no session');
      },
    } satisfies Handlers<TabProtocol>);
    for (const m of [...junk, ...backgroundMessages]) expect(dispatch(m, undefined), JSON.stringify(m)).toBeUndefined();
    await expect(dispatch({ type: 'incontext:mentions' }, undefined)).resolves.toEqual(mentions);
    await expect(dispatch({ type: 'incontext:frame-mentions' }, undefined)).resolves.toMatchObject({
      url: 'about:srcdoc',
    });
    await expect(dispatch({ type: 'incontext:focus-mention', direction: 'previous' }, undefined)).resolves.toEqual({
      focused: false,
    });
    await expect(dispatch({ type: 'incontext:stats' }, undefined)).rejects.toThrow('no session');
  });
});

describe('tab message audiences', () => {
  it('the top document answers the public contract, a frame its own mentions and its top page opening', () => {
    const top = (type: TabRequest['type']) => answersTabRequest({ type } as TabRequest, false);
    const frame = (type: TabRequest['type']) => answersTabRequest({ type } as TabRequest, true);
    expect([top('incontext:mentions'), frame('incontext:mentions')]).toEqual([true, false]);
    expect([top('incontext:focus-mention'), frame('incontext:focus-mention')]).toEqual([true, false]);
    expect([top('incontext:stats'), frame('incontext:stats')]).toEqual([true, false]);
    expect([top('incontext:frame-mentions'), frame('incontext:frame-mentions')]).toEqual([true, true]);
    expect([top('incontext:page-opened'), frame('incontext:page-opened')]).toEqual([false, true]);
  });
});
