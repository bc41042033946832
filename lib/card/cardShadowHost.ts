/**
 * The element the card lives in, made so that page script cannot read, rewrite or drive the card:
 * - a closed shadow root: `host.shadowRoot` is null for the page, so nothing it can query reveals the card's text;
 * - a tag name with a random part per instance, so a page cannot define that custom element first (it would
 *   receive our element and could block its shadow root);
 * - untrusted events (dispatched by script) are stopped at the root before any of the card's handlers run, and
 *   keys typed in the card do not bubble out to page shortcuts.
 * The host exists only while a card is open.
 */

/** Prefix of the host's tag name; the rest is random. */
export const CARD_HOST_PREFIX = 'xr-pop-';

export function isCardHost(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).localName.startsWith(CARD_HOST_PREFIX);
}

/**
 * Removes card hosts a previous instance left behind: in Firefox, a reloaded or disabled extension's scripts are
 * gone at once and cannot remove their own card. Hosts are appended to <html>, so only its children are looked at.
 */
export function removeLeftoverCardHosts(doc: Document = document): void {
  for (const child of [...doc.documentElement.children]) if (isCardHost(child)) child.remove();
}

/** Events a page could dispatch to make the card act, and keys that must not reach page shortcuts. */
const GUARDED_EVENTS = [
  'click',
  'auxclick',
  'dblclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'mouseover',
  'mouseout',
  'mouseenter',
  'mouseleave',
  'pointerdown',
  'pointerup',
  'pointermove',
  'pointerover',
  'pointerout',
  'pointerenter',
  'pointerleave',
  'pointercancel',
  'touchstart',
  'touchend',
  'touchmove',
  'keydown',
  'keyup',
  'keypress',
  'focusin',
  'focusout',
  'input',
  'change',
  'wheel',
  'copy',
] as const;
const KEY_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

export class CardShadowHost {
  readonly host: HTMLElement;
  readonly container: HTMLElement;

  constructor(css: string, doc: Document = document) {
    const random = crypto.getRandomValues(new Uint32Array(2));
    this.host = doc.createElement(`${CARD_HOST_PREFIX}${random[0]!.toString(36)}${random[1]!.toString(36)}`);
    const root = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    // The host is reset so page rules on unknown elements cannot size, hide or restyle it.
    style.textContent = `:host{all:initial !important;display:inline !important}\n${css}`;
    this.container = doc.createElement('div');
    root.append(style, this.container);
    for (const type of GUARDED_EVENTS) {
      root.addEventListener(
        type,
        (event) => {
          if (event.isTrusted) return;
          event.stopImmediatePropagation();
          event.preventDefault();
        },
        { capture: true },
      );
    }
    for (const type of KEY_EVENTS) root.addEventListener(type, (event) => event.stopPropagation());
  }

  get mounted(): boolean {
    return this.host.isConnected;
  }

  mount(doc: Document = document): void {
    if (!this.host.isConnected) doc.documentElement.append(this.host);
  }

  remove(): void {
    this.host.remove();
  }
}
