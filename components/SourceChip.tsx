import type { Evidence, Source } from '../data/schema';
import { groupEvidence } from '../lib/core/evidenceGroups';
import { formatPartialDate } from '../lib/core/partialDate';

/** "Outlet · date" that expands to the verbatim quotes, the seed file and the source's reliability note. */
export function SourceChip({ sourceId, quotes, source }: { sourceId: string; quotes: readonly string[]; source: Source | undefined }) {
  const label = source ? `${source.outlet} · ${source.date === 'undated' ? 'undated' : formatPartialDate(source.date)}` : sourceId;
  return (
    <details class="ic-source">
      <summary>{label}</summary>
      {quotes.map((quote) => (
        <blockquote key={quote}>“{quote}”</blockquote>
      ))}
      {source && (
        <p class="ic-source-meta">
          <span>{source.file}</span> — {source.reliability}
        </p>
      )}
    </details>
  );
}

/** A chip per cited source. */
export function SourceChips({ evidence, sources }: { evidence: readonly Evidence[]; sources: (id: string) => Source | undefined }) {
  return (
    <div class="ic-chips">
      {groupEvidence(evidence).map((g) => (
        <SourceChip key={g.source} sourceId={g.source} quotes={g.quotes} source={sources(g.source)} />
      ))}
    </div>
  );
}
