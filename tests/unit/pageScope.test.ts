import { describe, expect, it } from 'vitest';
import { scopeFromAncestors } from '../../lib/page/pageScope';

const place = (protocol: string, origin: string, ancestorOrigins: string[] | undefined) => ({
  protocol,
  origin,
  ancestorOrigins,
});

describe('scopeFromAncestors', () => {
  it('takes a top document by its own protocol', () => {
    expect(scopeFromAncestors(place('https:', 'https://news.example', []))).toBe('top');
    expect(scopeFromAncestors(place('http:', 'http://news.example', []))).toBe('top');
    expect(scopeFromAncestors(place('file:', 'null', []))).toBeNull();
    expect(scopeFromAncestors(place('about:', 'null', []))).toBeNull();
  });

  it("takes a frame of the top's origin, srcdoc frames and frames inside other sites' frames included", () => {
    expect(scopeFromAncestors(place('https:', 'https://news.example', ['https://news.example']))).toBe('frame');
    expect(scopeFromAncestors(place('about:', 'https://news.example', ['https://news.example']))).toBe('frame');
    const nested = ['https://player.example', 'https://news.example'];
    expect(scopeFromAncestors(place('https:', 'https://news.example', nested))).toBe('frame');
  });

  it('leaves cross-origin and sandboxed frames, and frames of a top that is no web page', () => {
    expect(scopeFromAncestors(place('https:', 'https://ads.example', ['https://news.example']))).toBeNull();
    expect(scopeFromAncestors(place('https:', 'null', ['https://news.example']))).toBeNull();
    expect(scopeFromAncestors(place('about:', 'null', ['null', 'https://news.example']))).toBeNull();
    expect(scopeFromAncestors(place('about:', 'chrome-extension://x', ['chrome-extension://x']))).toBeNull();
  });

  it("cannot tell without ancestor origins (Firefox) or when the top's origin is hidden", () => {
    expect(scopeFromAncestors(place('https:', 'https://news.example', undefined))).toBeUndefined();
    expect(scopeFromAncestors(place('https:', 'https://news.example', ['null']))).toBeUndefined();
  });
});
