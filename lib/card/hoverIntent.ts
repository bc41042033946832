/**
 * When the card opens and closes under the pointer: it opens after the reader's hover delay on a mention, stays open
 * while the pointer is on the mention or on the card, and closes after a short grace period once it has left both,
 * so crossing the gap between the text and the card does not close it.
 */
import type { PageLifetime } from '../page/pageLifetime';

const CLOSE_GRACE_MS = 300;

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

  constructor(
    private readonly lifetime: PageLifetime,
    private readonly delayMs: () => number,
    private readonly card: HoverIntentTarget<T>,
  ) {}

  /** The pointer is over `target` now (or over none). */
  hover(target: T | undefined): void {
    clearTimeout(this.intentTimer);
    if (target && target === this.card.openTarget()) {
      clearTimeout(this.closeTimer);
      return;
    }
    if (target) {
      this.intentTimer = this.lifetime.setTimeout(() => this.card.open(target), this.delayMs());
    } else if (this.card.openTarget() !== undefined && !this.pointerOnCard) {
      this.scheduleClose();
    }
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
    this.scheduleClose();
  }

  /** The card closed: nothing pending opens or closes it again. */
  reset(): void {
    clearTimeout(this.intentTimer);
    clearTimeout(this.closeTimer);
    this.pointerOnCard = false;
  }

  private scheduleClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = this.lifetime.setTimeout(() => this.card.close(), CLOSE_GRACE_MS);
  }
}
