import type { Evidence, Source } from '../data/schema';
import { groupEvidence } from '../lib/core/evidenceGroups';
import { SOURCE_KIND_LABEL, sourceDateNote, sourceLabel } from '../lib/core/sourceLabels';

/**
 * The source's reader label with a cue for its kind, expanding to the verbatim quotes, how its date is known and
 * its reliability note. The seed document's file name is behind one more, explicit step ("Show the document").
 */
export function SourceChip({
  sourceId,
  quotes,
  source,
}: {
  sourceId: string;
  quotes: readonly string[];
  source: Source | undefined;
}) {
  return (
    <details class="ic-source" data-source-id={sourceId} data-source-kind={source?.kind}>
      <summary>
        {source ? sourceLabel(source) : sourceId}
        {source && <span class={`ic-source-kind ic-kind-${source.kind}`}>{SOURCE_KIND_LABEL[source.kind]}</span>}
      </summary>
      {quotes.map((quote) => (
        <blockquote key={quote}>“{quote}”</blockquote>
      ))}
      {source && (
        <div class="ic-source-meta">
          {sourceDateNote(source) && <p class="ic-date-note">{sourceDateNote(source)}</p>}
          <p>{source.reliability}</p>
          <details class="ic-document">
            <summary>Show the document</summary>
            <p>
              {source.title} <span class="ic-file">({source.file})</span>
            </p>
          </details>
        </div>
      )}
    </details>
  );
}

/** A chip per cited source. */
export function SourceChips({
  evidence,
  sources,
}: {
  evidence: readonly Evidence[];
  sources: (id: string) => Source | undefined;
}) {
  return (
    <div class="ic-chips">
      {groupEvidence(evidence).map((g) => (
        <SourceChip key={g.source} sourceId={g.source} quotes={g.quotes} source={sources(g.source)} />
      ))}
    </div>
  );
}
