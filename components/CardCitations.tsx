import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Evidence, Source } from '../data/schema';
import type { NumberedSource } from '../lib/core/cards';
import { groupEvidence } from '../lib/core/evidenceGroups';
import { SOURCE_KIND_LABEL, sourceDateNote, sourceLabel } from '../lib/core/sourceLabels';
import { useRovingTabStop } from '../lib/card/rovingTabStop';

/** What the quote tip shows: one source's verbatim words and how far to trust it, placed by the number it explains. */
export interface QuoteTip {
  /** The superscript it belongs to (one tip at a time per card). */
  key: string;
  numbered: NumberedSource;
  quotes: readonly string[];
  /** Offset from the top of the card's content, and whether it opens upwards (the number is low in the card). */
  top: number;
  upwards: boolean;
}

export type ShowTip = (tip: Omit<QuoteTip, 'top' | 'upwards'>, from: HTMLElement) => void;

export const nameOf = (s: NumberedSource) => (s.source ? sourceLabel(s.source) : s.id);

/** The source's kind as a short tag; second-hand kinds are styled apart (see entityCard.css). */
export function SourceKindTag({ source }: { source: Source | undefined }) {
  if (!source) return null;
  return <span class={`ic-kind-tag ic-kind-${source.kind}`}>{SOURCE_KIND_LABEL[source.kind]}</span>;
}

/**
 * Superscript numbers for the sources behind a statement, one per source. Hovering or focusing one shows its quote
 * and reliability note (the tip is drawn once, by the card); its accessible name says which source it is.
 * The numbers of one statement are one tab stop; the arrow keys move between them.
 */
export function Citations({
  owner,
  evidence,
  numbered,
  tipKey,
  onShow,
  onHide,
}: {
  /** The statement's id, so each number's tip has a key of its own. */
  owner: string;
  evidence: readonly Evidence[];
  numbered: (sourceId: string) => NumberedSource | undefined;
  tipKey: string | undefined;
  onShow: ShowTip;
  onHide: () => void;
}) {
  const groups = groupEvidence(evidence)
    .map((g) => ({ ...g, numbered: numbered(g.source) }))
    .filter((g): g is typeof g & { numbered: NumberedSource } => g.numbered !== undefined)
    .sort((a, b) => a.numbered.n - b.numbered.n);
  const roving = useRovingTabStop(groups.length);
  return (
    <sup class="ic-cites" onKeyDown={roving.onKeyDown}>
      {groups.map((g, i) => {
        const key = `${owner}:${g.source}`;
        const show = (event: Event) =>
          onShow({ key, numbered: g.numbered, quotes: g.quotes }, event.currentTarget as HTMLElement);
        return (
          <button
            type="button"
            key={g.source}
            {...roving.item(i)}
            class={`ic-cite ic-cite-${g.numbered.source?.kind ?? 'unknown'}`}
            data-source-n={g.numbered.n}
            aria-label={`Source ${g.numbered.n}: ${nameOf(g.numbered)}`}
            aria-describedby={tipKey === key ? 'ic-quote-tip' : undefined}
            aria-expanded={tipKey === key}
            onMouseEnter={show}
            onFocus={(event) => {
              roving.focused(i);
              show(event);
            }}
            onClick={show}
            onMouseLeave={onHide}
            onBlur={onHide}
          >
            [{g.numbered.n}]
          </button>
        );
      })}
    </sup>
  );
}

/** The quote and reliability note of one cited source, drawn over the card beside its number. */
export function QuoteTipBox({ tip }: { tip: QuoteTip }) {
  const { numbered } = tip;
  const dateNote = numbered.source && sourceDateNote(numbered.source);
  const box = useRef<HTMLDivElement>(null);
  // Kept inside what the card shows: the preview does not scroll, so a tip past its edge could not be read.
  useLayoutEffect(() => {
    const el = box.current;
    const card = el?.offsetParent as HTMLElement | null;
    if (!el || !card) return;
    const height = el.offsetHeight;
    const wanted = tip.upwards ? tip.top - height : tip.top;
    const lowest = card.scrollTop + card.clientHeight - height - 4;
    el.style.top = `${Math.max(card.scrollTop + 4, Math.min(wanted, lowest))}px`;
  }, [tip]);
  return (
    <div
      ref={box}
      id="ic-quote-tip"
      role="tooltip"
      class="ic-tip"
      style={{ top: `${tip.top}px` }}
      data-source-n={numbered.n}
    >
      <p class="ic-tip-head">
        [{numbered.n}] {nameOf(numbered)} <SourceKindTag source={numbered.source} />
      </p>
      {tip.quotes.map((quote) => (
        <blockquote key={quote}>“{quote}”</blockquote>
      ))}
      {dateNote && <p class="ic-tip-note">{dateNote}</p>}
      {numbered.source && <p class="ic-tip-note">{numbered.source.reliability}</p>}
    </div>
  );
}

/** The card's sources, each once, by number: label, kind, reliability, how its date is known, and the document. */
export function SourceList({ sources }: { sources: readonly NumberedSource[] }) {
  return (
    <ol class="ic-source-list">
      {sources.map((s) => {
        const dateNote = s.source && sourceDateNote(s.source);
        return (
          <li key={s.id} data-source-id={s.id} data-source-kind={s.source?.kind}>
            <p class="ic-source-name">
              <span class="ic-source-n">[{s.n}]</span> {nameOf(s)} <SourceKindTag source={s.source} />
            </p>
            {s.source && <p class="ic-source-note">{s.source.reliability}</p>}
            {dateNote && <p class="ic-source-note">{dateNote}</p>}
            {s.source && (
              <details class="ic-document">
                <summary>Show the document</summary>
                <p>
                  {s.source.title} <span class="ic-file">({s.source.file})</span>
                </p>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
