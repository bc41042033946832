/**
 * Node benchmark of lib/core/matcher.ts against alternative designs. Run: npx tsx tests/bench/matcherNode.ts
 * Prints medians of 5; asserts nothing about time.
 *
 * The text is generated English news prose (deterministic) with people from the synthetic name pools,
 * organisations, numbers, curly quotes, dashes, some non-ASCII words and a sprinkle of real aliases. It is cut
 * into paragraph-sized blocks (40–400 words) plus one 100 KB block per MB, and find() is called once per block,
 * like the content script does.
 *
 * Alternatives (bench-only, simplified: no false friends, no surname heuristic — they measure scanning cost):
 *   regex-tokens   /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*\/gu exec loop, key = slice().toLowerCase(), Map<string> trie
 *   regex-lowered  same, but text.toLowerCase() once per block and tokens sliced from the lowered text
 *   aho-corasick   automaton over lower-cased chars (whitespace/hyphen folded), Map transitions per state
 *   iu-alternation one RegExp /(?<!…)(?:alias|alias|…)(?!…)/giu — 1 MB only, 100 and 1 000 aliases, 1 run
 */
import { pathToFileURL } from 'node:url';
import dossier from '../../data/dossier.json';
import { compileMatcher, type MatchableEntity, type Matcher as FullMatcher } from '../../lib/core/matcher';
/** What the alternatives compared here implement: the search alone (the anchor pre-test is measured in the browser). */
type Matcher = Pick<FullMatcher, 'find'>;
import { FAMILY_NAMES, GIVEN_NAMES, aliasCount, prng, syntheticEntities, COMMON, PLACES } from './syntheticAliases';

/** The real dossier's entities: the base alias set every size starts from. */
const DOSSIER_ENTITIES = dossier.entities as MatchableEntity[];

// ---------------------------------------------------------------------------------------------------------
// Text

const ORGS = [
  'Ministry of Foreign Affairs',
  'Ministry of Defence',
  'National Security Council',
  'State Department',
  'Pentagon',
  'US Central Command',
  'Inter-Services Public Relations',
  'ISPR',
  'CENTCOM',
  'NATO',
  'United Nations',
];
const REAL = [
  'CIS-MOA',
  'CISMOA',
  'CIS‑MOA',
  'IMET',
  'International Military Education and Training',
  'Asim Munir',
  'Munir’s',
  'Munir',
  'Munir Akram',
  'Michael Erik Kurilla',
  'Kurilla',
  'Gen. Bajwa',
  'Qamar Javed Bajwa',
  'Asim Saleem Bajwa',
  'Mike Pompeo',
  'Pompeo',
  'Joint Staff Headquarters',
];

/** poolNames: mention people from the synthetic name pools (the big alias sets then find many more hits). */
export function makeText(bytes: number, seed: number, poolNames = true): { blocks: string[]; length: number } {
  const rand = prng(seed);
  const pick = <T>(l: readonly T[]): T => l[Math.floor(rand() * l.length)]!;
  const word = (): string => {
    const r = rand();
    if (r < 0.03) return poolNames ? `${pick(GIVEN_NAMES)} ${pick(FAMILY_NAMES)}` : 'Ivo Quellmark';
    if (r < 0.045) return (poolNames ? pick(FAMILY_NAMES) : 'Quellmark') + (rand() < 0.3 ? '’s' : '');
    if (r < 0.06) return pick(PLACES);
    if (r < 0.07) return pick(ORGS);
    if (r < 0.075) return pick(REAL);
    if (r < 0.09) return String(Math.floor(rand() * 5000));
    return pick(COMMON);
  };
  const sentence = (): string => {
    const len = 8 + Math.floor(rand() * 22);
    const words: string[] = [];
    for (let i = 0; i < len; i++) {
      let w = word();
      if (i > 0 && i < len - 1 && rand() < 0.06) w += ',';
      if (rand() < 0.01) w = `“${w}”`;
      if (rand() < 0.005) w = `(${w})`;
      words.push(w);
    }
    if (rand() < 0.05) words.splice(Math.floor(len / 2), 0, '—');
    const s = words.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + (rand() < 0.1 ? '?' : '.');
  };
  const paragraph = (minWords: number, maxWords: number): string => {
    const target = minWords + Math.floor(rand() * (maxWords - minWords));
    const parts: string[] = [];
    let words = 0;
    while (words < target) {
      const s = sentence();
      parts.push(s);
      words += s.split(' ').length;
    }
    return parts.join(' ');
  };
  const blocks: string[] = [];
  let length = 0;
  let nextBig = 0;
  while (length < bytes) {
    let p: string;
    if (length >= nextBig) {
      p = '';
      while (p.length < 100_000) p += paragraph(200, 400) + '\n';
      nextBig += 1_000_000;
    } else {
      p = paragraph(40, 400);
    }
    blocks.push(p);
    length += p.length;
  }
  return { blocks, length };
}

