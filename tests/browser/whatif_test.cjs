// The interactive report.html (docs/report.md, "What if") in Debian's headless Chromium, driven
// by playwright-core like report_test.cjs.
//
// Usage: node whatif_test.cjs --clir BUILD/clir --modules DIR/node_modules --out DIR [--chromium /usr/bin/chromium]
// The clir given must be built with the engine (CLIR_WASM_MODULE). Runs `clir run` (built-in
// scenario, and examples/applications.toml for a scenario with an applications file), opens the
// pages and checks: the engine starts and its first rerun gives the run the file was made from
// (nobody entered or left); the weight draws run in a Web Worker with progress, give the CLI's
// selection probabilities, and can be cancelled; lowering a weight, typed with the keyboard, changes the selection and
// lists who entered and who left with their reasons; a rule switched off with the space bar reruns;
// the downloaded scenario, run by the CLI, gives exactly the selection and groups the page shows;
// a browser without WebAssembly shows the static report and says why; no console errors and no
// request leaving the file system.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { parseArgs, CHROMIUM_FLAGS } = require('./common.cjs');

let failures = 0;
function check(condition, message) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
  if (!condition) failures += 1;
}

async function openPage(context, file) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!/^(file|about|blob):/.test(r.url())) problems.push(`network request: ${r.url().slice(0, 80)}`); });
  await page.goto('file://' + file, { waitUntil: 'load' });
  return { page, problems };
}

async function rerunDone(page, previous) {
  await page.waitForFunction((before) => {
    const s = document.getElementById('whatif-status').textContent;
    return s !== before && !/^Running/.test(s);
  }, previous, { timeout: 60000 });
  return page.locator('#whatif-status').textContent();
}

const column = (page, table, index) => page.$$eval(`#${table} tbody tr`, (rows, i) => rows.map((r) => r.cells[i].textContent), index);

async function checkBuiltin(context, clir, out) {
  const folder = path.join(out, 'whatif');
  execFileSync(clir, ['run', '-q', '-o', folder, '--force']);
  const baseline = JSON.parse(fs.readFileSync(path.join(folder, 'run.json'), 'utf8'));
  const { page, problems } = await openPage(context, path.join(folder, 'report.html'));
  await page.waitForSelector('html[data-whatif="ready"]', { timeout: 60000 });
  const ready = await page.evaluate(() => performance.now());
  console.log(`     interactive after ${Math.round(ready)} ms`);
  const first = await page.locator('#whatif-status').textContent();
  check(/^Rerun in \d+ ms/.test(first), `the engine starts and reruns the scenario (${first})`);
  check(/0 entered, 0 left/.test(first), 'the page\'s own rerun gives the run the file was made from');
  const codes = await column(page, 'whatif-selection', 1);
  check(codes.join() === baseline.selected.join(), 'the page shows the selection of run.json');

  // The weight draws run in a Web Worker after the rerun, reporting progress as they go (every
  // text the status took, recorded from the page's start by the init script in main()).
  await page.waitForSelector('#whatif-robustness[data-state="done"]', { state: 'attached', timeout: 120000 });
  const seen = await page.evaluate(() => window.seenRobustness || []);
  const partial = seen.filter((t) => /^\d+ of 2000 draws$/.test(t) && !/^0 of/.test(t));
  check(partial.length > 0, `the worker reports its progress (${partial.length} updates, e.g. "${partial[0]}")`);
  check(await page.$eval('#whatif-progress', (p) => p.value === 1), 'the progress bar is full when the draws are done');
  const robustness = await page.locator('#whatif-robustness-status').textContent();
  check(/^2000 draws done/.test(robustness), `the worker's result is shown (${robustness})`);
  const probabilities = await column(page, 'whatif-selection', 6);
  check(probabilities.length === 19 && probabilities.every((p) => Number(p) > 0 && Number(p) <= 1),
    `each selected community gets its selection probability (${probabilities.slice(0, 3).join(', ')}, ...)`);
  // scores.csv: selection_probability is the last but one column (the explanation before it
  // may hold commas inside its quotes).
  const scoreRows = fs.readFileSync(path.join(folder, 'scores.csv'), 'utf8').split('\n');
  check(scoreRows[0].split(',').slice(-2)[0] === 'selection_probability', 'scores.csv has selection_probability last but one');
  const nativeP = baseline.selected.map((c) => {
    const cells = scoreRows.find((r) => r.startsWith(c + ',')).split(',');
    return Number(cells[cells.length - 2]).toFixed(2);
  });
  check(probabilities.join() === nativeP.join(), 'and they are the CLI\'s (scores.csv)');

  // Keyboard: focus the first criterion's weight, type a new one, Tab away (a change event).
  const weight = page.locator('[data-change="criteria.0.weight"]');
  const label = await page.locator('[data-change="criteria.0"]').getAttribute('title');
  await weight.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0.02');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('data-change'));
  check(focused === 'criteria.0.direction', `Tab moves from the weight to the direction (${focused})`);
  const after = await rerunDone(page, first);
  const entered = await column(page, 'whatif-entered', 1);
  const left = await column(page, 'whatif-left', 1);
  check(entered.length > 0 && entered.length === left.length, `lowering ${label} to 0.02 changes the selection (${entered.length} entered, ${left.length} left): ${after}`);
  const reasons = await column(page, 'whatif-left', 3);
  check(reasons.length > 0 && reasons.every((r) => /^not selected: /.test(r)), `each one who left has its reason (${reasons[0]})`);
  const enteredReasons = await column(page, 'whatif-entered', 3);
  check(enteredReasons.every((r) => /^selected: /.test(r)), `each one who entered has its reason (${enteredReasons[0]})`);

  // The space bar on a rule's checkbox switches the rule off and reruns.
  await page.focus('[data-change="eligibility.0"]');
  await page.keyboard.press('Space');
  const afterRule = await rerunDone(page, after);
  check(!(await page.isChecked('[data-change="eligibility.0"]')) && /Rerun in/.test(afterRule), `Space switches an eligibility rule off and reruns (${afterRule})`);
  const eligibleBefore = Number(/of (\d+) eligible/.exec(after)[1]);
  const eligibleAfter = Number(/of (\d+) eligible/.exec(afterRule)[1]);
  check(eligibleAfter > eligibleBefore, `more are eligible without the rule (${eligibleBefore} -> ${eligibleAfter})`);

  // Download the scenario and run it with the CLI: the same selection and groups.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#whatif-download')]);
  const exported = path.join(out, 'whatif-exported.toml');
  await download.saveAs(exported);
  const cliFolder = path.join(out, 'whatif-exported');
  execFileSync(clir, ['run', exported, '-q', '-o', cliFolder, '--force', '--static-report']);
  const cli = JSON.parse(fs.readFileSync(path.join(cliFolder, 'run.json'), 'utf8'));
  const pageCodes = await column(page, 'whatif-selection', 1);
  const pageGroups = await column(page, 'whatif-selection', 5);
  const cliGroup = {};
  cli.groups.codes.forEach((c, n) => { cliGroup[c] = String(cli.groups.labels[n]); });
  check(pageCodes.join() === cli.selected.join(), `clir run on the downloaded scenario selects the same ${cli.selected.length}`);
  check(pageGroups.join() === pageCodes.map((c) => cliGroup[c]).join(), 'and forms the same groups');
  check(cli.selected.join() !== baseline.selected.join(), 'which differ from the run the file was made from');

  // Cancel: a change starts new draws; Cancel stops the worker and nothing arrives afterwards.
  await page.fill('[data-change="criteria.1.weight"]', '0.3');
  const cancelled = page.waitForFunction(() => {
    const box = document.getElementById('whatif-robustness');
    if (box.getAttribute('data-state') !== 'running') return false;
    document.getElementById('whatif-cancel').click();
    return true;
  }, null, { polling: 10, timeout: 60000 });
  await page.locator('[data-change="criteria.1.weight"]').press('Tab');
  await cancelled;
  await page.waitForTimeout(3000);
  const state = await page.$eval('#whatif-robustness', (b) => b.getAttribute('data-state'));
  const afterCancel = await page.locator('#whatif-robustness-status').textContent();
  check(state === 'cancelled' && /^Cancelled/.test(afterCancel), `Cancel stops the draws and nothing arrives afterwards (${state}: ${afterCancel})`);
  check(await page.isDisabled('#whatif-cancel'), 'Cancel is disabled when nothing runs');

  check(problems.length === 0, `what-if page: no console errors and no network${problems.length ? ': ' + problems.join('; ') : ''}`);
  await page.close();
}

