// Full-page screenshots of one page of each type, on a phone (390×844) and a desktop (1280×900),
// in light, dark and print, into tests/browser/screenshots/. Run after building the site:
//   node tests/browser/screenshots.mjs      (GONGKAI_SITE=DIR to use another site folder)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileUrl, launchBrowser, samplePages, siteDir, sitePages } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'screenshots');
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const MODES = {
  light: { media: 'screen', colorScheme: 'light' },
  dark: { media: 'screen', colorScheme: 'dark' },
  print: { media: 'print', colorScheme: 'light' },
};

const dir = siteDir();
if (!fs.existsSync(path.join(dir, 'index.html'))) {
  console.error(`no site at ${dir}: build it first (./build/gongkai build) or set GONGKAI_SITE`);
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
const only = process.argv.slice(2);
const picks = samplePages(sitePages(dir)).filter((p) => !only.length || only.includes(p.label));
const browser = await launchBrowser();
let count = 0;
try {
  for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const pick of picks) {
      const query = pick.label === 'search' ? '?q=%E4%BF%A1%E7%94%A8' : '';
      await page.goto(fileUrl(dir, pick.file) + query, { waitUntil: 'load' });
      for (const [modeName, media] of Object.entries(MODES)) {
        await page.emulateMedia(media);
        const file = path.join(outDir, `${pick.label}-${vpName}-${modeName}.png`);
        await page.screenshot({ path: file, fullPage: true });
        count++;
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`${count} screenshots in ${path.relative(process.cwd(), outDir) || '.'}`);
