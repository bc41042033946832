import type { Evidence, Source } from '../data/schema';
import { formatPartialDate } from '../lib/core/partialDate';

/** "Outlet · date" that expands to the verbatim quote, the seed file and the source's reliability note. */
export function SourceChip({ evidence, source }: { evidence: Evidence; source: Source | undefined }) {
  const label = source ? `${source.outlet} · ${source.date === 'undated' ? 'undated' : formatPartialDate(source.date)}` : evidence.source;
  return (
    <details class="ic-source">
      <summary>{label}</summary>
      <blockquote>“{evidence.quote}”</blockquote>
      {source && (
        <p class="ic-source-meta">
          <span>{source.file}</span> — {source.reliability}
        </p>
      )}
    </details>
  );
}
