// The Fiscal Data Packages of a built site (docs/downloads.md, "Fiscal Data Package") checked
// with Frictionless's own library (npm `datapackage`): every datapackage.json — the site's and
// each report's — against the fiscal-data-package profile the library ships, every resource's
// rows read and cast against its schema, and each report's rows adding up, exactly, to the
// total its table prints: spending (function.csv) and revenue (revenue.csv, when the report has
// one). run.mjs runs these checks; alone: node fdp.mjs [SITE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Package, Profile } from 'datapackage';
import { siteDir, walk } from './lib.mjs';

/** The one error the library's fiscal-data-package profile gives every descriptor that names it:
    the profile embeds the tabular-data-package profile, whose "profile" must be
    "tabular-data-package", so "fiscal-data-package" fails that part of the schema. */
const PROFILE_NAME_ERROR = /No enum match for: "fiscal-data-package"[\s\S]*at "\/profile" in descriptor[\s\S]*\/allOf\/0\/properties\/profile/;

/** An exact decimal as a BigInt of hundred-millionths (amounts have at most 8 decimals). */
function scaled(text) {
  const match = /^(-?)(\d+)(?:\.(\d{1,8}))?$/.exec(String(text));
  if (!match) throw new Error(`not a plain decimal: ${text}`);
  const units = BigInt(match[2] + (match[3] || '').padEnd(8, '0'));
  return match[1] ? -units : units;
}

/** The total a report's spending or revenue table prints: its 合计 (or 总计) row outside the codes,
    else the sum of its unit rows. Figures from report.json as JavaScript reads them, which
    keeps every figure of at most 15 digits exactly. */
function printedTotal(table) {
  const isTotal = (row) => !row.cells.code && Object.values(row.cells).some((v) => typeof v === 'string' && /^(合计|总计)$/.test(v.replace(/\s/g, '')));
  const total = table.rows.find(isTotal);
  if (total) return scaled(total.cells.total);
  const units = table.rows.filter((row) => row.cells.agency && !row.cells.code);
  if (!units.length) throw new Error(`table ${table.id} prints no 合计 and no unit rows`);
  return units.reduce((sum, row) => sum + scaled(row.cells.total), 0n);
}

/** Where the table's own lines do not add up exactly — a 类 or 款 that is not the sum of the
    codes below it in its unit block, a printed total that is not the sum of the 类 (rounding:
    尾数误差) — one sentence each; then no sum of its finest lines can give the printed total. */
function unevenLines(table) {
  const blocks = [[]];
  for (const row of table.rows) {
    if (row.cells.agency && !row.cells.code) blocks.push([]);
    else if (row.cells.code && row.cells.total !== undefined) blocks[blocks.length - 1].push(row.cells);
  }
  const uneven = [];
  let classes = 0n;
  for (const rows of blocks) {
    for (const parent of rows) {
      const children = rows.filter((c) => c.code.length === parent.code.length + 2 && c.code.startsWith(parent.code));
      const sum = children.reduce((s, c) => s + scaled(c.total), 0n);
      if (children.length && sum !== scaled(parent.total)) uneven.push(`${parent.code} ${parent.total}`);
      if (parent.code.length === 3) classes += scaled(parent.total);
    }
  }
  if (classes !== printedTotal(table)) uneven.push('合计');
  return uneven;
}

/** Problems of one descriptor with the library: `valid` but for PROFILE_NAME_ERROR, and valid
    outright against the same profile once its name is the one the embedded profile expects. */
async function descriptorProblems(file, pkg) {
  const problems = [];
  const descriptor = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (descriptor.profile !== 'fiscal-data-package') problems.push(`profile is ${descriptor.profile}`);
  for (const error of pkg.errors) {
    if (!PROFILE_NAME_ERROR.test(error.message)) problems.push(error.message);
  }
  const profile = await Profile.load('fiscal-data-package');
  const checked = profile.validate({ ...descriptor, profile: 'tabular-data-package' });
  for (const error of checked.errors) problems.push(error.message);
  if (!descriptor.resources.length) problems.push('no resources');
  return problems;
}

/** Reads every row of every resource, cast; problems, and the number of rows read. */
async function resourceProblems(pkg) {
  const problems = [];
  let rows = 0;
  for (const resource of pkg.resources) {
    if (!resource.tabular) problems.push(`${resource.name} is not tabular`);
    for (const error of resource.errors) problems.push(`${resource.name}: ${error.message}`);
    try {
      const read = await resource.read({ cast: true, keyed: true });
      const fields = resource.schema.fieldNames;
      if (resource.headers.join(',') !== fields.join(',')) problems.push(`${resource.name}: header ${resource.headers} is not ${fields}`);
      rows += read.length;
    } catch (error) {
      problems.push(`${resource.name}: ${String(error?.message || error)}`);
    }
  }
  return { problems, rows };
}

