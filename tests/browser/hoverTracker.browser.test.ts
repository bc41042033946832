/**
 * lib/page/hoverTracker.ts on real layout: caret hit-testing, the rectangle check that stops a caret beside the text
 * from counting, and trackHover taking the reader's pointer (trusted input, driven through Playwright by userEvent)
 * but not pointer events dispatched by page script.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { compileMatcher } from '../../lib/core/matcher';
import { pageRulesOf } from '../../lib/core/mentionResolver';
import { HighlightPainter } from '../../lib/page/highlightPainter';
import { caretAt, liveRange, rectContains, trackHover } from '../../lib/page/hoverTracker';
import { MentionEngine, type Mention } from '../../lib/page/mentionEngine';
import { bundledDossier } from '../../lib/store/bundledDossier';

const entities = bundledDossier.entities;
const matcher = compileMatcher(entities);
const tiers = new Map(entities.map((e) => [e.id, e.tier]));

/** Two frames: trackHover samples the pointer in a requestAnimationFrame callback. */
const frames = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

function centre(el: Element | Range): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

let painter: HighlightPainter;
let engine: MentionEngine;

beforeEach(async () => {
  // A fixed, large, monospace line so coordinates are predictable; "beside" is empty space right of the text.
  document.body.innerHTML =
    '<p id="line" style="position:fixed;left:0;top:0;margin:0;width:400px;font:16px/32px monospace">' +
    'Then <span id="mention">CIS-MOA</span> and <span id="plain">plain words</span></p>' +
    '<div id="away" style="position:fixed;left:0;top:200px;width:300px;height:100px">away</div>';
  painter = new HighlightPainter('underline');
  engine = new MentionEngine(matcher, (id) => tiers.get(id), painter, { pageRules: pageRulesOf(entities) });
  await engine.scanDocument(document.body);
});

afterEach(() => {
  engine.dispose();
  painter.dispose();
  document.body.replaceChildren();
});

describe('caretAt and rectContains', () => {
  it('finds the text node and offset under a point on real layout', () => {
    const text = document.getElementById('mention')!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 4);
    range.setEnd(text, 7);
    const { x, y } = centre(range);
    const caret = caretAt(document, x, y)!;
    expect(caret.node).toBe(text);
    expect(caret.offset).toBeGreaterThanOrEqual(4);
    expect(caret.offset).toBeLessThanOrEqual(7);
    expect(rectContains(range.getClientRects(), x, y)).toBe(true);
  });

  it('gives a caret for a point beside the text, which only the rectangles tell apart', () => {
    const line = document.getElementById('line')!;
    const y = centre(line).y;
    const x = line.getBoundingClientRect().right - 10;
    const last = line.lastChild!.firstChild as Text;
    const range = document.createRange();
    range.selectNodeContents(last);
    expect(range.getBoundingClientRect().right).toBeLessThan(x - 20);
    const caret = caretAt(document, x, y)!;
    expect(caret.node).toBe(last);
    expect(caret.offset).toBe(last.length);
    expect(rectContains(range.getClientRects(), x, y)).toBe(false);
  });

  it('allows a pixel of slop around a rectangle, and no more', () => {
    const rects = [new DOMRect(10, 10, 20, 10)];
    expect(rectContains(rects, 9, 10)).toBe(true);
    expect(rectContains(rects, 8.5, 10)).toBe(false);
    expect(rectContains(rects, 31, 20)).toBe(true);
    expect(rectContains(rects, 20, 21.5)).toBe(false);
    expect(rectContains(rects, 8, 10, 2)).toBe(true);
  });

  it('makes no live range for a mention whose text shrank under it', () => {
    const m = engine.mentions()[0]!;
    expect(liveRange(m)?.toString()).toBe('CIS-MOA');
    m.startNode.data = 'x';
    expect(liveRange(m)).toBeUndefined();
  });
});

describe('trackHover', () => {
  let calls: (Mention | undefined)[];
  let stop: () => void;

  beforeEach(() => {
    calls = [];
    stop = trackHover(document, {
      mentionAt: (node, offset) => engine.mentionAt(node, offset),
      onChange: (m) => calls.push(m),
    });
  });
  afterEach(() => stop());

  it('ignores pointer moves dispatched by page script', async () => {
    const target = document.getElementById('mention')!;
    const { x, y } = centre(target);
    target.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, composed: true }));
    document.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y }));
    await frames();
    expect(calls).toEqual([]);
  });

  it('reports the mention under the reader’s pointer, and leaving it', async () => {
    await userEvent.hover(document.getElementById('mention')!);
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]).toBe(engine.mentions()[0]);
    expect(calls[0]!.entityId).toBe('cis-moa');
    await userEvent.hover(document.getElementById('plain')!);
    await expect.poll(() => calls.length).toBe(2);
    expect(calls[1]).toBeUndefined();
  });

  it('does not report a mention when the pointer is beside the text on its line', async () => {
    // The caret there is at the end of the line; the mention is made to end there, so only the rectangles can say no.
    document.getElementById('plain')!.remove();
    document.getElementById('line')!.lastChild!.remove();
    const line = document.getElementById('line')!;
    expect(line.textContent).toBe('Then CIS-MOA');
    engine.reset();
    await engine.scanDocument(document.body);
    expect(engine.mentions().map((m) => m.text)).toEqual(['CIS-MOA']);
    const beside = { x: line.getBoundingClientRect().width - 10, y: 16 };
    expect(caretAt(document, beside.x, beside.y)?.node).toBe(document.getElementById('mention')!.firstChild);
    await userEvent.hover(line, { position: beside });
    await frames();
    await frames();
    expect(calls).toEqual([]);
    // The same pointer over the word itself does count.
    await userEvent.hover(document.getElementById('mention')!);
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]!.text).toBe('CIS-MOA');
  });

  it('reports the mention under a tap at once, as touch: a tap sends no pointermove before it lands', async () => {
    let reportedAtPress: (Mention | undefined)[] | undefined;
    let pointerType: string | undefined;
    stop();
    stop = trackHover(document, {
      mentionAt: (node, offset) => engine.mentionAt(node, offset),
      onChange: (m, type) => {
        calls.push(m);
        pointerType = type;
      },
    });
    // After the tracker's capturing listener, before any animation frame: what it has said by then.
    document.addEventListener('pointerdown', () => (reportedAtPress ??= [...calls]), { once: true });
    // The test runs in an iframe; touch points are given in the top page's coordinates.
    const frame = window.frameElement!.getBoundingClientRect();
    const scale = frame.width / window.innerWidth;
    const { x, y } = centre(document.getElementById('mention')!);
    const point = { x: frame.left + x * scale, y: frame.top + y * scale };
    const session = cdp();
    await session.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    try {
      await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
      await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    } finally {
      await session.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    }
    expect(reportedAtPress).toEqual([engine.mentions()[0]]);
    expect(pointerType).toBe('touch');
  });

  it('ignores presses dispatched by page script', async () => {
    const target = document.getElementById('mention')!;
    const { x, y } = centre(target);
    const press = { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'touch' };
    target.dispatchEvent(new PointerEvent('pointerdown', press));
    await frames();
    expect(calls).toEqual([]);
  });

  it('stops listening once stopped', async () => {
    stop();
    await userEvent.hover(document.getElementById('mention')!);
    await frames();
    expect(calls).toEqual([]);
  });
});
