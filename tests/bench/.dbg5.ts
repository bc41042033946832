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
const name = process.argv[2]!;
const what = process.argv[3] ?? 'engine';
const agg = new Map<string, number>();
let total = 0;
for (let i = 0; i < Number(process.argv[4] ?? 3); i++) {
  await page.goto(name === 'gen' ? server.url('/gen.html') : server.url(`/pages/${name}.html`), { waitUntil: 'load' });
  await page.addScriptTag({ content: code });
  await page.evaluate(`window.__inContextBench.settle()`);
  await page.evaluate(`window.__inContextBench.compile("d", ${JSON.stringify(dossier)})`);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const r = await page.evaluate(what === 'engine' ? `window.__inContextBench.engine("d")` : `window.__inContextBench.floor()`);
  const { profile } = await cdp.send('Profiler.stop');
  console.log(JSON.stringify(r));
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const s of profile.samples!) counts.set(s, (counts.get(s) ?? 0) + 1);
  const dt = (profile.endTime - profile.startTime) / 1000 / profile.samples!.length;
  for (const [id, c] of counts) {
    const n: any = byId.get(id);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url ? '' : ''}${n.callFrame.lineNumber}`;
    agg.set(key, (agg.get(key) ?? 0) + c * dt);
    total += c * dt;
  }
  await cdp.detach();
}
console.log('total ms sampled', total.toFixed(1));
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(2).padStart(8), k);
await browser.close(); await server.close();
