// The interactive report.html in headless Chromium (docs/web.md): the page's size, the time
// until it is interactive, a rerun after a weight changes, and weight draws in the page's Web
// Worker. A benchmark, not a test: it measures and checks only that the page did what was asked.
// scripts/page-bench runs it side by side with the native and the Node figures.
//
//   node bench/wasm/page_time.cjs --clir build/release/clir --modules build/release/tests/browser/node_modules
//        --out DIR [--runs 3] [--reruns 3] [--draws 1000] [--compare OTHER/clir] [--json FILE]
//        [--chromium /usr/bin/chromium]
//
// Two pages per clir: the built-in run's report.html (size, time to interactive, reruns), and the
// run of the built-in scenario with --draws weight draws (examples/clir2024.toml with its draws
// changed), whose worker's draws are timed: the first ones (a new worker: the engine instantiated
// and the built-in data read) and the ones after a change. With --compare, each run opens the
// pages of both clir executables one after the other (alternating which goes first), so that a
// before/after comparison sees the same load.
//
// Per page load, from the page itself: `ready` = performance.now() when the page is interactive
// (html[data-whatif=ready]: the engine decompressed, compiled and instantiated, the controls
// built, the first rerun shown); a rerun = from the change event to the first frame after it
// (requestAnimationFrame, then a task), of which `sync` is the page's script alone; the draws =
// from the change to the worker's result (the page's User Timing measure `clir:draws` when it has
// one, else polled). The page's User Timing marks (clir:engine-compiled, ...) are reported too.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { CHROMIUM_FLAGS } = require('../../tests/browser/common.cjs');

const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function parse(argv) {
  const args = { chromium: '/usr/bin/chromium', runs: '3', reruns: '3', draws: '1000' };
  for (let i = 2; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const key of ['clir', 'modules', 'out']) if (!args[key]) throw new Error(`missing --${key}`);
  return args;
}

// The pages of one clir: the built-in run and the run with `draws` weight draws.
function makePages(clir, folder, draws) {
  const source = path.resolve(__dirname, '..', '..', 'examples', 'clir2024.toml');
  const text = fs.readFileSync(source, 'utf8');
  if (!/^draws = \d+$/m.test(text)) throw new Error(`${source} has no "draws = N" line`);
  fs.mkdirSync(folder, { recursive: true });
  const scenario = path.join(folder, `clir2024-${draws}-draws.toml`);
  fs.writeFileSync(scenario, text.replace(/^draws = \d+$/m, `draws = ${draws}`));
  execFileSync(clir, ['run', '-q', '-o', path.join(folder, 'builtin'), '--force']);
  execFileSync(clir, ['run', scenario, '-q', '-o', path.join(folder, 'draws'), '--force']);
  return { builtin: path.join(folder, 'builtin', 'report.html'), draws: path.join(folder, 'draws', 'report.html') };
}

async function open(browser, file) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto('file://' + file, { waitUntil: 'load' });
  await page.waitForSelector('html[data-whatif="ready"]', { state: 'attached', timeout: 120000 });
  return { context, page, problems };
}

// The page's User Timing entries named clir:*, as {name: [startTime or duration, ...]}.
const timings = (page) => page.evaluate(() => {
  const out = {};
  for (const e of performance.getEntries()) {
    if (!/^clir:/.test(e.name)) continue;
    (out[e.name] = out[e.name] || []).push(e.entryType === 'mark' ? e.startTime : e.duration);
  }
  return out;
});

const drawsDone = (page) => page.waitForSelector('#whatif-robustness[data-state="done"]', { state: 'attached', timeout: 180000 });

// Sets the first criterion's weight and reruns; the time to the next frame and the script's part.
const changeWeight = (page, value) => page.evaluate(async (v) => {
  const input = document.querySelector('[data-change="criteria.0.weight"]');
  const status = document.getElementById('whatif-status');
  const t0 = performance.now();
  input.value = String(v);
  input.dispatchEvent(new Event('change', { bubbles: true }));
  const sync = performance.now() - t0;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { t0, sync, frame: performance.now() - t0, status: status.textContent };
}, value);

// The draws' time after a change at t0: the page's measure when it has one, else polled.
async function drawsAfter(page, t0) {
  await page.waitForFunction(() => document.getElementById('whatif-robustness').getAttribute('data-state') === 'done', null,
    { polling: 'raf', timeout: 180000 });
  const polled = (await page.evaluate(() => performance.now())) - t0;
  const t = await timings(page);
  return t['clir:draws'] ? t['clir:draws'][t['clir:draws'].length - 1] : polled;
}

