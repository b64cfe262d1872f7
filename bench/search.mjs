// bench/search.mjs: what a search costs a reader, in headless Chromium (docs/search.md).
//
//   node bench/search.mjs SITE [QUERY...]
//
// For each query, from file:// and over HTTP (a local server of the built site), a fresh page
// opens search/index.html?q=QUERY and the bench records the bytes of every file the search
// loaded (search.js, the root, shards, fragments; the page's HTML, CSS and fonts left out) and
// the time from navigation until the first results are shown (the list no longer busy). It
// prints a Markdown table, then the index's size on disk. Run from tests/browser's packages:
// it imports playwright-core through tests/browser/lib.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileUrl, launchBrowser, serve } from '../tests/browser/lib.mjs';

const [site, ...given] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/search.mjs SITE [QUERY...]');
  process.exit(2);
}
const queries = given.length ? given : ['信用信息', '公务用车运行维护费', '一般公共服务支出', '2013804', '信息化运维', '6296'];

/** Bytes of a loaded file: its size on disk (file://) or its body (HTTP). */
async function sizeOf(response) {
  const url = response.url();
  if (url.startsWith('file:')) return fs.statSync(fileURLToPath(url.split(/[?#]/)[0])).size;
  return (await response.body()).length;
}

function isSearchFile(url) {
  return /\/search\/(root|departments|shards\/\d+)\.js$|\/search-page\.js$|\/assets\/search\.js$/.test(url.split(/[?#]/)[0]);
}

async function measure(browser, base, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const loads = [];
  page.on('response', (r) => { if (isSearchFile(r.url())) loads.push(sizeOf(r)); });
  const start = Date.now();
  await page.goto(base + 'search/index.html?q=' + encodeURIComponent(query));
  await page.waitForFunction(() => {
    const list = document.getElementById('search-list');
    return document.getElementById('search-status').textContent && list.getAttribute('aria-busy') !== 'true';
  }, null, { timeout: 60000 });
  const ms = Date.now() - start;
  const results = await page.$$eval('#search-list > li', (items) => items.length);
  const status = await page.$eval('#search-status', (s) => s.textContent);
  const bytes = (await Promise.all(loads)).reduce((a, b) => a + b, 0);
  await context.close();
  return { ms, bytes, files: loads.length, results, status };
}

function duSearch(dir) {
  let bytes = 0, files = 0;
  const add = (p) => { bytes += fs.statSync(p).size; files++; };
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'search-page.js' || d.includes(path.join(dir, 'search'))) add(p);
    }
  };
  walk(dir);
  return { bytes, files };
}

const browser = await launchBrowser();
const server = await serve(site);
try {
  console.log('| query | scheme | files loaded | KB loaded | ms to first results | results |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const query of queries) {
    for (const [scheme, base] of [['file://', fileUrl(site, '')], ['http', server.url.endsWith('/') ? server.url : server.url + '/']]) {
      const m = await measure(browser, base, query);
      console.log(`| ${query} | ${scheme} | ${m.files} | ${(m.bytes / 1024).toFixed(1)} | ${m.ms} | ${m.status} |`);
    }
  }
  const disk = duSearch(site);
  console.log(`\nindex on disk: ${(disk.bytes / 1048576).toFixed(1)} MB in ${disk.files} files (search/ and every search-page.js)`);
} finally {
  await browser.close();
  await server.close();
}
