import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { startStaticServer } from '/work/main/tests/support/staticServer';
import { generateArticle } from '/work/main/tests/bench/generatedArticle';
// usage: .dbg4.ts pages variantsFile reps
const variantsSrc = readFileSync(process.argv[3]!, 'utf8');
const code = (await build({ stdin: { contents: variantsSrc, resolveDir: '/work/main/tests/bench', loader: 'ts' }, bundle: true, format: 'iife', write: false, target: 'chrome120' })).outputFiles[0]!.text;
const dossier = JSON.parse(readFileSync('/work/main/data/dossier.json', 'utf8')).entities;
const gen = generateArticle(dossier).html;
const server = await startStaticServer({ '/gen.html': () => gen });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
const ctx = await browser.newContext();
await ctx.route('**/*', (r) => (r.request().url().startsWith(server.origin) ? r.continue() : r.abort()));
const page = await ctx.newPage();
for (const name of process.argv[2]!.split(',')) {
  await page.goto(name === 'gen' ? server.url('/gen.html') : server.url(`/pages/${name}.html`), { waitUntil: 'load' });
  await page.addScriptTag({ content: code });
  const out = await page.evaluate(`window.__run(${JSON.stringify(dossier)}, ${Number(process.argv[4] ?? 20)})`);
  console.log(name, out);
}
await browser.close(); await server.close();