// ---------------------------------------------------------------------------------------------------------
// Alternatives

interface SNode {
  kids: Map<string, SNode> | null;
  terms: { entityId: string; exact: string | null }[] | null;
}

const RE_ALIAS_PARTS = /([\p{L}\p{N}][\p{L}\p{N}\p{M}]*)|([^\p{L}\p{N}]+)/gu;
function canonGap(g: string): string {
  return g.replace(/[\s\-‐‑‒–]+/g, ' ').replace(/[’ʼ]/g, "'");
}

/** Token trie keyed by strings, tokens from a RegExp. lowerWholeText: lower the block once instead of per token. */
function compileRegexTokens(entities: readonly MatchableEntity[], lowerWholeText: boolean): Matcher {
  const root = new Map<string, SNode>();
  for (const e of entities) {
    for (const a of e.aliases) {
      const tokens: string[] = [];
      const gaps: string[] = [];
      for (const m of a.text.matchAll(RE_ALIAS_PARTS)) {
        if (m[1]) tokens.push(m[1].toLowerCase());
        else if (tokens.length) gaps.push(canonGap(m[2]!));
      }
      if (!tokens.length) continue;
      let node = root.get(tokens[0]!);
      if (!node) root.set(tokens[0]!, (node = { kids: null, terms: null }));
      for (let i = 1; i < tokens.length; i++) {
        const key = gaps[i - 1] + '\u0000' + tokens[i];
        node.kids ??= new Map();
        let child = node.kids.get(key);
        if (!child) node.kids.set(key, (child = { kids: null, terms: null }));
        node = child;
      }
      (node.terms ??= []).push({ entityId: e.id, exact: a.match === 'acronym' ? a.text : null });
    }
  }
  const re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
  const re2 = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
  return {
    find(text) {
      const hits: { start: number; end: number; entityId: string; needsFullName: boolean }[] = [];
      const low = lowerWholeText ? text.toLowerCase() : text;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(low)) !== null) {
        const key = lowerWholeText ? m[0] : m[0].toLowerCase();
        let node = root.get(key);
        if (!node) continue;
        const start = m.index;
        let end = start + key.length;
        let bestEnd = -1;
        let best: string | null = null;
        for (;;) {
          for (const t of node.terms ?? []) {
            if (t.exact === null || text.slice(start, end) === t.exact) {
              bestEnd = end;
              best = t.entityId;
              break;
            }
          }
          if (!node.kids) break;
          re2.lastIndex = end;
          const n2 = re2.exec(low);
          if (!n2) break;
          const gap = canonGap(text.slice(end, n2.index));
          const k2 = lowerWholeText ? n2[0] : n2[0].toLowerCase();
          const child = node.kids.get(gap + '\u0000' + k2);
          if (!child) break;
          node = child;
          end = n2.index + k2.length;
        }
        if (best !== null) {
          hits.push({ start, end: bestEnd, entityId: best, needsFullName: false });
          re.lastIndex = bestEnd;
        }
      }
      return hits;
    },
  };
}

