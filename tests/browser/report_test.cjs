// report.html (and reproduction.html) in Debian's headless Chromium, driven by playwright-core
// (no browser download: executablePath is the system's chromium).
//
// Usage: node report_test.cjs --clir BUILD/clir --modules DIR/node_modules --out DIR [--chromium /usr/bin/chromium]
// Runs `clir run` (built-in scenario; once more as a choropleth by score) and a small
// `clir reproduce` into --out, opens the pages with a fresh profile, and checks: no console
// errors and no request leaving the file system; a screenshot that is not blank; clicking a
// column header reorders the rows; hovering a community shows its tooltip; the map's labels, as
// the browser lays them out, do not overlap; the map draws the oblast borders and the
// boundaries' attribution; the choropleth draws every hromada's polygon, with a tooltip on hover.
// Screenshots are left in --out (report.png, map.png, tooltip.png, choropleth.png,
// choropleth-tooltip.png) for a human look.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const { parseArgs, CHROMIUM_FLAGS } = require('./common.cjs');

let failures = 0;
function check(condition, message) {
  if (condition) {
    console.log(`ok   ${message}`);
  } else {
    failures += 1;
    console.log(`FAIL ${message}`);
  }
}

// Decodes an 8-bit RGB(A) PNG (what Chromium writes) into {width, height, channels, pixels}.
function decodePng(buffer) {
  let at = 8;
  let width = 0, height = 0, colourType = 0;
  const idat = [];
  while (at < buffer.length) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('ascii', at + 4, at + 8);
    const data = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8) throw new Error('PNG bit depth is not 8');
      colourType = data[9];
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    at += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (!channels) throw new Error(`PNG colour type ${colourType} not handled`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

// Share of pixels that are not white, and the number of distinct colours (quantised).
function inkStatistics(png) {
  const { width, height, channels, pixels } = decodePng(png);
  let ink = 0;
  const colours = new Set();
  for (let i = 0; i < width * height; i++) {
    const r = pixels[i * channels], g = pixels[i * channels + 1], b = pixels[i * channels + 2];
    if (r < 245 || g < 245 || b < 245) ink++;
    colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
  }
  return { width, height, inkShare: ink / (width * height), colours: colours.size };
}

async function openPage(context, file) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // blob: URLs are the page's own text (the what-if section's worker), not the network.
  page.on('request', (r) => { if (!/^(file|data|about|blob):/.test(r.url())) problems.push(`network request: ${r.url()}`); });
  await page.goto('file://' + file, { waitUntil: 'load' });
  return { page, problems };
}

// The map's labels as laid out with the browser's fonts: no two overlap. The oblast borders
// (27 oblast-level units) and the CC BY attribution are on the map.
async function checkLabelsAndBorders(page, what) {
  const boxes = await page.$$eval('.map:not(.whatif-map) #labels text', (texts) => texts.map((t) => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent, x: r.left, y: r.top, w: r.width, h: r.height };
  }));
  const overlaps = [];
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a], q = boxes[b];
      // Glyph boxes include line spacing; count an overlap only beyond 1 px in both directions.
      const dx = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x);
      const dy = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
      if (dx > 1 && dy > 1) overlaps.push(`${p.text} / ${q.text}`);
    }
  }
  check(boxes.length >= 19 + 24, `${what}the map has ${boxes.length} labels (19 communities, 24 oblasts)`);
  check(overlaps.length === 0, `${what}no two map labels overlap in the browser${overlaps.length ? ': ' + overlaps.join(', ') : ''}`);
  const legend = await page.locator('.map:not(.whatif-map) #legend').textContent();
  check(/Oblast border/.test(legend) && /Natural Earth/.test(legend), `${what}the legend names the oblast borders and the outline`);
  const borders = await page.$eval('.map:not(.whatif-map) #borders', (b) => ({ rings: (b.getAttribute('d').match(/M/g) || []).length, width: b.getBBox().width }));
  check(borders.rings >= 27 && borders.width > 800, `${what}the map draws the oblast borders (${borders.rings} rings, ${Math.round(borders.width)} px wide)`);
  const attribution = await page.locator('.map:not(.whatif-map) #attribution').textContent();
  check(/ukrainian_geodata.*CC BY 4\.0/.test(attribution), `${what}the boundaries' attribution is on the map`);
}

