/**
 * "Mark only the first mention of each entity per paragraph": the choice of which mentions are painted.
 */
import { describe, expect, it } from 'vitest';
import { firstMentions } from '../../lib/core/firstMentions';

interface M {
  id: string;
  entity: string;
  paragraph: object;
}

const chosen = (mentions: M[]) =>
  [
    ...firstMentions(
      mentions,
      (m) => m.entity,
      (m) => m.paragraph,
    ),
  ].map((m) => m.id);

describe('firstMentions', () => {
  const p1 = {};
  const p2 = {};

  it('keeps the first mention of each entity in a paragraph and drops its repeats', () => {
    expect(
      chosen([
        { id: 'a1', entity: 'cis-moa', paragraph: p1 },
        { id: 'b1', entity: 'asim-munir', paragraph: p1 },
        { id: 'a2', entity: 'cis-moa', paragraph: p1 },
        { id: 'b2', entity: 'asim-munir', paragraph: p1 },
        { id: 'c1', entity: 'imet', paragraph: p1 },
      ]),
    ).toEqual(['a1', 'b1', 'c1']);
  });

  it('starts again in every paragraph, also when paragraphs come interleaved', () => {
    expect(
      chosen([
        { id: 'a1', entity: 'cis-moa', paragraph: p1 },
        { id: 'a2', entity: 'cis-moa', paragraph: p2 },
        { id: 'a3', entity: 'cis-moa', paragraph: p1 },
        { id: 'a4', entity: 'cis-moa', paragraph: p2 },
      ]),
    ).toEqual(['a1', 'a2']);
  });

  it('tells paragraphs apart by identity, not by content', () => {
    expect(
      chosen([
        { id: 'x', entity: 'imet', paragraph: {} },
        { id: 'y', entity: 'imet', paragraph: {} },
      ]),
    ).toEqual(['x', 'y']);
  });

  it('chooses nothing from nothing', () => {
    expect(chosen([])).toEqual([]);
  });
});
