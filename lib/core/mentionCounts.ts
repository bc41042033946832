import type { MentionItem } from './messages';

export interface EntityCount {
  entityId: string;
  name: string;
  count: number;
}

/** Groups the mentions contract's items by entity, keeping the order of first appearance. */
export function countByEntity(mentions: readonly MentionItem[]): EntityCount[] {
  const counts = new Map<string, EntityCount>();
  for (const m of mentions) {
    const entry = counts.get(m.entityId);
    if (entry) entry.count++;
    else counts.set(m.entityId, { entityId: m.entityId, name: m.name, count: 1 });
  }
  return [...counts.values()];
}