// The report's own map: `.map:not(.whatif-map)`, since the what-if section's map (interactive
// report.html) shares the class for its styles and tooltips.
async function checkReport(context, file, out) {
  const { page, problems } = await openPage(context, file);

  // Screenshots: the first screen and the map alone; neither blank.
  const shot = await page.screenshot({ path: path.join(out, 'report.png') });
  const screen = inkStatistics(shot);
  check(screen.inkShare > 0.05 && screen.colours > 20, `report screenshot is not blank (${(100 * screen.inkShare).toFixed(1)}% ink, ${screen.colours} colours)`);
  const map = page.locator('.map:not(.whatif-map) svg');
  const mapShot = await map.screenshot({ path: path.join(out, 'map.png') });
  const mapInk = inkStatistics(mapShot);
  check(mapInk.inkShare > 0.3 && mapInk.colours > 30, `map screenshot shows the outline and points (${(100 * mapInk.inkShare).toFixed(1)}% ink, ${mapInk.colours} colours)`);

  await checkLabelsAndBorders(page, '');

  // Sorting: click "Score", then again; then "Community".
  const column = async (table, index) => page.$$eval(`#${table} tbody tr`, (rows, i) => rows.map((r) => r.cells[i].textContent), index);
  const before = await column('scores-table', 1);
  await page.click('#scores-table thead th:nth-child(5) button');
  const ascending = (await column('scores-table', 4)).map(Number);
  check(ascending.every((v, i) => i === 0 || ascending[i - 1] <= v), 'clicking "Score" sorts the scores ascending');
  check(await page.getAttribute('#scores-table thead th:nth-child(5)', 'aria-sort') === 'ascending', 'the sorted column says so (aria-sort)');
  const after = await column('scores-table', 1);
  check(after.join('|') !== before.join('|'), 'the rows changed order');
  await page.click('#scores-table thead th:nth-child(5) button');
  const descending = (await column('scores-table', 4)).map(Number);
  check(descending.every((v, i) => i === 0 || descending[i - 1] >= v), 'clicking again sorts them descending');
  await page.click('#groups-table thead th:nth-child(2) button');
  const names = await column('groups-table', 1);
  const sorted = [...names].sort((x, y) => x.localeCompare(y, 'uk'));
  check(names.join('|') === sorted.join('|'), 'clicking "Community" sorts the groups table by name');

  // Hover: the tooltip names the community, its oblast, score, rank, group and P(selected).
  const circle = page.locator('.map:not(.whatif-map) circle[data-tip]').first();
  check(await page.locator('#tooltip').isHidden(), 'no tooltip before hovering');
  await circle.scrollIntoViewIfNeeded();
  await circle.hover();
  const tip = page.locator('#tooltip');
  check(await tip.isVisible(), 'hovering a community shows the tooltip');
  await page.screenshot({ path: path.join(out, 'tooltip.png') });
  const text = await tip.textContent();
  const expected = (await circle.getAttribute('data-tip')).split('\n')[0];
  check(text.startsWith(expected), `the tooltip names the community (${expected})`);
  for (const field of ['Oblast:', 'Score:', 'Rank:', 'Group:', 'P(selected):']) check(text.includes(field), `the tooltip gives ${field}`);
  const accessibleNames = await page.$$eval('.map:not(.whatif-map) > svg, figure > svg', (svgs) => svgs.map((svg) => svg.getAttribute('aria-label') || ''));
  check(accessibleNames.length >= 3 && accessibleNames.every((n) => n.length > 0), `the map and the charts have accessible names (${accessibleNames.length})`);
  await page.mouse.move(0, 0);
  check(await tip.isHidden(), 'the tooltip goes away with the pointer');

  check(problems.length === 0, `report.html: no console errors and no network${problems.length ? ': ' + problems.join('; ') : ''}`);
  await page.close();
}

