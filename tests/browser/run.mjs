// Browser tests of a site built by gongkai (default: ../../public, or $GONGKAI_SITE).
// Run from tests/browser after `npm ci`: node run.mjs
// Prints one line per check, `ok - NAME` or `not ok - NAME: reason`, then `N passed, M failed`,
// and exits 1 when any check failed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { checkFiscalPackages } from './fdp.mjs';
import { CORPUS, EXAMPLE } from './relevance.mjs';
import { fileUrl, isNotFoundKind, launchBrowser, samplePages, serve, siteDir, sitePages, walk } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const TIMEOUT = 15000;

// ---------- reporting ----------
let passed = 0;
let failed = 0;

function report(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`ok - ${name}`);
    return;
  }
  failed++;
  const shown = problems.slice(0, 8).join('; ');
  const more = problems.length > 8 ? `; … and ${problems.length - 8} more` : '';
  console.log(`not ok - ${name}: ${shown.replace(/\s+/g, ' ')}${more}`);
}

/** Runs one check; fn returns a list of problems (empty when the check passes) or throws. */
async function check(name, fn) {
  try {
    report(name, (await fn()) || []);
  } catch (error) {
    report(name, [String(error?.message || error).split('\n')[0]]);
  }
}

// ---------- static HTML helpers ----------
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[ref.toLowerCase()] ?? all;
  });
}

function textOf(html) {
  return decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

/** The <h1> texts of a page. */
function headings1(html) {
  return [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/gi)].map((m) => textOf(m[1]));
}

/** Every id (and <a name>) a page defines. */
function idsOf(html) {
  const ids = new Set();
  for (const m of html.matchAll(/<[a-z][^>]*?\s(?:id|name)\s*=\s*"([^"]*)"/gi)) ids.add(decodeEntities(m[1]));
  return ids;
}

/** Every URL a page refers to: href, src and action attributes of any element. */
function referencesOf(html) {
  const refs = [];
  const withoutScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (m) => m.match(/^<script\b[^>]*>/i)[0]);
  for (const tag of withoutScripts.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    for (const attr of tag[2].matchAll(/\s(href|src|action)\s*=\s*"([^"]*)"/gi)) {
      refs.push({ tag: tag[1].toLowerCase(), attr: attr[1].toLowerCase(), value: decodeEntities(attr[2]) });
    }
  }
  return refs;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Resolves a reference of page `from` to { file, hash } relative to the site root, or null for
    an external one. Root-relative references ("/x") resolve against the site root. */
