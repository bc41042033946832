/**
 * Behaviour check for performance work on lib/page/textBlocks.ts: walks every saved real page in ../shared/pages,
 * the generated 5 MB page and an edge-case page in headless Chromium with both the current BlockWalker and the
 * frozen pre-optimisation copy (tests/bench/textBlocksReference.ts), from the body and (edge-case page) from every
 * element and every text node as root, with generous and with tiny time budgets, and reports any difference in the emitted blocks.
 * Then the same walk filtered as the engine walks (lib/core/anchorFilter.ts with the dossier): every block it emits
 * must be one of the full walk's, and no full-walk block in which the matcher finds a hit may be left out; from the
 * body also with tiny search chunks, so that many anchors lie across the edge between two chunks.
 *
 * Run: npm run test:blocks   (exits 1 on any difference; part of `npm run test:shared`, so CI runs it)
 *      npx tsx tests/bench/checkBlocks.ts --pages edge,generated   (only these)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import type { MatchableEntity } from '../../lib/core/matcher';
import { chromiumBin, repoRoot, requireShared } from '../support/paths';
import { startStaticServer } from '../support/staticServer';
import { generateArticle } from './generatedArticle';
import { aliasCount, syntheticEntities } from './syntheticAliases';
import { QUIET_CHROMIUM_FLAGS } from '../support/chromiumFlags';

const EDGE = `<!doctype html><html><head><title>edge</title></head><body>
top text<b>bold</b><div>a<p>b</p>c<span>d<i>e</i></span>f</div>
<p>CIS-<button>x</button>MOA and <span contenteditable>IMET</span> and <span contenteditable="false">Munir</span>
<span contenteditable="">ed</span><SPAN CONTENTEDITABLE="plaintext-only">pt</SPAN></p>
<div><script>var IMET = 1;</script>after script<style>p{}</style>after style</div>
<ul><li>one<li>two <a href="#">link <em>deep <strong>deeper</strong></em></a> tail<li><br>three<br>four</ul>
<p>img<img alt="">split<wbr>wbr<br>br</p>
<table><tr><td>c1<td>c2<tr><th>h<td><input value="IMET"> cell <select><option>IMET</option></select></table>
<div><div><div></div></div>x<p></p>y</div>
<p>${'long '.repeat(3000)}</p>
<svg><text>svg text</text></svg><math><mi>x</mi></math>
<textarea>IMET</textarea><noscript>IMET</noscript><template><p>IMET</p></template>
<iframe srcdoc="<p>IMET</p>"></iframe><object><p>fallback IMET</p></object>
<div contenteditable="true"><p>editable <b>IMET</b></p></div><div contenteditable="false"><p>not editable IMET</p></div>
<span>inline at end</span>text<custom-el>custom <b>x</b></custom-el><label>label <span>text</span></label>
${Array.from({ length: 600 }, (_, i) => `<p><a>${i}</a> <em>n</em><span><button>b</button></span></p>`).join('')}
<p>Ku<b>rilla</b></p><p>I<b>M</b>ET</p><p><span class="drop">K</span>urilla</p><p>Asim <b>Munir</b></p><p>CIS-<em>MOA</em></p>
<p>IMET<b>s</b></p><p>IMET</p><p>s</p><p>Qamar Javed<br>Bajwa</p><p><a href="#">Michael</a> <i>Erik</i> <b>Kurilla</b></p><p>CENT<wbr>COM</p>
<div>Mike <button>IMET</button> Pompeo</div><div><script>var Pompeo;</script>Mike Pompeo</div><div><span contenteditable>IMET</span> Trump</div>
<p>Kur&shy;illa</p><p>Asim Mu&#8203;nir</p><p>CIS-&#8288;MOA</p><p>Ku<b>r&shy;</b>illa</p><p>I&zwj;<i>MET</i></p><p>👨&zwj;👩&zwj;👧 Trump</p>
<p>عاصم منير</p><p>عاصِم <b>مُنیر</b></p><p>कमर जावेद बाजवा</p><p>क<b>&#x93c;</b>मर जावेद बाजवा</p><p>K&#x64e;urilla</p>
<p>k<b>urilla</b> ku<i>RI</i>lla</p><ul><li>IMET</li><li>Next</li><li>Asim Munir</li><li>Bajwa</li></ul><table><tr><td>USA</td><td>IMET</td><td>Путин</td></tr></table><ul><li>Home</li><li>State <b>Department</b></li><li>NATO<b>IMET</b></li></ul><p>${'word '.repeat(200)}Kuri</p><p>lla</p><p>${'Ku'.repeat(40)}<i>rilla</i></p><p>Joint Staff <em>Headquarters</em></p><p>Pom<i>p</i><b>e</b>o</p>
trailing text</body></html>`;

async function main(): Promise<void> {
  const entry = `
    import { BlockWalker, isInsideRejected } from '${resolve(repoRoot, 'lib/page/textBlocks.ts')}';
    import { compileMatcher } from '${resolve(repoRoot, 'lib/core/matcher.ts')}';
    import { BlockWalker as Ref } from '${resolve(repoRoot, 'tests/bench/textBlocksReference.ts')}';
    function drain(w, budget) {
      if (budget === Infinity) w.next(Infinity); else while (w.next(performance.now() + budget));
    }
    function collect(W, root, budget, filter) {
      const out = [];
      drain(new W(root, (b) => out.push(b), filter), budget);
      return out;
    }
    const sameBlock = (x, y) => !!x && !!y && x.text === y.text && x.nodes.length === y.nodes.length && x.nodes.every((m, j) => m === y.nodes[j] && x.starts[j] === y.starts[j]);
    const show = (b) => JSON.stringify(b && b.text.slice(0, 60));
    function same(root, budget) {
      const a = collect(BlockWalker, root, budget), b = collect(Ref, root, budget);
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) if (!sameBlock(a[i], b[i])) return 'block ' + i + ': now ' + show(a[i]) + ', reference ' + show(b[i]);
      return null;
    }
    // Filtered walk (the engine's): its blocks must be full-walk blocks, in order, and must include every full-walk
    // block in which the matcher finds a hit.
    function sameFiltered(root, budget, matcher, chunk) {
      const all = collect(BlockWalker, root, budget);
      const out = collect(BlockWalker, root, budget, { anchors: matcher.anchors, chunk });
      const leftOut = (j) => (matcher.find(all[j].text).length > 0 ? 'filtered walk left out block ' + j + ' with a hit: ' + show(all[j]) : null);
      let j = 0;
      for (const b of out) {
        for (; j < all.length && all[j].nodes[0] !== b.nodes[0]; j++) if (leftOut(j)) return leftOut(j);
        if (!sameBlock(b, all[j])) return 'filtered block differs: ' + show(b) + ' vs ' + show(all[j]);
        j++;
      }
      for (; j < all.length; j++) if (leftOut(j)) return leftOut(j);
      return null;
    }
    window.__check = (everyRoot, entities, bigEntities) => {
      const matcher = compileMatcher(entities);
      const texts = [];
      if (everyRoot) { const t = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); for (let n = t.nextNode(); n; n = t.nextNode()) texts.push(n); }
      // Roots inside a rejected element are left out: the reference walked whatever root it was given, the current
      // walker rejects by ancestors above the root too (the engine never queues such roots anyway).
      const roots = everyRoot ? [document.body, ...document.body.querySelectorAll('*'), ...texts].filter((r) => !isInsideRejected(r)) : [document.body];
      let blocks = collect(Ref, document.body, Infinity).length;
      for (const root of roots) for (const budget of [Infinity, 0.02]) {
        const d = same(root, budget) || sameFiltered(root, budget, matcher);
        if (d) return { blocks, diff: (root.tagName || '#text') + ' budget ' + budget + ': ' + d };
      }
      // Anchors are searched in chunks of the joined text; tiny chunks put many anchors across chunk edges.
      // A walk that sets its nodes aside (no anchor of a core or related alias on the page) must be right that no
      // block holds a core or related hit.
      const tiers = new Map(entities.map((e) => [e.id, e.tier]));
      let setAside = false;
      collect(BlockWalker, document.body, Infinity, { anchors: matcher.anchors, setAside: () => (setAside = true) });
      if (setAside) {
        const shown = collect(BlockWalker, document.body, Infinity).find((b) => matcher.find(b.text).some((h) => tiers.get(h.entityId) !== 'context'));
        if (shown) return { blocks, diff: 'nodes set aside, but a block has a core or related hit: ' + show(shown) };
      }
      for (const chunk of [1, 5, 16]) {
        const d = sameFiltered(document.body, 0.02, matcher, chunk);
        if (d) return { blocks, diff: 'body, ' + chunk + '-character chunks: ' + d };
      }
      // 20 000 aliases (a far bigger trie of anchors).
      const big = (window.__big ??= compileMatcher(bigEntities));
      for (const [budget, chunk] of [[Infinity, undefined], [0.02, 16]]) {
        const d = sameFiltered(document.body, budget, big, chunk);
        if (d) return { blocks, diff: 'body, 20 000 aliases, chunks ' + (chunk || 'default') + ': ' + d };
      }
      return { blocks, diff: null, setAside };
    };`;
  const code = (
    await build({
      stdin: { contents: entry, resolveDir: repoRoot, loader: 'js' },
      bundle: true,
      format: 'iife',
      write: false,
      target: 'chrome120',
      logLevel: 'silent',
    })
  ).outputFiles[0]!.text;
  const dossier = JSON.parse(readFileSync(resolve(repoRoot, 'data/dossier.json'), 'utf8')) as {
    entities: MatchableEntity[];
  };
  // Plus a name in another script, at a node edge (`USA` + `Путин`).
  const cyrillic: MatchableEntity = { id: 'edge-cyrillic', tier: 'core', aliases: [{ text: 'Путин', match: 'name' }] };
  // And Urdu and Hindi names, which the edge page writes in variant spellings (folded letters, harakat, nukta).
  const scripts: MatchableEntity[] = [
    { id: 'edge-urdu', tier: 'related', aliases: [{ text: 'عاصم منیر', match: 'name' }] },
    { id: 'edge-hindi', tier: 'related', aliases: [{ text: 'क़मर जावेद बाजवा', match: 'name' }] },
  ];
  const entities = [...dossier.entities, ...scripts];
  const bigEntities = [...entities, cyrillic, ...syntheticEntities(20_000 - aliasCount(dossier.entities), 7)];
  const server = await startStaticServer({
    '/bench/edge.html': () => EDGE,
    '/bench/generated.html': () => generateArticle(dossier.entities).html,
  });
  const browser = await chromium.launch({ executablePath: chromiumBin, headless: true, args: QUIET_CHROMIUM_FLAGS });
  const context = await browser.newContext();
  await context.route('**/*', (r) =>
    r
      .request()
      .url()
      .startsWith(server.origin + '/')
      ? r.continue()
      : r.abort(),
  );
  const page = await context.newPage();
  const pages = readdirSync(requireShared('pages'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => `/pages/${f}`);
  let failures = 0;
  let setAsidePages = 0;
  // --pages edge,generated,yahoo-2: only these (for a quick look; CI checks all).
  const only = process.argv.includes('--pages')
    ? process.argv[process.argv.indexOf('--pages') + 1]!.split(',')
    : undefined;
  const paths = ['/bench/edge.html', '/bench/generated.html', ...pages].filter(
    (p) => !only || only.some((o) => p.endsWith(`/${o}.html`)),
  );
  for (const path of paths) {
    await page.goto(server.url(path), { waitUntil: 'load' });
    await page.addScriptTag({ content: code });
    const everyRoot = path === '/bench/edge.html';
    const r = (await page.evaluate(
      ([e, ents, big]) =>
        (window as unknown as { __check: (e: boolean, x: unknown, y: unknown) => unknown }).__check(e, ents, big),
      [everyRoot, entities, bigEntities] as const,
    )) as { blocks: number; diff: string | null; setAside?: boolean };
    if (r.diff) failures++;
    if (r.setAside) setAsidePages++;
    console.log(
      `${r.diff ? 'DIFF' : 'same'}  ${path}  ${r.blocks} blocks${r.setAside ? ' (only context-tier anchors: set aside)' : ''}${r.diff ? `  ${r.diff}` : ''}`,
    );
  }
  await browser.close();
  await server.close();
  console.log(`${setAsidePages} page(s) had only context-tier anchors (set aside; checked for core or related hits)`);
  console.log(failures ? `${failures} page(s) differ` : 'all pages: identical blocks');
  process.exitCode = failures ? 1 : 0;
}

void main();