async function checkApplications(context, clir, source, out) {
  const folder = path.join(out, 'whatif-applications');
  execFileSync(clir, ['run', path.join(source, 'examples', 'applications.toml'), '-q', '-o', folder, '--force']);
  const { page, problems } = await openPage(context, path.join(folder, 'report.html'));
  await page.waitForSelector('html[data-whatif="ready"]', { timeout: 60000 });
  const status = await page.locator('#whatif-status').textContent();
  check(/0 entered, 0 left/.test(status), `a scenario with an applications file reruns in the page as the CLI ran it (${status})`);
  check(problems.length === 0, `applications page: no console errors and no network${problems.length ? ': ' + problems.join('; ') : ''}`);
  await page.close();
}

async function checkWithoutWasm(browser, out) {
  const context = await browser.newContext();
  await context.addInitScript(() => { delete globalThis.WebAssembly; });
  const { page } = await openPage(context, path.join(out, 'whatif', 'report.html'));
  const status = await page.locator('#whatif-status').textContent();
  check(/cannot run WebAssembly/.test(status), `without WebAssembly the page says why (${status})`);
  check(await page.locator('#scores-table tbody tr').count() > 500, 'and still shows the static report');
  check(await page.locator('#whatif-controls').isHidden(), 'without the controls');
  await context.close();
}

async function main() {
  const args = parseArgs(process.argv);
  const { chromium } = require(path.resolve(args.modules, 'playwright-core'));
  fs.mkdirSync(args.out, { recursive: true });
  const source = path.resolve(__dirname, '..', '..');
  const browser = await chromium.launch({ executablePath: args.chromium, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    // Records every text of the robustness status line, from the page's first moment.
    await context.addInitScript(() => {
      window.seenRobustness = [];
      new MutationObserver(() => {
        const status = document.getElementById('whatif-robustness-status');
        if (status && window.seenRobustness[window.seenRobustness.length - 1] !== status.textContent) {
          window.seenRobustness.push(status.textContent);
        }
      }).observe(document, { childList: true, characterData: true, subtree: true });
    });
    await checkBuiltin(context, path.resolve(args.clir), args.out);
    await checkApplications(context, path.resolve(args.clir), source, args.out);
    await context.close();
    await checkWithoutWasm(browser, args.out);
  } finally {
    await browser.close();
  }
  if (failures) {
    console.log(`${failures} check(s) failed`);
    process.exit(1);
  }
  console.log('all what-if checks passed');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
