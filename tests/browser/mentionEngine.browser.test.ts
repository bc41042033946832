/**
 * lib/page/mentionEngine.ts, highlightPainter.ts and mutationWatcher.ts in real Chromium, with the real dossier's
 * matcher, tiers and page rules: what gets painted into CSS.highlights, in what order the mentions come, and how
 * the engine follows the page as it changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../lib/core/matcher';
import { pageRulesOf } from '../../lib/core/mentionResolver';
import {
  ACTIVE_HIGHLIGHT,
  FAINT_HIGHLIGHT_NAMES,
  HIGHLIGHT_NAMES,
  HighlightPainter,
} from '../../lib/page/highlightPainter';
import { MentionEngine } from '../../lib/page/mentionEngine';
import { watchMutations } from '../../lib/page/mutationWatcher';
import { CardShadowHost } from '../../lib/card/cardShadowHost';
import { bundledDossier } from '../../lib/store/bundledDossier';

const entities = bundledDossier.entities;
const matcher = compileMatcher(entities);
const pageRules = pageRulesOf(entities);
const tiers = new Map(entities.map((e) => [e.id, e.tier]));

const MARK = HIGHLIGHT_NAMES.underline;
/** The widely known names (the context tier) are painted in a Highlight of their own. */
const FAINT = FAINT_HIGHLIGHT_NAMES.underline;
/** The Highlight that paints `range`, if any. */
const paintedIn = (range: AbstractRange) =>
  [MARK, FAINT].map((name) => CSS.highlights.get(name)).find((h) => h?.has(range));

let painter: HighlightPainter;
let engine: MentionEngine;
let changes = 0;

