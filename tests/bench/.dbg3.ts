import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { startStaticServer } from '/work/main/tests/support/staticServer';
import { generateArticle } from '/work/main/tests/bench/generatedArticle';
const code = (await build({ entryPoints: ['/work/main/tests/bench/pageBench.ts'], bundle: true, format: 'iife', write: false, target: 'chrome120' })).outputFiles[0]!.text;
const dossier = JSON.parse(readFileSync('/work/main/data/dossier.json', 'utf8')).entities;
const gen = generateArticle(dossier).html;
const server = await startStaticServer({ '/gen.html': () => gen });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
const ctx = await browser.newContext();
await ctx.route('**/*', (r) => (r.request().url().startsWith(server.origin) ? r.continue() : r.abort()));
const page = await ctx.newPage();
const names = (process.argv[2] ?? 'yahoo-2,guardian-1,wikipedia-2,yahoo-1').split(',');
const variants = (process.argv[3] ?? 'floor,ref,cur,engine').split(',');
const N = Number(process.argv[4] ?? 5);
const warm = process.argv[5] === 'warm';
const res: Record<string, number[]> = {};
for (let i = 0; i < N; i++) for (const name of names) for (const v of variants) {
  await page.goto(name === 'gen' ? server.url('/gen.html') : server.url(`/pages/${name}.html`), { waitUntil: 'load' });
  await page.addScriptTag({ content: code });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (warm) await page.evaluate('(()=>{const w=document.createTreeWalker(document.body,NodeFilter.SHOW_ALL);let c=0;for(let n=w.nextNode();n;n=w.nextNode())c++;})()');
  const ms = (await page.evaluate(`(async()=>{const B=window.__inContextBench;B.compile("d",${JSON.stringify(dossier)});
    const v=${JSON.stringify(v)}; const X={
 a:"for(let n=w.nextNode();n;n=w.nextNode())c++;",
 b:"for(let n=w.nextNode();n;n=w.nextNode())c+=n.nodeType;",
 c:"for(let n=w.nextNode();n;n=w.nextNode()){if(n.nodeType===1)c+=n.tagName.length; else c+=n.data.length}",
 d:"for(let n=w.nextNode();n;n=w.nextNode()){if(n.nodeType===1){c+=n.tagName.length;if(n.getAttribute('contenteditable')!==null)c++} else c+=n.data.length}",
 e:"for(let n=w.nextNode();n;n=w.nextNode()){if(n.nodeType===1){c+=n.localName.length;} else c+=n.data.length}",
 f:"for(let n=w.nextNode();n;n=w.nextNode()){if(n.nodeType===1){c+=n.localName.length;if(n.hasAttributes())c++} else c+=n.data.length}",
};
if(X[v]){gc();const t0=performance.now();const w=document.createTreeWalker(document.body,5);let c=0;eval(X[v]);return performance.now()-t0;}
if(v==="floor")return B.floor().ms; if(v==="ref")return B.walk("reference").ms; if(v==="cur")return B.walk("current").ms; return (await B.engine("d")).ms})()`)) as number;
  (res[`${name} ${v}`] ??= []).push(ms);
}
for (const [k, xs] of Object.entries(res)) { const s = [...xs].sort((a, b) => a - b); console.log(k.padEnd(24), 'min', s[0]!.toFixed(1).padStart(7), 'med', s[s.length >> 1]!.toFixed(1).padStart(7), xs.map((x) => x.toFixed(1)).join(' ')); }
await browser.close(); await server.close();
