import { autoUpdate, computePosition, flip, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { EntityCard, type CardTab } from '../../components/EntityCard';
import type { EntityCard as CardData } from '../core/cards';

/** The preview never scrolls at 100 % zoom: its content is chosen to fit this (see components/EntityCard.tsx). */
const PREVIEW_MAX_PX = 320;
const EXPANDED_MAX_PX = 560;

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

  // Before paint: the first frame the reader sees already has the card in place.
  useLayoutEffect(() => {
    const floating = layer.current;
    if (!floating) return;
    const update = () => {
      const rect = anchor.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > window.innerHeight || rect.right < 0 || rect.left > window.innerWidth) {
        onClose();
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
        if (floating.style.visibility !== 'visible') {
          floating.style.visibility = 'visible';
          props.onShown?.();
        }
      });
    };
    return autoUpdate(anchor, floating, update, { animationFrame: false });
  }, [anchor, onClose, props.expanded]);

  useEffect(() => {
    if (props.takeFocus) layer.current?.querySelector<HTMLElement>('.ic-card')?.focus();
  }, [props.takeFocus, props.card.entity.id]);

  return (
    <div
      ref={layer}
      class="ic-layer"
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
