/**
 * Open shadow roots (issue 16) in real Chromium: findShadowRoots finds roots on custom elements, nested ones too, in
 * shadow-including tree order; the engine scans them after the document, lists their mentions in that order, styles
 * the roots that hold a mention (and only those) with an adopted sheet, and follows roots added or attached later.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../lib/core/matcher';
import { pageRulesOf } from '../../lib/core/mentionResolver';
import {
  ACTIVE_HIGHLIGHT,
  FAINT_HIGHLIGHT_NAMES,
  HIGHLIGHT_NAMES,
  HighlightPainter,
  SHADOW_MARKS_CSS,
} from '../../lib/page/highlightPainter';
import { MentionEngine, nodePrecedes } from '../../lib/page/mentionEngine';
import { watchMutations } from '../../lib/page/mutationWatcher';
import { findShadowRoots, HostSearch } from '../../lib/page/textBlocks';
import { bundledDossier } from '../../lib/store/bundledDossier';
import { recordXPathQueries } from './xpathQueries';

const entities = bundledDossier.entities;
const matcher = compileMatcher(entities);
const pageRules = pageRulesOf(entities);
const tiers = new Map(entities.map((e) => [e.id, e.tier]));
const MARK = HIGHLIGHT_NAMES.underline;

let painter: HighlightPainter;
let engine: MentionEngine;
let observed: ShadowRoot[];

/** A host element (`x-…` by default) with an open root holding `html`. */
function host(html: string, tag = 'x-part', light = ''): HTMLElement {
  const el = document.createElement(tag);
  el.innerHTML = light;
  el.attachShadow({ mode: 'open' }).innerHTML = html;
  return el;
}

const found = () => engine.mentions().map((m) => m.text);
const hasMarkRule = (root: ShadowRoot) =>
  root.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.startsWith(`::highlight(${MARK})`)));

beforeEach(() => {
  observed = [];
  painter = new HighlightPainter('underline');
  engine = new MentionEngine(matcher, (id) => tiers.get(id), painter, {
    pageRules,
    onShadowRoot: (root) => observed.push(root),
  });
});

afterEach(() => {
  engine.dispose();
  painter.dispose();
  HighlightPainter.clearLeftovers();
  document.body.replaceChildren();
});

describe('findShadowRoots', () => {
  it('finds open roots on custom elements, nested ones right after their host, and skips closed, built-in and rejected hosts', () => {
    const outer = host('<p>outer</p><x-inner></x-inner>', 'x-outer');
    const inner = outer.shadowRoot!.querySelector('x-inner')!;
    inner.attachShadow({ mode: 'open' }).innerHTML = '<p>inner</p>';
    const second = host('<p>second</p>', 'x-second');
    const closed = document.createElement('x-closed');
    closed.attachShadow({ mode: 'closed' });
    const div = document.createElement('div');
    div.attachShadow({ mode: 'open' });
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    editable.append(host('<p>edited</p>', 'x-edited'));
    document.body.append(outer, closed, div, editable, second);
    const { roots } = findShadowRoots(document, new Set());
    expect(roots).toEqual([outer.shadowRoot, inner.shadowRoot, second.shadowRoot]);
    expect(findShadowRoots(document, new Set([outer.shadowRoot!])).roots).toEqual([second.shadowRoot]);
  });

  it('keeps custom elements not defined yet, whose upgrade may attach a root', () => {
    document.body.innerHTML = '<x-not-defined-yet></x-not-defined-yet>';
    expect(findShadowRoots(document, new Set()).undefinedHosts.map((e) => e.localName)).toEqual(['x-not-defined-yet']);
  });
});

