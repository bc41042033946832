import { describe, expect, it } from 'vitest';
import {
  FrameCountBook,
  frameCountsKey,
  framesWithMentions,
  readFrameCounts,
  readTopPage,
  topPageKey,
  type SessionArea,
} from '../../lib/core/frameCounts';

/** An in-memory session area whose reads and writes take a turn of the event loop, as the real one does. */
function memoryArea(): SessionArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  const later = () => new Promise((r) => setTimeout(r, 1));
  return {
    data,
    async get(key) {
      await later();
      return key in data ? { [key]: structuredClone(data[key]) } : {};
    },
    async set(items) {
      await later();
      Object.assign(data, structuredClone(items));
    },
    async remove(key) {
      await later();
      delete data[key];
    },
  };
}

describe('FrameCountBook', () => {
  it('sums the frames of a tab, and reports arriving together are not lost', async () => {
    const area = memoryArea();
    const book = new FrameCountBook(area);
    const shown: number[] = [];
    const show = async (total: number) => void shown.push(total);
    const totals = await Promise.all([
      book.report(7, 0, 3, show),
      book.report(7, 5, 2, show),
      book.report(7, 9, 4, show),
      book.report(8, 0, 1, show),
    ]);
    expect(totals).toEqual([3, 5, 9, 1]);
    expect(shown).toEqual([3, 5, 9, 1]);
    expect(area.data[frameCountsKey(7)]).toEqual({ 0: 3, 5: 2, 9: 4 });
  });

  it('a frame at 0 (gone, paused, nothing found) leaves the sum; the last one removes the entry', async () => {
    const area = memoryArea();
    const book = new FrameCountBook(area);
    const show = async () => undefined;
    await book.report(1, 0, 2, show);
    await book.report(1, 3, 5, show);
    expect(await book.report(1, 3, 0, show)).toBe(2);
    expect(await book.report(1, 0, 0, show)).toBe(0);
    expect(frameCountsKey(1) in area.data).toBe(false);
  });

  it('a worker that restarts (a new book) keeps the counts; closing the tab drops them', async () => {
    const area = memoryArea();
    await new FrameCountBook(area).report(4, 2, 6, async () => undefined);
    const again = new FrameCountBook(area);
    expect(await again.report(4, 0, 1, async () => undefined)).toBe(7);
    await again.drop(4);
    expect(area.data).toEqual({});
  });

  it('a failing badge update does not stop later reports', async () => {
    const book = new FrameCountBook(memoryArea());
    await expect(book.report(1, 0, 1, async () => Promise.reject(new Error('no tab')))).rejects.toThrow('no tab');
    expect(await book.report(1, 2, 1, async () => undefined)).toBe(2);
  });

  it('reads stored entries defensively and lists frames top first', () => {
    expect(readFrameCounts(undefined)).toEqual({});
    expect(readFrameCounts({ 0: 2, 4: 'x', 3: -1, 12: 1 })).toEqual({ 0: 2, 12: 1 });
    expect(framesWithMentions({ 12: 1, 0: 2, 3: 4 })).toEqual([0, 3, 12]);
  });
});

describe('FrameCountBook: is the top page about the story, for its frames', () => {
  const page = 'https://news.example/story';

  it('a frame that starts after its top page opened begins opened; one of another page does not', async () => {
    const book = new FrameCountBook(memoryArea());
    await book.topStarted(1, page);
    expect(await book.frameStarted(1, page)).toBe(false);
    // A frame asked: the top page's opening is worth telling the tab, once.
    expect(await book.topOpened(1, page)).toBe(true);
    expect(await book.topOpened(1, page)).toBe(false);
    expect(await book.frameStarted(1, `${page}#comments`)).toBe(true);
    expect(await book.frameStarted(2, page)).toBe(false);
    expect(await book.frameStarted(1, 'https://news.example/other')).toBe(false);
  });

  it('a page without frames is not told anything, and stores nothing until it opens', async () => {
    const area = memoryArea();
    const book = new FrameCountBook(area);
    await book.topStarted(1, page);
    expect(area.data).toEqual({});
    expect(await book.topOpened(1, page)).toBe(false);
    expect(readTopPage(area.data[topPageKey(1)])).toEqual({ url: page, opened: true, frames: false });
  });

  it('a new top document starts closed (a reload keeps the frames that asked); closing the tab forgets it', async () => {
    const area = memoryArea();
    const book = new FrameCountBook(area);
    await book.frameStarted(1, page);
    await book.topOpened(1, page);
    await book.topStarted(1, page);
    expect(await book.frameStarted(1, page)).toBe(false);
    expect(await book.topOpened(1, page)).toBe(true);
    await book.topStarted(1, 'https://news.example/next');
    expect(area.data[topPageKey(1)]).toBeUndefined();
    // A frame of the next page that asks before its top frame has started does not inherit the last page's state.
    await book.topOpened(1, page);
    expect(await book.frameStarted(1, 'https://news.example/next')).toBe(false);
    await book.drop(1);
    expect(area.data).toEqual({});
  });

  it('reads stored entries defensively', () => {
    expect(readTopPage(undefined)).toBeUndefined();
    expect(readTopPage({ url: page, opened: 'yes', frames: false })).toBeUndefined();
    expect(readTopPage({ url: page, opened: true, frames: true })).toEqual({ url: page, opened: true, frames: true });
  });
});