async function measureBuiltin(browser, file, reruns, round) {
  const { context, page, problems } = await open(browser, file);
  const out = { timings: {}, reruns: [], sync: [] };
  const t = await timings(page);
  out.ready = t['clir:ready'] ? t['clir:ready'][0] : await page.evaluate(() => performance.now());
  for (const [name, values] of Object.entries(t)) out.timings[name] = values[0];
  out.status = await page.locator('#whatif-status').textContent();
  await drawsDone(page);
  for (let i = 0; i < reruns; i++) {
    const r = await changeWeight(page, (0.05 + 0.01 * i + 0.001 * round).toFixed(3));
    if (!/^Rerun in/.test(r.status)) throw new Error(`the rerun failed: ${r.status}`);
    out.reruns.push(r.frame);
    out.sync.push(r.sync);
    await drawsDone(page);
  }
  const after = await timings(page);
  out.engine = median(after['clir:rerun:engine'] ? after['clir:rerun:engine'].slice(1) : []);
  out.show = median(after['clir:rerun:show'] ? after['clir:rerun:show'].slice(1) : []);
  out.problems = problems;
  await context.close();
  return out;
}

async function measureDraws(browser, file, round) {
  const { context, page, problems } = await open(browser, file);
  const opened = await page.evaluate(() => performance.now());
  await drawsDone(page);
  const t = await timings(page);
  const first = t['clir:draws'] ? t['clir:draws'][0] : (await page.evaluate(() => performance.now())) - opened;
  const r = await changeWeight(page, (0.05 + 0.001 * round).toFixed(3));
  const again = await drawsAfter(page, r.t0);
  const status = await page.locator('#whatif-robustness-status').textContent();
  await context.close();
  return { first, again, status, problems };
}

async function main() {
  const args = parse(process.argv);
  const runs = Number(args.runs);
  const draws = Number(args.draws);
  const sides = [{ name: 'clir', clir: path.resolve(args.clir) }];
  if (args.compare) sides.push({ name: 'compare', clir: path.resolve(args.compare) });
  for (const side of sides) {
    side.pages = makePages(side.clir, path.join(args.out, `page-time-${side.name}`), draws);
    side.bytes = fs.statSync(side.pages.builtin).size;
    side.runs = [];
  }
  const { chromium } = require(path.resolve(args.modules, 'playwright-core'));
  const browser = await chromium.launch({ executablePath: args.chromium, args: CHROMIUM_FLAGS });
  const loads = [os.loadavg()[0]];
  try {
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? [...sides].reverse() : sides;
      for (const side of order) {
        const builtin = await measureBuiltin(browser, side.pages.builtin, Number(args.reruns), i);
        const drawn = await measureDraws(browser, side.pages.draws, i);
        side.runs.push({ ...builtin, draws_first: drawn.first, draws_again: drawn.again, draws_status: drawn.status,
          problems: [...builtin.problems, ...drawn.problems], load: os.loadavg()[0] });
      }
      loads.push(os.loadavg()[0]);
    }
  } finally {
    await browser.close();
  }
  const summary = sides.map((side) => {
    const timingNames = [...new Set(side.runs.flatMap((r) => Object.keys(r.timings)))];
    const marks = {};
    for (const name of timingNames) marks[name] = median(side.runs.map((r) => r.timings[name]));
    return {
      name: side.name, clir: side.clir, bytes: side.bytes, draws,
      ready: median(side.runs.map((r) => r.ready)),
      rerun: median(side.runs.flatMap((r) => r.reruns)),
      rerun_sync: median(side.runs.flatMap((r) => r.sync)),
      rerun_engine: median(side.runs.map((r) => r.engine)),
      rerun_show: median(side.runs.map((r) => r.show)),
      draws_first: median(side.runs.map((r) => r.draws_first)),
      draws_again: median(side.runs.map((r) => r.draws_again)),
      marks, runs: side.runs,
    };
  });
  const result = { chromium: browser.version(), runs, reruns: Number(args.reruns), loadavg: loads, sides: summary };
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(result, null, 1));
  const f = (x) => (x === null ? '–' : `${Math.round(x)} ms`);
  for (const s of summary) {
    console.log(`${s.clir}: report.html ${s.bytes.toLocaleString('en')} bytes; medians of ${runs} page loads`);
    console.log(`  interactive ${f(s.ready)}; rerun to the next frame ${f(s.rerun)} (script ${f(s.rerun_sync)}: engine ${f(s.rerun_engine)}, tables and map ${f(s.rerun_show)})`);
    console.log(`  ${draws} draws in the worker: first ${f(s.draws_first)}, after a change ${f(s.draws_again)}`);
    for (const [name, value] of Object.entries(s.marks)) console.log(`    ${name} ${f(value)}`);
    const problems = s.runs.flatMap((r) => r.problems);
    if (problems.length) console.log(`  page problems: ${problems.join('; ')}`);
  }
  console.log(`load average ${loads.map((l) => l.toFixed(1)).join(' → ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
