/**
 * The saved real pages (../shared/pages: news, blogs, Wikipedia, RTL and CJK pages, none about CIS-MOA or IMET),
 * each loaded once with the extension and at least twice in a plain Chromium without it:
 *
 * 1. the page's text (`document.body.innerText`) and its number of DOM nodes are the same as without the
 *    extension (pages whose text changes from one plain load to the next are not compared, with the reason);
 * 2. no page error, console error or request outside 127.0.0.1 that the plain loads don't have too;
 * 3. the mentions contract (`incontext:mentions`) lists as many mentions as there are painted ranges;
 * 4. every mention is justified: its text is a specific alias of its entity (several words, an acronym, or a
 *    surname after the full name on the same page), never a bare common word, never a false friend, and no
 *    context-tier entity is marked on a page without a core or related mention.
 *
 * Every page's mentions go to artifacts/real-pages-report.md. Run with
 * `playwright test -c tests/playwright.shared.config.ts` after `npx wxt build`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { artifactsDir, chromiumBin, repoRoot, requireShared } from '../../support/paths';
import { countPaintedRanges } from '../../support/pageProbes';
import { expect, test as base } from '../chromium/fixtures';
import { QUIET_CHROMIUM_FLAGS } from '../../support/chromiumFlags';

// ---------------------------------------------------------------------------------------------------------------
// The pages and the dossier

const pagesDir = requireShared('pages');
const pageFiles = readdirSync(pagesDir)
  .filter((f) => f.endsWith('.html'))
  .sort();

type Tier = 'core' | 'related' | 'context';
interface Alias {
  text: string;
  match: 'acronym' | 'name';
  afterFullName?: boolean;
}
interface DossierEntity {
  id: string;
  name: string;
  tier: Tier;
  aliases: Alias[];
  falseFriends?: string[];
}
const entities: DossierEntity[] = (
  JSON.parse(readFileSync(resolve(repoRoot, 'data/dossier.json'), 'utf8')) as { entities: DossierEntity[] }
).entities;
const entityById = new Map(entities.map((e) => [e.id, e]));

/**
 * Everyday English words, among them every word that occurs inside an alias: none of them may be a mention on
 * its own, even capitalised. (Any mention written without a capital letter is common words too, see below.)
 */
const COMMON_WORDS = new Set(
  [
    'a',
    'an',
    'and',
    'the',
    'of',
    'in',
    'on',
    'at',
    'to',
    'for',
    'by',
    'with',
    'us',
    'u.s',
    'united',
    'states',
    'state',
    'department',
    'defense',
    'defence',
    'command',
    'central',
    'army',
    'naval',
    'war',
    'college',
    'cabinet',
    'federal',
    'foreign',
    'ministry',
    'office',
    'affairs',
    'government',
    'guards',
    'guard',
    'corps',
    'revolutionary',
    'islamic',
    'general',
    'gen',
    'secretary',
    'president',
    'express',
    'tribune',
    'lite',
    'mint',
    'news',
    'international',
    'asian',
    'joint',
    'staff',
    'headquarters',
    'communication',
    'interoperability',
    'security',
    'memorandum',
    'agreement',
    'military',
    'education',
    'training',
    'program',
    'programme',
    'pact',
    'deal',
    'treaty',
    'minister',
    'chief',
    'officer',
    'force',
    'forces',
    'service',
    'services',
    'press',
    'times',
    'post',
    'daily',
    'world',
    'national',
    'public',
    'report',
    'agency',
    'council',
    'committee',
    'senate',
    'house',
    'court',
    'party',
    'union',
    'bank',
    'group',
    'company',
    'school',
    'university',
    'institute',
  ].map((w) => w.toLowerCase()),
);

/** Alias text as the matcher compares it: whitespace runs and hyphens are one separator, apostrophes one kind. */
function canonical(text: string): string {
  return text
    .replace(/[\s\u002d\u2010-\u2013]+/g, ' ')
    .replace(/[\u2019\u02bc]/g, "'")
    .trim();
}

