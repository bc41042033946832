/**
 * A deterministic ~5 MB "news site" page for the in-browser benchmark: a long live-blog/archive page made of
 * many stories, each with a header, byline, paragraphs full of inline markup (links, emphasis, spans, abbr,
 * time), lists, tables, block quotes, figures, asides with related links, and the usual things a scanner must
 * leave alone (JSON-LD scripts, styles, noscript, a comment form with textarea/input/select/button, an editable
 * note). Dossier aliases are sprinkled through the prose at a news-like rate, sometimes split across inline tags
 * (`CIS-<em>MOA</em>`, `<b>Asim</b> Munir`), so the dossier finds tens of thousands of mentions; people from the
 * synthetic name pools also appear, so the big synthetic alias sets (scaling section) find theirs too.
 *
 * No external resources: no src/href that the browser would fetch (links are not fetched; no images).
 */
import type { MatchableEntity } from '../../lib/core/matcher';
import { COMMON, FAMILY_NAMES, GIVEN_NAMES, PLACES, prng } from './syntheticAliases';

const ORGS = ['Ministry of Foreign Affairs', 'National Security Council', 'Pentagon', 'NATO', 'United Nations', 'ISPR'];
const SECTIONS = 'World Politics Defence Business Asia Opinion Analysis Live'.split(' ');

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface GeneratedArticle {
  html: string;
  /** Dossier aliases written into the prose (a rough expectation; the resolver and boundaries decide hits). */
  aliasesWritten: number;
}

