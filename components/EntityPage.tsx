import { useEffect, useMemo } from 'preact/hooks';
import type { Dossier, Evidence } from '../data/schema';
import { buildCard, numberSources, recordsFor, type EntityCard } from '../lib/core/cards';
import { formatPartialDate } from '../lib/core/partialDate';
import { SearchIndex } from '../lib/core/searchIndex';
import {
  CONFLICT_TYPE_LABEL,
  SOURCE_KIND_LABEL,
  conflictType,
  sourceDateNote,
  sourceLabel,
} from '../lib/core/sourceLabels';
import { SearchPanel } from './SearchPanel';

/**
 * Each source cited about the entity, numbered as its card numbers them (lib/core/cards.ts: facts, timeline, then
 * disagreements), with the quotes taken from it.
 */
function citedSources(card: EntityCard) {
  const quotes = new Map<string, Set<string>>();
  const citations = [
    ...card.facts.flatMap((f) => f.evidence),
    ...card.events.flatMap((e) => e.evidence),
    ...card.conflicts.flatMap((c) => c.positions),
  ];
  for (const { source, quote } of citations) {
    const set = quotes.get(source) ?? new Set<string>();
    quotes.set(source, set.add(quote));
  }
  return new Map(
    numberSources(card).map(({ id, n, source }) => [id, { n, source, quotes: quotes.get(id) ?? new Set<string>() }]),
  );
}

/**
 * "Everything about X": the page a card's "search all facts" opens, in a tab of its own. One entity's facts,
 * timeline, the points its sources differ on and the sources themselves (each numbered once, cited by number), and a
 * search that stays within the entity. It reads no tab, so it says nothing about scanning one.
 */
export function EntityPage({ dossier, entityId }: { dossier: Dossier; entityId: string }) {
  const card = useMemo(() => {
    const records = recordsFor(entityId, dossier);
    return records && buildCard(records, 'memory');
  }, [dossier, entityId]);
  const index = useMemo(() => new SearchIndex(dossier), [dossier]);
  const numbers = useMemo(() => (card ? citedSources(card) : new Map<string, never>()), [card]);

  useEffect(() => {
    document.title = card ? `Everything about ${card.entity.name} · InContext` : 'InContext';
  }, [card]);

  if (!card)
    return (
      <main class="about">
        <h1>Not in the dossier</h1>
        <p>
          InContext has nothing about “{entityId}”. <a href="/popup.html">Search the dossier</a>.
        </p>
      </main>
    );

  const { entity } = card;
  const cite = (evidence: readonly Pick<Evidence, 'source'>[]) => {
    const ns = [...new Set(evidence.map((e) => numbers.get(e.source)?.n))].filter((n): n is number => !!n);
    return ns.map((n) => (
      <sup key={n} class="cite">
        <a href={`#source-${n}`} aria-label={`source ${n}`}>
          {n}
        </a>
      </sup>
    ));
  };

  const sections = (
    <div class="about-sections">
      <section aria-labelledby="about-facts">
        <h2 id="about-facts">Facts ({card.facts.length})</h2>
        {card.facts.length === 0 ? (
          <p class="muted">No facts recorded.</p>
        ) : (
          <ul class="about-list">
            {card.facts.map((fact) => (
              <li key={fact.id} data-fact-id={fact.id}>
                {fact.statement}
                {cite(fact.evidence)}
                {fact.attribution && <span class="about-note"> {fact.attribution}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {card.events.length > 0 && (
        <section aria-labelledby="about-timeline">
          <h2 id="about-timeline">Timeline</h2>
          <ol class="about-timeline">
            {card.events.map((event) => (
              <li key={event.id} data-event-id={event.id}>
                <span class="about-date">{formatPartialDate(event.date, Boolean(event.inferred))}</span>
                <span>
                  {event.label}
                  {cite(event.evidence)}
                  {event.inferred && <span class="about-note"> Date inferred: {event.inferred}</span>}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {card.conflicts.length > 0 && (
        <section aria-labelledby="about-differ">
          <h2 id="about-differ">Where sources differ</h2>
          {card.conflicts.map((conflict) => (
            <div key={conflict.id} class="about-conflict" data-conflict-id={conflict.id}>
              <h3>
                {conflict.topic} <span class="about-kind">{CONFLICT_TYPE_LABEL[conflictType(conflict)]}</span>
              </h3>
              <ul class="about-list">
                {conflict.positions.map((p, i) => {
                  const source = card.sources[p.source];
                  return (
                    <li key={i}>
                      <strong>{source ? sourceLabel(source) : p.source}</strong>
                      {cite([p])}: {p.says}
                    </li>
                  );
                })}
              </ul>
              {conflict.note && <p class="about-note">{conflict.note}</p>}
            </div>
          ))}
        </section>
      )}
      <section aria-labelledby="about-sources">
        <h2 id="about-sources">Sources</h2>
        {numbers.size === 1 && (
          <p class="about-note about-one-source">Everything on this page rests on this one source.</p>
        )}
        <ol class="about-sources">
          {[...numbers.entries()].map(([id, { n, source, quotes }]) => (
            <li key={id} id={`source-${n}`} data-source-id={id}>
              <strong>{source ? sourceLabel(source) : id}</strong>
              {source && <span class="about-kind">{SOURCE_KIND_LABEL[source.kind]}</span>}
              {source && sourceDateNote(source) && <p class="about-note">{sourceDateNote(source)}</p>}
              {source && <p class="about-note">{source.reliability}</p>}
              <details>
                <summary>
                  {quotes.size} quote{quotes.size === 1 ? '' : 's'} used here
                </summary>
                {[...quotes].map((q) => (
                  <blockquote key={q}>“{q}”</blockquote>
                ))}
              </details>
            </li>
          ))}
        </ol>
      </section>
      {Object.keys(card.relatedNames).length > 0 && (
        <section aria-labelledby="about-related">
          <h2 id="about-related">Related</h2>
          <ul class="about-related">
            {Object.entries(card.relatedNames).map(([id, name]) => (
              <li key={id}>
                <a href={`/popup.html?entity=${encodeURIComponent(id)}`}>{name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );

  return (
    <main class="about" data-entity-id={entity.id}>
      <header class="about-head">
        <p class="about-kind">{entity.kind}</p>
        <h1>Everything about {entity.name}</h1>
        <p>{entity.description}</p>
        <p class="about-note">Also written: {entity.aliases.map((a) => a.text).join(', ')}</p>
      </header>
      <SearchPanel
        index={index}
        dossier={dossier}
        entityId={entity.id}
        label={`Search everything about ${entity.name}`}
        placeholder={`Search within ${entity.name}…`}
        whenEmpty={sections}
      />
      <footer class="popup-foot">
        <a href="/options.html" target="_blank" rel="noopener">
          Settings and sources
        </a>
      </footer>
    </main>
  );
}
