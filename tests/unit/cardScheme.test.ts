import { describe, expect, it } from 'vitest';
import { chooseScheme, parseCssColor } from '../../lib/card/cardScheme';

const TRANSPARENT = 'rgba(0, 0, 0, 0)';
const WHITE = 'rgb(255, 255, 255)';
const NEAR_BLACK = 'rgb(18, 18, 18)';

describe('parseCssColor', () => {
  it('reads the comma and the space syntax, with and without alpha', () => {
    expect(parseCssColor('rgb(1, 2, 3)')).toEqual([1, 2, 3, 1]);
    expect(parseCssColor('rgba(1, 2, 3, 0.25)')).toEqual([1, 2, 3, 0.25]);
    expect(parseCssColor('rgb(1 2 3 / 40%)')).toEqual([1, 2, 3, 0.4]);
  });
  it('does not guess colours it cannot read', () => {
    expect(parseCssColor('color(srgb 0 0 0)')).toBeUndefined();
    expect(parseCssColor('transparent')).toBeUndefined();
  });
});

describe('chooseScheme', () => {
  it('takes the first mostly opaque background behind the mark, not body or html', () => {
    // mark's <p>, a full-page wrapper painted dark, then a white <body> and <html>.
    expect(chooseScheme([TRANSPARENT, NEAR_BLACK, WHITE, WHITE], 'normal', false)).toBe('dark');
    // A light panel inside a dark page.
    expect(chooseScheme([WHITE, NEAR_BLACK], 'normal', true)).toBe('light');
  });

  it('skips faint tints, which do not say what is underneath', () => {
    expect(chooseScheme(['rgba(0, 0, 0, 0.3)', WHITE], 'normal', true)).toBe('light');
    expect(chooseScheme(['rgba(0, 0, 0, 0.8)', WHITE], 'normal', false)).toBe('dark');
  });

  it('judges by luminance: a saturated dark blue is dark, a pale yellow light', () => {
    expect(chooseScheme(['rgb(20, 33, 61)'], 'normal', false)).toBe('dark');
    expect(chooseScheme(['rgb(255, 250, 200)'], 'normal', true)).toBe('light');
  });

  it('with nothing painted, follows the scheme the page declares, then the OS', () => {
    const none = [TRANSPARENT, TRANSPARENT];
    expect(chooseScheme(none, 'dark', false)).toBe('dark');
    expect(chooseScheme(none, 'only light', true)).toBe('light');
    expect(chooseScheme(none, 'light dark', true)).toBe('dark');
    expect(chooseScheme(none, 'light dark', false)).toBe('light');
    expect(chooseScheme(none, 'normal', true)).toBe('dark');
    expect(chooseScheme([], 'normal', false)).toBe('light');
  });

  it('stops reading at the first background that decides', () => {
    const read: string[] = [];
    function* backgrounds() {
      for (const color of [TRANSPARENT, NEAR_BLACK, WHITE]) {
        read.push(color);
        yield color;
      }
    }
    expect(chooseScheme(backgrounds(), 'normal', false)).toBe('dark');
    expect(read).toEqual([TRANSPARENT, NEAR_BLACK]);
  });
});
