import { useState } from 'preact/hooks';
import { countByEntity } from '../lib/core/mentionCounts';
import type { MentionItem } from '../lib/core/messages';

/** How many entities show before "N more": one or two rows, so the search results stay in the popup's first view. */
const SHOWN_AT_FIRST = 5;

export function OnThisPage({
  mentions,
  onChoose,
}: {
  mentions: readonly MentionItem[];
  onChoose: (entityId: string) => void;
}) {
  const [all, setAll] = useState(false);
  const counts = countByEntity(mentions);
  if (counts.length === 0) return <p class="muted">Nothing from the dossier is mentioned on this page.</p>;
  // The most mentioned first: they are what the page is about.
  const ranked = [...counts].sort((a, b) => b.count - a.count);
  const hidden = all ? 0 : Math.max(0, ranked.length - SHOWN_AT_FIRST);
  return (
    <ul class="on-page" id="on-page-list" aria-label="Mentioned on this page">
      {ranked.map((c, i) => (
        // The rest stay in the list, hidden, so the list is complete for whoever reads the DOM (and for tests).
        <li key={c.entityId} hidden={i >= ranked.length - hidden}>
          <button type="button" class="on-page-item" data-entity-id={c.entityId} onClick={() => onChoose(c.entityId)}>
            <span class="on-page-name">{c.name}</span>
            <span class="on-page-count" aria-label={`${c.count} mention${c.count === 1 ? '' : 's'}`}>
              {c.count}
            </span>
          </button>
        </li>
      ))}
      {ranked.length > SHOWN_AT_FIRST && (
        <li>
          <button
            type="button"
            class="on-page-more"
            aria-expanded={all}
            aria-controls="on-page-list"
            onClick={() => setAll((a) => !a)}
          >
            {all ? 'Fewer' : `${hidden} more`}
          </button>
        </li>
      )}
    </ul>
  );
}
