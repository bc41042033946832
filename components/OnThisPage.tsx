import { countByEntity } from '../lib/core/mentionCounts';
import type { MentionItem } from '../lib/core/messages';

export function OnThisPage({
  mentions,
  onChoose,
}: {
  mentions: readonly MentionItem[];
  onChoose: (entityId: string) => void;
}) {
  const counts = countByEntity(mentions);
  if (counts.length === 0) return <p class="muted">Nothing from the dossier is mentioned on this page.</p>;
  return (
    <ul class="on-page" aria-label="Mentioned on this page">
      {counts.map((c) => (
        <li key={c.entityId}>
          <button type="button" class="on-page-item" data-entity-id={c.entityId} onClick={() => onChoose(c.entityId)}>
            <span class="on-page-name">{c.name}</span>
            <span class="on-page-count" aria-label={`${c.count} mention${c.count === 1 ? '' : 's'}`}>
              {c.count}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
