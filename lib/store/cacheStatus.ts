/**
 * What the options page shows about the dossier cache. A type module of its own, without Dexie, so that the message
 * protocol (lib/core/messages.ts) can name the reply without pulling the store into the core.
 */
import type { CacheOrigin } from '../core/cards';

export interface CacheStatus {
  origin: CacheOrigin;
  /** Why IndexedDB is not used, when origin is `memory`. */
  reason?: string;
  dossierHash: string;
  counts: { entities: number; facts: number; events: number; conflicts: number; sources: number };
}
