/**
 * lib/page/textBlocks.ts in real Chromium: what a block is (inline tags joined, block elements ending it), which
 * subtrees are never read, XHTML documents, and the filtered walk the engine uses (anchors from the real dossier).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../lib/core/matcher';
import {
  BlockWalker,
  blockContainerOf,
  isInsideRejected,
  locate,
  type BlockFilter,
  type TextBlock,
} from '../../lib/page/textBlocks';
import { bundledDossier } from '../../lib/store/bundledDossier';

const matcher = compileMatcher(bundledDossier.entities);

function mount(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

/** Walks to the end in one go. */
function walk(root: Node, filter?: BlockFilter): TextBlock[] {
  const blocks: TextBlock[] = [];
  new BlockWalker(root, (b) => blocks.push(b), filter).next(Infinity);
  return blocks;
}

const texts = (blocks: readonly TextBlock[]) => blocks.map((b) => b.text);

afterEach(() => {
  document.body.replaceChildren();
});

describe('BlockWalker, full walk', () => {
  it('joins text across inline tags into one block, with each node and where it starts', () => {
    const root = mount('<p>The CIS-<em>MOA</em> <a href="#">was <b>signed</b></a>.</p>');
    const [block, ...rest] = walk(root);
    expect(rest).toEqual([]);
    expect(block!.text).toBe('The CIS-MOA was signed.');
    expect(block!.nodes.map((n) => n.data)).toEqual(['The CIS-', 'MOA', ' ', 'was ', 'signed', '.']);
    expect(block!.starts).toEqual([0, 8, 11, 12, 16, 22]);
    // A hit's end offset on a node boundary belongs to the node before it (the range must not start the next node).
    const end = locate(block!, 11, true);
    expect([end.node.data, end.offset, end.index]).toEqual(['MOA', 3, 1]);
    const start = locate(block!, 8, false);
    expect([start.node.data, start.offset]).toEqual(['MOA', 0]);
  });

  it('ends a block at block elements and line breaks, never across paragraphs', () => {
    const root = mount(
      '<div>a<p>b</p>c<span>d<i>e</i></span>f</div><p>one<br>two</p><ul><li>x</li><li>y</li></ul><p>CENT<wbr>COM</p>',
    );
    expect(texts(walk(root))).toEqual(['a', 'b', 'cdef', 'one', 'two', 'x', 'y', 'CENTCOM']);
  });

  it('skips scripts, styles, form fields, buttons and editable regions, and they do not split a block', () => {
    const root = mount(
      '<p>before<script>var IMET = 1;</script><style>p{}</style><textarea>IMET</textarea><input value="IMET">' +
        '<select><option>IMET</option></select><button>IMET</button><span contenteditable>IMET</span>' +
        '<span contenteditable="plaintext-only">IMET</span><span contenteditable="false">kept</span>after</p>' +
        '<div contenteditable="true"><p>editable <b>IMET</b></p></div><noscript>IMET</noscript><template><p>IMET</p></template>',
    );
    expect(texts(walk(root))).toEqual(['beforekeptafter']);
    const editable = root.querySelector('div[contenteditable] b')!.firstChild!;
    expect(isInsideRejected(editable)).toBe(true);
    expect(isInsideRejected(root.querySelector('span[contenteditable="false"]')!.firstChild!)).toBe(false);
  });

  it('finds a block box through inline ancestors', () => {
    const root = mount('<p id="box">x <a><em>deep</em></a></p>');
    expect(blockContainerOf(root.querySelector('em')!.firstChild!)).toBe(root.querySelector('#box'));
  });

  it('gives the same blocks when cut into slices at every possible point', () => {
    // Long enough that the clock is read (every 128 text nodes) many times; every read says time is up.
    const html = Array.from({ length: 400 }, (_, i) => `<p>para ${i} <b>bold</b><script>IMET</script> tail</p>`).join(
      '',
    );
    const root = mount(html);
    const whole = walk(root);
    const sliced: TextBlock[] = [];
    const walker = new BlockWalker(root, (b) => sliced.push(b));
    let slices = 1;
    while (walker.next(0, () => 1)) slices++;
    expect(slices).toBeGreaterThan(5);
    expect(texts(sliced)).toEqual(texts(whole));
    expect(whole).toHaveLength(400);
    expect(whole[7]!.text).toBe('para 7 bold tail');
  });

  it('counts the text nodes it read: all of them when searching for anchors, to within 128 otherwise', () => {
    const root = mount(Array.from({ length: 1000 }, (_, i) => `<p>para ${i}</p>`).join(''));
    const filtered = new BlockWalker(root, () => undefined, { anchors: matcher.anchors });
    while (filtered.next(0, () => 1));
    expect(filtered.textsWalked).toBe(1000);
    // Blocks with an anchor are read again to be collected: not counted twice.
    const words = Array.from({ length: 9 }, (_, i) => `<b>w${i}</b>`).join(' ');
    root.innerHTML = Array.from({ length: 100 }, () => `<p>IMET ${words}</p>`).join('');
    const nodes = 100 * (1 + 9 + 8); // "IMET ", the nine words and the eight spaces between them
    const flagged = new BlockWalker(root, () => undefined, { anchors: matcher.anchors });
    while (flagged.next(0, () => 1));
    expect(flagged.textsWalked).toBe(nodes);
    const whole = new BlockWalker(root, () => undefined);
    whole.next(Infinity);
    expect(whole.textsWalked).toBeGreaterThan(nodes - 128);
    expect(whole.textsWalked).toBeLessThanOrEqual(nodes);
  });

  it('reads an XHTML document (lower-case tagName) by the same rules', () => {
    const xhtml =
      '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>IMET</title></head><body>' +
      '<p>The CIS-<em>MOA</em> text</p><script>var IMET = 1;</script><textarea>IMET</textarea><p>next</p></body></html>';
    const doc = new DOMParser().parseFromString(xhtml, 'application/xhtml+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    // The reason for reading localName: in XHTML tagName is not upper-cased.
    expect(doc.querySelector('script')!.tagName).toBe('script');
    expect(texts(walk(doc.body))).toEqual(['The CIS-MOA text', 'next']);
    expect(texts(walk(doc.documentElement))).toEqual(['The CIS-MOA text', 'next']);
  });
});

describe('BlockWalker, filtered by the dossier anchors', () => {
  const html =
    '<p>Weather today: sunny.</p><p>The CIS-<em>MOA</em> was signed in 2020.</p><p>Sports results.</p>' +
    '<p>General Asim <b>Munir</b> spoke.</p><p>Ku<b>rilla</b> visited.</p><p>Nothing here.</p><p>The <i>I</i>MET deal.</p>';

  it('emits only the blocks where an anchor is found, and each exactly as the full walk has it', () => {
    const root = mount(html);
    const all = walk(root);
    expect(all).toHaveLength(7);
    const filtered = walk(root, { anchors: matcher.anchors });
    expect(texts(filtered)).toEqual([
      'The CIS-MOA was signed in 2020.',
      'General Asim Munir spoke.',
      'Kurilla visited.',
      'The IMET deal.',
    ]);
    for (const block of filtered) {
      const same = all.find((b) => b.nodes[0] === block.nodes[0])!;
      expect(block.nodes).toEqual(same.nodes);
      expect(block.starts).toEqual(same.starts);
    }
  });

  it('finds anchors across chunk edges when the search runs every few characters', () => {
    const root = mount(html);
    expect(texts(walk(root, { anchors: matcher.anchors, chunk: 7 }))).toEqual(
      texts(walk(root, { anchors: matcher.anchors })),
    );
  });

  it('ends a slice before a search that would run past the budget, and begins the next with it', () => {
    // A fake clock: every search of the joined text takes 5 ms; the walk itself takes no time. Deadlines 4 ms ahead:
    // a second search in a slice would end at 10 ms, past the 8 ms budget.
    let clock = 0;
    const now = () => clock;
    let searches = 0;
    const slow: BlockFilter['anchors'] = {
      search: (text, found, open) => {
        clock += 5;
        searches++;
        return matcher.anchors.search(text, found, open);
      },
    };
    const root = mount(html);
    const emitted: TextBlock[] = [];
    const walker = new BlockWalker(root, (b) => emitted.push(b), { anchors: slow, chunk: 20 });
    const perSlice: number[] = [];
    for (let more = true; more;) {
      const before = searches;
      more = walker.next(clock + 4, now);
      perSlice.push(searches - before);
    }
    // Without the look ahead a slice holds every search until the clock is read (every 128 text nodes): all of them.
    expect(Math.max(...perSlice)).toBe(1);
    expect(searches).toBeGreaterThan(3);
    expect(texts(emitted)).toEqual(texts(walk(root, { anchors: matcher.anchors })));
  });

  it('works out the whole block of a flagged node, back to where it starts', () => {
    // The anchor ("Kurilla") is in the last node; the block starts three nodes earlier.
    const root = mount('<div><p>intro</p>Gen. <i>Michael</i> <b>Erik</b> Kurilla said<p>outro</p></div>');
    const [block, ...rest] = walk(root, { anchors: matcher.anchors });
    expect(rest).toEqual([]);
    expect(block!.text).toBe('Gen. Michael Erik Kurilla said');
    expect(block!.nodes[0]!.data).toBe('Gen. ');
  });

  it('emits the blocks of known nodes even with no anchor in them (their old marks must go)', () => {
    const root = mount('<p>plain one</p><p>plain two</p>');
    const two = root.lastElementChild!.firstChild as Text;
    expect(texts(walk(root, { anchors: matcher.anchors }))).toEqual([]);
    expect(texts(walk(root, { anchors: matcher.anchors, known: (n) => n === two }))).toEqual(['plain two']);
  });

  it('hands context-tier-only nodes to setAside and emits nothing when it takes them', () => {
    const root = mount('<p>Donald Trump spoke.</p><p>Nothing.</p><p>The State Department said.</p>');
    let taken: readonly Text[] = [];
    const emitted = walk(root, { anchors: matcher.anchors, setAside: (nodes) => ((taken = [...nodes]), true) });
    expect(emitted).toEqual([]);
    expect(taken.map((n) => n.data)).toEqual(['Donald Trump spoke.', 'The State Department said.']);
    // Declined: the blocks are worked out as usual.
    expect(texts(walk(root, { anchors: matcher.anchors, setAside: () => false }))).toEqual([
      'Donald Trump spoke.',
      'The State Department said.',
    ]);
  });

  it('does not set aside when a core or related anchor is on the page', () => {
    const root = mount('<p>Donald Trump spoke.</p><p>The CIS-MOA.</p>');
    let called = false;
    const emitted = walk(root, { anchors: matcher.anchors, setAside: () => ((called = true), true) });
    expect(called).toBe(false);
    expect(texts(emitted)).toEqual(['Donald Trump spoke.', 'The CIS-MOA.']);
  });
});