function aliasOf(entity: DossierEntity, text: string): Alias | undefined {
  const t = canonical(text);
  return entity.aliases.find((a) =>
    a.match === 'acronym' ? canonical(a.text) === t : canonical(a.text).toLowerCase() === t.toLowerCase(),
  );
}

/**
 * Why a mention's text is common words rather than a name, or null. Every alias is capitalised (a name) or an
 * acronym, so text with no capital letter at all ("trump", "state department") is the everyday word or phrase.
 */
function commonWords(text: string): string | null {
  const t = canonical(text);
  if (t === t.toLowerCase()) return 'common word(s) in lower case, not a name';
  if (!t.includes(' ') && COMMON_WORDS.has(t.toLowerCase().replace(/\.$/, ''))) return 'bare common word';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// What a page run produces

interface Mention {
  entityId: string;
  name: string;
  text: string;
}
interface JudgedMention extends Mention {
  tier: Tier | 'unknown';
  /** Why the mention is acceptable, or what is wrong with it. */
  why: string;
  ok: boolean;
}
interface Fingerprint {
  text: string | null;
  nodes: number;
}
interface PlainRun {
  fingerprint: Fingerprint;
  errors: string[];
  settledAtMs: number;
}
interface PageResult {
  page: string;
  ms: number;
  mentions: JudgedMention[];
  painted: number;
  scan: { stage: Stats['stage']; batches: number; slices: number; busyMs: number; longestSliceMs: number };
  /** Null when the text and node count were compared; otherwise why not. */
  comparisonSkipped: string | null;
  /** How the comparison was made, when not on the raw text. */
  comparisonNote: string | null;
  /** Errors the page logs with or without the extension (blocked remote resources and the like). */
  pageOwnErrors: number;
  /** When each fingerprint was taken, in ms after the load event. */
  settledAtMs: { extension: number; plain: number[] };
  problems: string[];
}

/** Results of this run, one JSON file per page (the workers are separate processes). */
const runDir = join(tmpdir(), `incontext-real-pages-${process.env.INCONTEXT_REAL_PAGES_RUN ?? 'local'}`);

// ---------------------------------------------------------------------------------------------------------------
// Functions evaluated in the pages

/** The page's visible text and its number of DOM nodes (elements, text, comments) under <html>. */
function domFingerprint(): Fingerprint {
  let nodes = 0;
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  return { text: document.body ? document.body.innerText : null, nodes };
}

/** Resolves once the DOM has had no child-list or text change for `quietMs` (at most `maxMs`). */
function domQuiet(args: { quietMs: number; maxMs: number }): Promise<void> {
  return new Promise((resolve) => {
    let timer = 0;
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(cap);
      resolve();
    };
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = window.setTimeout(done, args.quietMs);
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
    timer = window.setTimeout(done, args.quietMs);
    const cap = window.setTimeout(done, args.maxMs);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers run from Node

const LOCAL = /^(http:\/\/127\.0\.0\.1[:/]|chrome-extension:|data:|blob:|about:)/;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Console messages can arrive a little after the DOM settles (e.g. the web app manifest's fetch). */
const LATE_MESSAGES_MS = 250;
/** Remote URLs built by inline scripts carry timestamps and random numbers: compare them without those. */
const urlShape = (url: string) => url.split(/[?#]/)[0]!.replace(/\d{5,}/g, '#');

/** Loads a page, tolerating a `load` event that never comes (a resource that neither loads nor fails). */
async function open(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
  } catch (error) {
    if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
    await page.waitForLoadState('domcontentloaded', { timeout: 5_000 });
  }
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(domQuiet, { quietMs: 300, maxMs: 3_000 }).catch(() => undefined);
}

function collectErrors(page: Page, into: string[]): void {
  page.on('pageerror', (error) => into.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') into.push(`console.error: ${msg.text()}`);
  });
}

/** The baseline browser: the same Chromium and profile kind as the extension's, without the extension. */
interface PlainBrowser {
  context: BrowserContext;
  /** Every request it blocked (all outside 127.0.0.1). */
  foreign: string[];
}

/**
 * One load in the plain browser (a tab of its own, the same viewport, remote requests blocked the same way), its
 * fingerprint taken once the DOM is quiet and no earlier than `notBeforeMs` after the load; its errors are
 * collected until `keepOpenUntil` settles.
 */
async function plainLoad(
  plain: PlainBrowser,
  url: string,
  notBeforeMs: number,
  keepOpenUntil?: Promise<unknown>,
): Promise<PlainRun> {
  const page = await plain.context.newPage();
  const errors: string[] = [];
  try {
    collectErrors(page, errors);
    await open(page, url);
    const loaded = Date.now();
    await settle(page);
    const wait = notBeforeMs - (Date.now() - loaded);
    if (wait > 0) await sleep(wait);
    const fingerprint = await page.evaluate(domFingerprint);
    const settledAtMs = Date.now() - loaded;
    // Open at least as long as the extension's tab, so errors on a timer have the same chance in both.
    await keepOpenUntil?.catch(() => undefined);
    await sleep(LATE_MESSAGES_MS);
    return { fingerprint, errors, settledAtMs };
  } finally {
    await page.close();
  }
}

/** Where two texts first differ, with a little context, for messages. */
function firstDifference(a: string | null, b: string | null): string {
  if (a === null || b === null)
    return `body ${a === null ? 'missing' : 'present'} vs ${b === null ? 'missing' : 'present'}`;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 60));
  return `lengths ${a.length} vs ${b.length}, first difference at ${i}: ${show(a)} vs ${show(b)}`;
}

/** The fingerprint with every run of 6+ digits (timestamps, cache busters, random ids) replaced by `#`. */
function masked(f: Fingerprint): Fingerprint {
  return { text: f.text === null ? null : f.text.replace(/\d{6,}/g, '#'), nodes: f.nodes };
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.text === b.text && a.nodes === b.nodes;
}

function describeDifference(a: Fingerprint, b: Fingerprint): string {
  const parts: string[] = [];
  if (a.nodes !== b.nodes) parts.push(`DOM nodes ${a.nodes} vs ${b.nodes}`);
  if (a.text !== b.text) parts.push(`text: ${firstDifference(a.text, b.text)}`);
  return parts.join('; ');
}

/** Decides whether each mention is justified; mentions come in document order. */
function judge(mentions: Mention[]): JudgedMention[] {
  const anchored = mentions.some((m) => {
    const tier = entityById.get(m.entityId)?.tier;
    return tier === 'core' || tier === 'related';
  });
  const fullNameSeen = new Set<string>();
  return mentions.map((m) => {
    const entity = entityById.get(m.entityId);
    const verdict = (ok: boolean, why: string): JudgedMention => ({ ...m, tier: entity?.tier ?? 'unknown', ok, why });
    if (!entity) return verdict(false, 'entity not in data/dossier.json');
    const alias = aliasOf(entity, m.text);
    if (!alias) return verdict(false, `text is none of ${entity.id}'s aliases`);
    if (entity.falseFriends?.some((f) => canonical(f).toLowerCase() === canonical(m.text).toLowerCase()))
      return verdict(false, 'text is a false friend');
    const common = commonWords(m.text);
    if (common) return verdict(false, common);
    if (entity.tier === 'context' && !anchored)
      return verdict(false, 'context-tier entity on a page without any core or related mention');
    if (alias.afterFullName) {
      if (!fullNameSeen.has(entity.id))
        return verdict(false, `surname/short form "${alias.text}" without the full name earlier on the page`);
      return verdict(true, `short form "${alias.text}" after the full name`);
    }
    fullNameSeen.add(entity.id);
    if (canonical(alias.text).includes(' ')) return verdict(true, `multi-word ${alias.match} "${alias.text}"`);
    if (canonical(alias.text).replace(/[^\p{L}\p{N}]/gu, '').length < 3)
      return verdict(false, `alias "${alias.text}" is too short to be specific`);
    if (alias.match === 'acronym') return verdict(true, `case-sensitive acronym "${alias.text}"`);
    return verdict(true, `distinctive single-word name "${alias.text}"`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: the extension's page without the "no foreign request" teardown check (real pages reference remote
// resources; here the blocked requests are compared with the plain loads instead), and a plain browser per worker.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Playwright's way of saying "no test-scoped fixtures"
const test = base.extend<{}, { plain: PlainBrowser }>({
  page: async ({ extContext, pageErrors }, use) => {
    const page = await extContext.newPage();
    collectErrors(page, pageErrors);
    await use(page);
    await page.close();
  },
  // A persistent profile like the extension's (an off-the-record context behaves differently: it never fetches
  // the page's web app manifest, whose 404 the regular profile logs as a console error), without the extension.
  plain: [
    async ({}, use) => {
      const profile = mkdtempSync(join(tmpdir(), 'incontext-plain-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumBin,
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: QUIET_CHROMIUM_FLAGS,
      });
      const foreign: string[] = [];
      await context.route(
        (u) => !LOCAL.test(u.href),
        (route) => {
          foreign.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      await use({ context, foreign });
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

interface Stats {
  /** Which stage of the page script answered: the first stage (no anchor found yet) or the engine. */
  stage: 'first-look' | 'watching' | 'engine';
  /** The page has been looked at once (lib/core/messages.ts, incontext:stats). */
  settled: boolean;
  batches: number;
  slices: number;
  busyMs: number;
  longestSliceMs: number;
  mentions: number;
}

test.describe('real pages from ../shared/pages', () => {
  test.beforeAll(() => {
    expect(pageFiles.length, `.html pages in ${pagesDir}`).toBeGreaterThan(0);
    mkdirSync(runDir, { recursive: true });
  });

  for (const file of pageFiles) {
    test(file, async ({ page, server, sendToTab, pageErrors, foreignRequests, plain, extContext }) => {
      const started = Date.now();
      // Every page is on the same origin (127.0.0.1): forget cookies the previous ones set, in both browsers.
      await Promise.all([extContext.clearCookies(), plain.context.clearCookies()]);
      const url = server.url(`/pages/${encodeURIComponent(file)}`);
      const problems: string[] = [];
      const foreignBefore = foreignRequests.length;
      const plainForeignBefore = plain.foreign.length;

      // With the extension: load, wait until the scan has run and stopped changing, then read everything.
      // Two plain loads run meanwhile in the baseline browser.
      const withExtension = async () => {
        await open(page, url);
        const loaded = Date.now();
        let stats: Stats | undefined;
        let lastKey = '';
        let lastError = '';
        for (const until = Date.now() + 20_000; ;) {
          try {
            stats = (await sendToTab(page.url(), { type: 'incontext:stats' })) as Stats;
            const key = `${stats.stage}/${stats.batches}/${stats.slices}/${stats.mentions}`;
            if (stats.settled && key === lastKey) break;
            lastKey = key;
          } catch (error) {
            lastError = String(error);
          }
          if (Date.now() > until) {
            if (!stats) throw new Error(`the content script never answered incontext:stats on ${file}: ${lastError}`);
            problems.push(`scan never settled within 20 s (last stats ${JSON.stringify(stats)})`);
            break;
          }
          await sleep(150);
        }
        if (!stats) throw new Error(`no stats from ${file}`);
        await settle(page);
        let mentions: Mention[] = [];
        let painted = -1;
        for (let attempt = 0; attempt < 5; attempt++) {
          const first = ((await sendToTab(page.url(), { type: 'incontext:mentions' })) as { mentions: Mention[] })
            .mentions;
          painted = await page.evaluate(countPaintedRanges);
          mentions = ((await sendToTab(page.url(), { type: 'incontext:mentions' })) as { mentions: Mention[] })
            .mentions;
          if (first.length === mentions.length) break;
          await sleep(300);
        }
        const fingerprint = await page.evaluate(domFingerprint);
        const settledAtMs = Date.now() - loaded;
        await sleep(LATE_MESSAGES_MS);
        return { stats, mentions, painted, fingerprint, settledAtMs };
      };
      const extRun = withExtension();
      const [ext, plainA, plainB] = await Promise.all([
        extRun,
        plainLoad(plain, url, 0, extRun),
        plainLoad(plain, url, 0, extRun),
      ]);
      const plains = [plainA, plainB];
      const { stats, mentions, painted } = ext;

      // 1. Same text and DOM as without the extension, unless the page differs from itself.
      let comparisonSkipped: string | null = null;
      let comparisonNote: string | null = null;
      // Inline scripts that print Date.now() or random numbers into the text: compare with long numbers masked.
      let view = (f: Fingerprint) => f;
      if (
        !sameFingerprint(plainA.fingerprint, plainB.fingerprint) &&
        sameFingerprint(masked(plainA.fingerprint), masked(plainB.fingerprint))
      ) {
        view = masked;
        comparisonNote = `compared with numbers of 6+ digits masked (two plain loads differ only there: ${describeDifference(plainA.fingerprint, plainB.fingerprint)})`;
      }
      const [a, b, e] = [view(plainA.fingerprint), view(plainB.fingerprint), view(ext.fingerprint)];
      if (!sameFingerprint(a, b)) {
        comparisonSkipped = `not deterministic without the extension (two plain loads differ: ${describeDifference(a, b)})`;
      } else if (!sameFingerprint(e, a)) {
        // The extension's fingerprint was taken later (after the scan): a page that changes on a timer would
        // differ for that alone. A third plain load, read no earlier than the extension's, decides.
        const plainC = await plainLoad(plain, url, ext.settledAtMs);
        plains.push(plainC);
        const c = view(plainC.fingerprint);
        if (!sameFingerprint(c, e)) {
          if (sameFingerprint(c, a)) {
            problems.push(`page changed by the extension: ${describeDifference(a, e)} (without vs with the extension)`);
          } else {
            comparisonSkipped = `not deterministic without the extension (a plain load read ${plainC.settledAtMs} ms after load differs from one read at ${plainA.settledAtMs} ms: ${describeDifference(a, c)})`;
          }
        }
      }
      if (comparisonNote && !comparisonSkipped) console.log(`[real-pages] ${file}: text/DOM ${comparisonNote}`);
      if (comparisonSkipped) console.log(`[real-pages] ${file}: text/DOM comparison skipped, ${comparisonSkipped}`);

      // 2. Errors and requests that only happen with the extension.
      const plainErrors = new Set(plains.flatMap((p) => p.errors));
      const extOnlyErrors = pageErrors.filter((e) => !plainErrors.has(e));
      for (const e of new Set(extOnlyErrors)) problems.push(`error only with the extension: ${e}`);
      const plainForeign = new Set(plain.foreign.slice(plainForeignBefore).map(urlShape));
      const extOnlyForeign = [...new Set(foreignRequests.slice(foreignBefore))].filter(
        (u) => !plainForeign.has(urlShape(u)),
      );
      for (const u of extOnlyForeign) problems.push(`request outside 127.0.0.1 only with the extension: ${u}`);

      // 3. The contract and the paint agree. 4. Every mention is justified.
      if (mentions.length !== painted)
        problems.push(`incontext:mentions lists ${mentions.length} mentions but ${painted} ranges are painted`);
      const judged = judge(mentions);
      for (const m of judged)
        if (!m.ok) problems.push(`unjustified mention ${m.entityId} (${m.tier}): ${JSON.stringify(m.text)}: ${m.why}`);
      if (judged.length > 0)
        console.log(
          `[real-pages] ${file}: ${judged.map((m) => `${m.entityId}: ${JSON.stringify(m.text)} (${m.why})`).join('; ')}`,
        );

      const result: PageResult = {
        page: file,
        ms: Date.now() - started,
        mentions: judged,
        painted,
        scan: {
          stage: stats.stage,
          batches: stats.batches,
          slices: stats.slices,
          busyMs: Math.round(stats.busyMs),
          longestSliceMs: Math.round(stats.longestSliceMs),
        },
        comparisonSkipped,
        comparisonNote,
        pageOwnErrors: pageErrors.length - extOnlyErrors.length,
        settledAtMs: { extension: ext.settledAtMs, plain: plains.map((p) => p.settledAtMs) },
        problems,
      };
      mkdirSync(runDir, { recursive: true });
      writeFileSync(join(runDir, `${file}.json`), JSON.stringify(result));

      expect(problems, 'problems on this page').toEqual([]);
    });
  }

  // Each worker merges what is there when it finishes; the last one sees every page.
  test.afterAll(() => writeReport());
});

function writeReport(): void {
  let files: string[] = [];
  try {
    files = readdirSync(runDir).filter((f) => f.endsWith('.json'));
  } catch {
    return;
  }
  const results = files
    .map((f) => JSON.parse(readFileSync(join(runDir, f), 'utf8')) as PageResult)
    .sort((a, b) => a.page.localeCompare(b.page));
  const complete = results.length === pageFiles.length;
  const withMentions = results.filter((r) => r.mentions.length > 0);
  const total = results.reduce((n, r) => n + r.mentions.length, 0);
  const byEntity = new Map<string, number>();
  for (const r of results) for (const m of r.mentions) byEntity.set(m.entityId, (byEntity.get(m.entityId) ?? 0) + 1);
  const skipped = results.filter((r) => r.comparisonSkipped);
  const withProblems = results.filter((r) => r.problems.length > 0);
  const entityLine =
    [...byEntity]
      .sort((a, b) => b[1] - a[1])
      .map(([id, n]) => `${id} ${n}`)
      .join(', ') || 'none';

  const md: string[] = [
    '# Real pages report',
    '',
    `Generated ${new Date().toISOString()} by tests/e2e/shared/realPages.spec.ts over ${pagesDir}.`,
    complete ? '' : `**Partial: ${results.length} of ${pageFiles.length} pages had finished when this was written.**`,
    '',
    `- pages scanned: ${results.length}`,
    `- pages with mentions: ${withMentions.length}`,
    `- mentions: ${total} (${entityLine})`,
    `- pages whose text/DOM comparison was skipped (not deterministic on their own): ${skipped.length}`,
    `- pages with problems: ${withProblems.length}`,
    '',
    '## Mentions by page',
    '',
  ];
  if (withMentions.length === 0) md.push('No mention on any page.', '');
  for (const r of withMentions) {
    md.push(`### ${r.page}`, '');
    for (const m of r.mentions)
      md.push(`- ${m.entityId}: ${JSON.stringify(m.text)} (${m.tier}; ${m.ok ? '' : 'UNJUSTIFIED: '}${m.why})`);
    md.push('');
  }
  md.push('## Problems', '');
  if (withProblems.length === 0) md.push('None.', '');
  for (const r of withProblems) {
    md.push(`### ${r.page}`, '');
    for (const p of r.problems) md.push(`- ${p}`);
    md.push('');
  }
  md.push('## Text/DOM comparison skipped or adjusted', '');
  const adjusted = results.filter((r) => r.comparisonSkipped || r.comparisonNote);
  if (adjusted.length === 0) md.push('None: every page was compared on its raw text and node count.', '');
  for (const r of adjusted)
    md.push(`- ${r.page}: ${r.comparisonSkipped ? `skipped, ${r.comparisonSkipped}` : r.comparisonNote}`);
  md.push(
    '',
    '## All pages',
    '',
    "| page | mentions | painted | stage | scan batches | scan busy ms | text compared | page's own errors | ms |",
    '| --- | --: | --: | --- | --: | --: | --- | --: | --: |',
  );
  for (const r of results) {
    md.push(
      `| ${r.page} | ${r.mentions.length} | ${r.painted} | ${r.scan.stage} | ${r.scan.batches} | ${r.scan.busyMs} | ${r.comparisonSkipped ? 'skipped' : r.comparisonNote ? 'masked' : 'yes'} | ${r.pageOwnErrors} | ${r.ms} |`,
    );
  }
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(join(artifactsDir, 'real-pages-report.md'), md.join('\n') + '\n');

  console.log(
    `[real-pages] ${complete ? '' : `partial (${results.length}/${pageFiles.length}, another worker is still running): `}` +
      `${results.length} pages scanned, ${withMentions.length} with mentions, ${total} mentions (${entityLine}), ` +
      `${skipped.length} not compared (non-deterministic), ${withProblems.length} with problems → artifacts/real-pages-report.md`,
  );
}
