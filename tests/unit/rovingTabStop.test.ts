import { describe, expect, it } from 'vitest';
import { rovingTarget } from '../../lib/card/rovingTabStop';

describe('rovingTarget', () => {
  it('moves along the line with the arrows and wraps at both ends', () => {
    expect(rovingTarget(0, 3, 'ArrowRight')).toBe(1);
    expect(rovingTarget(2, 3, 'ArrowRight')).toBe(0);
    expect(rovingTarget(1, 3, 'ArrowLeft')).toBe(0);
    expect(rovingTarget(0, 3, 'ArrowLeft')).toBe(2);
  });

  it('goes to the ends with Home and End', () => {
    expect(rovingTarget(1, 4, 'Home')).toBe(0);
    expect(rovingTarget(1, 4, 'End')).toBe(3);
  });

  it('mirrors the arrows in right-to-left text', () => {
    expect(rovingTarget(0, 3, 'ArrowLeft', true)).toBe(1);
    expect(rovingTarget(0, 3, 'ArrowRight', true)).toBe(2);
  });

  it('leaves other keys (Up and Down scroll the card) and strangers to the group alone', () => {
    expect(rovingTarget(0, 3, 'ArrowDown')).toBeUndefined();
    expect(rovingTarget(0, 3, 'ArrowUp')).toBeUndefined();
    expect(rovingTarget(0, 3, 'Tab')).toBeUndefined();
    expect(rovingTarget(-1, 3, 'ArrowRight')).toBeUndefined();
    expect(rovingTarget(0, 0, 'ArrowRight')).toBeUndefined();
  });

  it('keeps a lone member where it is', () => {
    expect(rovingTarget(0, 1, 'ArrowRight')).toBe(0);
  });
});
