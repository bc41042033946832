/**
 * What a scenario needs of a browser, so it is written once and run in both: Playwright drives Chromium
 * (tests/e2e/chromium/scenarios.spec.ts), puppeteer-core over WebDriver BiDi drives Firefox
 * (tests/e2e/firefox/scenarios.test.ts). Pointer and keyboard input go through the protocol, so the page sees
 * trusted events, as from a reader; `evaluate` runs in the page's own world, as page script would.
 */
export interface ScenarioPage {
  url: string;
  /** Runs `fn(arg)` in the page's main world (as page script). */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<R>;
  /** Runs `fn(root, arg)` on the open card's closed shadow root through the automation protocol; null when no card. */
  inCard<A, R>(fn: (root: ShadowRoot, arg: A) => R, arg: A): Promise<R | null>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  mouseClick(x: number, y: number): Promise<void>;
  press(key: string): Promise<void>;
  /** The content script's answer to `incontext:mentions`. */
  mentions(): Promise<{ entityId: string; text: string }[]>;
  close(): Promise<void>;
}

/**
 * The test runner's `expect` (Playwright's or Vitest's): scenarios use only the matchers both share
 * (toBe, toEqual, toMatchObject, toContain, toBeNull, toBeGreaterThanOrEqual, not).
 */
export type Expect = typeof import('vitest').expect;

export interface ScenarioDriver {
  expect: Expect;
  browserName: 'chromium' | 'firefox';
  /** `browser.runtime.id` as the extension sees it. */
  extensionId: string;
  /** Opens a fixture (path under tests/fixtures) in a new, visible tab and waits for its load event. */
  open(path: string): Promise<ScenarioPage>;
  /** How many tabs are open in the browser (extension pages included). */
  tabCount(): Promise<number>;
}

/** Polls `probe` until `accept` holds or `timeoutMs` passes; returns the last value (the assertion that follows shows it). */
export async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