/** The rows of one resource (fdp/function.csv, fdp/revenue.csv) add up to the total its table
    prints — the CSV neither misses nor repeats a line — wherever the table's own lines add up
    exactly; where they do not (a document rounded to 万元), the difference is at most half a
    unit of the last printed place per row. */
async function resourceSumProblems(folder, report, resource) {
  const rows = await resource.read({ keyed: true, cast: false });
  if (!rows.length) return [];
  const tables = [...new Set(rows.map((r) => r.table))];
  if (tables.length !== 1) return [`rows from ${tables.length} tables`];
  const table = report.tables.find((t) => t.id === tables[0]);
  if (!table) return [`report.json has no table ${tables[0]}`];
  const sum = rows.reduce((s, r) => s + (r.total === '' ? 0n : scaled(r.total)), 0n);
  const printed = printedTotal(table);
  const uneven = unevenLines(table);
  if (!uneven.length) return sum === printed ? [] : [`the rows' total ${sum} (10^-8) is not the printed ${printed}`];
  const places = Math.max(...rows.map((r) => (r.total.split('.')[1] || '').length));
  const halfUnit = 10n ** BigInt(8 - places) / 2n;
  const off = sum > printed ? sum - printed : printed - sum;
  console.log(`# ${folder} ${resource.name}: the table's own lines do not add up exactly (${uneven.join(', ')}); `
    + `its rows add up to ${sum} (10^-8), the printed total is ${printed}`);
  return off <= halfUnit * BigInt(rows.length) ? [] : [`the rows' total is ${off} (10^-8) off the printed total`];
}

/** The report's spending by function (fdp/function.csv, which every report's package has) and
    its revenue (fdp/revenue.csv, when it has one) each add up to their table's printed total
    (resourceSumProblems). */
async function sumProblems(dir, folder, pkg) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, folder, 'report.json'), 'utf8').replace(/^\uFEFF/, ''));
  const problems = [];
  for (const kind of ['function', 'revenue']) {
    const resource = pkg.resources.find((r) => r.name.endsWith(`-${kind}`));
    if (!resource) {
      if (kind === 'function') problems.push('no function resource');
      continue;
    }
    for (const problem of await resourceSumProblems(folder, report, resource)) problems.push(`${kind}.csv: ${problem}`);
  }
  return problems;
}

/** Each measure names a resource of the package and says which way the money goes: "revenue"
    for a revenue resource's, "expenditure" for the others'. */
function directionProblems(pkg) {
  const problems = [];
  const names = new Set(pkg.resources.map((r) => r.name));
  for (const [name, m] of Object.entries(pkg.descriptor.model?.measures || {})) {
    if (!names.has(m.resource)) problems.push(`measure ${name} names no resource of the package`);
    const wanted = m.resource.endsWith('-revenue') ? 'revenue' : 'expenditure';
    if (m.direction !== wanted) problems.push(`measure ${name} has direction ${m.direction}`);
  }
  return problems;
}

/** Every check on the site in `dir`, each reported through `check(name, fn)` (run.mjs). */
export async function checkFiscalPackages(dir, check) {
  const files = walk(dir).filter((f) => path.posix.basename(f) === 'datapackage.json');
  await check('the site has a datapackage.json at its root', () =>
    (files.includes('datapackage.json') ? [] : ['none']));
  let packages = 0, resources = 0, rows = 0;
  for (const file of files) {
    const folder = path.posix.dirname(file);
    await check(`fiscal data package ${file} is valid and its rows cast`, async () => {
      const pkg = await Package.load(path.join(dir, file));
      const problems = await descriptorProblems(path.join(dir, file), pkg);
      const read = await resourceProblems(pkg);
      problems.push(...directionProblems(pkg));
      if (folder !== '.') problems.push(...await sumProblems(dir, path.posix.dirname(folder), pkg));
      packages++;
      resources += pkg.resources.length;
      rows += read.rows;
      return [...problems, ...read.problems];
    });
  }
  console.log(`# datapackage ${JSON.parse(fs.readFileSync(new URL('./node_modules/datapackage/package.json', import.meta.url))).version}: `
    + `${packages} packages, ${resources} resources, ${rows} rows read`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let failed = 0;
  const check = async (name, fn) => {
    let problems;
    try { problems = (await fn()) || []; } catch (error) { problems = [String(error?.message || error)]; }
    failed += problems.length ? 1 : 0;
    console.log(problems.length ? `not ok - ${name}: ${problems.slice(0, 8).join('; ').replace(/\s+/g, ' ')}` : `ok - ${name}`);
  };
  await checkFiscalPackages(path.resolve(process.argv[2] || siteDir()), check);
  process.exitCode = failed ? 1 : 0;
}