/** Aho–Corasick over lower-cased text, whitespace and hyphen runs folded to one space; boundary checked after. */
function compileAhoCorasick(entities: readonly MatchableEntity[]): Matcher {
  const next: Map<number, number>[] = [new Map()];
  const depthOf: number[] = [0];
  const out: number[][] = [[]];
  const pats: { entityId: string; exact: string | null; len: number }[] = [];
  const norm = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[\s\-‐‑‒–]+/g, ' ')
      .replace(/[’ʼ]/g, "'");
  for (const e of entities) {
    for (const a of e.aliases) {
      const p = norm(a.text.trim());
      let st = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let to = next[st]!.get(c);
        if (to === undefined) {
          to = next.length;
          next.push(new Map());
          depthOf.push(depthOf[st]! + 1);
          out.push([]);
          next[st]!.set(c, to);
        }
        st = to;
      }
      out[st]!.push(pats.length);
      pats.push({ entityId: e.id, exact: a.match === 'acronym' ? a.text : null, len: p.length });
    }
  }
  const fail = new Int32Array(next.length);
  const queue: number[] = [];
  for (const to of next[0]!.values()) queue.push(to);
  for (let qi = 0; qi < queue.length; qi++) {
    const st = queue[qi]!;
    for (const [c, to] of next[st]!) {
      let f = fail[st]!;
      while (f !== 0 && !next[f]!.has(c)) f = fail[f]!;
      const g = next[f]!.get(c);
      fail[to] = g !== undefined && g !== to ? g : 0;
      out[to]!.push(...out[fail[to]!]!);
      queue.push(to);
    }
  }
  const isWord = /[\p{L}\p{N}\p{M}]/u;
  let posBuf = new Int32Array(1024);
  return {
    find(text) {
      if (posBuf.length < text.length + 1) posBuf = new Int32Array(text.length * 2);
      const low = text.toLowerCase();
      const cand: { start: number; end: number; entityId: string }[] = [];
      let st = 0;
      let ni = 0;
      let lastSpace = false;
      for (let i = 0; i < low.length; i++) {
        let c = low.charCodeAt(i);
        if (
          c === 32 ||
          c === 9 ||
          c === 10 ||
          c === 13 ||
          c === 0xa0 ||
          c === 0x202f ||
          c === 45 ||
          (c >= 0x2010 && c <= 0x2013)
        ) {
          if (lastSpace) continue;
          c = 32;
          lastSpace = true;
        } else {
          lastSpace = false;
          if (c === 0x2019) c = 39;
        }
        posBuf[ni++] = i;
        let to = next[st]!.get(c);
        while (to === undefined && st !== 0) {
          st = fail[st]!;
          to = next[st]!.get(c);
        }
        st = to ?? 0;
        const o = out[st]!;
        for (let k = 0; k < o.length; k++) {
          const p = pats[o[k]!]!;
          const start = posBuf[ni - p.len]!;
          const end = i + 1;
          if (start > 0 && isWord.test(text[start - 1]!)) continue;
          if (end < text.length && isWord.test(text[end]!)) continue;
          if (p.exact !== null && text.slice(start, end) !== p.exact) continue;
          cand.push({ start, end, entityId: p.entityId });
        }
      }
      cand.sort((a, b) => a.start - b.start || b.end - a.end);
      const hits: { start: number; end: number; entityId: string; needsFullName: boolean }[] = [];
      let covered = 0;
      for (const c of cand) {
        if (c.start < covered) continue;
        hits.push({ ...c, needsFullName: false });
        covered = c.end;
      }
      return hits;
    },
  };
}

