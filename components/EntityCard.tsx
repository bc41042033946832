import { Fragment } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Fact } from '../data/schema';
import {
  citationText,
  clipAtWord,
  PREVIEW_FACT_CHARS,
  readCard,
  type CardReading,
  type EntityCard as CardData,
} from '../lib/core/cards';
import { formatPartialDate } from '../lib/core/partialDate';
import { useRovingTabStop } from '../lib/card/rovingTabStop';
import { CONFLICT_TYPE_LABEL, conflictType, sourceLabel } from '../lib/core/sourceLabels';
import {
  Citations,
  nameOf,
  QuoteTipBox,
  SourceKindTag,
  SourceList,
  type QuoteTip,
  type ShowTip,
} from './CardCitations';

const KIND_LABEL: Record<string, string> = {
  agreement: 'Agreement',
  programme: 'Programme',
  person: 'Person',
  organisation: 'Organisation',
  outlet: 'News outlet',
};

export type CardTab = 'facts' | 'timeline' | 'differ' | 'sources' | 'related';

const TAB_LABEL: Record<CardTab, string> = {
  facts: 'Facts',
  timeline: 'Timeline',
  differ: 'Sources differ',
  sources: 'Sources',
  related: 'Related',
};

export interface EntityCardProps {
  card: CardData;
  /** Expanded (pinned) rather than the preview. */
  expanded: boolean;
  tab: CardTab;
  /** Opened from the keyboard: the card shows a focus ring while it has focus. */
  focusRing?: boolean;
  /** Name of the card this one was switched from, for the way back. */
  backTo: string | undefined;
  /** Expands the card (or, expanded, switches tab). */
  onExpand: (tab: CardTab) => void;
  onBack: () => void;
  onSelectRelated: (entityId: string) => void;
  onOpenSearch: (entityId: string) => void;
  onClose: () => void;
}

type Copied = { factId: string; text: string; ok: boolean };

/**
 * The entity's card. The preview (on hover) never scrolls: name, kind, its role in the story, three key facts and a
 * footer into the expanded card, which is pinned, scrolls under a sticky header and has a tab per kind of content.
 * Each source is numbered once per card and cited by superscript. All dossier text is rendered as text, never HTML.
 */
export function EntityCard(props: EntityCardProps) {
  const { card, expanded, tab } = props;
  const { entity } = card;
  const reading = useMemo(() => readCard(card), [card]);
  const root = useRef<HTMLElement>(null);
  const [tip, setTip] = useState<QuoteTip | undefined>(undefined);
  const [copied, setCopied] = useState<Copied | undefined>(undefined);

  // A new entity, view or tab starts at its top, without a tip or a copy notice left from before.
  useLayoutEffect(() => {
    if (root.current) root.current.scrollTop = 0;
    setTip(undefined);
    setCopied(undefined);
  }, [entity.id, expanded, tab]);

  // Expanding from a button of the preview removes that button: focus goes on to the selected tab rather than
  // dropping out of the card to the top of the page.
  const focusTabOnExpand = useRef(false);
  const expandFromPreview = (to: CardTab) => {
    const card = root.current;
    const active = card && (card.getRootNode() as Document | ShadowRoot).activeElement;
    focusTabOnExpand.current = Boolean(active && active !== card && card.contains(active));
    props.onExpand(to);
  };
  useLayoutEffect(() => {
    if (!expanded || !focusTabOnExpand.current) return;
    focusTabOnExpand.current = false;
    root.current?.querySelector<HTMLElement>('.ic-tab[aria-selected="true"]')?.focus();
  }, [expanded]);

  const showTip: ShowTip = (next, from) => {
    const host = root.current;
    if (!host) return;
    const box = host.getBoundingClientRect();
    const at = from.getBoundingClientRect();
    // Below the number, or above it when the number sits in the lower half of what is visible.
    const upwards = at.top - box.top > box.height / 2;
    const top = (upwards ? at.top - box.top - 4 : at.bottom - box.top + 4) + host.scrollTop;
    setTip({ ...next, top, upwards });
  };
  const hideTip = () => setTip(undefined);
  const numbered = (id: string) => reading.sources.find((s) => s.id === id);
  const cite = (owner: string, evidence: Fact['evidence']) => (
    <Citations
      owner={owner}
      evidence={evidence}
      numbered={numbered}
      tipKey={tip?.key}
      onShow={showTip}
      onHide={hideTip}
    />
  );

  const titleId = `ic-title-${entity.id}`;
  return (
    <section
      ref={root}
      class={expanded ? 'ic-card ic-expanded' : 'ic-card ic-preview'}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-focus-ring={props.focusRing ? '' : undefined}
      data-entity-id={entity.id}
      data-origin={card.origin}
      data-view={expanded ? 'expanded' : 'preview'}
      onWheel={(event) => {
        // overscroll-behavior: contain (entityCard.css) should be enough; Firefox still hands a wheel at the
        // card's end on to the page, so a turn that cannot scroll the card goes nowhere.
        const el = event.currentTarget as HTMLElement;
        if (el.scrollHeight <= el.clientHeight) return;
        const atTop = event.deltaY < 0 && el.scrollTop <= 0;
        const atEnd = event.deltaY > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
        if (atTop || atEnd) event.preventDefault();
      }}
      onKeyDown={(event) => {
        // Enter on the card itself (not on one of its buttons) opens the full card.
        if (event.key === 'Enter' && (event.target as Element).classList.contains('ic-card') && !expanded) {
          event.preventDefault();
          props.onExpand('facts');
        }
      }}
    >
      <header class="ic-head">
        {expanded && props.backTo && (
          <button type="button" class="ic-back" onClick={props.onBack}>
            ← {props.backTo}
          </button>
        )}
        <div class="ic-title-row">
          <div>
            <h2 id={titleId} class="ic-name">
              {entity.name}
            </h2>
            <p class="ic-kind">{KIND_LABEL[entity.kind] ?? entity.kind}</p>
          </div>
          <button type="button" class="ic-close" aria-label="Close card" onClick={props.onClose}>
            ×
          </button>
        </div>
        {expanded && <Tabs card={card} reading={reading} tab={tab} onTab={props.onExpand} />}
      </header>

      {expanded ? (
        <div class="ic-panel" role="tabpanel" id={`ic-panel-${tab}`} aria-labelledby={`ic-tab-${tab}`}>
          {tab === 'facts' && (
            <FactsPanel
              card={card}
              reading={reading}
              cite={cite}
              copied={copied}
              onCopy={(fact) => {
                const text = citationText(fact, reading, sourceLabel);
                // Called from the reader's click, so the page's clipboard permission is not needed.
                void navigator.clipboard
                  .writeText(text)
                  .then(
                    () => true,
                    () => false,
                  )
                  .then((ok) => setCopied({ factId: fact.id, text, ok }));
              }}
            />
          )}
          {tab === 'timeline' && <TimelinePanel card={card} cite={cite} />}
          {tab === 'differ' && <DisputesPanel card={card} reading={reading} cite={cite} />}
          {tab === 'sources' && <SourceList sources={reading.sources} />}
          {tab === 'related' && <RelatedPanel card={card} onSelect={props.onSelectRelated} />}
          <p class="ic-search-row">
            <button type="button" class="ic-search-link" onClick={() => props.onOpenSearch(entity.id)}>
              Search all facts about {entity.name}
            </button>
          </p>
        </div>
      ) : (
        <Preview card={card} reading={reading} cite={cite} onExpand={expandFromPreview} />
      )}
      {tip && <QuoteTipBox tip={tip} />}
    </section>
  );
}

