/**
 * What a scenario needs of a browser, so it is written once and run in both: Playwright drives Chromium
 * (tests/e2e/chromium/scenarios.spec.ts), puppeteer-core over WebDriver BiDi drives Firefox
 * (tests/e2e/firefox/scenarios.test.ts). Pointer and keyboard input go through the protocol, so the page sees
 * trusted events, as from a reader; `evaluate` runs in the page's own world, as page script would.
 *
 * Whatever one browser needs and the other does not (Firefox's tab selection for animation frames, its integer
 * pointer coordinates, how moz-extension pages are loaded, Chromium's screenshots) is the driver's business: a
 * scenario says what the reader does and what must hold.
 */
import type { WxtBrowser } from 'wxt/browser';

export interface ScenarioPage {
  /** The address the page was opened at. */
  url: string;
  /** Runs `fn(arg)` in the page's main world (as page script; in an extension page, with its extension APIs). */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Runs `fn(root, arg)` on the open card's closed shadow root through the automation protocol; null when no card. */
  inCard<A, R>(fn: (root: ShadowRoot, arg: A) => R, arg: A): Promise<R | null>;
  /** Runs `fn(arg)` in the main world of the document shown by the iframe `frameSelector` (an id selector) of this page. */
  inFrame<A, R>(frameSelector: string, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Like `inCard`, for the card opened inside the document shown by the iframe `frameSelector` (an id selector). */
  inFrameCard<A, R>(frameSelector: string, fn: (root: ShadowRoot, arg: A) => R, arg: A): Promise<R | null>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  mouseClick(x: number, y: number): Promise<void>;
  /**
   * A finger's tap (trusted touch events, then the pointer events and click the browser makes of them), with touch
   * input emulated from then on for this page. Chromium: DevTools protocol touch events; Firefox: a WebDriver
   * pointer of type "touch".
   */
  tap(x: number, y: number): Promise<void>;
  /** A mouse-wheel turn at the pointer's position (a trusted wheel event). */
  wheel(dx: number, dy: number): Promise<void>;
  /** Presses one key (a KeyboardEvent `key` name such as 'Escape' or 'ArrowDown') on whatever has focus. */
  press(key: string): Promise<void>;
  /** Types `text` key by key into whatever has focus. */
  type(text: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /**
   * Emulates `prefers-color-scheme` (null: as the system says). Chromium emulates it for this page; Firefox can only
   * set it for the whole browser, until the scenario ends.
   */
  colorScheme(scheme: 'light' | 'dark' | null): Promise<void>;
  /** Makes this the selected, visible tab, as when the reader switches to it. */
  front(): Promise<void>;
  /** The id of the tab showing the page (found once, through its content script; it stays across SPA navigations). */
  tabId(): Promise<number>;
  /** Sends a runtime message to the tab's content script, as the background does (`tabs.sendMessage`). */
  send(message: unknown): Promise<unknown>;
  /** The content script's answer to `incontext:mentions`. */
  mentions(): Promise<{ entityId: string; name: string; text: string }[]>;
  /**
   * Runs axe-core on the page (or only on `include`, selectors whose shadow trees are included): the serious and
   * critical violations as "id: help", and how many element checks passed (non-zero: axe really saw the content).
   */
  axe(include?: string[]): Promise<{ serious: string[]; passedNodes: number }>;
  /** Writes tests/screenshots/<name> for the README. Chromium only; Firefox runs take none. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The test runner's `expect` (Playwright's or Vitest's): scenarios use only the matchers both share
 * (toBe, toEqual, toMatchObject, toMatch, toContain, toHaveLength, toBeNull, toBeTruthy, the numeric
 * comparisons, not) and `expect(value, message)`.
 */
export type Expect = typeof import('vitest').expect;

export interface ScenarioDriver {
  expect: Expect;
  browserName: 'chromium' | 'firefox';
  /** `browser.runtime.id` as the extension sees it. */
  extensionId: string;
  /** Opens a fixture (path under tests/fixtures) in a new, visible tab and waits for its load event. */
  open(path: string): Promise<ScenarioPage>;
  /** The same fixture's address, as the page and its content script see it. */
  urlOf(path: string): string;
  /** Opens an extension page (e.g. '/popup.html?tab=3') in a visible tab, loaded and, if given, showing `readySelector`. */
  openExtension(path: string, readySelector?: string): Promise<ScenarioPage>;
  /** Runs `fn(api, arg)` in the extension's origin (its background or an extension page): `api` is its `browser`. */
  inExtension<A, R>(fn: (api: WxtBrowser, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** How many tabs are open in the browser (extension pages included). */
  tabCount(): Promise<number>;
  /**
   * Opens a tab the extension may not read (a browser page) without selecting it; returns its id. Chromium opens
   * chrome://version; Firefox's tabs.create refuses privileged pages ("Illegal URL: about:robots") and allows about:blank.
   */
  openUnscannableTab(): Promise<number>;
  /** Opens `path` in the same browser without the extension (its own instance) and returns `fn()` run there. */
  withoutExtension<R>(path: string, fn: () => R): Promise<R>;
}

export interface Scenario {
  name: string;
  run(driver: ScenarioDriver): Promise<void>;
}

/**
 * Wraps `fn(api, arg)` as a plain `(arg) => …` that can be sent to an extension context, where it finds the API as
 * `browser` (Firefox) or `chrome` (Chromium's service worker, which has no `browser`).
 */
export function withExtensionApi<A, R>(fn: (api: WxtBrowser, arg: A) => R | Promise<R>): (arg: A) => Promise<R> {
  return new Function('arg', `return (${fn.toString()})(globalThis.browser ?? globalThis.chrome, arg);`) as (
    arg: A,
  ) => Promise<R>;
}

/** Polls `probe` until `accept` holds or `timeoutMs` passes; returns the last value (the assertion that follows shows it). */
export async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
