/**
 * lib/card/cardScheme.ts on real computed styles: the background behind a mark is found through wrappers and out of
 * open shadow roots, and a page that paints nothing falls back to its declared color-scheme.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { schemeBehind } from '../../lib/card/cardScheme';

afterEach(() => {
  document.body.replaceChildren();
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('style');
});

function paragraphIn(parent: Element | ShadowRoot): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = 'The CIS-MOA was renewed.';
  parent.append(p);
  return p;
}

describe('schemeBehind', () => {
  it('finds a dark wrapper between the mark and a white body', () => {
    document.body.style.background = '#fff';
    const wrapper = document.createElement('div');
    wrapper.style.background = 'rgb(18, 20, 23)';
    wrapper.append(document.createElement('article'));
    document.body.append(wrapper);
    expect(schemeBehind(paragraphIn(wrapper.firstElementChild!))).toBe('dark');
  });

  it('leaves an open shadow root through its host', () => {
    document.body.style.background = '#fff';
    const panel = document.createElement('section');
    panel.style.background = '#101010';
    const host = document.createElement('div');
    panel.append(host);
    document.body.append(panel);
    const root = host.attachShadow({ mode: 'open' });
    expect(schemeBehind(paragraphIn(root))).toBe('dark');
  });

  it('with nothing painted, follows the color-scheme the page declares', () => {
    document.documentElement.style.colorScheme = 'dark';
    // A dark color-scheme gives the canvas, not body or html, its dark colour: both stay transparent.
    expect(getComputedStyle(document.body).backgroundColor).toBe('rgba(0, 0, 0, 0)');
    expect(schemeBehind(paragraphIn(document.body))).toBe('dark');
    document.documentElement.style.colorScheme = 'light';
    expect(schemeBehind(paragraphIn(document.body))).toBe('light');
  });
});
