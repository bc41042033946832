/**
 * lib/page/engineGate.ts in real Chromium, with an extension API written here: what the first stage reads, sends
 * and answers. A page without an anchor is decided by the built-in gate alone (no storage read); a page with one
 * reads the settings, and the engine comes unless the site is paused or the anchor's tier is switched off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { builtInGate } from '../../lib/build/builtInGate';
import { SETTINGS_KEY } from '../../lib/core/settings';
import { startEngineGate } from '../../lib/page/engineGate';
import { ENGINE_ANSWER, GATE_INSTANCE, pageWorld } from '../../lib/page/pageInstances';

const ALL = { core: true, related: true, context: true };
const NO_RELATED = { core: true, related: false, context: true };
const BUILT_IN = builtInGate();

type Listener = (...args: never[]) => unknown;

/** The calls the first stage makes, on an API object with just what it uses. */
function fakeApi(stored: Record<string, unknown> = {}, engineLoaded: Promise<unknown> = Promise.resolve()) {
  const storageReads: string[][] = [];
  const sent: { type: string }[] = [];
  const onMessage = new Set<Listener>();
  const onStorage = new Set<Listener>();
  const event = (set: Set<Listener>) => ({
    addListener: (f: Listener) => void set.add(f),
    removeListener: (f: Listener) => void set.delete(f),
  });
  const api = {
    runtime: {
      id: 'test',
      onMessage: event(onMessage),
      sendMessage: async (message: { type: string }) => {
        sent.push(message);
        if (message.type === 'incontext:load-engine') await engineLoaded;
        return { ok: true };
      },
    },
    storage: {
      local: {
        get: async (key: string | string[]) => {
          const keys = typeof key === 'string' ? [key] : key;
          storageReads.push(keys);
          return Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, stored[k]]));
        },
      },
      onChanged: event(onStorage),
    },
  };
  /** A tab message as the popup sends it, answered through the listener the stage registered. */
  const ask = (message: { type: string }) =>
    new Promise<unknown>((resolve) => {
      for (const f of onMessage)
        (f as (m: unknown, s: unknown, r: (x: unknown) => void) => unknown)(message, {}, resolve);
    });
  const change = (changes: Record<string, { newValue?: unknown }>) => {
    for (const f of onStorage) (f as (c: unknown, a: string) => void)(changes, 'local');
  };
  const types = () => sent.map((m) => m.type);
  return { api: api as unknown as WxtBrowser, storageReads, types, ask, change, onStorage };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 40));

function page(html: string): void {
  const article = document.createElement('article');
  article.innerHTML = html;
  document.body.replaceChildren(article);
}

afterEach(() => {
  pageWorld[GATE_INSTANCE]?.end();
  delete pageWorld[GATE_INSTANCE];
  delete pageWorld[ENGINE_ANSWER];
  document.body.replaceChildren();
});

/**
 * Run twice: as a top document's stage and as a frame's (the page script tells which, lib/page/pageScope.ts). A frame
 * reads with the frame gate, sends no count for the badge and answers the frames' messages only.
 */
