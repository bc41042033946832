/**
 * How a source and a disagreement are named to a reader. Pure: the card, the popup and the options page all say
 * the same thing. Version-1 dossiers (no `label`, `dateBasis` or conflict `type`) get the same wording from the
 * older fields.
 */
import type { Conflict, ConflictType, Source } from '../../data/schema';
import { formatPartialDate } from './partialDate';

/** What kind of document it is, as a short cue beside its name: a rewrite or a forum post reads differently. */
export const SOURCE_KIND_LABEL: Record<Source['kind'], string> = {
  'news-report': 'Original report',
  'agency-copy': 'Agency copy',
  rewrite: 'Anonymous rewrite',
  translation: 'Translation',
  'forum-post': 'Forum post',
};

export function sourceLabel(source: Source): string {
  if (source.label) return source.label;
  return `${source.outlet} (${source.date === 'undated' ? 'undated' : formatPartialDate(source.date)})`;
}

/** How the source's date is known, in a sentence for a reader; undefined when it is simply stated. */
export function sourceDateNote(source: Source): string | undefined {
  const basis = source.dateBasis ?? (source.date === 'undated' ? 'unknown' : 'stated');
  if (basis === 'stated') return undefined;
  if (source.dateNote) return source.dateNote;
  return basis === 'unknown' ? 'The document is undated.' : undefined;
}

export function conflictType(conflict: Conflict): ConflictType {
  return conflict.type ?? 'sources-differ';
}

/** The heading a disagreement is listed under. */
export const CONFLICT_TYPE_LABEL: Record<ConflictType, string> = {
  'sources-differ': 'Sources differ',
  'single-source': 'Claimed by one source only',
  'self-contradiction': 'A source contradicts itself',
};
