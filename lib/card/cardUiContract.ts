/**
 * The hover card's UI (Preact, Floating UI, WXT's shadow-root UI) is not part of the content script that
 * runs on every page. The background injects it (entrypoints/card-ui) into the same isolated world only
 * on pages that have mentions, right after the scan; it announces itself on a global the content script
 * reads. This file is the contract between the two, types and the key only.
 */
import type { EntityCard } from '../core/cards';
import type { Mention } from '../page/mentionEngine';
import type { PageLifetime } from '../page/pageLifetime';

export const CARD_UI_GLOBAL = '__incontextCardUi';

export interface CardHostDeps {
  cardFor(entityId: string): EntityCard | undefined;
  loadCard(entityId: string): Promise<EntityCard | undefined>;
  openSearch(entityId: string): void;
  setActive(mention: Mention | undefined): void;
  /** A mention of `entityId` on the page, if any: a related card switched to makes its mark the active one. */
  mentionOf?(entityId: string): Mention | undefined;
  hoverDelayMs(): number;
}

export interface CardHostApi {
  readonly openEntityId: string | undefined;
  /** Per open (latest 50): ms from the end of hover intent to the card in place, and to the next frame. */
  readonly openTimings: readonly { inPlaceMs: number; paintedMs: number }[];
  /** The pointer (`pointerType`, as in PointerEvent; 'mouse' if not given) is over `mention` now, or over none. */
  hover(mention: Mention | undefined, pointerType?: string): void;
  /** Opens the card for a mention; `focus` when opened from the keyboard. */
  open(mention: Mention, focus: boolean): Promise<void>;
  close(): void;
  dispose(): void;
}

export interface CardUiModule {
  createCardHost(lifetime: PageLifetime, deps: CardHostDeps): CardHostApi;
}

type WithCardUi = typeof globalThis & { [CARD_UI_GLOBAL]?: CardUiModule };

export function installedCardUi(): CardUiModule | undefined {
  return (globalThis as WithCardUi)[CARD_UI_GLOBAL];
}

export function installCardUi(module: CardUiModule): void {
  (globalThis as WithCardUi)[CARD_UI_GLOBAL] = module;
}