/** `entities`: the dossier's (their aliases are what gets sprinkled). */
export function generateArticle(
  entities: readonly MatchableEntity[],
  targetChars = 5_000_000,
  seed = 20240805,
): GeneratedArticle {
  // Full names (no afterFullName) of every entity, and each entity's surname forms (afterFullName).
  const FULL = entities.map((e) => e.aliases.filter((a) => !a.afterFullName).map((a) => a.text));
  const SHORT = entities.map((e) => e.aliases.filter((a) => a.afterFullName).map((a) => a.text));
  const ENTITIES = entities;
  const rand = prng(seed);
  const pick = <T>(l: readonly T[]): T => l[Math.floor(rand() * l.length)]!;
  let aliasesWritten = 0;
  /** Entities mentioned by full name so far (their surnames are then used too). */
  const introduced: number[] = [];

  /** One dossier mention, sometimes split across inline markup. Text is HTML. */
  const mention = (): string => {
    aliasesWritten++;
    let text: string;
    if (introduced.length > 0 && rand() < 0.35) {
      const e = pick(introduced);
      text = SHORT[e]!.length > 0 ? pick(SHORT[e]!) : pick(FULL[e]!);
    } else {
      const e = Math.floor(rand() * ENTITIES.length);
      text = pick(FULL[e]!);
      if (!introduced.includes(e)) introduced.push(e);
    }
    const html = escapeHtml(text);
    const r = rand();
    if (r < 0.1 && html.includes(' ')) {
      const at = html.indexOf(' ');
      return `<b>${html.slice(0, at)}</b>${html.slice(at)}`;
    }
    if (r < 0.15 && html.includes('-')) {
      const at = html.indexOf('-');
      return `${html.slice(0, at + 1)}<em>${html.slice(at + 1)}</em>`;
    }
    if (r < 0.3) return `<a href="#/topic/${encodeURIComponent(text.toLowerCase())}">${html}</a>`;
    if (r < 0.35) return `<strong>${html}</strong>`;
    return html;
  };

  const word = (): string => {
    const r = rand();
    if (r < 0.05) return mention();
    if (r < 0.062) return `${pick(GIVEN_NAMES)} ${pick(FAMILY_NAMES)}`;
    if (r < 0.068) return pick(FAMILY_NAMES) + (rand() < 0.3 ? '’s' : '');
    if (r < 0.08) return pick(PLACES);
    if (r < 0.087) return pick(ORGS);
    if (r < 0.1) return String(Math.floor(rand() * 5000));
    return pick(COMMON);
  };

  /** A sentence of prose; words are sometimes wrapped in inline markup. */
  const sentence = (): string => {
    const len = 8 + Math.floor(rand() * 22);
    const words: string[] = [];
    for (let i = 0; i < len; i++) {
      let w = word();
      const r = rand();
      if (r < 0.02) w = `<a href="#/story/${Math.floor(rand() * 1e6)}">${w}</a>`;
      else if (r < 0.03) w = `<em>${w}</em>`;
      else if (r < 0.035) w = `<span class="hl">${w}</span>`;
      else if (r < 0.037) w = `<time datetime="2023-08-04">${w}</time>`;
      if (i > 0 && i < len - 1 && rand() < 0.06) w += ',';
      if (rand() < 0.01) w = `“${w}”`;
      if (rand() < 0.005) w = `(${w})`;
      words.push(w);
    }
    if (rand() < 0.05) words.splice(Math.floor(len / 2), 0, '—');
    const s = words.join(' ');
    // Capitalise the first letter when the sentence starts with plain text.
    const head = /^[a-z]/.test(s) ? s[0]!.toUpperCase() + s.slice(1) : s;
    return head + (rand() < 0.1 ? '?' : '.');
  };
  const prose = (minSentences: number, maxSentences: number): string => {
    const n = minSentences + Math.floor(rand() * (maxSentences - minSentences + 1));
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(sentence());
    return out.join(' ');
  };
  const headline = (): string => {
    const s = sentence().replace(/\.$|\?$/, '');
    return s.length > 160 ? s.slice(0, s.lastIndexOf(' ', 160)) : s;
  };

  const list = (): string => {
    const n = 3 + Math.floor(rand() * 6);
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(`<li>${prose(1, 2)}</li>`);
    return rand() < 0.5 ? `<ul>${items.join('')}</ul>` : `<ol>${items.join('')}</ol>`;
  };
  const table = (): string => {
    const cols = 3 + Math.floor(rand() * 3);
    const rows = 4 + Math.floor(rand() * 10);
    const th = Array.from({ length: cols }, () => `<th>${pick(COMMON)} ${pick(COMMON)}</th>`).join('');
    const body: string[] = [];
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < cols; c++) {
        const x = rand();
        cells.push(
          `<td>${x < 0.3 ? word() : x < 0.6 ? String(Math.floor(rand() * 1e5)) : `${pick(COMMON)} ${word()} ${pick(COMMON)}`}</td>`,
        );
      }
      body.push(`<tr>${cells.join('')}</tr>`);
    }
    return `<table class="data"><caption>${headline()}</caption><thead><tr>${th}</tr></thead><tbody>${body.join('')}</tbody></table>`;
  };
  const aside = (): string => {
    const items: string[] = [];
    for (let i = 0; i < 5; i++)
      items.push(
        `<li><a href="#/story/${Math.floor(rand() * 1e6)}">${headline()}</a> <span class="meta">${pick(SECTIONS)}</span></li>`,
      );
    return `<aside class="related"><h3>Related</h3><ul>${items.join('')}</ul></aside>`;
  };
  const untouchables = (n: number): string => {
    const r = rand();
    if (r < 0.3)
      return `<script type="application/ld+json">{"@type":"NewsArticle","headline":"CIS-MOA and IMET ${n}","about":["Asim Munir","Michael Kurilla"]}</script>`;
    if (r < 0.45) return `<style>.story-${n} .hl { color: #333 } /* IMET CIS-MOA */</style>`;
    if (r < 0.55) return `<noscript><p>Enable JavaScript to read about IMET and CIS-MOA.</p></noscript>`;
    if (r < 0.8)
      return (
        `<form class="comment" onsubmit="return false"><label>Comment <textarea name="c">I think CIS-MOA and IMET matter. Asim Munir said so.</textarea></label>` +
        `<input name="who" value="Michael Kurilla"><select name="s"><option>IMET</option><option>CIS-MOA</option></select>` +
        `<button type="button">Post about IMET</button></form>`
      );
    return `<div class="note" contenteditable="true"><p>Draft: the IMET programme and CIS-MOA, per Asim Munir.</p></div>`;
  };

  const story = (n: number): string => {
    const parts: string[] = [];
    parts.push(
      `<article class="story" id="s${n}"><header><p class="kicker"><a href="#/section/${pick(SECTIONS)}">${pick(SECTIONS)}</a></p>` +
        `<h2>${headline()}</h2><p class="byline">By <a href="#/author/${n}">${pick(GIVEN_NAMES)} ${pick(FAMILY_NAMES)}</a> · ` +
        `<time datetime="2023-08-04T10:00">4 August 2023</time></p></header><div class="body">`,
    );
    const paras = 4 + Math.floor(rand() * 8);
    for (let p = 0; p < paras; p++) {
      parts.push(`<p>${prose(2, 7)}</p>`);
      const r = rand();
      if (r < 0.1) parts.push(list());
      else if (r < 0.15) parts.push(table());
      else if (r < 0.22)
        parts.push(
          `<blockquote><p>${prose(1, 3)}</p><footer>— <cite>${pick(GIVEN_NAMES)} ${pick(FAMILY_NAMES)}</cite></footer></blockquote>`,
        );
      else if (r < 0.27)
        parts.push(
          `<figure><div class="ph" role="img" aria-label="photo"></div><figcaption>${prose(1, 1)} <small>Photo: Agency</small></figcaption></figure>`,
        );
      else if (r < 0.3) parts.push(`<h3>${headline()}</h3>`);
      else if (r < 0.33)
        parts.push(
          `<div class="inset"><div><span>${prose(1, 2)}</span></div><div>${prose(1, 1)}<br>${prose(1, 1)}</div></div>`,
        );
    }
    if (rand() < 0.5) parts.push(aside());
    if (rand() < 0.4) parts.push(untouchables(n));
    parts.push(
      `</div><footer class="tags">${Array.from({ length: 4 }, () => `<a href="#/tag">${pick(COMMON)}</a>`).join(' · ')}</footer></article>`,
    );
    return parts.join('\n');
  };

  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="#/section/${i}">${pick(SECTIONS)} ${i}</a></li>`).join(
    '',
  );
  const head =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Archive: Pakistan–US defence ties (generated benchmark page)</title>` +
    `<style>body{font:16px/1.5 Georgia,serif;max-width:760px;margin:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc}.ph{height:40px;background:#eee}</style>` +
    `</head><body><header class="site"><h1>The Generated Times</h1><nav><ul>${nav}</ul></nav></header><main>`;
  const tail = `</main><footer class="site"><p>© The Generated Times. All rights reserved.</p></footer></body></html>`;

  const chunks: string[] = [head];
  let size = head.length + tail.length;
  for (let n = 0; size < targetChars; n++) {
    const s = story(n);
    chunks.push(s);
    size += s.length + 1;
  }
  chunks.push(tail);
  return { html: chunks.join('\n'), aliasesWritten };
}
