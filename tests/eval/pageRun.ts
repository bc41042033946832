/**
 * One corpus page in one browser, whatever the browser: find the tab, wait until the scan has settled, read
 * the mentions of every frame. The browser-specific runners supply `inExtension` (code run on the extension's
 * side) and open/close the page.
 */
import type { Location } from './corpus';
import type { ReportedMention } from './scoring';
import { findTabProbe, readTabProbe, scanStateProbe, type ScanState, type TabReading } from './tabProbes';

/** Runs `fn(arg)` in the extension: Chromium's service worker or a Firefox extension page. */
export type InExtension = <A>(fn: (arg: A) => unknown, arg: A) => Promise<unknown>;

export interface PageRun {
  reported: ReportedMention[];
  /** The badge text, when the browser gave one. */
  badge: string | null;
  /** Sub-frames listed and whether each answered. */
  frames: { url: string; answered: boolean; mentions: number }[];
  /** Anything that makes the reading less than complete (no answer, scan never settled, frames not listed). */
  notes: string[];
  /** Loaded a second time because the content script did not answer on the first load. */
  retried?: boolean;
  ms: number;
}

/** The note of a page whose content script never answered (the run retries such a page once). */
export const NO_ANSWER = 'no content script answered incontext:mentions in the top frame within 12 s';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the top frame until the scan has run once and two readings in a row agree. */
async function settle(inExtension: InExtension, tabId: number, notes: string[]): Promise<void> {
  let last = '';
  for (const until = Date.now() + 10_000; ;) {
    const s = (await inExtension(scanStateProbe, tabId)) as ScanState;
    // Without `incontext:stats` (an engine that dropped it), two equal mention counts in a row have to do.
    const key = `${s.answered}/${s.stage}/${s.batches}/${s.slices}/${s.mentions}`;
    // Settled (see incontext:stats); a content script without the field is judged by its readings alone.
    const started = s.answered && s.settled !== false;
    if (started && key === last) return;
    last = key;
    if (Date.now() > until) {
      notes.push(`scan did not settle within 10 s (last state ${key})`);
      return;
    }
    await sleep(150);
  }
}

export async function runPage(inExtension: InExtension, url: string): Promise<PageRun> {
  const started = Date.now();
  const notes: string[] = [];
  let tabId: number | null = null;
  for (const until = Date.now() + 12_000; tabId === null && Date.now() < until;) {
    tabId = (await inExtension(findTabProbe, url)) as number | null;
    if (tabId === null) await sleep(200);
  }
  if (tabId === null) {
    notes.push(NO_ANSWER);
    return { reported: [], badge: null, frames: [], notes, ms: Date.now() - started };
  }
  await settle(inExtension, tabId, notes);
  // Frames load with the page but their content scripts (if any) scan on their own: read until two readings agree.
  let reading = (await inExtension(readTabProbe, tabId)) as TabReading;
  for (let i = 0; i < 6; i++) {
    await sleep(150);
    const again = (await inExtension(readTabProbe, tabId)) as TabReading;
    const same = JSON.stringify(again) === JSON.stringify(reading);
    reading = again;
    if (same) break;
  }
  if (reading.top === null) notes.push('the top frame stopped answering');
  if (reading.framesError) notes.push(`sub-frames not listed: ${reading.framesError}`);
  const reported: ReportedMention[] = [];
  const add = (mentions: { entityId: string; text: string }[], location: Location) => {
    for (const m of mentions) reported.push({ entityId: m.entityId, text: m.text, location });
  };
  add(reading.top ?? [], 'main');
  for (const f of reading.frames) add(f.mentions ?? [], 'iframe');
  return {
    reported,
    badge: reading.badge,
    frames: reading.frames.map((f) => ({
      url: f.url,
      answered: f.mentions !== null,
      mentions: f.mentions?.length ?? 0,
    })),
    notes,
    ms: Date.now() - started,
  };
}
