import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { EntityCard, type CardTab } from '../../components/EntityCard';
import type { EntityCard as CardData } from '../core/cards';

/** The preview never scrolls at 100 % zoom: its content is chosen to fit this (see components/EntityCard.tsx). */
const PREVIEW_MAX_PX = 320;
const EXPANDED_MAX_PX = 560;

/**
 * Where the card is a bottom sheet (entityCard.css, `.ic-sheet`) instead of a popover beside the text: on devices
 * whose main pointer cannot hover (a phone, a tablet: a popover there covers the text the finger just left) and in
 * viewports too narrow for a 400 px card beside anything.
 */
export const SHEET_MEDIA = '(hover: none), (max-width: 559.98px)';

/** Whether the card is a sheet now; follows rotation and resizing. */
function useSheet(): boolean {
  const [query] = useState(() => window.matchMedia(SHEET_MEDIA));
  const [sheet, setSheet] = useState(query.matches);
  useEffect(() => {
    const changed = () => setSheet(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, [query]);
  return sheet;
}

export interface CardPopoverProps {
  card: CardData;
  /** The hovered text, as a virtual element Floating UI can measure; contextElement gives it scroll parents. */
  anchor: VirtualElement;
  dark: boolean;
  /** Opened from the keyboard: take focus so the card is operable without a mouse. */
  takeFocus: boolean;
  expanded: boolean;
  tab: CardTab;
  backTo: string | undefined;
  onExpand: (tab: CardTab) => void;
  onBack: () => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  onClose: () => void;
  onSelectRelated: (entityId: string) => void;
  onOpenSearch: (entityId: string) => void;
  /** Called once the card is in place and visible (the first time for each card shown). */
  onShown?: () => void;
}

/**
 * Positions the card beside the hovered text with Floating UI (flip + shift keep it on screen, and
 * `autoUpdate` follows scrolling and resizing), and closes it when its text scrolls out of view.
 */
export function CardPopover(props: CardPopoverProps) {
  const layer = useRef<HTMLDivElement>(null);
  const { anchor, onClose } = props;
  const sheet = useSheet();

  // Before paint: the first frame the reader sees already has the card in place.
  useLayoutEffect(() => {
    const floating = layer.current;
    if (!floating) return;
    const show = () => {
      if (floating.style.visibility === 'visible') return;
      floating.style.visibility = 'visible';
      props.onShown?.();
    };
    const update = () => {
      const rect = anchor.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > window.innerHeight || rect.right < 0 || rect.left > window.innerWidth) {
        onClose();
        return;
      }
      if (sheet) {
        // Docked by CSS: no place to compute, and the sheet's own height cap (60vh) replaces the popover's.
        floating.style.transform = '';
        floating.querySelector<HTMLElement>('.ic-card')?.style.removeProperty('max-height');
        show();
        return;
      }
      void computePosition(anchor, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply({ availableHeight, elements }) {
              // The expanded card scrolls inside itself, so the cap goes on the card, not on the positioned layer.
              // The preview is made to fit its cap at 100 % zoom; only a smaller window makes it scroll.
              const card = elements.floating.querySelector<HTMLElement>('.ic-card');
              const cap = card?.dataset.view === 'expanded' ? EXPANDED_MAX_PX : PREVIEW_MAX_PX;
              if (card) card.style.maxHeight = `${Math.max(120, Math.floor(Math.min(cap, availableHeight)))}px`;
            },
          }),
        ],
      }).then(({ x, y }) => {
        floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
        show();
      });
    };
    return autoUpdate(anchor, floating, update, { animationFrame: false });
  }, [anchor, onClose, props.expanded, sheet]);

  useEffect(() => {
    if (props.takeFocus) layer.current?.querySelector<HTMLElement>('.ic-card')?.focus();
  }, [props.takeFocus, props.card.entity.id]);

  return (
    <div
      ref={layer}
      class={sheet ? 'ic-layer ic-sheet' : 'ic-layer'}
      style={{ visibility: 'hidden' }}
      onPointerEnter={props.onPointerEnter}
      onPointerLeave={props.onPointerLeave}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div class={props.dark ? 'ic-theme ic-dark' : 'ic-theme ic-light'}>
        <EntityCard
          card={props.card}
          expanded={props.expanded}
          tab={props.tab}
          focusRing={props.takeFocus}
          backTo={props.backTo}
          onExpand={props.onExpand}
          onBack={props.onBack}
          onClose={onClose}
          onSelectRelated={props.onSelectRelated}
          onOpenSearch={props.onOpenSearch}
        />
      </div>
    </div>
  );
}
