/**
 * lib/page/pageWatch.ts in real Chromium: the first stage's look at a page with the real dossier's gate. It must
 * find an anchor wherever the engine would mark something (light DOM, open shadow roots, text added later, an anchor
 * across two chunks) and leave pages without one alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { builtInGate } from '../../lib/build/builtInGate';
import { gateTest } from '../../lib/core/pageGate';
import { CHUNK_CHARS, PageWatch } from '../../lib/page/pageWatch';
import { SLICED_HOST_SEARCH_TEXTS } from '../../lib/page/textBlocks';
import { recordXPathQueries } from './xpathQueries';

const top = gateTest(builtInGate().top);

let running: PageWatch | undefined;
afterEach(() => {
  running?.stop();
  document.body.replaceChildren();
});

/** Starts a watch on the current document; `tested` collects every text the RegExps were asked about. */
function watch(): { found: Promise<boolean>; anchors: () => number; tested: string[] } {
  let anchors = 0;
  const tested: string[] = [];
  running = new PageWatch({
    holdsAnchor: (text) => {
      tested.push(text);
      return top(text);
    },
    onAnchor: () => anchors++,
    alive: () => true,
  });
  return { found: running.start(), anchors: () => anchors, tested };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('PageWatch', () => {
  it('finds a core name in the document and calls onAnchor once', async () => {
    document.body.innerHTML = '<h1>Pakistan and the US</h1><p>The <b>CIS-MOA</b> was signed in 2018.</p>';
    const w = watch();
    expect(await w.found).toBe(true);
    expect(w.anchors()).toBe(1);
  });

  it('leaves a page with widely known names only alone, and does not read its scripts', async () => {
    document.body.innerHTML =
      '<p>Donald Trump met reporters.</p><script type="text/plain">var related = "CIS-MOA";</script>';
    const w = watch();
    expect(await w.found).toBe(false);
    expect(w.anchors()).toBe(0);
    expect(w.tested.join('')).not.toContain('related');
  });

  it('finds a name in an open shadow root, nested too', async () => {
    const outer = document.createElement('news-card');
    document.body.append(outer);
    const inner = document.createElement('news-quote');
    outer.attachShadow({ mode: 'open' }).append(inner);
    inner.attachShadow({ mode: 'open' }).innerHTML = '<p>General Asim Munir said</p>';
    const w = watch();
    expect(await w.found).toBe(true);
  });

  it('on a page of more text nodes than SLICED_HOST_SEARCH_TEXTS, finds a name in a root without the one XPath query', async () => {
    const filler = document.createElement('div');
    filler.innerHTML = '<p>Ferries ran on time.</p>'.repeat(SLICED_HOST_SEARCH_TEXTS + 1);
    const card = document.createElement('news-card');
    card.attachShadow({ mode: 'open' }).innerHTML = '<p>General Asim Munir said</p>';
    document.body.append(filler, card);
    const { queries, restore } = recordXPathQueries();
    try {
      const w = watch();
      expect(await w.found).toBe(true);
      expect(queries).toEqual([]);
      // A smaller page: the one query.
      running?.stop();
      filler.remove();
      expect(await watch().found).toBe(true);
      expect(queries).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('finds a name added later, in a new element or in edited text, but not before', async () => {
    document.body.innerHTML = '<p id="p">A quiet day.</p>';
    const w = watch();
    expect(await w.found).toBe(false);
    document.getElementById('p')!.append(' Later, IM', 'ET officers arrived.');
    await settle();
    expect(w.anchors()).toBe(1);

    running!.stop();
    document.body.innerHTML = '<p id="q">Nothing yet.</p>';
    const again = watch();
    expect(await again.found).toBe(false);
    (document.getElementById('q')!.firstChild as Text).data = 'Qamar Javed Bajwa retired.';
    await settle();
    expect(again.anchors()).toBe(1);
  });

  it('finds a name inside a shadow root attached after the first look', async () => {
    document.body.innerHTML = '<p>A quiet day.</p>';
    const w = watch();
    expect(await w.found).toBe(false);
    const host = document.createElement('late-widget');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Talks on the CIS-MOA resumed.</p>';
    document.body.append(host);
    await settle();
    expect(w.anchors()).toBe(1);
  });

  it('finds a name in the root a custom element attaches when it upgrades, at the next change', async () => {
    document.body.innerHTML = '<p>A quiet day.</p><watch-upgraded-later></watch-upgraded-later>';
    const w = watch();
    expect(await w.found).toBe(false);
    customElements.define(
      'watch-upgraded-later',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<p>Talks on the CIS-MOA resumed.</p>';
        }
      },
    );
    // The upgrade itself is no mutation the observer sees: the page's next change is when the host is looked at.
    document.body.append(document.createElement('p'));
    await settle();
    expect(w.anchors()).toBe(1);
  });

  it('finds an anchor that straddles two of its chunks, on a page of more than one chunk', async () => {
    // A chunk's worth of filler in many nodes, the name's last word starting just before the chunk ends.
    const filler = 'Lorem ipsum dolor sit amet. ';
    const p = document.createElement('p');
    let size = 0;
    while (size + filler.length <= CHUNK_CHARS - 4) {
      p.append(filler);
      size += filler.length;
    }
    p.append('x'.repeat(CHUNK_CHARS - 4 - size));
    p.append(' Asim Mu', 'nir spoke.');
    document.body.append(p, document.createElement('p'));
    document.body.lastElementChild!.textContent = filler.repeat(CHUNK_CHARS / 20);
    const w = watch();
    expect(await w.found).toBe(true);
    expect(w.tested.length).toBeGreaterThan(1);
  });

  it('after stop(), changes call nothing', async () => {
    document.body.innerHTML = '<p>A quiet day.</p>';
    const w = watch();
    expect(await w.found).toBe(false);
    running!.stop();
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'The CIS-MOA again.' }));
    await settle();
    expect(w.anchors()).toBe(0);
  });
});
