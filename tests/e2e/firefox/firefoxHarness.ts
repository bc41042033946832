/**
 * Firefox end-to-end harness: Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi, with the
 * unpacked `.output/firefox-mv3` build installed as a temporary add-on.
 *
 * - The extension's moz-extension UUID is chosen here and handed to Firefox through the
 *   `extensions.webextensions.uuids` pref, so extension pages have a known address.
 * - Firefox is kept off the network twice over: prefs switch off its own services (updates, telemetry,
 *   safe browsing, remote settings, captive portal, …), and every connection not to 127.0.0.1 goes to a
 *   local "proxy" that records it and refuses it. `browserRequests` lists what reached that proxy, from
 *   any part of Firefox (pages, content scripts, the extension's background, Firefox itself).
 * - Every page opened through the harness records its requests (`page.on('request')`) in `requests`,
 *   and its errors in `pageErrors`.
 *
 * Build first: `npx wxt build -b firefox --mv3`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import puppeteer, { TimeoutError, type Browser, type Page } from 'puppeteer-core';
import type { WxtBrowser } from 'wxt/browser';
import { firefoxBin, firefoxBuildDir, repoRoot } from '../../support/paths';
import { startStaticServer, type StaticServer } from '../../support/staticServer';

/** The extension API as seen inside extension pages (evaluated code runs there, not in Node). */
declare const browser: WxtBrowser;

export const EXTENSION_ID = 'incontext@incontext.example';

/** Where a request may go: the static server on 127.0.0.1, the extension itself, or nowhere at all. */
export const LOCAL = /^(http:\/\/127\.0\.0\.1[:/]|moz-extension:|data:|blob:|about:)/;

export interface RecordedRequest {
  /** The page (by the URL it was opened at) that made the request. */
  page: string;
  url: string;
}

