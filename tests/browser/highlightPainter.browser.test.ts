/**
 * The painter's two kinds of marks and its first-mention mode, in real Chromium with the real engine, dossier and
 * tiers: the widely known names go to the faint highlight, repeats in a paragraph stay unpainted (and are reported
 * as hidden, for hover), and removing a paragraph's first mention paints the next one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../lib/core/matcher';
import { pageRulesOf } from '../../lib/core/mentionResolver';
import { FAINT_HIGHLIGHT_NAMES, HIGHLIGHT_NAMES, HighlightPainter } from '../../lib/page/highlightPainter';
import { MentionEngine } from '../../lib/page/mentionEngine';
import { bundledDossier } from '../../lib/store/bundledDossier';

const entities = bundledDossier.entities;
const matcher = compileMatcher(entities);
const tiers = new Map(entities.map((e) => [e.id, e.tier]));
const MARK = HIGHLIGHT_NAMES.underline;
const FAINT = FAINT_HIGHLIGHT_NAMES.underline;

/** The painted ranges of a highlight as "paragraph id: text", in document order. */
function painted(name: string): string[] {
  return [...(CSS.highlights.get(name)?.keys() ?? [])]
    .map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range;
    })
    .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
    .map((r) => `${(r.startContainer.parentElement!.closest('p') as HTMLElement).id}: ${r.toString()}`);
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function setUp(html: string, firstMentionOnly: boolean) {
  const root = document.createElement('article');
  root.innerHTML = html;
  document.body.append(root);
  const painter = new HighlightPainter('underline', { firstMentionOnly });
  const engine: MentionEngine = new MentionEngine(matcher, (id) => tiers.get(id), painter, {
    pageRules: pageRulesOf(entities),
  });
  cleanup = () => {
    engine.dispose();
    painter.dispose();
    root.remove();
  };
  return { root, painter, engine };
}

const ARTICLE =
  '<p id="a">The CIS-MOA was renewed; General Michael Kurilla praised the CIS-MOA, and Kurilla left.</p>' +
  '<p id="b">Later the <em>CIS-MOA</em> again.</p>';

describe('HighlightPainter', () => {
  it('paints the widely known names in the faint highlight, the story’s names in the main one', async () => {
    const { engine } = setUp(ARTICLE, false);
    await engine.scanDocument(document.body);
    expect(painted(MARK)).toEqual(['a: CIS-MOA', 'a: CIS-MOA', 'b: CIS-MOA']);
    expect(painted(FAINT)).toEqual(['a: Michael Kurilla', 'a: Kurilla']);
  });

  it('first-mention mode paints each entity once per paragraph and hides the repeats', async () => {
    const { engine, painter } = setUp(ARTICLE, true);
    await engine.scanDocument(document.body);
    expect(engine.mentions()).toHaveLength(5);
    expect(painted(MARK)).toEqual(['a: CIS-MOA', 'b: CIS-MOA']);
    expect(painted(FAINT)).toEqual(['a: Michael Kurilla']);
    expect(engine.mentions().map((m) => painter.hides(m.range))).toEqual([false, false, true, true, false]);
  });

  it('paints a paragraph’s next mention once its first is removed', async () => {
    const { engine, painter } = setUp(ARTICLE, true);
    await engine.scanDocument(document.body);
    const [first, , second] = engine.mentions();
    painter.remove(first!.range);
    painter.flush();
    expect(painted(MARK)).toEqual(['a: CIS-MOA', 'b: CIS-MOA']);
    expect(CSS.highlights.get(MARK)!.has(second!.range)).toBe(true);
    expect(painter.hides(second!.range)).toBe(false);
  });
});
