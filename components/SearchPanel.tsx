import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
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

/**
 * A shorter query that finds something, for a query that finds nothing: its first word, cut a letter at a time
 * (a misspelt or run-on ending is the usual cause). A few tries at most, and only when the query found nothing.
 */
function fewerLetters(query: string, finds: (q: string) => boolean): string | undefined {
  const word = query.split(/\s+/)[0] ?? '';
  for (let length = word.length - (word === query ? 1 : 0); length >= 3 && length > word.length - 6; length--) {
    const shorter = word.slice(0, length);
    if (finds(shorter)) return shorter;
  }
  return undefined;
}

/**
 * The search: typo-tolerant results with their sources. Without a query it shows `whenEmpty` (or, by default, the
 * timeline). `entityId` keeps every result to one entity's documents. An entity for which `onOpenEntity` is given
 * (one mentioned in the tab) opens its card in the tab; other results expand in place.
 */
export function SearchPanel({
  index,
  dossier,
  entityId,
  label = 'Search the dossier',
  placeholder = 'Search names, agreements, facts…',
  beforeResults,
  whenEmpty,
  onPage,
  onOpenEntity,
}: {
  index: SearchIndex;
  dossier: Dossier;
  entityId?: string;
  label?: string;
  placeholder?: string;
  /** Shown between the search box and the results (the popup's "on this page"). */
  beforeResults?: ComponentChildren;
  whenEmpty?: ComponentChildren;
  /** The entities mentioned in the tab: their results open the card there. */
  onPage?: ReadonlySet<string>;
  onOpenEntity?: (entityId: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string | undefined>();
  const sources = useMemo(() => new Map(dossier.sources.map((s) => [s.id, s])), [dossier]);
  const names = useMemo(() => new Map(dossier.entities.map((e) => [e.id, e.name])), [dossier]);

  // Long pasted text is searched only in part (see MAX_QUERY_LENGTH), and the reader is told so.
  const searched = useMemo(() => searchableQuery(query), [query]);
  const rows: Row[] = useMemo(() => {
    if (searched.text) return index.search(searched.text, { entityId });
    if (whenEmpty) return [];
    return index.docs.filter((d) => d.kind === 'event').map((doc) => ({ doc, matches: [] }));
  }, [index, searched.text, entityId, whenEmpty]);
  const timeline = !searched.text && !whenEmpty;

  const heading = searched.text
    ? rows.length === 0
      ? `No results for “${searched.text}”`
      : `${rows.length} result${rows.length === 1 ? '' : 's'}`
    : timeline
      ? 'Timeline'
      : undefined;

  // Arrow keys move focus between results (and from the search box into them); Enter opens a result.
  const list = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const focusResult = (at: number) => {
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.result-open');
    if (!buttons?.length) return;
    buttons[Math.max(0, Math.min(buttons.length - 1, at))]?.focus();
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

  // An expanded result is brought into view under the pinned search box (it used to open below the fold).
  useEffect(() => {
    if (!expanded) return;
    list.current
      ?.querySelector<HTMLElement>(`.result[data-doc-id="${CSS.escape(expanded)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [expanded]);

  const choose = (doc: SearchDoc) => {
    if (doc.kind === 'entity' && onOpenEntity && onPage?.has(doc.id)) onOpenEntity(doc.id);
    else setExpanded((id) => (id === doc.id ? undefined : doc.id));
  };

  const suggestions = useMemo(() => {
    if (!searched.text || rows.length > 0) return undefined;
    // A suggestion the reader can trust: a hit that contains it as written, not one more fuzzy guess.
    const finds = (q: string) =>
      index
        .search(q, { entityId, limit: 5 })
        .some(({ doc }) => `${doc.title} ${doc.names} ${doc.text}`.toLowerCase().includes(q.toLowerCase()));
    const known = dossier.entities
      .filter((e) => (entityId ? e.id === entityId : e.tier === 'core'))
      .slice(0, 3)
      .map((e) => e.name);
    return { shorter: fewerLetters(searched.text, finds), known };
  }, [index, dossier, searched.text, rows.length, entityId]);

  const retry = (q: string) => {
    setQuery(q);
    input.current?.focus();
  };

  return (
    <section class="search" aria-label={label}>
      <div class="search-bar">
        <input
          ref={input}
          type="search"
          class="search-input"
          placeholder={placeholder}
          aria-label={label}
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
      </div>
      {beforeResults}
      {!heading && whenEmpty}
      {heading && (
        <h2 class="results-heading" id="results-heading" aria-live="polite">
          {heading}
        </h2>
      )}
      {suggestions && (
        <div class="no-results">
          <p>
            Nothing {entityId ? `about ${names.get(entityId) ?? entityId} ` : 'in the dossier '}matches “{searched.text}
            ”. Names and acronyms of four letters or fewer must be spelt as they are; longer words may have one typo.
          </p>
          <p>
            Try{' '}
            {suggestions.shorter && (
              <>
                fewer letters:{' '}
                <button type="button" class="suggestion" onClick={() => retry(suggestions.shorter!)}>
                  {suggestions.shorter}
                </button>
                {suggestions.known.length > 0 && ', or '}
              </>
            )}
            {suggestions.known.length > 0 && (
              <>
                a known name:{' '}
                {suggestions.known.map((name) => (
                  <button key={name} type="button" class="suggestion" onClick={() => retry(name)}>
                    {name}
                  </button>
                ))}
              </>
            )}
          </p>
        </div>
      )}
      <ul
        id="search-results"
        ref={list}
        class={`results${timeline ? ' results-timeline' : ''}`}
        aria-labelledby={heading ? 'results-heading' : undefined}
        aria-label={heading ? undefined : label}
        onKeyDown={onListKeyDown}
      >
        {rows.map((row) => {
          const { doc } = row;
          const evidence = doc.kind === 'fact' ? doc.fact.evidence : doc.kind === 'event' ? doc.event.evidence : [];
          const title =
            doc.kind === 'event' ? formatPartialDate(doc.event.date, Boolean(doc.event.inferred)) : doc.title;
          const open = expanded === doc.id;
          const opensCard = doc.kind === 'entity' && !!onOpenEntity && !!onPage?.has(doc.id);
          return (
            <li key={doc.kind + doc.id} class={`result result-${doc.kind}`} data-doc-id={doc.id}>
              <button
                type="button"
                class="result-open"
                aria-expanded={opensCard ? undefined : open}
                aria-describedby={opensCard ? 'opens-card-note' : undefined}
                onClick={() => choose(doc)}
              >
                <span class="result-kind">{doc.kind === 'entity' ? doc.entity.kind : doc.kind}</span>{' '}
                <span class="result-title">
                  <HighlightedText text={title} ranges={doc.kind === 'event' ? [] : rangesFor(row, 'title')} />
                </span>
                {opensCard && <span class="result-on-page">on this page</span>}
              </button>
              <p class={`result-text${doc.kind === 'entity' && !open ? ' result-text-short' : ''}`}>
                <HighlightedText text={doc.text} ranges={rangesFor(row, 'text')} />
              </p>
              {doc.kind === 'event' && doc.event.inferred && (!timeline || open) && (
                <p class="result-note">Date inferred: {doc.event.inferred}</p>
              )}
              {doc.kind === 'fact' && doc.fact.attribution && <p class="result-note">{doc.fact.attribution}</p>}
              {/* The timeline is a list of dates to scan: its sources wait until an event is opened. */}
              {evidence.length > 0 && (!timeline || open) && (
                <div class="result-sources">
                  <SourceChips evidence={evidence} sources={(id) => sources.get(id)} />
                </div>
              )}
              {open && doc.kind === 'entity' && (
                <p class="result-note">Also written: {doc.entity.aliases.map((a) => a.text).join(', ')}.</p>
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
      {onOpenEntity && (
        <p id="opens-card-note" hidden>
          Opens its card in the page.
        </p>
      )}
    </section>
  );
}
