/**
 * The accuracy corpus's manifest (tests/fixtures/corpus/expected.json) and its self-check: every expected
 * mention names an entity of data/dossier.json, and every expected text is on its page, in order. The check is
 * about the corpus, not the engine: a typo in the manifest must not pass for an engine miss.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixturesDir, repoRoot } from '../support/paths';
import { normalise } from './scoring';

/** Where a reader sees the text: the page's own DOM, an open shadow root, or an embedded frame. */
export type Location = 'main' | 'shadow' | 'iframe';

export interface ExpectedMention {
  entityId: string;
  text: string;
  location: Location;
}

export interface CorpusPage {
  /** Path under tests/fixtures/corpus/, e.g. `on-topic/wire-cabinet-approves-cismoa.html`. */
  path: string;
  /** `on`: about the dossier's story; `near`: near-topic, must stay unmarked. */
  topic: 'on' | 'near';
  forms: string[];
  notes: string;
  mentions: ExpectedMention[];
}

export const corpusDir = resolve(fixturesDir, 'corpus');
export const manifestPath = resolve(corpusDir, 'expected.json');

/** The path the static server (which serves tests/fixtures at `/`) gives a corpus page. */
export function servedPath(page: CorpusPage): string {
  return `/corpus/${page.path}`;
}

type RawMention = [string, string] | [string, string, 'shadow' | 'iframe'];

export function loadCorpus(): CorpusPage[] {
  const raw = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    pages: (Omit<CorpusPage, 'mentions'> & { mentions: RawMention[] })[];
  };
  return raw.pages.map((p) => ({
    ...p,
    mentions: p.mentions.map(([entityId, text, location]) => ({ entityId, text, location: location ?? 'main' })),
  }));
}

/** Entity ids and names of the dossier as it is now (other engineers edit it: ids are checked, not assumed). */
export function dossierEntities(): Map<string, string> {
  const dossier = JSON.parse(readFileSync(resolve(repoRoot, 'data/dossier.json'), 'utf8')) as {
    entities: { id: string; name: string }[];
  };
  return new Map(dossier.entities.map((e) => [e.id, e.name]));
}

/** Problems with the manifest itself: unknown entity ids, expected texts not found on their page in order. */
export function checkCorpus(
  pages: CorpusPage[],
  readerTexts: Map<string, string>,
  entities: Map<string, string>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const page of pages) {
    if (seen.has(page.path)) problems.push(`${page.path}: listed twice`);
    seen.add(page.path);
    if (page.topic === 'near' && page.mentions.length > 0)
      problems.push(`${page.path}: a near-topic page expects mentions`);
    for (const m of page.mentions)
      if (!entities.has(m.entityId))
        problems.push(`${page.path}: "${m.entityId}" is not an entity of data/dossier.json`);
    const text = readerTexts.get(page.path);
    if (text === undefined) continue;
    // Each expected text must be found after the previous one: the manifest lists them in document order.
    const hay = normalise(text);
    let from = 0;
    for (const m of page.mentions) {
      const needle = normalise(m.text);
      const at = hay.indexOf(needle, from);
      if (at < 0) {
        const anywhere = hay.includes(needle);
        problems.push(
          `${page.path}: expected "${m.text}" (${m.entityId}) ${anywhere ? 'is not on the page after the previous expected mention (out of order, or listed more often than it occurs)' : 'is not on the page'}`,
        );
        continue;
      }
      from = at + needle.length;
    }
  }
  return problems;
}

/**
 * Runs in the page: the text a reader sees, in document order, with open shadow roots read at their host and
 * same-origin iframes (src and srcdoc) read where they sit. Scripts, styles, templates and the head are skipped.
 */
export function readerTextInPage(): string {
  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);
  // Text flows through phrasing elements (a name split by <b> stays one word); other elements end a run of text.
  const INLINE = new Set([
    'a',
    'abbr',
    'b',
    'bdi',
    'bdo',
    'cite',
    'code',
    'em',
    'i',
    'mark',
    'q',
    's',
    'small',
    'span',
    'strong',
    'sub',
    'sup',
    'time',
    'u',
    'wbr',
  ]);
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
    const el = node as Element;
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (SKIP.has(el.localName)) return;
      if (el.localName === 'iframe') {
        const doc = (el as HTMLIFrameElement).contentDocument;
        if (doc?.body) visit(doc.body);
        parts.push(' ');
        return;
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
    for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
    if (!INLINE.has(el.localName)) parts.push(' ');
  };
  visit(document.body);
  return parts.join('');
}
