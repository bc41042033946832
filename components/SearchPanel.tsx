import { useMemo, useRef, useState } from 'preact/hooks';
import type { Dossier } from '../data/schema';
import { formatPartialDate } from '../lib/core/partialDate';
import { MAX_QUERY_LENGTH, searchableQuery, type SearchDoc, type SearchIndex } from '../lib/core/searchIndex';
import { HighlightedText } from './HighlightedText';
import { SourceChips } from './SourceChip';

interface Row {
  doc: SearchDoc;
  matches: { key: 'title' | 'text'; indices: readonly [number, number][] }[];
}

function rangesFor(row: Row, key: 'title' | 'text') {
  return row.matches.filter((m) => m.key === key).flatMap((m) => m.indices);
}

/** The popup's search: typo-tolerant results with their sources, or the whole timeline when empty. */
export function SearchPanel({
  index,
  dossier,
  initialQuery = '',
  entityFilter,
}: {
  index: SearchIndex;
  dossier: Dossier;
  initialQuery?: string;
  entityFilter?: string;
}) {
  const [query, setQuery] = useState(initialQuery);
  const [expanded, setExpanded] = useState<string | undefined>();
  const sources = useMemo(() => new Map(dossier.sources.map((s) => [s.id, s])), [dossier]);
  const names = useMemo(() => new Map(dossier.entities.map((e) => [e.id, e.name])), [dossier]);

  // Long pasted text is searched only in part (see MAX_QUERY_LENGTH), and the reader is told so.
  const searched = useMemo(() => searchableQuery(query), [query]);
  const rows: Row[] = useMemo(() => {
    if (searched.text) return index.search(searched.text).map((hit) => ({ doc: hit.doc, matches: hit.matches }));
    if (entityFilter) return index.forEntity(entityFilter).map((doc) => ({ doc, matches: [] }));
    return index.docs.filter((d) => d.kind === 'event').map((doc) => ({ doc, matches: [] }));
  }, [index, searched.text, entityFilter]);

  const heading = searched.text
    ? `${rows.length} result${rows.length === 1 ? '' : 's'}`
    : entityFilter
      ? 'Everything about this entity'
      : 'Timeline';

  // Arrow keys move focus between results (and from the search box into them); Enter opens a result.
  const list = useRef<HTMLUListElement>(null);
  const focusResult = (index: number) => {
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.result-open');
    if (!buttons?.length) return;
    buttons[Math.max(0, Math.min(buttons.length - 1, index))]?.focus();
  };
  const onListKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('.result-open') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusResult(at + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Escape') {
      input.current?.focus();
    }
  };
  const input = useRef<HTMLInputElement>(null);

  return (
    <section class="search" aria-label="Search the dossier">
      <input
        ref={input}
        type="search"
        class="search-input"
        placeholder="Search people, agreements, facts… (typos are fine)"
        aria-label="Search the dossier"
        aria-controls="search-results"
        value={query}
        autoFocus
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            focusResult(0);
          } else if (event.key === 'Enter') {
            focusResult(0);
          }
        }}
      />
      {searched.capped && (
        <p class="search-capped muted" role="status">
          Only the first {MAX_QUERY_LENGTH} characters are searched.
        </p>
      )}
      <h2 class="results-heading" id="results-heading" aria-live="polite">
        {heading}
      </h2>
      <ul id="search-results" ref={list} class="results" aria-labelledby="results-heading" onKeyDown={onListKeyDown}>
        {rows.map((row) => {
          const { doc } = row;
          const evidence = doc.kind === 'fact' ? doc.fact.evidence : doc.kind === 'event' ? doc.event.evidence : [];
          const title =
            doc.kind === 'event' ? formatPartialDate(doc.event.date, Boolean(doc.event.inferred)) : doc.title;
          const open = expanded === doc.id;
          return (
            <li key={doc.kind + doc.id} class={`result result-${doc.kind}`} data-doc-id={doc.id}>
              <button
                type="button"
                class="result-open"
                aria-expanded={open}
                onClick={() => setExpanded((id) => (id === doc.id ? undefined : doc.id))}
              >
                <span class="result-kind">{doc.kind === 'entity' ? doc.entity.kind : doc.kind}</span>{' '}
                <span class="result-title">
                  <HighlightedText text={title} ranges={doc.kind === 'event' ? [] : rangesFor(row, 'title')} />
                </span>
              </button>
              <p class="result-text">
                <HighlightedText text={doc.text} ranges={rangesFor(row, 'text')} />
              </p>
              {doc.kind === 'event' && doc.event.inferred && (
                <p class="result-note">Date inferred: {doc.event.inferred}</p>
              )}
              {doc.kind === 'fact' && doc.fact.attribution && <p class="result-note">{doc.fact.attribution}</p>}
              {evidence.length > 0 && (
                <div class="result-sources">
                  <SourceChips evidence={evidence} sources={(id) => sources.get(id)} />
                </div>
              )}
              {open && doc.kind === 'entity' && (
                <p class="result-note">
                  Also written: {doc.entity.aliases.map((a) => a.text).join(', ')}. {doc.entity.description}
                </p>
              )}
              {open && doc.kind !== 'entity' && (
                <p class="result-note">
                  About:{' '}
                  {(doc.kind === 'fact' ? doc.fact.entities : doc.event.entities)
                    .map((id) => names.get(id) ?? id)
                    .join(', ')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
