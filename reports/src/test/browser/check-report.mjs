// Opens a report's index.html from disk in headless Chromium with networking off and checks that it is whole:
// no console errors or page errors, no request leaves file://, every <img> loaded (naturalWidth > 0), no horizontal
// overflow at 1366x768, and at 1366 and 1920 px wide every model's Results column in view or brought into view by
// the model picker. Saves a first-screen and a full-page screenshot, and the Results section at both widths. Exit code 0 = pass, 1 = fail, 2 = usage or
// Chromium cannot start.
// Usage: node check-report.mjs REPORT_DIR/index.html SCREENSHOT_DIR [CHROMIUM]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [,, indexArg, shotsArg, exeArg] = process.argv;
if (!indexArg || !shotsArg) {
  console.error('usage: node check-report.mjs INDEX_HTML SCREENSHOT_DIR [CHROMIUM]');
  process.exit(2);
}
const index = resolve(indexArg);
if (!existsSync(index)) {
  console.error(`no such file: ${index}`);
  process.exit(2);
}
const exe = exeArg || process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(shotsArg, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'eibench-chromium-'));
const problems = [];
// A watchdog, so that a hung browser cannot stall CI: the whole check takes a few seconds.
setTimeout(() => { console.error('check-report: gave up after 120 s'); process.exit(1); }, 120_000).unref();
let context;

// Which model columns of the Results table are in view: the header cell has a size and lies inside both the table's
// scroll box and the window. `index` is the column's place, which names its picker box (#show-m<index>).
async function modelColumns(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#results .results-scroll')?.getBoundingClientRect();
    if (!box) return [];
    const left = Math.max(box.left, 0);
    const right = Math.min(box.right, document.documentElement.clientWidth);
    return Array.from(document.querySelectorAll('#results th[data-model]')).map((th, index) => {
      const r = th.getBoundingClientRect();
      return { model: th.dataset.model, index, inView: r.width > 0 && r.left >= left - 1 && r.right <= right + 1 };
    });
  });
}

// Fails unless every model's column can be seen without scrolling sideways: in view at first, or after unticking the
// models in view in the picker (which must itself be in view and list every model). Screenshots each step.
async function checkResults(page, width) {
  await page.evaluate(() => document.querySelector('#results').scrollIntoView());
  const columns = await modelColumns(page);
  if (columns.length === 0) {
    problems.push(`${width}px: no model columns in the Results table`);
    return;
  }
  const pickable = await page.evaluate(() => Array.from(document.querySelectorAll('#results .picker label')).filter((l) => {
    const r = l.getBoundingClientRect();
    return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth && l.querySelector('input');
  }).map((l) => l.textContent.trim()));
  columns.filter((c) => !pickable.includes(c.model))
    .forEach((c) => problems.push(`${width}px: model ${c.model} has no visible box in the Results picker`));
  await page.locator('section#results').screenshot({ path: join(shotsArg, `results-${width}.png`) });
  const boxes = await page.evaluate(() => Array.from(document.querySelectorAll('#results .picker input')).map((i) => i.id));
  const box = (c) => boxes.includes(`show-m${c.index}`);
  let hidden = columns.filter((c) => !c.inView);
  for (let step = 1; hidden.length > 0; step++) {
    for (const c of await modelColumns(page)) {
      if (c.inView && box(c)) await page.locator(`#show-m${c.index}`).uncheck();
    }
    const now = await modelColumns(page);
    const reached = hidden.filter((h) => now[h.index].inView);
    if (reached.length === 0) {
      hidden.forEach((h) => problems.push(`${width}px: model ${h.model}'s Results column is out of view and the picker does not bring it in`));
      break;
    }
    await page.locator('section#results').screenshot({ path: join(shotsArg, `results-${width}-step${step}.png`) });
    hidden = hidden.filter((h) => !now[h.index].inView);
  }
  for (const c of columns.filter(box)) await page.locator(`#show-m${c.index}`).check();
  console.error(`check-report: ${width}px: ${columns.length} model columns, ${columns.filter((c) => c.inView).length} in view at first`);
}

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: exe,
    headless: true,
    offline: true,
    timeout: 60_000,
    viewport: { width: 1366, height: 768 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
  });
} catch (e) {
  // A set-up problem (Chromium missing, not startable, or too old for this playwright-core), not a report defect.
  console.error(`check-report: cannot start Chromium at ${exe}: ${e.message}`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(2);
}
try {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    problems.push(`network request attempted: ${url}`);
    return route.abort();
  });
  await page.goto(pathToFileURL(index).href, { waitUntil: 'load', timeout: 60_000 });
  const images = await page.evaluate(() => Array.from(document.images).map((i) => ({
    src: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth })));
  const broken = images.filter((i) => !i.complete || i.width === 0);
  broken.forEach((i) => problems.push(`image did not load: ${i.src}`));
  const charts = images.filter((i) => i.src && i.src.startsWith('charts/')).length;
  const thumbs = images.filter((i) => i.src && i.src.startsWith('thumbs/')).length;
  if (charts === 0) problems.push('no chart images on the page');
  if (thumbs === 0) problems.push('no gallery images on the page');
  // Text running out of its table cell into the next column (a cell narrower than its unwrapped text).
  const spilled = await page.evaluate(() => Array.from(document.querySelectorAll('td'))
    .filter((td) => td.scrollWidth > td.clientWidth + 1)
    .map((td) => `${td.closest('section')?.id}: ${td.textContent.trim().slice(0, 60)}`));
  spilled.slice(0, 10).forEach((t) => problems.push(`text overflows its table cell: ${t}`));
  if (spilled.length > 10) problems.push(`... and ${spilled.length - 10} more cells overflow`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`page overflows horizontally by ${overflow}px at 1366x768`);
  // The Results table at both widths: every model's column in view, or brought into view with the picker above it.
  for (const [width, height] of [[1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await checkResults(page, width);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shotsArg, 'report-1366x768.png') });
  await page.screenshot({ path: join(shotsArg, 'report-full.png'), fullPage: true });
  // One picture per section too, for reviewing the layout without scrolling a very tall image.
  for (const id of await page.evaluate(() => Array.from(document.querySelectorAll('section[id]')).map((s) => s.id))) {
    await page.locator(`section#${id}`).screenshot({ path: join(shotsArg, `section-${id}.png`) });
  }
  console.log(JSON.stringify({ index, images: images.length, charts, thumbs, problems }, null, 1));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(problems.length === 0 ? 0 : 1);