export interface FirefoxHarness {
  browser: Browser;
  server: StaticServer;
  /** The extension's moz-extension UUID (its host). */
  uuid: string;
  /** `moz-extension://<uuid>`. */
  extensionOrigin: string;
  /** Every request made by pages opened through the harness. */
  requests: RecordedRequest[];
  /** Requests that reached the refusing proxy: anything in Firefox that tried to leave 127.0.0.1. */
  browserRequests: string[];
  /** `pageerror` and `console.error` of pages opened through the harness (extension pages included). */
  pageErrors: string[];
  /** Opens `url` in a new tab and waits for its load event. */
  openPage(url: string): Promise<Page>;
  /** Opens an extension page (e.g. `/popup.html`) in a new tab and waits until its document is complete. */
  openExtensionPage(path: string, readySelector?: string): Promise<Page>;
  /** Sends a runtime message to the content script of the tab showing `url`, from an extension page. */
  sendToTab(url: string, message: unknown): Promise<unknown>;
  /** Evaluates `fn(arg)` in an extension page (same origin as the background: extension APIs, its IndexedDB). */
  inExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

/**
 * Prefs that keep Firefox's own services quiet, on top of puppeteer's defaults (which already disable
 * updates, safe browsing lists, Normandy and point remote settings at a dummy host).
 */
function quietPrefs(proxyPort: number): Record<string, unknown> {
  return {
    // Everything not local goes to the refusing proxy; 127.0.0.1/localhost stay direct.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.socks_remote_dns': true,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.dns.disablePrefetchFromHTTPS': true,
    'network.predictor.enabled': false,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.places.speculativeConnect.enabled': false,
    'browser.urlbar.speculativeConnect.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    'captivedetect.canonicalURL': '',
    // Updates, add-on metadata, blocklists, system add-ons.
    'app.update.auto': false,
    'app.update.enabled': false,
    'app.update.staging.enabled': false,
    'app.update.url': '',
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': '',
    'extensions.getAddons.showPane': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'extensions.recommendations.themeRecommendationUrl': '',
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.OCSP.enabled': 0,
    // Release builds ignore a custom remote-settings server unless they run "as tests"
    // (MOZ_DISABLE_NONLOCAL_CONNECTIONS, set in launchFirefox); this dummy URL then skips all syncing.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'services.settings.poll_interval': 86400 * 365,
    // Telemetry and studies.
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'toolkit.telemetry.shutdownPingSender.enabled': false,
    'toolkit.telemetry.firstShutdownPing.enabled': false,
    'toolkit.telemetry.newProfilePing.enabled': false,
    'toolkit.telemetry.updatePing.enabled': false,
    'toolkit.telemetry.bhrPing.enabled': false,
    'toolkit.coverage.endpoint.base': '',
    'app.shield.optoutstudies.enabled': false,
    'app.normandy.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.discovery.enabled': false,
    'datareporting.usage.uploadEnabled': false,
    // Safe browsing, search, region, geolocation, push, accounts, ML, translations, new tab.
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google4.gethashURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.google.gethashURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.mozilla.gethashURL': '',
    'browser.search.geoSpecificDefaults': false,
    'browser.search.suggest.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'geo.provider.network.url': '',
    'geo.enabled': false,
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'identity.fxaccounts.enabled': false,
    'browser.ml.enable': false,
    'browser.ml.chat.enabled': false,
    'browser.translations.enable': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.showSponsored': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.topsites.contile.enabled': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.contentblocking.report.lockwise.enabled': false,
    'browser.contentblocking.report.monitor.enabled': false,
    'privacy.query_stripping.enabled': false,
    'browser.vpn_promo.enabled': false,
    'browser.aboutwelcome.enabled': false,
    // No /favicon.ico fetched by Firefox itself: under a page's `default-src 'none'` it is logged as a CSP error of the page.
    'browser.chrome.site_icons': false,
  };
}

/** An HTTP proxy that records every request sent to it and refuses them all (CONNECT included). */
async function startRefusingProxy(log: string[]): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    log.push(req.url ?? '?');
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('blocked by the InContext test harness');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, socket) => {
    log.push(`CONNECT ${req.url ?? '?'}`);
    socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

/**
 * Headless Firefox on a machine with no mouse says `(pointer: none)` and `(hover: none)`, and the card would then be
 * a bottom sheet (lib/card/CardPopover.tsx). The scenarios play a desktop reader with a mouse, as Chromium's headless
 * mode reports; where they tap (tests/e2e/scenarios/touch.ts), the touch is emulated on top. 6 = fine pointer (2) +
 * hover (4).
 */
const DESKTOP_POINTER_PREFS = { 'ui.primaryPointerCapabilities': 6, 'ui.allPointerCapabilities': 6 };

/** Launches headless Firefox ESR over BiDi with the quiet prefs, sending every non-local connection to `proxyPort`. */
async function launchQuietFirefox(proxyPort: number, extraPrefs: Record<string, unknown> = {}): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxBin,
    headless: true,
    protocol: 'webDriverBiDi',
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 900 },
    // Firefox refuses non-local connections (the refusing proxy on 127.0.0.1 still sees them), and with
    // it honours the dummy remote-settings server in quietPrefs instead of firefox.settings.services.mozilla.com.
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
    extraPrefsFirefox: { ...quietPrefs(proxyPort), ...DESKTOP_POINTER_PREFS, ...extraPrefs },
  });
}

export interface PlainFirefox {
  /** A second Firefox, configured like the harness's (same prefs, env, refusing proxy) but without the extension. */
  browser: Browser;
  /** Requests that reached its own refusing proxy. */
  browserRequests: string[];
  close(): Promise<void>;
}

/** Firefox without the extension, e.g. to compare a page with and without it. Pages are opened on `browser`. */
export async function launchPlainFirefox(): Promise<PlainFirefox> {
  const browserRequests: string[] = [];
  const proxy = await startRefusingProxy(browserRequests);
  let ffx: Browser;
  try {
    ffx = await launchQuietFirefox(proxy.port);
  } catch (error) {
    await proxy.close();
    throw error;
  }
  return {
    browser: ffx,
    browserRequests,
    close: async () => {
      await ffx.close().catch(() => undefined);
      await proxy.close();
    },
  };
}