describe('HostSearch', () => {
  /** Paragraphs around hosts, enough elements for many slices of the element walk. */
  function longPage(): { first: HTMLElement; hosts: HTMLElement[] } {
    const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraph <b>${i}</b>.</p>`).join('');
    const first = document.createElement('div');
    first.innerHTML = paragraphs(300);
    const outer = host('<p>outer</p><x-inner></x-inner>', 'x-outer');
    outer.shadowRoot!.querySelector('x-inner')!.attachShadow({ mode: 'open' }).innerHTML = '<p>inner</p>';
    const inFirst = host('<p>in the first part</p>', 'x-early');
    first.append(inFirst);
    const rest = document.createElement('div');
    rest.innerHTML = paragraphs(700) + '<x-not-defined-yet></x-not-defined-yet>';
    const late = host('<p>late</p>', 'x-late');
    document.body.append(first, outer, rest, late);
    return { first, hosts: [inFirst, outer, late] };
  }

  /** Runs a search to its end with a deadline always past: it stops at every clock reading. */
  function runOut(search: HostSearch, between?: (slices: number) => void): number {
    let slices = 0;
    while (search.next(0)) {
      slices++;
      between?.(slices);
    }
    return slices;
  }

  it('in slices, finds what one query finds, going on where each slice stopped', () => {
    longPage();
    const search = new HostSearch(document, true);
    expect(runOut(search)).toBeGreaterThan(10);
    const sliced = search.roots(new Set());
    const queried = findShadowRoots(document, new Set());
    expect(sliced.roots).toEqual(queried.roots);
    expect(sliced.roots).toHaveLength(4);
    expect(sliced.undefinedHosts.map((e) => e.localName)).toEqual(['x-not-defined-yet']);
  });

  it('starts over when the page removed the element it stopped at, keeping each host once', () => {
    const { first, hosts } = longPage();
    const search = new HostSearch(document, true);
    runOut(search, (slices) => {
      if (slices === 2) first.remove(); // the walk stopped inside it: at its 256th element
    });
    const { roots } = search.roots(new Set());
    expect(roots).toEqual(findShadowRoots(document, new Set()).roots);
    expect(roots[0]).toBe(hosts[1]!.shadowRoot);
    expect(new Set(roots).size).toBe(roots.length);
  });

  it('gives way to the one query when the page removes where it stopped a second time', () => {
    const removable = () => {
      const div = document.createElement('div');
      div.innerHTML = Array.from({ length: 300 }, (_, i) => `<p>Line <b>${i}</b>.</p>`).join('');
      return div;
    };
    const a = removable();
    const b = removable();
    document.body.append(a, b);
    const { hosts } = longPage();
    const { queries, restore } = recordXPathQueries();
    try {
      const search = new HostSearch(document, true);
      // Each slice stops at the 128th element from where it began: inside a, then (started over) inside b.
      const slices = runOut(search, (n) => (n === 1 ? a : b).remove());
      expect(slices).toBe(2);
      const { roots } = search.roots(new Set());
      expect(queries).toHaveLength(1); // the one query, once the walk gave way
      expect(roots).toEqual(findShadowRoots(document, new Set()).roots);
      expect(roots[0]).toBe(hosts[0]!.shadowRoot);
    } finally {
      restore();
    }
  });

  it('ends, finding nothing, when the page removed the element it searches', () => {
    const { first } = longPage();
    const wrap = document.createElement('div');
    wrap.append(...document.body.childNodes);
    document.body.append(wrap);
    const search = new HostSearch(wrap, true);
    expect(search.next(0)).toBe(true);
    wrap.remove();
    expect(search.next(0)).toBe(false);
    expect(search.roots(new Set()).roots).toEqual([]);
    expect(first.isConnected).toBe(false);
  });

  it('unsliced, is one query: done at the first call', () => {
    longPage();
    const search = new HostSearch(document, false);
    expect(search.next(0)).toBe(false);
    expect(search.roots(new Set()).roots).toEqual(findShadowRoots(document, new Set()).roots);
  });
});

describe('shadow-including tree order', () => {
  it('puts a root right after its host start, before the host light children, nested roots likewise', () => {
    const outer = host('<p>in root</p><x-inner></x-inner><p>root after inner</p>', 'x-outer', '<p>light child</p>');
    const inner = outer.shadowRoot!.querySelector('x-inner')!;
    inner.attachShadow({ mode: 'open' }).innerHTML = '<p>nested</p>';
    const before = document.createElement('p');
    before.textContent = 'before';
    const after = document.createElement('p');
    after.textContent = 'after';
    document.body.append(before, outer, after);
    const texts = [
      before.firstChild!,
      outer.shadowRoot!.firstChild!.firstChild!,
      inner.shadowRoot!.firstChild!.firstChild!,
      outer.shadowRoot!.lastChild!.firstChild!,
      outer.firstChild!.firstChild!,
      after.firstChild!,
    ];
    for (let i = 0; i < texts.length; i++)
      for (let j = 0; j < texts.length; j++)
        if (i !== j) expect(nodePrecedes(texts[i]!, texts[j]!), `${i} before ${j}`).toBe(i < j);
  });
});

describe('MentionEngine with open shadow roots', () => {
  it('marks and lists mentions inside roots (nested too) in shadow-including order, after the first marks', async () => {
    const article = host(
      '<p>General Asim Munir met Michael Kurilla.</p><x-quote></x-quote><slot></slot><p>IMET training was discussed.</p>',
      'x-article',
      '<p>Slotted: Asim Munir spoke.</p>',
    );
    article.shadowRoot!.querySelector('x-quote')!.attachShadow({ mode: 'open' }).innerHTML =
      '<blockquote>Kurilla said the CIS MOA stands.</blockquote>';
    const before = document.createElement('p');
    before.textContent = 'The CIS-MOA was renewed.';
    const after = document.createElement('p');
    after.textContent = 'Afterwards Michael Kurilla left.';
    document.body.append(before, article, after);

    await engine.scanDocument(document.body);
    // scanDocument resolves with the light DOM's marks; the roots are looked for from the next frame.
    expect(found()).toEqual(['CIS-MOA', 'Asim Munir', 'Michael Kurilla']);
    await engine.idle();
    expect(found()).toEqual([
      'CIS-MOA',
      'Asim Munir',
      'Michael Kurilla',
      'Kurilla',
      'CIS MOA',
      'IMET',
      'Asim Munir',
      'Michael Kurilla',
    ]);
    // The widely known names among them are painted in the faint Highlight.
    expect(CSS.highlights.get(MARK)!.size + CSS.highlights.get(FAINT_HIGHLIGHT_NAMES.underline)!.size).toBe(8);
    expect(observed).toHaveLength(2);
    const quote = article.shadowRoot!.querySelector('x-quote')!.shadowRoot!;
    expect(engine.rootsWithMentions()).toEqual([article.shadowRoot, quote]);
    expect(hasMarkRule(article.shadowRoot!) && hasMarkRule(quote)).toBe(true);
  });

  it("looks for a large document's roots in slices, without the one XPath query, and marks them the same", async () => {
    const article = host('<p>General Asim Munir met Michael Kurilla.</p>', 'x-article');
    const before = document.createElement('p');
    before.textContent = 'The CIS-MOA was renewed.';
    document.body.append(before, article);
    const { queries, restore } = recordXPathQueries();
    try {
      engine.dispose();
      engine = new MentionEngine(matcher, (id) => tiers.get(id), painter, { pageRules, slicedHostSearchTexts: 0 });
      await engine.scanDocument(document.body);
      await engine.idle();
      expect(found()).toEqual(['CIS-MOA', 'Asim Munir', 'Michael Kurilla']);
      expect(engine.rootsWithMentions()).toEqual([article.shadowRoot]);
      expect(queries).toEqual([]);
      // Below the threshold (a page this small, by default), the one query.
      engine.dispose();
      engine = new MentionEngine(matcher, (id) => tiers.get(id), painter, { pageRules });
      await engine.scanDocument(document.body);
      await engine.idle();
      expect(found()).toEqual(['CIS-MOA', 'Asim Munir', 'Michael Kurilla']);
      expect(queries).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('styles only the roots with a mention, appends to their sheets and removes its sheet on dispose', async () => {
    const own = new CSSStyleSheet();
    own.replaceSync('p { color: rebeccapurple; }');
    const marked = host('<p>The CIS-MOA was renewed.</p>');
    marked.shadowRoot!.adoptedStyleSheets = [own];
    const plain = host('<p>Weather and sport.</p>');
    document.body.append(marked, plain);
    await engine.scanDocument(document.body);
    await engine.idle();
    expect(found()).toEqual(['CIS-MOA']);
    expect(marked.shadowRoot!.adoptedStyleSheets).toHaveLength(2);
    expect(marked.shadowRoot!.adoptedStyleSheets[0]).toBe(own);
    expect(hasMarkRule(marked.shadowRoot!)).toBe(true);
    expect(plain.shadowRoot!.adoptedStyleSheets).toHaveLength(0);
    painter.dispose();
    expect(marked.shadowRoot!.adoptedStyleSheets).toEqual([own]);
  });

  it('scans a component added later, and text changed inside a watched root', async () => {
    document.body.innerHTML = '<p>The CIS-MOA was renewed.</p>';
    const stops = [
      watchMutations(document.body, { changed: (n) => void engine.enqueue(n), stale: () => void engine.markStale() }),
    ];
    engine = new MentionEngine(matcher, (id) => tiers.get(id), painter, {
      pageRules,
      onShadowRoot: (root) =>
        stops.push(
          watchMutations(root, { changed: (n) => void engine.enqueue(n), stale: () => void engine.markStale() }),
        ),
    });
    await engine.scanDocument(document.body);
    await engine.idle();
    const late = host('<p>Later Asim Munir arrived.</p>');
    document.body.append(late);
    await new Promise((r) => requestAnimationFrame(r));
    await engine.idle();
    expect(found()).toEqual(['CIS-MOA', 'Asim Munir']);
    // Text straight under the root (no element around it) is its own block.
    late.shadowRoot!.append(' Michael Kurilla too.');
    await new Promise((r) => requestAnimationFrame(r));
    await engine.idle();
    expect(found()).toEqual(['CIS-MOA', 'Asim Munir', 'Michael Kurilla']);
    for (const stop of stops) stop();
  });

  it('finds a root attached by an upgrade after the scan, at the next batch', async () => {
    document.body.innerHTML = '<p>The CIS-MOA was renewed.</p><x-upgraded-later></x-upgraded-later>';
    await engine.scanDocument(document.body);
    await engine.idle();
    customElements.define(
      'x-upgraded-later',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<p>Asim Munir</p>';
        }
      },
    );
    const p = document.createElement('p');
    p.textContent = 'Weather.';
    document.body.append(p);
    void engine.enqueue(p);
    await engine.idle();
    expect(found()).toEqual(['CIS-MOA', 'Asim Munir']);
  });

  it('gives shadow roots the same rules as the manifest CSS (lib/page/pageMarks.css, as built)', async () => {
    const rules = (css: string) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return [...sheet.cssRules].map((r) => r.cssText);
    };
    const manifest = (await import('../../lib/page/pageMarks.css?raw')).default;
    // A rule for every highlight the painter registers: both styles, their faint forms, the active mark.
    const names = [...Object.values(HIGHLIGHT_NAMES), ...Object.values(FAINT_HIGHLIGHT_NAMES), ACTIVE_HIGHLIGHT];
    expect(
      rules(manifest)
        .map((r) => /^::highlight\(([\w-]+)\)/.exec(r)?.[1])
        .sort(),
    ).toEqual(names.sort());
    expect(rules(SHADOW_MARKS_CSS)).toEqual(rules(manifest));
  });
});
