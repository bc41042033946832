/**
 * lib/card/cardShadowHost.ts in real Chromium: what page script can and cannot do to the card's host. Trusted input
 * (a real click or key press, driven through Playwright by userEvent) must still reach the card.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { CARD_HOST_PREFIX, CardShadowHost, isCardHost, removeLeftoverCardHosts } from '../../lib/card/cardShadowHost';

const CSS_TEXT = 'button{display:block;width:240px;height:60px;margin:0}';

let card: CardShadowHost;
let button: HTMLButtonElement;
let clicks: boolean[];

beforeEach(() => {
  card = new CardShadowHost(CSS_TEXT);
  button = document.createElement('button');
  button.textContent = 'Search all facts';
  clicks = [];
  button.addEventListener('click', (event) => clicks.push(event.isTrusted));
  card.container.append(button);
  card.mount();
});

afterEach(() => {
  card.remove();
  removeLeftoverCardHosts();
  document.body.replaceChildren();
});

describe('CardShadowHost', () => {
  it('is appended to <html> with a closed shadow root', () => {
    expect(card.mounted).toBe(true);
    expect(card.host.parentNode).toBe(document.documentElement);
    expect(card.host.shadowRoot).toBeNull();
    // Nothing the page can query reaches into the card.
    expect(document.querySelector('button')).toBeNull();
    expect(document.documentElement.innerHTML).not.toContain('Search all facts');
  });

  it('has a tag name with the prefix and a random part that differs between instances', () => {
    const other = new CardShadowHost('');
    expect(card.host.localName.startsWith(CARD_HOST_PREFIX)).toBe(true);
    expect(card.host.localName.length).toBeGreaterThan(CARD_HOST_PREFIX.length + 4);
    expect(other.host.localName).not.toBe(card.host.localName);
    expect(isCardHost(card.host)).toBe(true);
    expect(isCardHost(document.body)).toBe(false);
  });

  it('stops script-dispatched clicks before a handler inside the card runs', () => {
    let containerSaw = 0;
    card.container.addEventListener('click', () => containerSaw++, { capture: true });
    button.click();
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    expect(button.dispatchEvent(event)).toBe(false); // default prevented too
    card.container.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(clicks).toEqual([]);
    expect(containerSaw).toBe(0);
  });

  it('lets the reader’s own click through', async () => {
    await userEvent.click(card.host);
    expect(clicks).toEqual([true]);
  });

  it('keeps keys typed in the card from page shortcuts, and stops script-dispatched keys', async () => {
    const pageKeys: string[] = [];
    const cardKeys: string[] = [];
    const onPage = (event: KeyboardEvent) => pageKeys.push(event.key);
    document.addEventListener('keydown', onPage);
    button.addEventListener('keydown', (event) => cardKeys.push(event.key));
    try {
      button.focus();
      await userEvent.keyboard('x');
      expect(cardKeys).toEqual(['x']);
      expect(pageKeys).toEqual([]);
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'y', bubbles: true, composed: true }));
      expect(cardKeys).toEqual(['x']);
    } finally {
      document.removeEventListener('keydown', onPage);
    }
  });

  it('shuts out page styles aimed at unknown elements', () => {
    const style = document.createElement('style');
    style.textContent = ':root > :not(head):not(body) { display: none !important; }';
    document.head.append(style);
    try {
      expect(getComputedStyle(card.host).display).toBe('inline');
      expect(button.getBoundingClientRect().width).toBe(240);
    } finally {
      style.remove();
    }
  });
});

describe('removeLeftoverCardHosts', () => {
  it('removes every card host under <html> and nothing else', () => {
    const second = new CardShadowHost('');
    second.mount();
    const unrelated = document.createElement('xr-other');
    document.documentElement.append(unrelated);
    try {
      removeLeftoverCardHosts();
      expect(card.mounted).toBe(false);
      expect(second.mounted).toBe(false);
      expect(unrelated.isConnected).toBe(true);
      expect(document.body.isConnected).toBe(true);
    } finally {
      unrelated.remove();
    }
  });
});
