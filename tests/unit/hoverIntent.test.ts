import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoverIntent } from '../../lib/card/hoverIntent';
import type { PageLifetime } from '../../lib/page/pageLifetime';

const lifetime = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
} as PageLifetime;

function setup() {
  const state = { open: undefined as string | undefined, opened: [] as string[], closed: 0 };
  const intent = new HoverIntent<string>(lifetime, () => 450, {
    openTarget: () => state.open,
    open: (t) => {
      state.open = t;
      state.opened.push(t);
    },
    close: () => {
      state.open = undefined;
      state.closed++;
    },
  });
  return { intent, state };
}

describe('HoverIntent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens only after the delay on the same target', () => {
    const { intent, state } = setup();
    intent.hover('a');
    vi.advanceTimersByTime(449);
    expect(state.opened).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(state.opened).toEqual(['a']);
  });

  it('opens nothing while a mouse button is held (a drag-selection), nor on release without a new hover', () => {
    const { intent, state } = setup();
    intent.hover('a');
    vi.advanceTimersByTime(200);
    intent.press();
    vi.advanceTimersByTime(1000);
    intent.hover('b');
    vi.advanceTimersByTime(1000);
    intent.release();
    vi.advanceTimersByTime(1000);
    expect(state.opened).toEqual([]);
    intent.hover('c');
    vi.advanceTimersByTime(450);
    expect(state.opened).toEqual(['c']);
  });

  it('a pinned card stays open when the pointer leaves and other targets do not replace it', () => {
    const { intent, state } = setup();
    intent.hover('a');
    vi.advanceTimersByTime(450);
    intent.pin();
    intent.hover(undefined);
    intent.pointerLeftCard();
    intent.hover('b');
    vi.advanceTimersByTime(2000);
    expect(state).toMatchObject({ open: 'a', opened: ['a'], closed: 0 });
    expect(intent.hovered).toBe('b');
    // Closed and reset, hover works again.
    intent.reset();
    intent.hover('c');
    vi.advanceTimersByTime(450);
    expect(state.opened).toEqual(['a', 'c']);
  });

  it('an unpinned card closes after the grace period once the pointer left it', () => {
    const { intent, state } = setup();
    intent.hover('a');
    vi.advanceTimersByTime(450);
    intent.hover(undefined);
    vi.advanceTimersByTime(299);
    expect(state.closed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(state.closed).toBe(1);
  });

  it('waits as long as it is told before closing (a bottom sheet is further from the text)', () => {
    const state = { open: undefined as string | undefined, closed: 0 };
    const intent = new HoverIntent<string>(
      lifetime,
      () => 450,
      {
        openTarget: () => state.open,
        open: (t) => (state.open = t),
        close: () => {
          state.open = undefined;
          state.closed++;
        },
      },
      () => 1000,
    );
    intent.hover('a');
    vi.advanceTimersByTime(450);
    intent.hover(undefined);
    vi.advanceTimersByTime(999);
    expect(state.closed).toBe(0);
    intent.pointerEnteredCard();
    vi.advanceTimersByTime(2000);
    expect(state).toMatchObject({ open: 'a', closed: 0 });
  });

  it('a touch only notes where it landed: it neither opens a card nor closes the open one', () => {
    const { intent, state } = setup();
    intent.touched('a');
    vi.advanceTimersByTime(2000);
    expect(state.opened).toEqual([]);
    expect(intent.hovered).toBe('a');
    // A card open (by a tap), then a touch beside it and off every target: it stays.
    state.open = 'a';
    intent.touched(undefined);
    vi.advanceTimersByTime(2000);
    expect(state).toMatchObject({ open: 'a', closed: 0 });
    expect(intent.hovered).toBeUndefined();
    // A hover delay started by the mouse before the finger came down is dropped too.
    intent.hover('b');
    intent.touched('b');
    vi.advanceTimersByTime(2000);
    expect(state.opened).toEqual([]);
  });
});