describe.each([
  { placement: 'top document', TOP: true },
  { placement: 'same-origin frame', TOP: false },
])('the first stage of a $placement', ({ TOP }) => {
  const COUNT_SENT = TOP ? ['incontext:mention-count'] : [];

  /** The stage started on a page of `html` with these stored values, once its first look is done. */
  async function started(html: string, stored?: Record<string, unknown>, engineLoaded?: Promise<unknown>) {
    page(html);
    const fake = fakeApi(stored, engineLoaded);
    startEngineGate(fake.api, BUILT_IN, !TOP);
    await settle();
    return fake;
  }

  it('leaves a page without an anchor alone without reading storage, and answers as a quiet page', async () => {
    const fake = await started(
      '<h1>Harbour reopens</h1><p>Ferries ran on time on Tuesday, the port authority said.</p>',
    );
    expect(fake.storageReads).toEqual([]);
    expect(fake.types()).toEqual(COUNT_SENT);
    const quiet = { url: location.href, mentions: [] };
    expect(await fake.ask({ type: TOP ? 'incontext:mentions' : 'incontext:frame-mentions' })).toEqual(quiet);
  });

  it('reads the settings once an anchor is found and asks for the engine', async () => {
    const fake = await started('<p>The CIS-MOA was signed in 2005.</p>');
    expect(fake.storageReads).toEqual([[SETTINGS_KEY]]);
    expect(fake.types()).toEqual(['incontext:load-engine']);
  });

  it("once it asked for the engine, answers with the engine's reply, not as a page without mentions", async () => {
    let loaded!: () => void;
    const fake = await started(
      '<p>The CIS-MOA was signed in 2005.</p>',
      {},
      new Promise<void>((resolve) => (loaded = resolve)),
    );
    expect(fake.types()).toEqual(['incontext:load-engine']);
    const request = { type: TOP ? 'incontext:mentions' : 'incontext:frame-mentions' };
    let answered: unknown;
    const reply = fake.ask(request).then((r) => (answered = r));
    await settle();
    expect(answered).toBeUndefined(); // held while the engine is on its way
    const fromEngine = { url: location.href, mentions: [{ entityId: 'cis-moa', name: 'CIS-MOA', text: 'CIS-MOA' }] };
    pageWorld[ENGINE_ANSWER] = async () => fromEngine;
    loaded();
    await reply;
    expect(answered).toEqual(fromEngine);
  });

  it('finds an anchor added after its first look, and only then reads storage', async () => {
    const fake = await started('<p>Ferries ran on time.</p>');
    expect(fake.storageReads).toEqual([]);
    document.body.insertAdjacentHTML('beforeend', '<p>General Asim Munir met officials.</p>');
    await settle();
    expect(fake.storageReads).toHaveLength(1);
    expect(fake.types()).toEqual([...COUNT_SENT, 'incontext:load-engine']);
  });

  it('on a paused site stays quiet with an anchor, and loads the engine once the reader resumes', async () => {
    const paused = { pausedSites: [(window.top ?? window).location.hostname] };
    const fake = await started('<p>The CIS-MOA was signed in 2005.</p>', { [SETTINGS_KEY]: paused });
    expect(fake.types()).not.toContain('incontext:load-engine');
    fake.change({ [SETTINGS_KEY]: { newValue: { pausedSites: [] } } });
    await settle();
    expect(fake.types()).toContain('incontext:load-engine');
  });

  it('with a tier switched off, waits for an anchor of the tiers on, or for the tier to come back', async () => {
    // Bajwa is a related-tier name: found by the built-in gate, not by the anchors of the tiers left on.
    const fake = await started('<p>Qamar Javed Bajwa retired in 2022.</p>', { [SETTINGS_KEY]: { tiers: NO_RELATED } });
    expect(fake.types()).not.toContain('incontext:load-engine');
    // A core name later: the watch for the tiers on finds it.
    document.body.insertAdjacentHTML('beforeend', '<p>It was not the CIS-MOA.</p>');
    await settle();
    expect(fake.types()).toContain('incontext:load-engine');
    expect(fake.storageReads).toHaveLength(1);
  });

  it('loads the engine for an anchor of a switched-off tier once the reader switches the tier back on', async () => {
    const fake = await started('<p>Qamar Javed Bajwa retired in 2022.</p>', { [SETTINGS_KEY]: { tiers: NO_RELATED } });
    expect(fake.types()).not.toContain('incontext:load-engine');
    fake.change({ [SETTINGS_KEY]: { newValue: { tiers: ALL } } });
    await settle();
    // A top document counted nothing for the badge meanwhile: with the tier off, it had nothing to show.
    expect(fake.types()).toEqual([...COUNT_SENT, 'incontext:load-engine']);
  });
});
