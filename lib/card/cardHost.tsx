/**
 * Mounts the hover card (Preact, inside a closed shadow root: ./cardShadowHost.ts). It opens as a preview with hover
 * intent (./hoverIntent.ts) and expands, pinned, on a click on its mention or from the card itself; it closes on
 * Escape, on a click outside, or when the text scrolls away. Touch and pen have no hover to open on and no pointer
 * to leave with: a tap on a mention opens its preview pinned (a second tap expands it), and only ×, a tap outside
 * or the text scrolling away close it. The host element exists only while a card is open, so
 * the page's DOM is untouched the rest of the time.
 */
import type { VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import cardCss from '../../components/entityCard.css?inline';
import type { EntityCard } from '../core/cards';
import { liveRange, rectContains } from '../page/hoverTracker';
import type { Mention } from '../page/mentionEngine';
import type { PageLifetime } from '../page/pageLifetime';
import type { CardTab } from '../../components/EntityCard';
import { CardPopover, SHEET_MEDIA } from './CardPopover';
import { schemeBehind } from './cardScheme';
import { CardShadowHost, isCardHost } from './cardShadowHost';
import type { CardHostApi, CardHostDeps } from './cardUiContract';
import { CLOSE_GRACE_MS, HoverIntent } from './hoverIntent';

/**
 * A bottom sheet opened by a mouse hover (a narrow window) is far from the text: the way down to it takes longer than
 * the gap to a popover beside the text.
 */
const SHEET_CLOSE_GRACE_MS = 1000;

/** Whether the card over this mark should be dark: from what is behind the mark now (./cardScheme.ts). */
function darkBehind(mention: Mention): boolean {
  return schemeBehind(mention.startNode.parentElement ?? document.documentElement) === 'dark';
}

function anchorFor(mention: Mention): VirtualElement {
  const rects = () => liveRange(mention)?.getClientRects() ?? ([] as unknown as DOMRectList);
  return {
    getBoundingClientRect: () => {
      // The first line's box: a mention wrapped over two lines anchors to where it starts.
      const first = rects()[0];
      return first ?? new DOMRect(0, -1e4, 0, 0);
    },
    getClientRects: rects,
    contextElement: mention.startNode.parentElement ?? undefined,
  };
}

export class CardHost implements CardHostApi {
  private ui: CardShadowHost | undefined;
  private openMention: Mention | undefined;
  private openCard: EntityCard | undefined;
  private anchor: VirtualElement | undefined;
  private readonly intent: HoverIntent<Mention>;
  private returnFocus: HTMLElement | undefined;
  private takeFocus = false;
  private dark = false;
  private expanded = false;
  private tab: CardTab = 'facts';
  /** Cards switched away from (related entities), most recent last: the way back. */
  private history: EntityCard[] = [];
  /** The `pointerType` of the reader's latest press: whether the click that follows is a tap. */
  private pressedWith = 'mouse';

  constructor(
    private readonly lifetime: PageLifetime,
    private readonly deps: CardHostDeps,
  ) {
    this.intent = new HoverIntent(
      lifetime,
      () => deps.hoverDelayMs(),
      {
        openTarget: () => this.openMention,
        open: (mention) => void this.open(mention, false).catch(() => this.close()),
        close: () => this.close(),
      },
      () => (window.matchMedia(SHEET_MEDIA).matches ? SHEET_CLOSE_GRACE_MS : CLOSE_GRACE_MS),
    );
    // Listening from the start (the card UI is only loaded on pages with mentions): a button held down before the
    // pointer reaches a mention (a drag-selection) must keep its card from opening.
    document.addEventListener('pointerdown', this.onPointerDown, true);
    document.addEventListener('pointerup', this.onPointerUp, true);
    document.addEventListener('click', this.onClick, true);
    this.systemScheme.addEventListener('change', this.onSystemScheme);
    lifetime.onEnd(() => this.dispose());
  }

  get openEntityId(): string | undefined {
    return this.openCard?.entity.id;
  }

  /** The pointer is over `mention` now (or over no mention). */
  hover(mention: Mention | undefined, pointerType = 'mouse'): void {
    if (pointerType === 'touch') this.intent.touched(mention);
    else this.intent.hover(mention);
  }

  /**
   * Opens the card for a mention; `focus` when opened from the keyboard; `expanded` pinned, not the preview;
   * `pinned` a preview that only an explicit close ends (opened by a tap).
   */
  async open(mention: Mention, focus: boolean, expanded = false, pinned = false): Promise<void> {
    const started = performance.now();
    this.intent.keepOpen();
    const card = this.deps.cardFor(mention.entityId) ?? (await this.deps.loadCard(mention.entityId));
    if (!card || this.lifetime.isInvalid) return;
    if (focus && !this.openMention) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement ? active : undefined;
    }
    const stayExpanded = this.expanded && this.openMention === mention;
    if (this.openCard?.entity.id !== card.entity.id || expanded) this.history = [];
    this.openMention = mention;
    this.openCard = card;
    this.expanded = expanded || stayExpanded;
    if (expanded) this.tab = 'facts';
    if (this.expanded || pinned) this.intent.pin();
    else this.intent.unpin();
    this.anchor = anchorFor(mention);
    this.takeFocus = focus;
    // Per open: what is behind this mark now (a wrapper's background, a theme the site switched since).
    this.dark = darkBehind(mention);
    this.deps.setActive(mention);
    this.openStartedAt = started;
    this.render();
  }

  /**
   * For each open (latest 50): milliseconds from the end of hover intent to the card being in place and
   * visible (our work), and to the next animation frame (when it is painted; includes waiting for vsync).
   */
  readonly openTimings: { inPlaceMs: number; paintedMs: number }[] = [];
  private openStartedAt: number | undefined;

  private readonly onShown = () => {
    const started = this.openStartedAt;
    this.openStartedAt = undefined;
    if (started === undefined) return;
    const inPlaceMs = performance.now() - started;
    requestAnimationFrame(() => {
      this.openTimings.push({ inPlaceMs, paintedMs: performance.now() - started });
      if (this.openTimings.length > 50) this.openTimings.shift();
    });
  };

  /** Expands the open card (pinned until closed) on `tab`, or switches the expanded card's tab. */
  expand(tab: CardTab): void {
    if (!this.openCard) return;
    this.expanded = true;
    this.tab = tab;
    this.intent.pin();
    this.render();
  }

  /**
   * Switches the open card to another entity (related-entity buttons), keeping its place: the old card is kept for
   * the way back, and the new entity's mark on the page, if it has one, becomes the active one.
   */
  async switchTo(entityId: string): Promise<void> {
    const card = this.deps.cardFor(entityId) ?? (await this.deps.loadCard(entityId));
    if (!card || !this.openMention || !this.openCard) return;
    this.history.push(this.openCard);
    this.show(card);
  }

  /** Back to the card switched away from. */
  back(): void {
    const previous = this.history.pop();
    if (previous && this.openMention) this.show(previous);
  }

  private show(card: EntityCard): void {
    this.openCard = card;
    this.tab = 'facts';
    this.takeFocus = true;
    const mark = this.deps.mentionOf?.(card.entity.id);
    if (mark) this.deps.setActive(mark);
    this.render();
  }

  close(): void {
    this.intent.reset();
    if (!this.openMention) return;
    this.openMention = undefined;
    this.openCard = undefined;
    this.expanded = false;
    this.history = [];
    this.deps.setActive(undefined);
    document.removeEventListener('keydown', this.onKeyDown, true);
    if (this.ui) {
      render(null, this.ui.container);
      this.ui.remove();
    }
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (target?.isConnected) target.focus({ preventScroll: true });
  }

  dispose(): void {
    this.close();
    document.removeEventListener('pointerdown', this.onPointerDown, true);
    document.removeEventListener('pointerup', this.onPointerUp, true);
    document.removeEventListener('click', this.onClick, true);
    this.systemScheme.removeEventListener('change', this.onSystemScheme);
    this.ui = undefined;
  }

  /**
   * The OS (or the browser's site appearance setting) switched between light and dark: pages that follow it repaint,
   * so the open card decides again from what is now behind its mark.
   */
  private readonly systemScheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly onSystemScheme = () => {
    const mention = this.openMention;
    if (!mention) return;
    this.dark = darkBehind(mention);
    this.render();
  };

  private static inCard(event: Event): boolean {
    return event.composedPath().some((n) => n instanceof Node && isCardHost(n));
  }

  // Only the reader's own input opens, expands or closes the card: events dispatched by page script are not trusted.
  private readonly onPointerDown = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    this.pressedWith = event.pointerType;
    if (CardHost.inCard(event)) return;
    if (event.pointerType !== 'touch') this.intent.press();
    // A finger or pen going down may be the start of a scroll, not a tap: the tap outside closes on its click.
    if (this.isTap(event)) return;
    // A press on the open card's own mention is the start of a click that expands it, not a click outside.
    if (this.openMention && this.mentionUnder(event) !== this.openMention) this.close();
  };

  /** Whether a press or click is a touch or pen tap (a click from the keyboard has no pointer: `detail` 0). */
  private isTap(event: MouseEvent): boolean {
    return (event.type === 'pointerdown' || event.detail > 0) && this.pressedWith !== 'mouse';
  }

  /**
   * The hovered mention if the event happened on it: the hover tracker samples once a frame, so a click right after
   * the pointer jumped off a mention can come before it says so.
   */
  private mentionUnder(event: MouseEvent): Mention | undefined {
    const mention = this.intent.hovered;
    const rects = mention && liveRange(mention)?.getClientRects();
    return rects && rectContains(rects, event.clientX, event.clientY) ? mention : undefined;
  }

  private readonly onPointerUp = (event: PointerEvent) => {
    if (event.isTrusted && event.buttons === 0) this.intent.release();
  };

  /**
   * A click on a mention opens its card expanded, a tap its preview, pinned; a click or tap on the open card's
   * mention expands it; a tap elsewhere closes the card. A drag that selected text is not a click on a mention.
   */
  private readonly onClick = (event: MouseEvent) => {
    if (!event.isTrusted || event.button !== 0 || CardHost.inCard(event)) return;
    const tap = this.isTap(event);
    const mention = this.mentionUnder(event);
    if (!mention) {
      if (tap) this.close();
      return;
    }
    if (document.getSelection()?.isCollapsed === false) return;
    if (this.openMention === mention && this.openCard) this.expand('facts');
    else void this.open(mention, false, !tap, tap).catch(() => this.close());
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Escape') this.close();
  };

  private render(): void {
    if (!this.openMention || !this.openCard || !this.anchor || this.lifetime.isInvalid) return;
    const ui = (this.ui ??= new CardShadowHost(cardCss));
    ui.mount();
    document.addEventListener('keydown', this.onKeyDown, true);
    render(
      <CardPopover
        card={this.openCard}
        anchor={this.anchor}
        dark={this.dark}
        takeFocus={this.takeFocus}
        expanded={this.expanded}
        tab={this.tab}
        backTo={this.history.at(-1)?.entity.name}
        onExpand={this.expandFromCard}
        onBack={this.backFromCard}
        onPointerEnter={this.pointerEnteredCard}
        onPointerLeave={this.pointerLeftCard}
        onClose={this.closeFromCard}
        onSelectRelated={(id) => void this.switchTo(id).catch(() => undefined)}
        onOpenSearch={this.openSearch}
        onShown={this.onShown}
      />,
      ui.container,
    );
  }

  private readonly closeFromCard = () => this.close();
  private readonly expandFromCard = (tab: CardTab) => this.expand(tab);
  private readonly backFromCard = () => this.back();
  private readonly pointerEnteredCard = () => this.intent.pointerEnteredCard();
  private readonly pointerLeftCard = () => this.intent.pointerLeftCard();

  /**
   * Opens a tab, so it needs the reader's gesture: the card's own guard already drops script-dispatched clicks,
   * and transient user activation (which page script cannot grant itself) makes sure a click just happened.
   * The background also limits how often a tab may open this way.
   */
  private readonly openSearch = (entityId: string) => {
    const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
    if (activation && !activation.isActive) return;
    this.deps.openSearch(entityId);
  };
}