export async function launchFirefox(): Promise<FirefoxHarness> {
  if (!existsSync(join(firefoxBuildDir, 'manifest.json'))) {
    throw new Error(`${firefoxBuildDir} is missing: run \`npx wxt build -b firefox --mv3\` first.`);
  }
  const uuid = randomUUID();
  const extensionOrigin = `moz-extension://${uuid}`;
  const browserRequests: string[] = [];
  const requests: RecordedRequest[] = [];
  const pageErrors: string[] = [];

  const proxy = await startRefusingProxy(browserRequests);
  const server = await startStaticServer();
  let ffx: Browser;
  try {
    ffx = await launchQuietFirefox(proxy.port, {
      // The UUID the extension will get when installed: its pages live at moz-extension://<uuid>/.
      'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_ID]: uuid }),
    });
  } catch (error) {
    await Promise.all([proxy.close(), server.close()]);
    throw error;
  }

  const cleanup = async () => {
    await ffx.close().catch(() => undefined);
    await Promise.all([proxy.close(), server.close()]);
  };

  try {
    const installed = await ffx.installExtension(firefoxBuildDir);
    if (installed !== EXTENSION_ID) throw new Error(`installed add-on id ${installed}, expected ${EXTENSION_ID}`);
  } catch (error) {
    await cleanup();
    throw error;
  }

  const watch = (page: Page, label: string) => {
    page.on('request', (request) => requests.push({ page: label, url: request.url() }));
    page.on('pageerror', (error) =>
      pageErrors.push(`${label}: pageerror: ${error instanceof Error ? error.message : String(error)}`),
    );
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(`${label}: console.error: ${msg.text()}`);
    });
  };

  const openPage = async (url: string) => {
    const page = await ffx.newPage();
    watch(page, url);
    await page.goto(url, { waitUntil: 'load' });
    return page;
  };

  const openExtensionPage = async (path: string, readySelector?: string) => {
    const url = extensionOrigin + (path.startsWith('/') ? path : `/${path}`);
    const page = await ffx.newPage();
    watch(page, url);
    // page.goto to moz-extension:// never resolves over BiDi: start it, then watch the page itself.
    void page.goto(url).catch(() => undefined);
    // The tab swaps about:blank's realm for the extension's mid-wait; on a loaded machine the poll can land
    // in between and fail with a generic "Waiting failed" (the BiDi error is its cause). Only the deadline counts.
    const deadline = Date.now() + 30_000;
    const failures: string[] = [];
    for (;;) {
      try {
        await page.waitForFunction(
          (origin: string, selector: string | null) =>
            location.origin === origin &&
            document.readyState === 'complete' &&
            (!selector || !!document.querySelector(selector)),
          { timeout: Math.max(deadline - Date.now(), 1), polling: 100 },
          extensionOrigin,
          readySelector ?? null,
        );
        return page;
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
        failures.push(`${error instanceof Error ? error.message : String(error)}${cause}`);
        if (page.isClosed() || Date.now() >= deadline || error instanceof TimeoutError) {
          throw new Error(`${url} did not load (the tab shows ${page.url()}): ${failures.join('; ')}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  // One extension page kept open for messages and IndexedDB work. It is opened first, so every test page
  // opened later is the selected, visible tab (Firefox gives background tabs almost no animation frames).
  const toolPage = openExtensionPage('/options.html');
  const tool = () => toolPage;

  const inExtension = async <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => {
    const page = await tool();
    return (await page.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) as R;
  };

  const sendToTab = (url: string, message: unknown) =>
    inExtension(
      async ({ url, message }) => {
        // Without the `tabs` permission tab URLs are hidden, so ask each tab's content script where it is.
        for (const tab of await browser.tabs.query({})) {
          if (tab.id === undefined) continue;
          const where = (await browser.tabs
            .sendMessage(tab.id, { type: 'incontext:mentions' })
            .catch(() => undefined)) as { url?: string } | undefined;
          if (where?.url === url) return browser.tabs.sendMessage(tab.id, message);
        }
        throw new Error(`no content script answers for ${url}`);
      },
      { url, message },
    );

  try {
    await toolPage;
  } catch (error) {
    await cleanup();
    throw error;
  }

  return {
    browser: ffx,
    server,
    uuid,
    extensionOrigin,
    requests,
    browserRequests,
    pageErrors,
    openPage,
    openExtensionPage,
    sendToTab,
    inExtension,
    close: cleanup,
  };
}

/** Polls `probe` until `accept` holds or `timeoutMs` passes; returns the last value (the assertion that follows shows it). */
export async function poll<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

/**
 * Makes `page` the selected tab and waits until its document is visible. Firefox gives a background
 * tab (`hidden`) almost no animation frames, and hover tracking samples the pointer once per frame.
 */
export async function showPage(page: Page): Promise<void> {
  await page.bringToFront();
  const state = await poll(
    () => page.evaluate(() => document.visibilityState),
    (v) => v === 'visible',
  );
  if (state !== 'visible') throw new Error(`${page.url()} stayed ${state} after bringToFront`);
}

/** The id of the tab showing `url`, found (as `sendToTab` does) by asking each tab's content script where it is. */
export function tabIdFor(ff: FirefoxHarness, url: string): Promise<number> {
  return ff.inExtension(async (url) => {
    for (const tab of await browser.tabs.query({})) {
      if (tab.id === undefined) continue;
      const where = (await browser.tabs.sendMessage(tab.id, { type: 'incontext:mentions' }).catch(() => undefined)) as
        { url?: string } | undefined;
      if (where?.url === url) return tab.id;
    }
    throw new Error(`no content script answers for ${url}`);
  }, url);
}

/** Sends a runtime message to the content script of tab `tabId`, from an extension page. */
export function sendToTabId(ff: FirefoxHarness, tabId: number, message: unknown): Promise<unknown> {
  return ff.inExtension(({ tabId, message }) => browser.tabs.sendMessage(tabId, message), { tabId, message });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

export interface AxeRun {
  violations: AxeViolation[];
  /** How many element checks passed: non-zero shows axe really saw the content (e.g. inside a shadow root). */
  passedNodes: number;
}

/**
 * Runs axe-core (node_modules/axe-core/axe.min.js) in `page`. The source is evaluated over BiDi rather
 * than added as a <script>: extension pages' CSP forbids inline scripts. `include` limits the run to
 * those selectors (a shadow host includes its shadow tree).
 */
export async function runAxe(page: Page, include?: string[]): Promise<AxeRun> {
  axeSource ??= readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(`${axeSource};\nvoid 0`);
  return page.evaluate(async (include: string[] | null) => {
    type Result = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: Result[]; passes: Result[] }> };
      }
    ).axe;
    const context = include ? { include: include.map((s) => [s]) } : document;
    const results = await axe.run(context, { resultTypes: ['violations', 'passes'] });
    return {
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      })),
      passedNodes: results.passes.reduce((sum, p) => sum + p.nodes.length, 0),
    };
  }, include ?? null);
}

/** The serious and critical ones, as "id: help (targets)". */
export function seriousOrCritical(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${v.targets.join(' ')}`);
}

/** Firefox's own override of `prefers-color-scheme` for web content: 0 dark, 1 light (cleared: follow the system). */
const COLOR_SCHEME_PREF = 'layout.css.prefers-color-scheme.content-override';

/**
 * Makes every page of this Firefox see `prefers-color-scheme: <scheme>`, or (null) follow the system again. BiDi's
 * media emulation is not implemented in Firefox, so the pref is set from the browser window's own (chrome) realm,
 * which `--remote-allow-system-access` opens to BiDi.
 */
export async function setColorScheme(browser: Browser, scheme: 'light' | 'dark' | null): Promise<void> {
  const connection = (
    browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }
  ).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result as {
    contexts: { context: string }[];
  };
  const context = tree.contexts[0]?.context;
  if (!context) throw new Error('no chrome window to set the colour scheme from');
  const expression =
    scheme === null
      ? `Services.prefs.clearUserPref('${COLOR_SCHEME_PREF}')`
      : `Services.prefs.setIntPref('${COLOR_SCHEME_PREF}', ${scheme === 'dark' ? 0 : 1})`;
  const reply = (await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: false }))
    .result as { type: string; exceptionDetails?: { text?: string } };
  if (reply.type !== 'success') throw new Error(`setting the colour scheme failed: ${reply.exceptionDetails?.text}`);
}
