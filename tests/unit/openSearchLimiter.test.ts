import { describe, expect, it } from 'vitest';
import { OpenSearchLimiter } from '../../lib/core/openSearchLimiter';

describe('OpenSearchLimiter', () => {
  it('lets one tab open a search at most every two seconds', () => {
    const limiter = new OpenSearchLimiter();
    expect(limiter.allow(1, 0)).toBe(true);
    expect(limiter.allow(1, 500)).toBe(false);
    expect(limiter.allow(1, 1999)).toBe(false);
    expect(limiter.allow(1, 2000)).toBe(true);
  });

  it('counts each sender tab apart', () => {
    const limiter = new OpenSearchLimiter();
    expect(limiter.allow(1, 0)).toBe(true);
    expect(limiter.allow(2, 10)).toBe(true);
  });

  it('caps tabs per minute across all senders, and frees them as the minute passes', () => {
    const limiter = new OpenSearchLimiter(0, 3);
    expect([1, 2, 3, 4].map((tab) => limiter.allow(tab, tab))).toEqual([true, true, true, false]);
    expect(limiter.allow(5, 60_001)).toBe(true);
  });

  it('refuses a burst of five clicks but the first', () => {
    const limiter = new OpenSearchLimiter();
    expect([0, 50, 100, 150, 200].map((t) => limiter.allow(7, t))).toEqual([true, false, false, false, false]);
  });
});
