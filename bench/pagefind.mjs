// bench/pagefind.mjs: Pagefind, the reference static search, on the same built site, measured
// the way bench/search.mjs measures gongkai's own search (docs/search.md, "Beside Pagefind").
//
//   (cd bench/pagefind && npm ci) && node bench/pagefind.mjs SITE [QUERY...]
//
// It indexes SITE with the pagefind of bench/pagefind (pinned in its package-lock.json) into
// SITE/pagefind, timing it, then for each query opens a page beside the site that runs
// Pagefind's own search API as its UI does (search, then the data of the first ten results),
// over HTTP and from file://, recording the bytes of every Pagefind file loaded and the time
// from navigation until the ten results' data are in. It prints a Markdown table, the index's
// size on disk, and removes what it added to SITE. Run with NODE_PATH=tests/browser/node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fileUrl, launchBrowser, serve } from '../tests/browser/lib.mjs';

const [site, ...given] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/pagefind.mjs SITE [QUERY...]');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const binary = path.join(here, 'pagefind', 'node_modules', '.bin', 'pagefind');
if (!fs.existsSync(binary)) {
  console.error('bench/pagefind.mjs: Pagefind is not installed; run (cd bench/pagefind && npm ci) first');
  process.exit(2);
}
const queries = given.length ? given : ['信用信息', '公务用车运行维护费', '一般公共服务支出', '2013804', '信息化运维', '6296'];
const benchPage = path.join(site, 'pagefind-bench.html');

/** The page that searches: Pagefind's API, then the first ten results' data, as its UI does. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>pagefind bench</title>
<script type="module">
const q = new URLSearchParams(location.search).get('q');
try {
  const pagefind = await import('./pagefind/pagefind.js');
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  window.benchDone = { count: search.results.length, urls: data.map((d) => d.url) };
} catch (e) {
  window.benchDone = { error: String(e) };
}
</script>`;

function isPagefindFile(url) {
  return /\/pagefind\//.test(url.split(/[?#]/)[0]);
}

async function sizeOf(response) {
  const url = response.url();
  if (url.startsWith('file:')) return fs.statSync(fileURLToPath(url.split(/[?#]/)[0])).size;
  return (await response.body()).length;
}

async function measure(browser, base, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const loads = [];
  page.on('response', (r) => { if (isPagefindFile(r.url())) loads.push(sizeOf(r).catch(() => 0)); });
  const start = Date.now();
  await page.goto(base + 'pagefind-bench.html?q=' + encodeURIComponent(query));
  const done = await page.waitForFunction(() => window.benchDone, null, { timeout: 60000 }).then((h) => h.jsonValue());
  const ms = Date.now() - start;
  const bytes = (await Promise.all(loads)).reduce((a, b) => a + b, 0);
  await context.close();
  return { ms, bytes, files: loads.length, done };
}

function du(dir) {
  let bytes = 0, files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const d = du(p); bytes += d.bytes; files += d.files; }
    else { bytes += fs.statSync(p).size; files++; }
  }
  return { bytes, files };
}

const start = Date.now();
execFileSync(binary, ['--site', site, '--output-subdir', 'pagefind', '--quiet'], { stdio: 'inherit' });
const indexSeconds = (Date.now() - start) / 1000;
fs.writeFileSync(benchPage, PAGE);
const browser = await launchBrowser();
const server = await serve(site);
try {
  console.log('| query | scheme | files loaded | KB loaded | ms to ten results | results |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const query of queries) {
    for (const [scheme, base] of [['file://', fileUrl(site, '')], ['http', server.url.endsWith('/') ? server.url : server.url + '/']]) {
      const m = await measure(browser, base, query);
      const outcome = m.done.error ? 'fails: ' + m.done.error.slice(0, 60) : m.done.count + ', first ' + (m.done.urls[0] || '-');
      console.log(`| ${query} | ${scheme} | ${m.files} | ${(m.bytes / 1024).toFixed(1)} | ${m.ms} | ${outcome} |`);
    }
  }
  const disk = du(path.join(site, 'pagefind'));
  console.log(`\nPagefind index: ${indexSeconds.toFixed(1)} s to build, ${(disk.bytes / 1048576).toFixed(1)} MB in ${disk.files} files`);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
  fs.rmSync(benchPage, { force: true });
}
