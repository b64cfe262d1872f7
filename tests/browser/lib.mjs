// Helpers shared by run.mjs and screenshots.mjs: find the built site, classify its pages, serve it
// over HTTP, launch Debian's Chromium.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The site folder: $GONGKAI_SITE, else public/ of the repository. */
export function siteDir() {
  return path.resolve(process.env.GONGKAI_SITE || path.join(here, '../../public'));
}

/** Every file under dir (relative paths with forward slashes), sorted. */
export function walk(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** The HTML pages of the site with the kind their <body data-page-kind> declares. */
export function sitePages(dir) {
  return walk(dir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const html = fs.readFileSync(path.join(dir, file), 'utf8');
      const body = html.match(/<body\b[^>]*>/i)?.[0] || '';
      const kind = body.match(/\bdata-page-kind="([^"]*)"/)?.[1] || '';
      const reportKind = body.match(/\bdata-report-kind="([^"]*)"/)?.[1] || '';
      return { file, kind, reportKind, html };
    });
}

/** True for the kinds a "page not found" page may declare. */
export function isNotFoundKind(kind) {
  return kind === '404' || kind === 'not_found' || kind === 'not-found' || kind === 'notfound';
}

/** One page of each type: home, department, year, report per report kind, comparison, function
 * classes, search, 404. */
export function samplePages(pages) {
  const picks = [];
  const first = (pred) => pages.find(pred);
  const add = (label, page) => page && picks.push({ label, ...page });
  add('home', first((p) => p.kind === 'home'));
  // The department page with the most on it (its series over the years, when a department has them).
  const departments = pages.filter((p) => p.kind === 'department');
  add('department', departments.reduce((a, b) => (b.html.length > a.html.length ? b : a), departments[0]));
  add('year', first((p) => p.kind === 'year'));
  const reportKinds = [...new Set(pages.filter((p) => p.kind === 'report').map((p) => p.reportKind))];
  for (const rk of reportKinds) add(`report-${rk || 'unknown'}`, first((p) => p.kind === 'report' && p.reportKind === rk));
  add('compare', first((p) => p.kind === 'compare'));
  add('functions', first((p) => p.kind === 'functions'));
  add('search', first((p) => p.kind === 'search'));
  add('404', first((p) => isNotFoundKind(p.kind)));
  return picks;
}

/** The file:// URL of a file of the site; of the site folder itself (with a final /) for "". */
export function fileUrl(dir, file) {
  const url = pathToFileURL(path.join(dir, file)).href;
  return file === '' && !url.endsWith('/') ? url + '/' : url;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Serves dir on 127.0.0.1 at a free port; resolves to { url, close }. A missing file gets the
    site's 404.html with status 404, as a static host would. */
export function serve(dir) {
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(dir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      const notFound = path.join(dir, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Debian's Chromium, headless, with no network chatter of its own. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
