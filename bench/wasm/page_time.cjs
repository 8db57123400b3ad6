// The interactive report.html in headless Chromium against the native CLI (docs/web.md): the
// page's size, the time until it is interactive, one rerun after a weight changes, and the
// scenario's weight draws in the page's Web Worker; natively, `clir run`'s own stage timings
// (run.json timings_s) of the same scenario. Medians of --runs. A benchmark, not a test: it
// prints figures and checks nothing.
//
//   node bench/wasm/page_time.cjs --clir build/release/clir --modules build/release/tests/browser/node_modules
//        --out DIR [--runs 5] [--chromium /usr/bin/chromium]
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { parseArgs, CHROMIUM_FLAGS } = require('../../tests/browser/common.cjs');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const args = parseArgs(process.argv);
  const runs = Number(args.runs || 5);
  const clir = path.resolve(args.clir);
  const folder = path.join(args.out, 'page-time');
  execFileSync(clir, ['run', '-q', '-o', folder, '--force']);
  const page = path.join(folder, 'report.html');
  const bytes = fs.statSync(page).size;

  // Natively: the stage timings of fresh `clir run` processes, one thread (as the page).
  const native = { total: [], robustness: [] };
  for (let i = 0; i < runs; i++) {
    execFileSync(clir, ['run', '-q', '-o', folder, '--force', '--threads', '1', '--static-report']);
    const t = JSON.parse(fs.readFileSync(path.join(folder, 'run.json'), 'utf8')).timings_s;
    native.total.push(1000 * Object.values(t).reduce((a, b) => a + b, 0));
    native.robustness.push(1000 * t.robustness);
  }
  // The page ran the scenario written by the run above with --threads 1; rewrite it as the default.
  execFileSync(clir, ['run', '-q', '-o', folder, '--force']);

  const { chromium } = require(path.resolve(args.modules, 'playwright-core'));
  const browser = await chromium.launch({ executablePath: args.chromium, args: CHROMIUM_FLAGS });
  const page_ = { interactive: [], rerun: [], draws: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.goto('file://' + path.resolve(page), { waitUntil: 'load' });
      await p.waitForSelector('html[data-whatif="ready"]', { state: 'attached', timeout: 120000 });
      page_.interactive.push(await p.evaluate(() => performance.now()));
      await p.waitForSelector('#whatif-robustness[data-state="done"]', { state: 'attached', timeout: 120000 });
      // One rerun: a weight changes; the page reports how long the rerun took.
      const before = await p.locator('#whatif-status').textContent();
      const started = await p.evaluate(() => performance.now());
      await p.fill('[data-change="criteria.0.weight"]', String(0.05 + 0.01 * i));
      await p.locator('[data-change="criteria.0.weight"]').press('Tab');
      await p.waitForFunction((b) => {
        const s = document.getElementById('whatif-status').textContent;
        return s !== b && /^Rerun in/.test(s);
      }, before, { timeout: 60000 });
      page_.rerun.push(Number(/Rerun in (\d+) ms/.exec(await p.locator('#whatif-status').textContent())[1]));
      // The draws in the worker: from the change to the result (module start included).
      await p.waitForSelector('#whatif-robustness[data-state="done"]', { state: 'attached', timeout: 120000 });
      page_.draws.push((await p.evaluate(() => performance.now())) - started - page_.rerun[i]);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const draws = JSON.parse(fs.readFileSync(path.join(folder, 'run.json'), 'utf8')).scenario.robustness.draws;
  const f = (x) => `${Math.round(x)} ms`;
  console.log(`report.html of the built-in run: ${bytes.toLocaleString('en')} bytes; medians of ${runs}; load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(`  page interactive (engine decompressed, compiled, first rerun)   ${f(median(page_.interactive))}`);
  console.log(`  one rerun in the page (no draws), after a weight change         ${f(median(page_.rerun))}`);
  console.log(`  the ${draws} weight draws in the worker (module start included)   ${f(median(page_.draws))}`);
  console.log(`  native clir run, all stages incl. the draws, 1 thread           ${f(median(native.total))}`);
  console.log(`  native, the ${draws} draws alone                                ${f(median(native.robustness))}`);
  console.log(`  ratio page rerun + worker draws / native run: ${((median(page_.rerun) + median(page_.draws)) / median(native.total)).toFixed(1)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