function compileAlternation(entities: readonly MatchableEntity[]): Matcher {
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s\\-‐‑–]+');
  const alts = entities.flatMap((e) => e.aliases.map((a) => esc(a.text)));
  alts.sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${alts.join('|')})(?![\\p{L}\\p{N}\\p{M}])`, 'giu');
  return {
    find(text) {
      const hits: { start: number; end: number; entityId: string; needsFullName: boolean }[] = [];
      for (const m of text.matchAll(re))
        hits.push({ start: m.index, end: m.index + m[0].length, entityId: '?', needsFullName: false });
      return hits;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Measurement

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function runFind(m: Matcher, blocks: string[]): number {
  let hits = 0;
  for (const b of blocks) hits += m.find(b).length;
  return hits;
}

/**
 * Compiles each entity set `runs` times, then times find() over all blocks in `runs` rounds, every round visiting
 * every set once (interleaved, so drift from other work on the machine hits all sets alike). Medians.
 */
function measureSets(
  compile: (e: readonly MatchableEntity[]) => Matcher,
  sets: readonly (readonly MatchableEntity[])[],
  blocks: string[],
  runs = 5,
): { compile: number; find: number; hits: number }[] {
  const matchers: Matcher[] = [];
  const compiles = sets.map((entities) => {
    const times: number[] = [];
    let m: Matcher | null = null;
    for (let r = 0; r < runs; r++) times.push(time(() => (m = compile(entities))));
    matchers.push(m!);
    return median(times);
  });
  const hits = matchers.map((m) => runFind(m, blocks)); // warm-up
  const finds: number[][] = sets.map(() => []);
  for (let r = 0; r < runs; r++) matchers.forEach((m, i) => finds[i]!.push(time(() => runFind(m, blocks))));
  return sets.map((_, i) => ({ compile: compiles[i]!, find: median(finds[i]!), hits: hits[i]! }));
}

function entitiesWith(total: number): MatchableEntity[] {
  const base = aliasCount(DOSSIER_ENTITIES);
  return [...DOSSIER_ENTITIES, ...(total > base ? syntheticEntities(total - base, 7) : [])];
}

const fmt = (x: number, w = 9): string => x.toFixed(1).padStart(w);

function main(): void {
  const counts = [100, 1_000, 20_000];
  const sets = counts.map((c) => ({ count: c, entities: entitiesWith(c) }));
  const texts = [
    { label: '1 MB', ...makeText(1_000_000, 42) },
    { label: '5 MB', ...makeText(5_000_000, 43) },
    { label: '1 MB, people not in the synthetic pools', ...makeText(1_000_000, 42, false) },
  ];
  const approaches: { name: string; compile: (e: readonly MatchableEntity[]) => Matcher }[] = [
    { name: 'chosen (scanner + hash trie)', compile: compileMatcher },
    { name: 'regex-tokens', compile: (e) => compileRegexTokens(e, false) },
    { name: 'regex-lowered', compile: (e) => compileRegexTokens(e, true) },
    { name: 'aho-corasick', compile: compileAhoCorasick },
  ];
  console.log(`Node ${process.version}; medians of 5; find() = all blocks of the text, one call per block.`);
  for (const t of texts) {
    console.log(`\n== ${t.label}: ${t.length.toLocaleString('en')} chars in ${t.blocks.length} blocks ==`);
    console.log(
      'approach'.padEnd(30) +
        counts.map((c) => `${c}: compile ms  find ms   MB/s    hits`.padStart(44)).join('') +
        '   find 20k/100',
    );
    for (const a of approaches) {
      if (a.name !== approaches[0]!.name && t.label !== '1 MB') continue;
      const row = measureSets(
        a.compile,
        sets.map((s) => s.entities),
        t.blocks,
      );
      console.log(
        a.name.padEnd(30) +
          row
            .map((r) =>
              `${fmt(r.compile, 17)}${fmt(r.find)}${fmt(t.length / 1e6 / (r.find / 1000), 7)}${String(r.hits).padStart(8)}`.padStart(
                44,
              ),
            )
            .join('') +
          (row[2]!.find / row[0]!.find).toFixed(2).padStart(15),
      );
    }
    if (t.label === '1 MB') {
      const big = t.blocks.reduce((a, b) => (b.length > a.length ? b : a));
      const m = compileMatcher(sets[2]!.entities);
      const times = [0, 1, 2, 3, 4].map(() => time(() => m.find(big)));
      console.log(
        `chosen, 20000 aliases, one ${big.length.toLocaleString('en')}-char block: ${median(times).toFixed(2)} ms`,
      );
      const short = [
        'Home',
        'Share this article',
        'Read more',
        '12 comments',
        'Posted by admin on 4 May',
        'Asim Munir',
      ];
      const perCall = median(
        [0, 1, 2, 3, 4].map(() =>
          time(() => {
            for (let i = 0; i < 200_000; i++) m.find(short[i % short.length]!);
          }),
        ),
      );
      console.log(
        `chosen, 20000 aliases, per-call cost on short strings: ${((perCall * 1e6) / 200_000).toFixed(0)} ns`,
      );
      const low = median([0, 1, 2, 3, 4].map(() => time(() => t.blocks.forEach((b) => b.toLowerCase()))));
      console.log(`text.toLowerCase() of every block alone: ${low.toFixed(1)} ms`);
      for (const s of sets.slice(0, 2)) {
        const r = measureSets(compileAlternation, [s.entities], t.blocks, 1)[0]!;
        console.log(
          `iu-alternation, ${s.count} aliases (1 run): compile ${r.compile.toFixed(1)} ms, find ${r.find.toFixed(0)} ms, ${r.hits} hits`,
        );
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