type Cite = (owner: string, evidence: Fact['evidence']) => preact.JSX.Element;

function WeakSourceNote({ reading }: { reading: CardReading }) {
  const weak = reading.soleWeakSource;
  if (!weak) return null;
  return (
    <p class="ic-weak">
      Everything here rests on one second-hand source: [{weak.n}] {nameOf(weak)}.
    </p>
  );
}

function Preview({
  card,
  reading,
  cite,
  onExpand,
}: {
  card: CardData;
  reading: CardReading;
  cite: Cite;
  onExpand: (tab: CardTab) => void;
}) {
  const links: [CardTab | 'open', string][] = [
    ...(card.events.length > 0 ? [['timeline', 'Timeline'] as [CardTab, string]] : []),
    ['sources', 'Sources'],
    ...(Object.keys(card.relatedNames).length > 0 ? [['related', 'Related'] as [CardTab, string]] : []),
    ['open', 'Open full'],
  ];
  const footer = useRovingTabStop(links.length);
  return (
    <>
      <p class="ic-role">{reading.role}</p>
      {reading.keyFacts.length > 0 && (
        <ul class="ic-key-facts" aria-label="Key facts">
          {reading.keyFacts.map((fact) => (
            <li key={fact.id} data-fact-id={fact.id}>
              {clipAtWord(fact.statement, PREVIEW_FACT_CHARS)}
              {cite(fact.id, fact.evidence)}
            </li>
          ))}
        </ul>
      )}
      {reading.disputedPoints > 0 && (
        <button type="button" class="ic-differ-pill" onClick={() => onExpand('differ')}>
          Sources differ on {reading.disputedPoints} {reading.disputedPoints === 1 ? 'point' : 'points'}
        </button>
      )}
      <WeakSourceNote reading={reading} />
      <nav class="ic-foot" aria-label="More about this" onKeyDown={footer.onKeyDown}>
        {links.map(([to, label], i) => (
          <Fragment key={to}>
            {i > 0 && <span aria-hidden="true"> · </span>}
            <button
              type="button"
              {...footer.item(i)}
              onFocus={() => footer.focused(i)}
              class={to === 'open' ? 'ic-link ic-open-full' : 'ic-link'}
              data-to={to}
              onClick={() => onExpand(to === 'open' ? 'facts' : to)}
            >
              {label}
            </button>
          </Fragment>
        ))}
      </nav>
    </>
  );
}

