/**
 * Mounts the hover card (Preact, inside WXT's shadow-root UI) and owns hover intent: open after the
 * configured delay, stay open while the pointer is on the text or the card, close after a short grace
 * period, on Escape, on a click outside, or when the text scrolls away. The host element exists only
 * while a card is open, so the page's DOM is untouched the rest of the time.
 */
import type { VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { CardPopover } from '../../components/CardPopover';
import cardCss from '../../components/entityCard.css?inline';
import type { EntityCard } from '../../lib/core/messages';
import type { CardHostApi, CardHostDeps } from '../../lib/page/cardUiContract';
import { liveRange } from '../../lib/page/hoverTracker';
import type { Mention } from '../../lib/page/mentionEngine';
import { pageLooksDark } from '../../lib/page/pageScheme';
import { OWN_UI_TAG } from '../../lib/page/textBlocks';

const CLOSE_GRACE_MS = 300;

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
  private ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  private mounting: Promise<ShadowRootContentScriptUi<HTMLElement>> | undefined;
  private openMention: Mention | undefined;
  private openCard: EntityCard | undefined;
  private anchor: VirtualElement | undefined;
  private intentTimer = 0;
  private closeTimer = 0;
  private pointerOnCard = false;
  private returnFocus: HTMLElement | undefined;
  private takeFocus = false;
  private dark: boolean | undefined;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly deps: CardHostDeps,
  ) {}

  get openEntityId(): string | undefined {
    return this.openCard?.entity.id;
  }

  /** The pointer is over `mention` now (or over no mention). */
  hover(mention: Mention | undefined): void {
    clearTimeout(this.intentTimer);
    if (mention && mention === this.openMention) {
      clearTimeout(this.closeTimer);
      return;
    }
    if (mention) {
      this.intentTimer = window.setTimeout(() => void this.open(mention, false).catch(() => this.close()), this.deps.hoverDelayMs());
    } else if (this.openMention && !this.pointerOnCard) {
      this.scheduleClose();
    }
  }

  /** Opens the card for a mention; `focus` when opened from the keyboard. */
  async open(mention: Mention, focus: boolean): Promise<void> {
    const started = performance.now();
    clearTimeout(this.closeTimer);
    const card = this.deps.cardFor(mention.entityId) ?? (await this.deps.loadCard(mention.entityId));
    if (!card || this.ctx.isInvalid) return;
    if (focus && !this.openMention) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement ? active : undefined;
    }
    this.openMention = mention;
    this.openCard = card;
    this.anchor = anchorFor(mention);
    this.takeFocus = focus;
    // Reading computed styles costs a style pass: once per page is enough.
    this.dark ??= pageLooksDark(document);
    this.deps.setActive(mention);
    this.openStartedAt = started;
    await this.render();
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

  /** Switches the open card to another entity (related-entity buttons), keeping its place. */
  async switchTo(entityId: string): Promise<void> {
    const card = this.deps.cardFor(entityId) ?? (await this.deps.loadCard(entityId));
    if (!card || !this.openMention) return;
    this.openCard = card;
    this.takeFocus = true;
    await this.render();
  }

  close(): void {
    clearTimeout(this.intentTimer);
    clearTimeout(this.closeTimer);
    if (!this.openMention) return;
    this.openMention = undefined;
    this.openCard = undefined;
    this.pointerOnCard = false;
    this.deps.setActive(undefined);
    document.removeEventListener('pointerdown', this.onPointerDown, true);
    document.removeEventListener('keydown', this.onKeyDown, true);
    if (this.ui) {
      render(null, this.ui.uiContainer);
      this.ui.remove();
    }
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (target?.isConnected) target.focus({ preventScroll: true });
  }

  dispose(): void {
    this.close();
    this.ui = undefined;
  }

  private scheduleClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = window.setTimeout(() => this.close(), CLOSE_GRACE_MS);
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    if (event.composedPath().some((n) => n instanceof Element && n.localName === OWN_UI_TAG)) return;
    this.close();
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') this.close();
  };

  private mountUi(): Promise<ShadowRootContentScriptUi<HTMLElement>> {
    this.mounting ??= createShadowRootUi(this.ctx, {
      name: OWN_UI_TAG,
      position: 'inline',
      anchor: () => document.documentElement,
      append: 'last',
      css: cardCss,
      // Open, so tests (and assistive tools) can reach the card; the page gains nothing it could not see on screen.
      mode: 'open',
      // Keys typed in the card (Escape, Tab, Enter) stay in the card instead of reaching page shortcuts.
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: (container) => container,
    });
    return this.mounting;
  }

  private async render(): Promise<void> {
    const ui = (this.ui = await this.mountUi());
    if (!this.openMention || !this.openCard || !this.anchor) return;
    if (!ui.shadowHost.isConnected) ui.mount();
    document.addEventListener('pointerdown', this.onPointerDown, true);
    document.addEventListener('keydown', this.onKeyDown, true);
    render(
      <CardPopover
        card={this.openCard}
        anchor={this.anchor}
        dark={this.dark ?? false}
        takeFocus={this.takeFocus}
        onPointerEnter={() => {
          this.pointerOnCard = true;
          clearTimeout(this.closeTimer);
        }}
        onPointerLeave={() => {
          this.pointerOnCard = false;
          this.scheduleClose();
        }}
        onClose={this.closeFromCard}
        onSelectRelated={(id) => void this.switchTo(id).catch(() => undefined)}
        onOpenSearch={this.deps.openSearch}
        onShown={this.onShown}
      />,
      ui.uiContainer,
    );
  }

  private readonly closeFromCard = () => this.close();
}
