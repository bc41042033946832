/**
 * When the card opens and closes under the pointer: it opens after the reader's hover delay on a mention, stays open
 * while the pointer is on the mention or on the card, and closes after a short grace period once it has left both,
 * so crossing the gap between the text and the card does not close it. While a mouse button is held (a
 * drag-selection, a click) nothing opens; a pinned (expanded) card ignores the pointer altogether.
 *
 * A finger has no hover: where a touch lands is only noted (`touched`), for the tap that opens the card (see
 * ./cardHost.tsx), and it neither opens nor closes anything by itself.
 */
import type { PageLifetime } from '../page/pageLifetime';

export const CLOSE_GRACE_MS = 300;

export interface HoverIntentTarget<T> {
  /** What the open card is for, if one is open. */
  openTarget(): T | undefined;
  /** Hover intent ended on `target`. */
  open(target: T): void;
  close(): void;
}

export class HoverIntent<T> {
  private intentTimer = 0;
  private closeTimer = 0;
  private pointerOnCard = false;
  private pressed = false;
  private pinned = false;
  /** What the pointer is over now, as last reported. */
  hovered: T | undefined;

  constructor(
    private readonly lifetime: PageLifetime,
    private readonly delayMs: () => number,
    private readonly card: HoverIntentTarget<T>,
    /** How long the pointer may be off both the text and the card before it closes. */
    private readonly graceMs: () => number = () => CLOSE_GRACE_MS,
  ) {}

  /** The pointer is over `target` now (or over none). */
  hover(target: T | undefined): void {
    this.hovered = target;
    clearTimeout(this.intentTimer);
    if (this.pinned) return;
    if (target && target === this.card.openTarget()) {
      clearTimeout(this.closeTimer);
      return;
    }
    if (target) {
      if (!this.pressed) this.intentTimer = this.lifetime.setTimeout(() => this.card.open(target), this.delayMs());
    } else if (this.card.openTarget() !== undefined && !this.pointerOnCard) {
      this.scheduleClose();
    }
  }

  /** A touch landed on `target` (or on no target): remembered for the tap that follows, nothing opens or closes. */
  touched(target: T | undefined): void {
    this.hovered = target;
    clearTimeout(this.intentTimer);
  }

  /** A mouse button went down: a selection may be starting, so a pending card does not open. */
  press(): void {
    this.pressed = true;
    clearTimeout(this.intentTimer);
  }

  /** All mouse buttons are up again; the pointer has to move onto a mention anew to open a card. */
  release(): void {
    this.pressed = false;
  }

  /** The card is pinned (expanded): only the reader's explicit close ends it, not where the pointer goes. */
  pin(): void {
    this.pinned = true;
    clearTimeout(this.intentTimer);
    clearTimeout(this.closeTimer);
  }

  unpin(): void {
    this.pinned = false;
  }

  /** A card is opening (by hover or from the keyboard): a close still pending is off. */
  keepOpen(): void {
    clearTimeout(this.closeTimer);
  }

  pointerEnteredCard(): void {
    this.pointerOnCard = true;
    clearTimeout(this.closeTimer);
  }

  pointerLeftCard(): void {
    this.pointerOnCard = false;
    if (!this.pinned) this.scheduleClose();
  }

  /** The card closed: nothing pending opens or closes it again, and the next card starts unpinned. */
  reset(): void {
    clearTimeout(this.intentTimer);
    clearTimeout(this.closeTimer);
    this.pointerOnCard = false;
    this.pinned = false;
  }

  private scheduleClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = this.lifetime.setTimeout(() => this.card.close(), this.graceMs());
  }
}
