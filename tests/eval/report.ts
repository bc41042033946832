/**
 * The eval's printout: per-entity precision and recall for each browser side by side, recall by where the text
 * sits (main document, shadow root, iframe), the near-topic pages that got marks, and every page that differs
 * from its expectations with its missing and extra mentions.
 */
import type { CorpusPage, ExpectedMention, Location } from './corpus';
import type { BrowserName } from './browsers';
import type { PageRun } from './pageRun';
import { precision, recall, type EntityTally, type PageDiff, type ReportedMention } from './scoring';

export interface PageResult {
  page: CorpusPage;
  run: PageRun;
  diff: PageDiff;
}

export interface BrowserResult {
  browser: BrowserName;
  pages: PageResult[];
  tallies: Map<string, EntityTally>;
  ms: number;
  /** Set when the browser could not be launched or stopped half-way. */
  failure: string | null;
}

const pct = (x: number | null) => (x === null ? '   –' : x.toFixed(2).padStart(4));
const pad = (s: string | number, n: number) => String(s).padStart(n);
const quote = (m: ExpectedMention | ReportedMention) =>
  `${m.entityId} ${JSON.stringify(m.text)}${m.location !== 'main' ? ` [${m.location}]` : ''}`;

export function differs(r: PageResult): boolean {
  return r.diff.missing.length > 0 || r.diff.extra.length > 0 || r.run.notes.length > 0;
}

