/**
 * lib/page/pageScope.ts in Chromium, where Vitest runs the tests in a same-origin frame: the frame is in scope, and
 * its ancestor origins decide it without the top's window (whose first use from a frame's script would set up the
 * extension's world in the top document inside that script).
 */
import { describe, expect, it } from 'vitest';
import { pageScope, scopeFromAncestors } from '../../lib/page/pageScope';

describe('pageScope in a same-origin frame', () => {
  it('is a frame, told by the ancestor origins alone', () => {
    expect(window === window.top).toBe(false);
    const place = { protocol: location.protocol, origin: self.origin, ancestorOrigins: [...location.ancestorOrigins] };
    expect(scopeFromAncestors(place)).toBe('frame');
    expect(pageScope()).toBe('frame');
  });
});
