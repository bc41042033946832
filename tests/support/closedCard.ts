/**
 * The card lives in a closed shadow root (lib/card/cardShadowHost.ts): page script, and so `page.evaluate`, cannot
 * reach it. The tests reach it the way developer tools do, through the browser's automation protocol: Chromium's
 * DevTools protocol (DOM.getDocument with `pierce`) and Firefox's WebDriver BiDi (`includeShadowTree: 'all'`).
 * Both hand the root to a function that runs in the page; its result comes back as JSON.
 */
import type { CDPSession, Page as PlaywrightPage } from '@playwright/test';
import type { Frame as PuppeteerFrame, Page as PuppeteerPage } from 'puppeteer-core';

/*
 * The host is found as the child of <html> that carries a shadow root, whatever its name: the name is partly random,
 * and the same probes then also find an older build's card (to show a test fails on it).
 */

/** Runs `fn(root, arg)` on the open card's shadow root in a Playwright (Chromium) page; null when no card host. */
export async function inCardChromium<A, R>(
  page: PlaywrightPage,
  fn: (root: ShadowRoot, arg: A) => R,
  arg?: A,
): Promise<R | null> {
  const cdp = await cdpFor(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 3, pierce: true });
  const html = root.children?.find((n) => n.localName === 'html');
  const host = html?.children?.find(
    (n) => n.localName !== 'head' && n.localName !== 'body' && (n.shadowRoots?.length ?? 0) > 0,
  );
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return null;
  return callOnShadowChromium(cdp, shadow.backendNodeId, fn, arg);
}

/**
 * Like inCardChromium, for the card of the document shown by the iframe `frameSelector` (an id selector, '#name')
 * in the top document: the whole tree is fetched, frames' documents included, and the iframe found in it.
 */
export async function inFrameCardChromium<A, R>(
  page: PlaywrightPage,
  frameSelector: string,
  fn: (root: ShadowRoot, arg: A) => R,
  arg?: A,
): Promise<R | null> {
  const cdp = await cdpFor(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  type Node = typeof root;
  const find = (node: Node, test: (n: Node) => boolean): Node | undefined => {
    if (test(node)) return node;
    for (const child of [...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
      const hit = find(child, test);
      if (hit) return hit;
    }
    return undefined;
  };
  const id = frameSelector.slice(1);
  const iframe = find(
    root,
    (n) => n.localName === 'iframe' && (n.attributes ?? []).join('\u0000').includes(`id\u0000${id}`),
  );
  const html = iframe?.contentDocument?.children?.find((n) => n.localName === 'html');
  const host = html?.children?.find(
    (n) => n.localName !== 'head' && n.localName !== 'body' && (n.shadowRoots?.length ?? 0) > 0,
  );
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return null;
  return callOnShadowChromium(cdp, shadow.backendNodeId, fn, arg);
}

async function callOnShadowChromium<A, R>(
  cdp: CDPSession,
  backendNodeId: number,
  fn: (root: ShadowRoot, arg: A) => R,
  arg?: A,
): Promise<R | null> {
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
  const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: `function (json) { return JSON.stringify((${fn.toString()})(this, json === undefined ? undefined : JSON.parse(json)) ?? null); }`,
    arguments: [{ value: arg === undefined ? undefined : JSON.stringify(arg) }],
    returnByValue: true,
  });
  if (exceptionDetails)
    throw new Error(`in the card: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return JSON.parse(result.value as string) as R | null;
}

const sessions = new WeakMap<PlaywrightPage, Promise<CDPSession>>();
function cdpFor(page: PlaywrightPage): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

interface BidiConnection {
  send(
    method: string,
    params: unknown,
  ): Promise<{ result: { type: string; result?: BidiValue; exceptionDetails?: { text: string } } }>;
}
interface BidiValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}

/** Runs `fn(root, arg)` on the open card's shadow root in a puppeteer (Firefox, WebDriver BiDi) page; null when no card host. */
export async function inCardFirefox<A, R>(
  page: PuppeteerPage,
  fn: (root: ShadowRoot, arg: A) => R,
  arg?: A,
): Promise<R | null> {
  return inFrameCardFirefox(page, page.mainFrame(), fn, arg);
}

/** Like inCardFirefox, in one frame of the page (`page.mainFrame()` or an iframe's): each is a browsing context of its own. */
export async function inFrameCardFirefox<A, R>(
  page: PuppeteerPage,
  frame: PuppeteerFrame,
  fn: (root: ShadowRoot, arg: A) => R,
  arg?: A,
): Promise<R | null> {
  // puppeteer has no public API for this; its BiDi connection and the frame's browsing-context id are what it uses inside.
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const context = (frame as unknown as { _id: string })._id;
  const found = await connection.send('script.callFunction', {
    functionDeclaration: `() => [...document.documentElement.children].filter((e) => e.localName !== 'head' && e.localName !== 'body')`,
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const hosts = (found.result.result?.value ?? []) as (BidiValue & { value?: { shadowRoot?: BidiValue | null } })[];
  const shadowId = hosts.find((h) => h.value?.shadowRoot?.sharedId)?.value?.shadowRoot?.sharedId;
  if (!shadowId) return null;
  const ran = await connection.send('script.callFunction', {
    functionDeclaration: `function (root, json) { return JSON.stringify((${fn.toString()})(root, json === 'undefined' ? undefined : JSON.parse(json)) ?? null); }`,
    target: { context },
    arguments: [
      { sharedId: shadowId },
      { type: 'string', value: arg === undefined ? 'undefined' : JSON.stringify(arg) },
    ],
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (ran.result.type === 'exception') throw new Error(`in the card: ${ran.result.exceptionDetails?.text}`);
  return JSON.parse(ran.result.result!.value as string) as R | null;
}