function resolveReference(from, value) {
  if (EXTERNAL.test(value)) return null;
  const url = new URL(value, `http://site.invalid/${from}`);
  let file = decodeURIComponent(url.pathname).replace(/^\//, '');
  if (file === '' || file.endsWith('/')) file += 'index.html';
  return { file, hash: url.hash ? decodeURIComponent(url.hash.slice(1)) : '', folder: value.split(/[?#]/)[0].endsWith('/') };
}

// ---------- 1. HTML validity and page structure ----------
async function checkHtml(dir, pages) {
  const config = JSON.parse(fs.readFileSync(path.join(here, '.htmlvalidate.json'), 'utf8'));
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  for (const page of pages) {
    await check(`html ${page.file}`, async () => {
      const result = await validator.validateString(page.html, page.file);
      const problems = result.results.flatMap((r) =>
        r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` [${m.selector}]` : ''}`));
      const h1s = headings1(page.html);
      if (h1s.length !== 1) problems.push(`expected one <h1>, found ${h1s.length}`);
      if (!/<html\b[^>]*\slang="[^"]+"/i.test(page.html)) problems.push('<html> has no lang');
      if (!page.kind) problems.push('<body> has no data-page-kind');
      return problems;
    });
  }
}

// ---------- 4. links and fragments ----------
async function checkLinks(dir, pages) {
  const files = new Set(walk(dir));
  const idCache = new Map(pages.map((p) => [p.file, idsOf(p.html)]));
  for (const page of pages) {
    await check(`links ${page.file}`, () => {
      const problems = [];
      for (const ref of referencesOf(page.html)) {
        const target = resolveReference(page.file, ref.value);
        if (!target) continue;
        const shown = `${ref.tag}[${ref.attr}="${ref.value}"]`;
        if (ref.value.startsWith('#') || ref.value === '') target.file = page.file;
        if (target.folder && ref.value !== '') problems.push(`${shown} names a folder, not its index.html`);
        if (!files.has(target.file)) {
          problems.push(`${shown}: no file ${target.file}`);
          continue;
        }
        if (target.hash && target.hash !== 'top' && target.file.endsWith('.html')) {
          const ids = idCache.get(target.file);
          if (!ids || !ids.has(target.hash)) problems.push(`${shown}: no id "${target.hash}" in ${target.file}`);
        }
      }
      return problems;
    });
  }
}

// ---------- 2. navigation over file:// and HTTP ----------
/** The site-relative files that the <a> elements of a page link to. */
function linkedFiles(page) {
  return referencesOf(page.html)
    .filter((r) => r.tag === 'a' && r.attr === 'href')
    .map((r) => resolveReference(page.file, r.value))
    .filter(Boolean)
    .map((t) => t.file);
}

/** home → a department → one of its reports → another year of it (else another kind). */
function planJourney(pages) {
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const home = pages.find((p) => p.kind === 'home');
  if (!home) return null;
  const targets = (page, kind) => [...new Set(linkedFiles(page))].filter((f) => byFile.get(f)?.kind === kind);
  const parts = (file) => file.split('/'); // DEPT/YEAR/KIND/index.html
  let fallback = null;
  for (const dept of targets(home, 'department')) {
    for (const reportFile of targets(byFile.get(dept), 'report')) {
      const [d, year, kind] = parts(reportFile);
      const others = targets(byFile.get(reportFile), 'report').filter((f) => f !== reportFile && parts(f)[0] === d);
      const sameKind = others.find((f) => parts(f)[2] === kind && parts(f)[1] !== year);
      if (sameKind) return [home.file, dept, reportFile, sameKind];
      if (!fallback && others.length) fallback = [home.file, dept, reportFile, others[0]];
    }
  }
  return fallback;
}

async function journey(browser, base, plan, byFile) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const relOf = (href) => {
    if (!href.startsWith(base)) return null;
    let rel = decodeURIComponent(new URL(href).pathname).slice(decodeURIComponent(new URL(base).pathname).length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    return rel;
  };
  const problems = [];
  try {
    await page.goto(base + plan[0]);
    for (let step = 0; step < plan.length; step++) {
      const expected = byFile.get(plan[step]);
      if (step > 0) {
        const index = await page.$$eval('a[href]', (links, wanted) => links.findIndex((a) => {
          const url = new URL(a.href);
          url.hash = '';
          url.search = '';
          return url.href === wanted && a.getClientRects().length > 0;
        }), base + plan[step]);
        if (index < 0) {
          problems.push(`no visible link from ${plan[step - 1]} to ${plan[step]}`);
          break;
        }
        await Promise.all([
          page.waitForURL((url) => relOf(url.href.replace(/[?#].*$/, '')) === plan[step]),
          page.locator('a[href]').nth(index).click(),
        ]);
      }
      const at = relOf(page.url().replace(/[?#].*$/, ''));
      if (at !== plan[step]) problems.push(`step ${step}: at ${at}, expected ${plan[step]}`);
      const kind = await page.getAttribute('body', 'data-page-kind');
      if (kind !== expected.kind) problems.push(`${plan[step]}: data-page-kind "${kind}", expected "${expected.kind}"`);
      const h1 = (await page.locator('h1').first().innerText()).replace(/\s+/g, ' ').trim();
      const wanted = headings1(expected.html)[0];
      if (h1 !== wanted) problems.push(`${plan[step]}: h1 "${h1}", expected "${wanted}"`);
    }
  } finally {
    await context.close();
  }
  return problems;
}

// ---------- 3. accessibility ----------
async function checkAxe(browser, httpBase, picks) {
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  for (const pick of picks) {
    for (const colorScheme of ['light', 'dark']) {
      await check(`axe ${pick.label} (${pick.file}, ${colorScheme})`, async () => {
        const context = await browser.newContext({ colorScheme });
        try {
          const page = await context.newPage();
          page.setDefaultTimeout(TIMEOUT);
          const query = pick.kind === 'search' ? '?q=' + encodeURIComponent('预算') : '';
          await page.goto(httpBase + pick.file + query, { waitUntil: 'load' });
          if (pick.kind === 'search') await page.waitForTimeout(400);
          await page.addScriptTag({ content: axeSource });
          const violations = await page.evaluate(async () => {
            const result = await window.axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map((v) => ({
              id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
            }));
          });
          return violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
        } finally {
          await context.close();
        }
      });
    }
  }
}

// ---------- 5. console errors ----------
async function checkConsole(browser, dir, httpBase, pages) {
  const context = await browser.newContext();
  try {
    for (const entry of pages) {
      await check(`no console errors ${entry.file}`, async () => {
        const problems = [];
        for (const [scheme, url] of [['file', fileUrl(dir, entry.file)], ['http', httpBase + entry.file]]) {
          const page = await context.newPage();
          page.setDefaultTimeout(TIMEOUT);
          page.on('console', (msg) => {
            if (msg.type() === 'error') problems.push(`${scheme}: console error: ${msg.text()}`);
          });
          page.on('pageerror', (error) => problems.push(`${scheme}: page error: ${error.message}`));
          await page.goto(url, { waitUntil: 'load' });
          await page.waitForTimeout(50);
          await page.close();
        }
        return problems;
      });
    }
  } finally {
    await context.close();
  }
}

// ---------- 6. search ----------
async function checkSearch(browser, dir, pages) {
  const searchPage = pages.find((p) => p.kind === 'search');
  const departments = pages.filter((p) => p.kind === 'department');
  const reports = pages.filter((p) => p.kind === 'report');
  const home = pages.find((p) => p.kind === 'home');
  if (!searchPage) {
    report('search page exists', ['no page with data-page-kind="search"']);
    return;
  }
  const dept = departments.find((p) => headings1(p.html)[0] === '深圳市公共信用中心') || departments[0];
  const query = headings1(dept?.html || '')[0] === '深圳市公共信用中心' ? '信用' : (headings1(dept?.html || '')[0] || '').slice(0, 2);
  const base = fileUrl(dir, '');
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT);
  const resultLinks = (page) => page.$$eval('main a[href]', (links) => links.map((a) => a.href.replace(/[?#].*$/, '')));
  const waitForLink = (page, file) => page.waitForFunction(
    (wanted) => [...document.querySelectorAll('main a[href]')].some((a) => a.href.replace(/[?#].*$/, '') === wanted),
    base + file, { timeout: 5000 }).then(() => true, () => false);
  try {
    await check(`search ?q=${query} on file:// finds ${dept ? dept.file : 'a department'}`, async () => {
      if (!dept) return ['the site has no department page'];
      const page = await context.newPage();
      await page.goto(fileUrl(dir, searchPage.file) + '?q=' + encodeURIComponent(query));
      if (await waitForLink(page, dept.file)) return [];
      const found = await resultLinks(page);
      return [`no result links to ${dept.file} (main links: ${found.length})`];
    });
    await check('search results update while typing', async () => {
      const target = reports[0] || dept;
      if (!target) return ['the site has neither reports nor departments'];
      const typed = headings1(target.html)[0];
      const page = await context.newPage();
      await page.goto(fileUrl(dir, searchPage.file));
      const box = page.locator('main input[type="search"]').first();
      await box.click();
      await box.pressSequentially(typed, { delay: 10 });
      if (!(await waitForLink(page, target.file))) return [`typing "${typed}" showed no result linking to ${target.file}`];
      const value = await page.evaluate(() => location.search);
      return value.includes('q=') || value === '' ? [] : [`unexpected address ${value}`];
    });
    await check('header search box submits to the search page', async () => {
      if (!home || !dept) return ['the site has no home or department page'];
      const page = await context.newPage();
      await page.goto(fileUrl(dir, home.file));
      const box = page.locator('header input[type="search"]').first();
      await box.fill(query);
      await Promise.all([page.waitForURL((url) => url.href.includes(searchPage.file)), box.press('Enter')]);
      if (!(await waitForLink(page, dept.file))) return [`no result links to ${dept.file} after submitting "${query}"`];
      return [];
    });
    await check(`search filters keep only the chosen year, kind and department ("${query}")`, async () => {
      const page = await context.newPage();
      /** Each result's [kind, department, year] as its line under the title shows them (a
          department's own page shows its kind alone), then its department's folder. */
      const shown = async (params) => {
        await page.goto(fileUrl(dir, searchPage.file) + '?q=' + encodeURIComponent(query) + params);
        await page.waitForFunction(() => document.getElementById('search-status').textContent &&
          document.getElementById('search-list').getAttribute('aria-busy') !== 'true');
        return page.$$eval('#search-list > li', (items, root) => items.map((li) => {
          const meta = [...li.querySelectorAll('.search-result__meta > *')].map((c) => c.textContent);
          const href = li.querySelector('a[href]').href;
          return [meta[0], meta[1], meta[2], href.startsWith(root) ? href.slice(root.length).split('/')[0] : href];
        }), base);
      };
      const all = await shown('');
      const first = all.find((m) => m[2]);
      if (!first) return [`"${query}" finds no document with a kind, department and year`];
      await page.focus('#search-dept');
      await page.waitForFunction(() => document.getElementById('search-dept').options.length > 1);
      const deptValue = await page.$eval('#search-dept', (select, name) =>
        [...select.options].find((o) => o.textContent === name)?.value, first[1]);
      const problems = [];
      for (const [name, params, column, wanted] of [
        ['year', '&year=' + first[2].replace(/\D/g, ''), 2, first[2]],
        ['kind', '&kind=' + encodeURIComponent(first[0]), 0, first[0]],
        ['department', '&dept=' + deptValue, 3, first[3]]]) {
        const results = await shown(params);
        const wrong = results.filter((m) => m[column] !== wanted);
        if (!results.length) problems.push(`${name} ${wanted}: no result, though unfiltered "${query}" has one`);
        if (wrong.length) problems.push(`${name} ${wanted}: results of ${wrong.map((m) => m.join(' ')).join('; ')}`);
      }
      return problems;
    });
  } finally {
    await context.close();
  }
}

// ---------- 6b. search relevance ----------
/** The links of the first `n` results of a query: each result's own and its parts'. */
async function topLinks(page, base, n) {
  await page.waitForFunction(() => {
    const status = document.getElementById('search-status');
    return status && status.textContent.length > 0 && document.getElementById('search-list').getAttribute('aria-busy') !== 'true';
  }, null, { timeout: TIMEOUT });
  return page.$$eval('#search-list > li', (items, count) => items.slice(0, count).map((li) =>
    [...li.querySelectorAll('a[href]')].map((a) => decodeURIComponent(a.href))), n)
    .then((lists) => lists.flat().map((href) => href.startsWith(base) ? href.slice(base.length) : href));
}

/** The relevance set of relevance.mjs that fits this site (by a page it must have), each query
    from file:// with the links its first three results must include. */
async function checkRelevance(browser, dir, pages) {
  const files = new Set(pages.map((p) => p.file));
  const set = [EXAMPLE, CORPUS].find((s) => files.has(s.marker));
  const searchPage = pages.find((p) => p.kind === 'search');
  if (!set || !searchPage) return;
  const base = decodeURIComponent(fileUrl(dir, ''));
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT);
  try {
    const page = await context.newPage();
    for (const { q, top3 } of set.queries) {
      await check(`search relevance: "${q}" has ${top3.join(', ')} in its first three results`, async () => {
        await page.goto(fileUrl(dir, searchPage.file) + '?q=' + encodeURIComponent(q));
        const links = await topLinks(page, base, 3);
        const missing = top3.filter((want) => !links.includes(want));
        return missing.length ? [`missing ${missing.join(', ')}; first three gave ${links.slice(0, 12).join(' ')}`] : [];
      });
    }
  } finally {
    await context.close();
  }
}

// ---------- main ----------
/** A text cell written with "\n" in the data shows it as a new line (CSS white-space), checked on
 *  the first page that has one. */
// ---------- the workbook download ----------
/** The fields of a CSV download (RFC 4180, the BOM dropped): an array of rows of strings. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  text = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** A cell as both files should agree on it: a figure as its number ("0.00" and 0 are "0"), a
    CSV text without the ' that neutralises a formula, white space trimmed. */
function normalCsv(field) {
  const text = field.replace(/^'(?=[=+\-@\t\r])/, '').trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? String(Number(text)) : text;
}

function normalCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value.richText) return value.richText.map((r) => r.text).join('').trim();
  if (typeof value === 'object') return `unexpected ${JSON.stringify(value).slice(0, 40)}`;
  return String(value).trim();
}

/** One line of cells, trailing empty cells dropped, as a string to compare. */
const lineKey = (cells) => {
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells.join('\u0001');
};

/** Each report page's workbook (the report.xlsx its downloads link) opened with exceljs: every
    CSV download of the report is a block of consecutive rows of one sheet, value for value,
    figures as numbers; each leaf header label is on that sheet; every sheet holds a CSV. */
async function checkWorkbooks(dir, pages) {
  for (const page of pages.filter((p) => p.kind === 'report')) {
    const folder = path.posix.dirname(page.file);
    const hrefs = [...page.html.matchAll(/<a href="([^"#]+\.(?:xlsx|csv))" download>/g)].map((m) => decodeEntities(m[1]));
    const xlsx = hrefs.find((h) => h.endsWith('.xlsx'));
    if (!xlsx) continue;
    await check(`workbook ${folder}/${xlsx} holds the report's CSV files`, async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path.join(dir, folder, xlsx));
      const sheets = book.worksheets.map((sheet) => {
        const lines = [], texts = new Set();
        sheet.eachRow({ includeEmpty: true }, (row, number) => {
          const cells = [];
          for (let c = 1; c <= row.cellCount; c++) cells.push(normalCell(row.getCell(c).value));
          lines[number - 1] = lineKey(cells);
          cells.forEach((t) => texts.add(t));
        });
        return { name: sheet.name, lines: Array.from(lines, (l) => l ?? ''), texts, used: false };
      });
      const problems = [];
      // fdp/*.csv are the Fiscal Data Package's rows, not tables (fdp.mjs checks them).
      for (const csv of [...new Set(hrefs.filter((h) => h.endsWith('.csv') && !h.startsWith('fdp/')))]) {
        const [header, ...body] = parseCsv(fs.readFileSync(path.join(dir, folder, csv), 'utf8'));
        const want = body.map((r) => lineKey(r.map(normalCsv)));
        const labels = header.map((h) => normalCsv(h).split(' / ').pop().replace(/（万?元）$/, '')).filter(Boolean);
        const holds = (s) => s.lines.some((_, at) => want.every((w, i) => s.lines[at + i] === w))
          && labels.every((l) => s.texts.has(l));
        // Sheets in order, one not matched yet first: two empty tables may have the same header.
        const sheet = sheets.find((s) => !s.used && holds(s)) || sheets.find(holds);
        if (sheet) sheet.used = true;
        else problems.push(`${csv}: no sheet holds its ${want.length} rows and its header labels`);
      }
      for (const s of sheets) if (!s.used) problems.push(`sheet ${s.name} holds none of the CSV files`);
      return problems;
    });
  }
}

async function checkLineBreaks(browser, dir, pages) {
  const cell = /<(td|th)\b[^>]*>([^<]*\n[^<]*)<\/\1>/;
  const page = pages.find((p) => cell.test(p.html.slice(p.html.indexOf('<tbody>'))));
  const name = `a line break in a text cell starts a new line${page ? ` (${page.file})` : ' (no page has one)'}`;
  await check(name, async () => {
    if (!page) return [];
    const text = decodeEntities(page.html.slice(page.html.indexOf('<tbody>')).match(cell)[2]);
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(fileUrl(dir, page.file), { waitUntil: 'load', timeout: TIMEOUT });
      const shown = await tab.evaluate((wanted) => {
        const cells = [...document.querySelectorAll('tbody td, tbody th')];
        const found = cells.find((c) => c.textContent === wanted);
        return found ? found.innerText : null;
      }, text);
      if (shown === null) return ['the cell is not on the page'];
      return shown.includes('\n') ? [] : [`shown on one line: ${shown.slice(0, 60)}`];
    } finally {
      await context.close();
    }
  });
}

// ---------- print ----------
/** Each report page printed as the document it publishes (A4): no screen furniture, table heads
 *  repeated, rows and charts kept whole, the source line at the foot naming the document, and a
 *  PDF with at least one page. */
async function checkPrint(browser, dir, pages) {
  for (const report of pages.filter((p) => p.kind === 'report')) {
    await check(`print ${report.file}`, async () => {
      const context = await browser.newContext();
      try {
        const tab = await context.newPage();
        await tab.goto(fileUrl(dir, report.file), { waitUntil: 'load', timeout: TIMEOUT });
        await tab.emulateMedia({ media: 'print' });
        const problems = await tab.evaluate(() => {
          const out = [];
          const shown = (el) => getComputedStyle(el).display !== 'none';
          for (const sel of ['.site-header', '.site-footer', '.breadcrumbs', '.site-search', '.toc', '.downloads']) {
            for (const el of document.querySelectorAll(sel)) if (shown(el)) out.push(`${sel} is printed`);
          }
          for (const head of document.querySelectorAll('.grid thead')) {
            if (getComputedStyle(head).display !== 'table-header-group') { out.push('a table head does not repeat on each page'); break; }
          }
          for (const row of document.querySelectorAll('.grid tr')) {
            if (getComputedStyle(row).breakInside !== 'avoid') { out.push('a table row may be cut in two'); break; }
          }
          for (const chart of document.querySelectorAll('.chart-figure')) {
            if (getComputedStyle(chart).breakInside !== 'avoid') { out.push('a chart may be cut in two'); break; }
          }
          const source = getComputedStyle(document.documentElement).getPropertyValue('--print-source').trim();
          if (!source.includes(document.querySelector('h1').textContent.trim())) out.push(`the source line "${source}" does not name the document`);
          return out;
        });
        const pdf = await tab.pdf({ format: 'A4' });
        const count = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
        if (count < 1) problems.push('the PDF has no page');
        return problems;
      } finally {
        await context.close();
      }
    });
  }
}

async function main() {
  const dir = siteDir();
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    report('site exists', [`no ${path.join(dir, 'index.html')}: build the site first (./build/gongkai build) or set GONGKAI_SITE`]);
    return;
  }
  const pages = sitePages(dir);
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const picks = samplePages(pages);
  for (const kind of ['home', 'department', 'year', 'report', 'search']) {
    if (!pages.some((p) => p.kind === kind)) report(`site has a ${kind} page`, [`no page with data-page-kind="${kind}"`]);
  }
  if (!pages.some((p) => isNotFoundKind(p.kind))) report('site has a 404 page', ['no 404 page']);

  // GONGKAI_CHECKS=search: only the search checks and the relevance set (a bench corpus, whose
  // hundreds of pages the other checks would take long to read and add nothing to).
  if (process.env.GONGKAI_CHECKS === 'search') {
    const browser = await launchBrowser();
    try {
      await checkSearch(browser, dir, pages);
      await checkRelevance(browser, dir, pages);
    } finally {
      await browser.close();
    }
    return;
  }
  await checkHtml(dir, pages);
  await checkLinks(dir, pages);
  await checkWorkbooks(dir, pages);
  await checkFiscalPackages(dir, check);

  const server = await serve(dir);
  const browser = await launchBrowser();
  try {
    const plan = planJourney(pages);
    for (const [scheme, base] of [['file://', fileUrl(dir, '')], ['http', server.url]]) {
      await check(`navigation over ${scheme}: ${plan ? plan.join(' → ') : 'home → department → report → another'}`, async () => {
        if (!plan) {
          return ['no report page links to another report of its department (report.other_years / other_kinds), '
            + 'or no department page linked from the home page links to a report'];
        }
        return journey(browser, base, plan, byFile);
      });
    }
    await checkAxe(browser, server.url, picks);
    await checkConsole(browser, dir, server.url, pages);
    await checkSearch(browser, dir, pages);
    await checkRelevance(browser, dir, pages);
    await checkLineBreaks(browser, dir, pages);
    await checkPrint(browser, dir, pages);
  } finally {
    await browser.close();
    await server.close();
  }
}

try {
  await main();
} catch (error) {
  report('browser tests ran to the end', [String(error?.stack || error).split('\n')[0]]);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