function mount(html: string): HTMLElement {
  const root = document.createElement('article');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

const marked = () => (CSS.highlights.get(MARK)?.size ?? 0) + (CSS.highlights.get(FAINT)?.size ?? 0);
const found = () => engine.mentions().map((m) => [m.text, m.entityId]);

beforeEach(() => {
  changes = 0;
  painter = new HighlightPainter('underline');
  engine = new MentionEngine(matcher, (id) => tiers.get(id), painter, { pageRules, onChange: () => changes++ });
});

afterEach(() => {
  engine.dispose();
  painter.dispose();
  HighlightPainter.clearLeftovers();
  document.body.replaceChildren();
});

describe('MentionEngine.scanDocument', () => {
  it('paints every accepted mention into the page highlight, and lists them in document order', async () => {
    mount(
      '<p>The CIS-<em>MOA</em> was signed in 2020.</p><p>Weather.</p>' +
        '<p>On Tuesday Asim <b>Munir</b> met Michael Kurilla; later Kurilla spoke to Munir.</p>',
    );
    expect(CSS.highlights.has(MARK)).toBe(false);
    await engine.scanDocument(document.body);
    expect(found()).toEqual([
      ['CIS-MOA', 'cis-moa'],
      ['Asim Munir', 'asim-munir'],
      ['Michael Kurilla', 'michael-kurilla'],
      ['Kurilla', 'michael-kurilla'],
      ['Munir', 'asim-munir'],
    ]);
    expect(marked()).toBe(5);
    // The painter's Highlights hold exactly the mentions' ranges.
    for (const m of engine.mentions()) expect(paintedIn(m.range)).toBeDefined();
    // The range of a mention split across tags runs from the first node to the last.
    const cis = engine.mentions()[0]!;
    expect([cis.startNode.data, cis.startOffset, cis.endNode.data, cis.endOffset]).toEqual(['The CIS-', 4, 'MOA', 3]);
    expect(cis.nodes).toHaveLength(2);
    expect(changes).toBe(1);
  });

  it('shows marks during a long scan only until the Highlights hold the mid-scan limit; the rest at the end', async () => {
    mount('<p>Officials said the CIS-MOA was signed; IMET resumed.</p>'.repeat(1500));
    /** The ranges shown after each slice while the walk still finds mentions, with a hand-over at every chance. */
    const shownWhileWalking = async (limit: number) => {
      const shown: number[] = [];
      const p = new HighlightPainter('underline');
      const e: MentionEngine = new MentionEngine(matcher, (id) => tiers.get(id), p, {
        pageRules,
        sliceMs: 0.2,
        midScanPaint: { everyMs: 0, limit },
        onSlice: () => {
          if (e.mentions().length < 3000) shown.push(p.shown);
        },
      });
      await e.scanDocument(document.body);
      expect(p.shown).toBe(3000);
      e.dispose();
      p.dispose();
      return new Set(shown);
    };
    // Without a limit the marks grow slice after slice; with one, they stop at the first hand-over until the end.
    expect((await shownWhileWalking(Infinity)).size).toBeGreaterThan(5);
    expect((await shownWhileWalking(1)).size).toBeLessThanOrEqual(2);
  });

  it('marks a surname met before the full name once the full name turns up later in the page', async () => {
    mount('<p>Munir said nothing.</p><p>The CIS-MOA.</p><p>Later Asim Munir arrived.</p>');
    await engine.scanDocument(document.body);
    expect(found()).toEqual([
      ['Munir', 'asim-munir'],
      ['CIS-MOA', 'cis-moa'],
      ['Asim Munir', 'asim-munir'],
    ]);
  });

  it('marks nothing (and registers no highlight) on a page that only names context-tier entities', async () => {
    mount('<p>Donald Trump spoke to the State Department.</p>');
    await engine.scanDocument(document.body);
    expect(found()).toEqual([]);
    expect(CSS.highlights.has(MARK)).toBe(false);
    expect(engine.stats.setAside).toBe(1);
  });

  it('counts the slices that ran over the budget in its stats', async () => {
    // A matcher that blocks the page for 10 ms on its first block: that slice is over the 8 ms budget, none other.
    let first = true;
    const slowOnce = Object.create(matcher) as typeof matcher;
    slowOnce.find = (text) => {
      if (first) {
        first = false;
        for (const start = performance.now(); performance.now() - start < 10;);
      }
      return matcher.find(text);
    };
    const slow = new MentionEngine(slowOnce, (id) => tiers.get(id), painter, { pageRules });
    mount('<p>The CIS-MOA was signed.</p><p>IMET training resumed.</p>');
    await slow.scanDocument(document.body);
    slow.dispose();
    // At least: on a loaded machine a collection or the scheduler may stretch another slice too.
    expect(slow.stats.slicesOverBudget).toBeGreaterThanOrEqual(1);
    expect(slow.stats.slicesOverBudget).toBeLessThanOrEqual(slow.stats.slices);
    expect(slow.stats.longestSliceMs).toBeGreaterThan(8);
  });

  it('finds a mention at a caret position', async () => {
    mount('<p>Then the CIS-MOA.</p>');
    await engine.scanDocument(document.body);
    const text = document.querySelector('p')!.firstChild!;
    expect(engine.mentionAt(text, 11)?.entityId).toBe('cis-moa');
    expect(engine.mentionAt(text, 2)).toBeUndefined();
  });
});

describe('MentionEngine after the page changes', () => {
  it('puts a mention added before the others first in mentions()', async () => {
    const root = mount('<p>The CIS-MOA.</p><p>Asim Munir.</p>');
    await engine.scanDocument(document.body);
    const p = document.createElement('p');
    p.textContent = 'Michael Kurilla first.';
    root.prepend(p);
    await engine.enqueue(p.firstChild!);
    expect(found().map(([text]) => text)).toEqual(['Michael Kurilla', 'CIS-MOA', 'Asim Munir']);
    expect(marked()).toBe(3);
  });

  it('rescans the whole block of an inline change, so a mention split by the change is found', async () => {
    const root = mount('<p>The CIS-<em>x</em> and more.</p>');
    await engine.scanDocument(document.body);
    expect(found()).toEqual([]);
    const em = root.querySelector('em')!;
    em.firstChild!.nodeValue = 'MOA';
    await engine.enqueue(em.firstChild!);
    expect(found()).toEqual([['CIS-MOA', 'cis-moa']]);
  });

  it('forgets a removed mention after markStale, and unpaints it', async () => {
    const root = mount('<p>The CIS-MOA.</p><p>Asim Munir.</p>');
    await engine.scanDocument(document.body);
    expect(marked()).toBe(2);
    const gone = engine.mentions()[1]!;
    root.lastElementChild!.remove();
    await engine.markStale();
    expect(found()).toEqual([['CIS-MOA', 'cis-moa']]);
    expect(marked()).toBe(1);
    expect(paintedIn(gone.range)).toBeUndefined();
  });

  it('replaces the mentions of an edited text node', async () => {
    mount('<p>The CIS-MOA was signed.</p>');
    await engine.scanDocument(document.body);
    const text = document.querySelector('p')!.firstChild as Text;
    text.data = 'The IMET deal with Asim Munir.';
    void engine.enqueue(text);
    await engine.markStale();
    expect(found()).toEqual([
      ['IMET', 'imet'],
      ['Asim Munir', 'asim-munir'],
    ]);
    expect(marked()).toBe(2);
  });

  it('marks the context-tier names set aside once a core mention turns up', async () => {
    const root = mount('<p>Donald Trump spoke to the State Department.</p>');
    await engine.scanDocument(document.body);
    expect(found()).toEqual([]);
    const p = document.createElement('p');
    p.textContent = 'It concerned the CIS-MOA.';
    root.append(p);
    await engine.enqueue(p);
    expect(found()).toEqual([
      ['Donald Trump', 'donald-trump'],
      ['State Department', 'us-state-department'],
      ['CIS-MOA', 'cis-moa'],
    ]);
    expect(marked()).toBe(3);
  });

  it('clears its highlights on dispose and does no more work after it', async () => {
    const root = mount('<p>The CIS-MOA.</p>');
    await engine.scanDocument(document.body);
    expect(marked()).toBe(1);
    engine.dispose();
    expect(marked()).toBe(0);
    expect(engine.mentions()).toEqual([]);
    const p = document.createElement('p');
    p.textContent = 'Asim Munir.';
    root.append(p);
    await engine.enqueue(p);
    expect(engine.mentions()).toEqual([]);
    expect(marked()).toBe(0);
  });
});

describe('watchMutations feeding the engine', () => {
  /** MutationObserver callbacks run as microtasks; one macrotask later they have all run. */
  const observed = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('rescans added and edited text and forgets removed text', async () => {
    const root = mount('<p>Intro.</p>');
    await engine.scanDocument(document.body);
    const stop = watchMutations(document.body, {
      changed: (n) => void engine.enqueue(n),
      stale: () => void engine.markStale(),
    });
    try {
      const p = document.createElement('p');
      p.innerHTML = 'The CIS-<em>MOA</em>.';
      root.append(p);
      await observed();
      await engine.idle();
      expect(found()).toEqual([['CIS-MOA', 'cis-moa']]);
      (p.lastChild as Text).data = '. Asim Munir.';
      await observed();
      await engine.idle();
      expect(found()).toEqual([
        ['CIS-MOA', 'cis-moa'],
        ['Asim Munir', 'asim-munir'],
      ]);
      p.remove();
      await observed();
      await engine.idle();
      expect(found()).toEqual([]);
      expect(marked()).toBe(0);
    } finally {
      stop();
    }
  });

  it('ignores additions inside rejected subtrees and the card host, and reports removals as stale', async () => {
    const root = mount('<textarea></textarea><p>x</p>');
    const changed: Node[] = [];
    let stale = 0;
    const stop = watchMutations(document.documentElement, { changed: (n) => changed.push(n), stale: () => stale++ });
    try {
      root.querySelector('textarea')!.append('IMET typed');
      const card = new CardShadowHost('');
      card.mount();
      await observed();
      expect(changed).toEqual([]);
      card.remove();
      await observed();
      // The card host leaving is not the page's text changing.
      expect(stale).toBe(0);
      const added = document.createElement('span');
      root.querySelector('p')!.append(added);
      root.querySelector('p')!.firstChild!.remove();
      await observed();
      expect(changed).toEqual([added]);
      expect(stale).toBe(1);
    } finally {
      stop();
    }
  });
});

describe('HighlightPainter', () => {
  const rangeOver = (node: Text, start: number, end: number) =>
    new StaticRange({ startContainer: node, startOffset: start, endContainer: node, endOffset: end });

  it('registers its highlights only at the first flush with ranges, under the style name', () => {
    const text = mount('<p>abcdef</p>').querySelector('p')!.firstChild as Text;
    const r = rangeOver(text, 0, 3);
    painter.add(r);
    expect(CSS.highlights.has(MARK)).toBe(false);
    expect(painter.flush()).toBe(false);
    expect(CSS.highlights.get(MARK)!.has(r)).toBe(true);
    expect(CSS.highlights.get(ACTIVE_HIGHLIGHT)!.priority).toBe(1);
    painter.setStyle('tint');
    expect(CSS.highlights.has(MARK)).toBe(false);
    expect(CSS.highlights.get(HIGHLIGHT_NAMES.tint)!.has(r)).toBe(true);
  });

  it('with registerEarly (Firefox), registers them empty at the first range and fills them at the flush', () => {
    painter.dispose();
    painter = new HighlightPainter('underline', { registerEarly: true });
    const text = mount('<p>abcdef</p>').querySelector('p')!.firstChild as Text;
    const r = rangeOver(text, 0, 3);
    painter.add(r);
    expect(CSS.highlights.get(MARK)?.size).toBe(0);
    expect(painter.flush()).toBe(false);
    expect(CSS.highlights.get(MARK)!.has(r)).toBe(true);
  });

  it('hands over queued ranges in slices when the deadline has passed', () => {
    const text = mount(`<p>${'x'.repeat(600)}</p>`).querySelector('p')!.firstChild as Text;
    for (let i = 0; i < 600; i++) painter.add(rangeOver(text, i, i + 1));
    expect(painter.flush(0)).toBe(true);
    expect(painter.flush()).toBe(false);
    expect(marked()).toBe(600);
  });

  it('reads the clock every few ranges, so a slow Highlight cannot hold a slice long past its deadline', () => {
    // Adding to a shown Highlight with many ranges is slow in Firefox: each look at the clock may end the slice.
    const text = mount(`<p>${'x'.repeat(600)}</p>`).querySelector('p')!.firstChild as Text;
    for (let i = 0; i < 600; i++) painter.add(rangeOver(text, i, i + 1));
    let calls = 1;
    while (painter.flush(0)) calls++;
    expect(calls).toBeGreaterThanOrEqual(600 / 4);
    expect(marked()).toBe(600);
  });

  it('removes a range that was queued but not flushed, and marks one active range', () => {
    const text = mount('<p>abcdef</p>').querySelector('p')!.firstChild as Text;
    const a = rangeOver(text, 0, 2);
    const b = rangeOver(text, 3, 5);
    painter.add(a);
    painter.add(b);
    painter.remove(a);
    painter.flush();
    expect(marked()).toBe(1);
    painter.setActive(b);
    expect([...CSS.highlights.get(ACTIVE_HIGHLIGHT)!]).toEqual([b]);
    painter.setActive(undefined);
    expect(CSS.highlights.get(ACTIVE_HIGHLIGHT)!.size).toBe(0);
  });

  it('leaves a highlight registered by someone else under its name on dispose, but clearLeftovers removes it', () => {
    const text = mount('<p>abcdef</p>').querySelector('p')!.firstChild as Text;
    painter.add(rangeOver(text, 0, 2));
    painter.flush();
    const other = new Highlight();
    CSS.highlights.set(MARK, other);
    painter.dispose();
    expect(CSS.highlights.get(MARK)).toBe(other);
    expect(CSS.highlights.has(ACTIVE_HIGHLIGHT)).toBe(false);
    HighlightPainter.clearLeftovers();
    expect(CSS.highlights.has(MARK)).toBe(false);
  });
});
