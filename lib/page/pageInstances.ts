import type { TabRequest } from '../core/messages';

/**
 * The page script's two stages mark their running instance on a global of the extension's own world (the page's
 * script cannot see it): a second copy injected into the same document (the manifest and the background's injection
 * after an update can both land on a loading tab) finds the first and stops, and an orphan of an older version
 * (Chromium keeps it running in the same world) makes way.
 */
export interface PageInstance {
  /** Orphaned (the extension went away under it) or ended. */
  readonly isInvalid: boolean;
  end(): void;
}

/** The first stage, lib/page/engineGate.ts. */
export const GATE_INSTANCE = Symbol.for('incontext.engine-gate');
/** The engine's lifetime (lib/page/pageLifetime.ts), from the moment it answers tab messages. */
export const ENGINE_INSTANCE = Symbol.for('incontext.page-lifetime');

/**
 * The engine's answer to a tab request (lib/page/pageStart.ts): for a request the first stage received after it asked
 * for the engine and before the engine listened, which the engine's own listener never saw.
 */
export const ENGINE_ANSWER = Symbol.for('incontext.engine-answer');

export type PageWorld = typeof globalThis & {
  [GATE_INSTANCE]?: PageInstance;
  [ENGINE_INSTANCE]?: PageInstance;
  [ENGINE_ANSWER]?: (request: TabRequest) => Promise<unknown>;
};

export const pageWorld = globalThis as PageWorld;
