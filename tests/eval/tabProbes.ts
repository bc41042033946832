/**
 * What the eval asks the extension, from its own side (Chromium's service worker, or a Firefox extension page):
 * which tab shows a page, whether its scan has settled, and what it marked, frame by frame, plus the badge.
 *
 * How frames are counted: the top frame's `incontext:mentions` reply is the page's main document, open shadow
 * roots included when the engine reads them. Sub-frames are listed with `scripting.executeScript({ allFrames })`
 * (the extension has the `scripting` permission and host access; the injected function only returns
 * `location.href`) and each is sent `incontext:frame-mentions` with its `frameId`, as the popup does. A frame whose content script does not
 * answer contributes nothing; the mentions of one that does are counted as the page's, location `iframe`. The
 * badge text is read as well: if a future version counts frames only in the badge, the report shows the gap.
 *
 * tsx compiles named inner functions with esbuild's `__name` wrapper, which does not exist in a page or the service
 * worker: Chromium gets the probes as source text from `asExpression`, which binds it to an identity function;
 * Firefox's extension page (whose CSP forbids eval) gets a global `__name` once (tests/eval/browsers.ts).
 */
import type { WxtBrowser } from 'wxt/browser';

export interface Mention {
  entityId: string;
  name?: string;
  text: string;
}

export interface FrameReading {
  frameId: number;
  url: string;
  /** Null when no content script answered in that frame. */
  mentions: Mention[] | null;
}

export interface TabReading {
  /** The top frame's mentions (null when its content script did not answer). */
  top: Mention[] | null;
  /** Sub-frames, in the order the browser lists them. */
  frames: FrameReading[];
  badge: string | null;
  /** Why sub-frames could not be listed, if they could not. */
  framesError: string | null;
}

export interface ScanState {
  answered: boolean;
  /** `incontext:stats` fields when the content script knows that message; `stage` says which stage answered. */
  stage: string | null;
  settled: boolean | null;
  batches: number | null;
  slices: number | null;
  mentions: number | null;
}

/** The source of `fn(arg)` as one expression, with esbuild's `__name` helper defined. */
export function asExpression<A>(fn: (arg: A) => unknown, arg: A): string {
  return `((__name) => (${fn.toString()})(${JSON.stringify(arg)}))((f) => f)`;
}

type Api = WxtBrowser;

/** The tab whose top-frame content script says it shows `url`, or null. */
export async function findTabProbe(url: string): Promise<number | null> {
  const api = ((globalThis as unknown as { browser?: Api }).browser ??
    (globalThis as unknown as { chrome: Api }).chrome) as Api;
  for (const tab of await api.tabs.query({})) {
    if (tab.id === undefined) continue;
    const reply = (await api.tabs
      .sendMessage(tab.id, { type: 'incontext:mentions' }, { frameId: 0 })
      .catch(() => undefined)) as { url?: string } | undefined;
    if (reply?.url === url) return tab.id;
  }
  return null;
}

export async function scanStateProbe(tabId: number): Promise<ScanState> {
  const api = ((globalThis as unknown as { browser?: Api }).browser ??
    (globalThis as unknown as { chrome: Api }).chrome) as Api;
  const send = (message: unknown) => api.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => undefined);
  const mentions = (await send({ type: 'incontext:mentions' })) as { mentions?: unknown[] } | undefined;
  const stats = (await send({ type: 'incontext:stats' })) as
    { batches?: number; slices?: number; stage?: string; settled?: boolean } | undefined;
  return {
    answered: Array.isArray(mentions?.mentions),
    stage: typeof stats?.stage === 'string' ? stats.stage : null,
    settled: typeof stats?.settled === 'boolean' ? stats.settled : null,
    batches: typeof stats?.batches === 'number' ? stats.batches : null,
    slices: typeof stats?.slices === 'number' ? stats.slices : null,
    mentions: Array.isArray(mentions?.mentions) ? mentions.mentions.length : null,
  };
}

export async function readTabProbe(tabId: number): Promise<TabReading> {
  const api = ((globalThis as unknown as { browser?: Api }).browser ??
    (globalThis as unknown as { chrome: Api }).chrome) as Api;
  // The top frame answers the public `incontext:mentions`; a sub-frame only `incontext:frame-mentions` (README).
  const ask = async (frameId: number): Promise<Mention[] | null> => {
    const type = frameId === 0 ? 'incontext:mentions' : 'incontext:frame-mentions';
    const reply = (await api.tabs.sendMessage(tabId, { type }, { frameId }).catch(() => undefined)) as
      { mentions?: Mention[] } | undefined;
    return Array.isArray(reply?.mentions)
      ? reply.mentions.map((m) => ({ entityId: m.entityId, name: m.name, text: m.text }))
      : null;
  };
  const top = await ask(0);
  const frames: FrameReading[] = [];
  let framesError: string | null = null;
  try {
    const injected = await api.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => location.href,
    });
    for (const r of injected) {
      if (r.frameId === 0) continue;
      frames.push({ frameId: r.frameId, url: String(r.result), mentions: await ask(r.frameId) });
    }
  } catch (error) {
    framesError = String(error);
  }
  const badge = await api.action.getBadgeText({ tabId }).catch(() => null);
  return { top, frames, badge, framesError };
}