function Tabs({
  card,
  reading,
  tab,
  onTab,
}: {
  card: CardData;
  reading: CardReading;
  tab: CardTab;
  onTab: (tab: CardTab) => void;
}) {
  const counts: Record<CardTab, number> = {
    facts: card.facts.length,
    timeline: card.events.length,
    differ: card.conflicts.length,
    sources: reading.sources.length,
    related: Object.keys(card.relatedNames).length,
  };
  const tabs = (Object.keys(TAB_LABEL) as CardTab[]).filter((t) => counts[t] > 0 || t === 'facts');
  // The selected tab is the tab stop; the arrows select as they move (the panels are cheap to show).
  const roving = useRovingTabStop(tabs.length, Math.max(0, tabs.indexOf(tab)));
  return (
    <div class="ic-tabs" role="tablist" aria-label="Parts of the card" onKeyDown={roving.onKeyDown}>
      {tabs.map((t, i) => (
        <button
          type="button"
          role="tab"
          key={t}
          {...roving.item(i)}
          onFocus={() => {
            roving.focused(i);
            if (t !== tab) onTab(t);
          }}
          id={`ic-tab-${t}`}
          class="ic-tab"
          data-tab={t}
          aria-selected={t === tab}
          aria-controls={`ic-panel-${t}`}
          onClick={() => onTab(t)}
        >
          {TAB_LABEL[t]} <span class="ic-count">{counts[t]}</span>
        </button>
      ))}
    </div>
  );
}

function FactsPanel({
  card,
  reading,
  cite,
  copied,
  onCopy,
}: {
  card: CardData;
  reading: CardReading;
  cite: Cite;
  copied: Copied | undefined;
  onCopy: (fact: Fact) => void;
}) {
  return (
    <>
      <p class="ic-description">{card.entity.description}</p>
      <WeakSourceNote reading={reading} />
      <ol class="ic-facts">
        {reading.facts.map((fact) => (
          <li key={fact.id} data-fact-id={fact.id}>
            <p>
              {fact.statement}
              {cite(fact.id, fact.evidence)}
            </p>
            {fact.attribution && <p class="ic-attribution">{fact.attribution}</p>}
            <button type="button" class="ic-copy" aria-label="Copy with citation" onClick={() => onCopy(fact)}>
              Copy with citation
            </button>
            {copied?.factId === fact.id && <CopyNotice copied={copied} />}
          </li>
        ))}
      </ol>
    </>
  );
}

/** What was copied, so a reader sees the citation they are about to paste; if copying failed, the text to copy by hand. */
function CopyNotice({ copied }: { copied: Copied }) {
  return (
    <div class="ic-copied" role="status">
      <p>{copied.ok ? 'Copied with its sources:' : 'Copying was blocked. Select the text and copy it:'}</p>
      {copied.ok ? (
        <pre class="ic-citation">{copied.text}</pre>
      ) : (
        <textarea class="ic-citation" readOnly rows={5} aria-label="Citation text" value={copied.text} />
      )}
    </div>
  );
}

function TimelinePanel({ card, cite }: { card: CardData; cite: Cite }) {
  return (
    <ol class="ic-timeline">
      {card.events.map((event) => (
        <li key={event.id}>
          <span class="ic-date">{formatPartialDate(event.date, Boolean(event.inferred))}</span>
          <span class="ic-label">
            {event.label}
            {cite(event.id, event.evidence)}
          </span>
          {event.inferred && (
            <details class="ic-inferred">
              <summary>How this date was worked out</summary>
              <p>{event.inferred}</p>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Each disagreement, each position led by its source (number, label, kind), then what that source says. */
function DisputesPanel({ card, reading, cite }: { card: CardData; reading: CardReading; cite: Cite }) {
  return (
    <ul class="ic-conflicts">
      {card.conflicts.map((conflict) => (
        <li key={conflict.id} data-conflict-type={conflictType(conflict)}>
          <p class="ic-conflict-type">{CONFLICT_TYPE_LABEL[conflictType(conflict)]}</p>
          <p class="ic-topic">{conflict.topic}</p>
          <ul>
            {conflict.positions.map((p, i) => {
              const source = reading.sources.find((s) => s.id === p.source);
              return (
                <li key={`${p.source}:${i}`} class="ic-position">
                  <span class="ic-position-source">
                    {source ? nameOf(source) : p.source} <SourceKindTag source={source?.source} />
                    {cite(`${conflict.id}:${i}`, [{ source: p.source, quote: p.quote }])}
                  </span>
                  <span class="ic-position-says">{p.says}</span>
                </li>
              );
            })}
          </ul>
          {conflict.note && <p class="ic-note">{conflict.note}</p>}
        </li>
      ))}
    </ul>
  );
}

function RelatedPanel({ card, onSelect }: { card: CardData; onSelect: (entityId: string) => void }) {
  const related = Object.entries(card.relatedNames);
  const roving = useRovingTabStop(related.length);
  return (
    <ul class="ic-related" onKeyDown={roving.onKeyDown}>
      {related.map(([id, name], i) => (
        <li key={id}>
          <button
            type="button"
            class="ic-link"
            data-related-id={id}
            {...roving.item(i)}
            onFocus={() => roving.focused(i)}
            onClick={() => onSelect(id)}
          >
            {name}
          </button>
        </li>
      ))}
    </ul>
  );
}