async function checkChoropleth(context, file, out) {
  const { page, problems } = await openPage(context, file);
  const map = page.locator('.map:not(.whatif-map) svg');
  const mapShot = await map.screenshot({ path: path.join(out, 'choropleth.png') });
  const mapInk = inkStatistics(mapShot);
  check(mapInk.inkShare > 0.4 && mapInk.colours > 30, `choropleth screenshot is not blank (${(100 * mapInk.inkShare).toFixed(1)}% ink, ${mapInk.colours} colours)`);
  const areas = await page.locator('.map:not(.whatif-map) #areas path').count();
  check(areas === 1469, `the choropleth draws every hromada's polygon (${areas} paths)`);
  const tips = await page.locator('.map:not(.whatif-map) #areas path[data-tip]').count();
  check(tips === areas, `every polygon has a tooltip (${tips})`);
  const fills = await page.$$eval('.map:not(.whatif-map) #areas path', (paths) => new Set(paths.map((p) => p.getAttribute('fill'))).size);
  check(fills >= 6, `the polygons take the five classes and the no-data grey (${fills} fills)`);
  await checkLabelsAndBorders(page, 'choropleth: ');
  const legend = await page.locator('.map:not(.whatif-map) #legend').textContent();
  check(/5 equal classes/.test(legend) && /\(max\)/.test(legend) && /\(min\)/.test(legend), 'the legend gives the classes with min and max');

  // Hover a polygon where nothing else is drawn over its middle (no marker, label or border).
  await map.scrollIntoViewIfNeeded();
  const index = await page.$$eval('.map:not(.whatif-map) #areas path', (paths) => paths.findIndex((p) => {
    const r = p.getBoundingClientRect();
    return r.width > 12 && r.height > 12 && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === p;
  }));
  check(index >= 0, 'some polygon can be hovered at its middle');
  const area = page.locator('.map:not(.whatif-map) #areas path').nth(Math.max(index, 0));
  const tip = page.locator('#tooltip');
  check(await tip.isHidden(), 'no tooltip before hovering a polygon');
  await area.hover();
  check(await tip.isVisible(), 'hovering a hromada polygon shows the tooltip');
  await page.screenshot({ path: path.join(out, 'choropleth-tooltip.png') });
  const text = await tip.textContent();
  const expected = (await area.getAttribute('data-tip')).split('\n')[0];
  check(text.startsWith(expected), `the tooltip names the hromada (${expected})`);
  check(/Oblast: /.test(text) && /Score: /.test(text), 'the tooltip gives the oblast and the score');
  await page.mouse.move(0, 0);
  check(await tip.isHidden(), 'the tooltip goes away with the pointer');
  check(problems.length === 0, `choropleth report.html: no console errors and no network${problems.length ? ': ' + problems.join('; ') : ''}`);
  await page.close();
}

async function checkReproduction(context, file) {
  const { page, problems } = await openPage(context, file);
  const maps = await page.locator('figure > svg[aria-label^="ARI, "]').count();
  // Two member sets (all 19, the ministry's 18) × three constraint settings.
  check(maps === 6, `reproduction.html has a heat map per member set and constraint setting (${maps})`);
  check(problems.length === 0, `reproduction.html: no console errors and no network${problems.length ? ': ' + problems.join('; ') : ''}`);
  await page.close();
}

async function main() {
  const args = parseArgs(process.argv);
  const { chromium } = require(path.join(path.resolve(args.modules), 'playwright-core'));
  const out = path.resolve(args.out);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  execFileSync(args.clir, ['run', '-o', path.join(out, 'run'), '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(args.clir, ['run', '-o', path.join(out, 'choropleth'), '-q', '--map-style', 'choropleth', '--map-colour', 'score'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(args.clir, ['reproduce', '--methods', 'pam,skater', '--alphas', '0,0.5,1', '-o', path.join(out, 'reproduce')],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'clir-chromium-'));  // a fresh --user-data-dir
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: args.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 1000 },
  });
  try {
    await checkReport(context, path.join(out, 'run', 'report.html'), out);
    await checkChoropleth(context, path.join(out, 'choropleth', 'report.html'), out);
    await checkReproduction(context, path.join(out, 'reproduce', 'reproduction.html'));
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
