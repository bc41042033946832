import { useEffect, useState } from 'preact/hooks';
import type { EntityCard as CardData } from '../lib/core/cards';
import { formatPartialDate } from '../lib/core/partialDate';
import { CONFLICT_TYPE_LABEL, conflictType } from '../lib/core/sourceLabels';
import { SourceChip, SourceChips } from './SourceChip';

const KIND_LABEL: Record<string, string> = {
  agreement: 'Agreement',
  programme: 'Programme',
  person: 'Person',
  organisation: 'Organisation',
  outlet: 'News outlet',
};

export interface EntityCardProps {
  card: CardData;
  onSelectRelated: (entityId: string) => void;
  onOpenSearch: (entityId: string) => void;
  onClose: () => void;
}

/** The fact sheet shown on hover. All dossier text is rendered as text nodes, never as HTML. */
/** The card opens with the first few facts (quick to read and to draw); the rest are one click away. */
const FIRST_FACTS = 4;

export function EntityCard({ card, onSelectRelated, onOpenSearch, onClose }: EntityCardProps) {
  const { entity, facts, events, conflicts, sources, relatedNames } = card;
  const [showAll, setShowAll] = useState(false);
  useEffect(() => setShowAll(false), [entity.id]);
  const titleId = `ic-title-${entity.id}`;
  return (
    <section
      class="ic-card"
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-entity-id={entity.id}
      data-origin={card.origin}
    >
      <header class="ic-head">
        <div>
          <h2 id={titleId} class="ic-name">
            {entity.name}
          </h2>
          <p class="ic-kind">{KIND_LABEL[entity.kind] ?? entity.kind}</p>
        </div>
        <button type="button" class="ic-close" aria-label="Close card" onClick={onClose}>
          ×
        </button>
      </header>
      <p class="ic-description">{entity.description}</p>

      {facts.length > 0 && (
        <section aria-label="Key facts">
          <h3>Key facts</h3>
          <ul class="ic-facts">
            {(showAll ? facts : facts.slice(0, FIRST_FACTS)).map((fact) => (
              <li key={fact.id} data-fact-id={fact.id}>
                <p>{fact.statement}</p>
                {fact.attribution && <p class="ic-attribution">{fact.attribution}</p>}
                <SourceChips evidence={fact.evidence} sources={(id) => sources[id]} />
              </li>
            ))}
          </ul>
          {facts.length > FIRST_FACTS && (
            <button type="button" class="ic-more" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
              {showAll ? 'Show fewer facts' : `Show all ${facts.length} facts`}
            </button>
          )}
        </section>
      )}

      {events.length > 0 && (
        <section aria-label="Timeline">
          <h3>Timeline</h3>
          <ol class="ic-timeline">
            {events.map((event) => (
              <li key={event.id}>
                <span class="ic-date">{formatPartialDate(event.date, Boolean(event.inferred))}</span>
                <span class="ic-label">{event.label}</span>
                {event.inferred && (
                  <details class="ic-inferred">
                    <summary>How this date was worked out</summary>
                    <p>{event.inferred}</p>
                  </details>
                )}
                <SourceChips evidence={event.evidence} sources={(id) => sources[id]} />
              </li>
            ))}
          </ol>
        </section>
      )}

      {conflicts.length > 0 && (
        <section aria-label="Where sources differ">
          <h3>Where sources differ</h3>
          <ul class="ic-conflicts">
            {conflicts.map((conflict) => (
              <li key={conflict.id} data-conflict-type={conflictType(conflict)}>
                <p class="ic-conflict-type">{CONFLICT_TYPE_LABEL[conflictType(conflict)]}</p>
                <p class="ic-topic">{conflict.topic}</p>
                <ul>
                  {conflict.positions.map((p) => (
                    <li key={p.source + p.says}>
                      <SourceChip sourceId={p.source} quotes={[p.quote]} source={sources[p.source]} /> {p.says}
                    </li>
                  ))}
                </ul>
                {conflict.note && <p class="ic-note">{conflict.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <footer class="ic-foot">
        {Object.keys(relatedNames).length > 0 && (
          <div class="ic-related" aria-label="Related">
            {Object.entries(relatedNames).map(([id, name]) => (
              <button type="button" key={id} data-related-id={id} onClick={() => onSelectRelated(id)}>
                {name}
              </button>
            ))}
          </div>
        )}
        <button type="button" class="ic-search-link" onClick={() => onOpenSearch(entity.id)}>
          Search all facts about {entity.name}
        </button>
      </footer>
    </section>
  );
}