export function formatReport(
  pages: CorpusPage[],
  results: BrowserResult[],
  entityOrder: string[],
  corpusProblems: string[],
): string {
  const out: string[] = [];
  const on = pages.filter((p) => p.topic === 'on');
  const near = pages.filter((p) => p.topic === 'near');
  const expectedTotal = pages.reduce((n, p) => n + p.mentions.length, 0);
  out.push(
    `InContext accuracy eval: ${pages.length} pages (${on.length} on-topic, ${near.length} near-topic), ${expectedTotal} expected mentions`,
    `(tests/fixtures/corpus/expected.json; P = matched / reported, R = matched / expected, over all pages)`,
    '',
  );
  for (const r of results) if (r.failure) out.push(`!! ${r.browser} did not complete: ${r.failure}`);

  // Per-entity table, browsers side by side.
  const expectedOf = new Map<string, number>([['*', expectedTotal]]);
  for (const m of pages.flatMap((p) => p.mentions)) expectedOf.set(m.entityId, (expectedOf.get(m.entityId) ?? 0) + 1);
  const ids = new Set<string>([...expectedOf.keys()].filter((id) => id !== '*'));
  for (const r of results)
    for (const [id, t] of r.tallies) if (id !== '*' && (t.expected > 0 || t.reported > 0)) ids.add(id);
  const ordered = [
    ...entityOrder.filter((id) => ids.has(id)),
    ...[...ids].filter((id) => !entityOrder.includes(id)).sort(),
  ];
  const w = Math.max(24, ...ordered.map((id) => id.length));
  const head1 = ' '.repeat(w + 10) + results.map((r) => `| ${r.browser.padEnd(27)}`).join('');
  const head2 = `${'entity'.padEnd(w)}  expected ` + results.map(() => '| found match    P     R   ').join('');
  out.push(head1, head2, '-'.repeat(head2.length));
  const row = (label: string, id: string) => {
    const expected = expectedOf.get(id) ?? 0;
    const cells = results.map((r) => {
      const t = r.tallies.get(id) ?? { expected, reported: 0, matched: 0 };
      return `| ${pad(t.reported, 5)} ${pad(t.matched, 5)}  ${pct(precision(t))}  ${pct(recall(t))}  `;
    });
    return `${label.padEnd(w)}  ${pad(expected, 8)} ${cells.join('')}`;
  };
  for (const id of ordered) out.push(row(id, id));
  out.push('-'.repeat(head2.length), row('all entities', '*'), '');

  // Recall by location: shows at a glance whether shadow roots and iframes are read at all.
  const locations: Location[] = ['main', 'shadow', 'iframe'];
  out.push('Recall by where the text is:');
  for (const loc of locations) {
    const expected = pages.flatMap((p) => p.mentions).filter((m) => m.location === loc).length;
    const cells = results.map((r) => {
      // Over the pages this browser actually ran (a browser that stopped half-way is not credited for the rest).
      const exp = r.pages.flatMap((p) => p.page.mentions).filter((m) => m.location === loc).length;
      const missed = r.pages.flatMap((p) => p.diff.missing).filter((m) => m.location === loc).length;
      return `${r.browser} ${exp === 0 ? '–' : `${exp - missed}/${exp} (${((exp - missed) / exp).toFixed(2)})`}`;
    });
    out.push(`  ${loc.padEnd(7)} expected ${pad(expected, 3)}:  ${cells.join('   ')}`);
  }
  out.push('');

  // Near-topic pages: any mark at all is wrong.
  out.push(`Near-topic pages marked (of ${near.length}; each should have none):`);
  for (const r of results) {
    const marked = r.pages.filter((p) => p.page.topic === 'near' && p.run.reported.length > 0);
    const marks = marked.reduce((n, p) => n + p.run.reported.length, 0);
    out.push(`  ${r.browser}: ${marked.length} pages, ${marks} marks`);
    for (const p of marked) out.push(`    ${p.page.path}: ${p.run.reported.map(quote).join('; ')}`);
  }
  out.push('');

  // Pages that differ; a page whose difference is the same in both browsers is printed once.
  const counts = results.map((r) => `${r.browser} ${r.pages.filter(differs).length} of ${r.pages.length}`).join(', ');
  out.push(`Pages that differ from their expectations (${counts}):`);
  for (const page of pages) {
    const per = results
      .map((r) => ({ r, p: r.pages.find((x) => x.page.path === page.path) }))
      .filter((x) => x.p && differs(x.p));
    if (per.length === 0) continue;
    const groups = new Map<string, { browsers: string[]; p: PageResult }>();
    for (const { r, p } of per) {
      const key = JSON.stringify([p!.diff.missing, p!.diff.extra, p!.run.notes]);
      const g = groups.get(key);
      if (g) g.browsers.push(r.browser);
      else groups.set(key, { browsers: [r.browser], p: p! });
    }
    out.push(`  ${page.path} (${page.mentions.length} expected)`);
    for (const { browsers, p } of groups.values()) {
      const label = `    [${browsers.join(', ')}]`;
      out.push(`${label} matched ${p.diff.matched}/${page.mentions.length}`);
      if (p.diff.missing.length)
        out.push(`      missing (${p.diff.missing.length}): ${p.diff.missing.map(quote).join('; ')}`);
      if (p.diff.extra.length) out.push(`      extra (${p.diff.extra.length}): ${p.diff.extra.map(quote).join('; ')}`);
      for (const n of p.run.notes) out.push(`      note: ${n}`);
    }
  }
  out.push('');

  // The badge and the frames: what is reported outside the top frame's reply.
  const frameNotes: string[] = [];
  for (const r of results) {
    for (const p of r.pages) {
      const listed = p.run.frames.length;
      const answered = p.run.frames.filter((f) => f.answered).length;
      const badge = p.run.badge === null || p.run.badge === '' ? 0 : Number.parseInt(p.run.badge, 10);
      const top = p.run.reported.filter((m) => m.location === 'main').length;
      if (p.run.retried)
        frameNotes.push(
          `  ${r.browser} ${p.page.path}: loaded twice, the content script did not answer on the first load`,
        );
      if (listed > 0)
        frameNotes.push(`  ${r.browser} ${p.page.path}: ${listed} sub-frame(s) listed, ${answered} answered`);
      if (p.run.badge !== null && badge !== p.run.reported.length && !(badge === 999 && p.run.reported.length > 999)) {
        frameNotes.push(
          `  ${r.browser} ${p.page.path}: badge "${p.run.badge}" but ${p.run.reported.length} mentions reported (${top} top frame)`,
        );
      }
    }
  }
  out.push(
    'Frames, badge and retries:',
    ...(frameNotes.length
      ? frameNotes
      : ['  nothing beyond the top frame, and every badge equals the mentions reported']),
    '',
  );

  if (corpusProblems.length) {
    out.push(
      `Corpus problems (the manifest, not the engine) (${corpusProblems.length}):`,
      ...corpusProblems.map((p) => `  ${p}`),
      '',
    );
  }
  out.push(results.map((r) => `${r.browser}: ${(r.ms / 1000).toFixed(1)} s`).join(', '));
  return out.join('\n');
}
