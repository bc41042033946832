import { useMemo, useState } from 'preact/hooks';
import type { Dossier } from '../data/schema';
import { formatPartialDate } from '../lib/core/partialDate';
import type { SearchDoc, SearchIndex } from '../lib/core/searchIndex';
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
export function SearchPanel({ index, dossier, initialQuery = '', entityFilter }: { index: SearchIndex; dossier: Dossier; initialQuery?: string; entityFilter?: string }) {
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const [expanded, setExpanded] = useState<string | undefined>();
  const sources = useMemo(() => new Map(dossier.sources.map((s) => [s.id, s])), [dossier]);

  const rows: Row[] = useMemo(() => {
    if (query.trim()) return index.search(query).map((hit) => ({ doc: hit.doc, matches: hit.matches }));
    if (entityFilter) return index.forEntity(entityFilter).map((doc) => ({ doc, matches: [] }));
    return index.docs.filter((d) => d.kind === 'event').map((doc) => ({ doc, matches: [] }));
  }, [index, query, entityFilter]);

  const heading = query.trim() ? `${rows.length} result${rows.length === 1 ? '' : 's'}` : entityFilter ? 'Everything about this entity' : 'Timeline';

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(rows.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter') {
      const row = rows[active];
      if (row) setExpanded((id) => (id === row.doc.id ? undefined : row.doc.id));
    }
  };

  return (
    <section class="search" aria-label="Search the dossier">
      <input
        type="search"
        class="search-input"
        placeholder="Search people, agreements, facts… (typos are fine)"
        aria-label="Search the dossier"
        aria-controls="search-results"
        aria-activedescendant={rows[active] ? `row-${rows[active].doc.id}` : undefined}
        value={query}
        autoFocus
        onInput={(e) => {
          setQuery((e.currentTarget as HTMLInputElement).value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <h2 class="results-heading">{heading}</h2>
      <ul id="search-results" class="results" role="listbox" aria-label={heading}>
        {rows.map((row, i) => {
          const { doc } = row;
          const evidence = doc.kind === 'fact' ? doc.fact.evidence : doc.kind === 'event' ? doc.event.evidence : [];
          const title = doc.kind === 'event' ? formatPartialDate(doc.event.date, Boolean(doc.event.inferred)) : doc.title;
          return (
            <li
              key={doc.kind + doc.id}
              id={`row-${doc.id}`}
              role="option"
              aria-selected={i === active}
              class={`result result-${doc.kind}${i === active ? ' active' : ''}`}
              data-doc-id={doc.id}
              onClick={() => {
                setActive(i);
                setExpanded((id) => (id === doc.id ? undefined : doc.id));
              }}
            >
              <p class="result-title">
                <span class="result-kind">{doc.kind === 'entity' ? doc.entity.kind : doc.kind}</span>{' '}
                <HighlightedText text={title} ranges={doc.kind === 'event' ? [] : rangesFor(row, 'title')} />
              </p>
              <p class="result-text">
                <HighlightedText text={doc.text} ranges={rangesFor(row, 'text')} />
              </p>
              {doc.kind === 'event' && doc.event.inferred && <p class="result-note">Date inferred: {doc.event.inferred}</p>}
              {doc.kind === 'fact' && doc.fact.attribution && <p class="result-note">{doc.fact.attribution}</p>}
              {evidence.length > 0 && (
                <div class="result-sources" onClick={(e) => e.stopPropagation()}>
                  <SourceChips evidence={evidence} sources={(id) => sources.get(id)} />
                </div>
              )}
              {expanded === doc.id && doc.kind === 'entity' && <p class="result-note">Aliases: {doc.entity.aliases.map((a) => a.text).join(', ')}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
