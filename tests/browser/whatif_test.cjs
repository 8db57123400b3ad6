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
// request leaving the file system. The card of a community opens by a click on a table row or a
// map point and by the keyboard (Enter on a row, arrows between rows, Escape closes and the focus
// returns), and its figures (values, contributions, the cut-off, the nearest weighting) are those
// of `clir explain --code CODE --json` on the page's scenario; "Use this weighting" selects it.
// The number of weight draws is a control. At 390×844 and 1366×900 the page does not overflow
// horizontally and its key controls and the card are on screen and take clicks.
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

// `clir explain SCENARIO --code CODE --json`: the library's card.
function cliCard(clir, scenario, code) {
  return JSON.parse(execFileSync(clir, ['explain', scenario, '--code', code, '--json'], { encoding: 'utf8' }));
}

const close = (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

// The card shown against the library's: every figure of its tables (data-value) and the texts.
async function checkCardFigures(page, expected, what) {
  const shown = await page.evaluate(() => {
    const values = (id) => Array.from(document.querySelectorAll(`#${id} tbody tr`)).map((r) =>
      Array.from(r.cells).slice(1).map((c) => (c.hasAttribute('data-value') ? Number(c.getAttribute('data-value')) : null)));
    const texts = (id) => Array.from(document.querySelectorAll(`#${id} tbody tr`)).map((r) => Array.from(r.cells).map((c) => c.textContent));
    const text = (id) => (document.getElementById(id) || { textContent: '' }).textContent;
    return { code: document.getElementById('whatif-card').getAttribute('data-code'), criteria: values('whatif-card-criteria'),
             criteriaText: texts('whatif-card-criteria'), weights: values('whatif-card-weights'), rank: text('whatif-card-rank'),
             cutoff: text('whatif-card-cutoff'), nearest: text('whatif-card-nearest'),
             status: document.getElementById('whatif-card-nearest').getAttribute('data-status') };
  });
  check(shown.code === expected.code, `${what}: the card is ${expected.code}'s (${shown.code})`);
  const rows = expected.criteria.map((k) => {
    const row = [k.weight, k.value, k.normalized];
    if (expected.additive) row.push(k.contribution);
    row.push(k.cutoff_value, k.cutoff_normalized);
    if (expected.additive) row.push(k.cutoff_contribution, k.contribution - k.cutoff_contribution);
    return row;
  });
  const same = rows.length === shown.criteria.length &&
    rows.every((r, i) => r.length === shown.criteria[i].length && r.every((v, j) => close(v, shown.criteria[i][j])));
  check(same, `${what}: every criterion's weight, value, normalized value and contribution, and the cut-off's, are the library's`);
  const formatted = expected.criteria.every((k, i) => shown.criteriaText[i][1] === k.weight.toFixed(4) &&
    (!expected.additive || shown.criteriaText[i][4] === k.contribution.toFixed(4)));
  check(formatted, `${what}: and they read as such (${shown.criteriaText[0].slice(0, 5).join(' | ')})`);
  if (expected.eligible) {
    check(shown.rank.startsWith(`Rank ${expected.rank} of ${expected.eligible_count} eligible, score ${expected.score.toFixed(4)}`),
      `${what}: rank and score (${shown.rank})`);
    check(shown.cutoff.includes(`rank ${expected.cutoff_rank}, score ${expected.cutoff_score.toFixed(4)}`) &&
      (expected.score_gap <= 0 || shown.cutoff.includes(`${expected.score_gap.toFixed(4)} below it`)),
      `${what}: the cut-off and the score gap (${shown.cutoff})`);
  }
  const status = expected.nearest ? expected.nearest.status : expected.selected ? 'selected' : 'none';
  check(shown.status === status, `${what}: what it would take: ${shown.status} (${shown.nearest.slice(0, 160)})`);
  if (expected.nearest && expected.nearest.status === 'found') {
    const w = expected.nearest.weights.map((v, j) => [expected.criteria[j].weight, v, expected.nearest.change[j]]);
    const sameWeights = w.length === shown.weights.length && w.every((r, i) => r.every((v, j) => close(v, shown.weights[i][j])));
    check(sameWeights, `${what}: the nearest weighting and its change are the library's (distance ${expected.nearest.distance.toFixed(3)})`);
  }
}

async function cardOpen(page, code) {
  await page.waitForFunction((c) => {
    const d = document.getElementById('whatif-card');
    return d && d.open && d.getAttribute('data-code') === c;
  }, code, { timeout: 60000 });
}

async function checkCard(context, clir, out) {
  const folder = path.join(out, 'whatif');
  const { page, problems } = await openPage(context, path.join(folder, 'report.html'));
  await page.waitForSelector('html[data-whatif="ready"]', { timeout: 60000 });
  let status = await page.locator('#whatif-status').textContent();

  // The built-in scenario scores by TOPSIS: the card says why it shows no nearest weighting.
  const topsisCode = await page.$eval('#scores-table tbody tr:nth-child(25)', (r) => r.getAttribute('data-id'));
  await page.click(`#scores-table tr[data-id="${topsisCode}"]`);
  await cardOpen(page, topsisCode);
  const topsisStatus = await page.$eval('#whatif-card-nearest', (p) => p.getAttribute('data-status') + ': ' + p.textContent);
  check(/^not_linear: .*weighted_sum/.test(topsisStatus), `TOPSIS: the card says the nearest weighting needs a linear score (${topsisStatus.slice(0, 90)}...)`);
  await page.keyboard.press('Escape');

  // A weighted sum: the nearest weighting is computed in the page.
  await page.selectOption('[data-change="scoring.method"]', 'weighted_sum');
  status = await rerunDone(page, status);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#whatif-download')]);
  const scenario = path.join(out, 'whatif-card.toml');
  await download.saveAs(scenario);
  const ranked = execFileSync(clir, ['select', scenario, '--format', 'csv'], { encoding: 'utf8' }).split('\n').slice(1)
    .map((line) => line.split(',')).filter((c) => c.length > 8 && c[5] === '1');
  // The best one below the cut-off (not one kept out by a quota).
  const code = ranked.find((c) => c[7] === '0' && c[8] === 'below_cutoff')[1];

  // Click on the row of the report's Scores table.
  const row = `#scores-table tr[data-id="${code}"]`;
  await page.click(row);
  await cardOpen(page, code);
  const expected = cliCard(clir, scenario, code);
  check(expected.nearest.status === 'found', `the library finds a nearest weighting for ${code} (${expected.nearest.reason})`);
  await checkCardFigures(page, expected, 'card by click');
  await page.keyboard.press('Escape');
  check(!(await page.$eval('#whatif-card', (d) => d.open)), 'Escape closes the card');
  check(await page.evaluate((c) => document.activeElement.getAttribute('data-id') === c, code), 'and the focus returns to the row that opened it');

  // Keyboard only: Tab to the selection table's row, an arrow to the next, Enter.
  const selected = await column(page, 'whatif-selection', 1);
  await page.focus('#whatif-selection tbody tr:first-child');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('data-id'));
  check(focused === selected[1], `the arrow keys move between the rows (${focused})`);
  await page.keyboard.press('Enter');
  await cardOpen(page, selected[1]);
  await checkCardFigures(page, cliCard(clir, scenario, selected[1]), 'card by keyboard');
  await page.keyboard.press('Escape');
  check(await page.evaluate((c) => document.activeElement.getAttribute('data-id') === c, selected[1]), 'Escape returns the focus to that row');
  // Space on a focused map point.
  const point = await page.$eval('#whatif-map circle[data-id]', (c) => c.getAttribute('data-id'));
  await page.focus(`#whatif-map circle[data-id="${point}"]`);
  await page.keyboard.press('Space');
  await cardOpen(page, point);
  check(true, `Space on a point of the map opens its card (${point})`);
  await page.click('#whatif-card-close');
  // A click on a point of the map.
  // (dispatched: a label may cover the point's centre, where a pointer click would land)
  await page.locator(`#whatif-map circle[data-id="${selected[2]}"]`).dispatchEvent('click');
  await cardOpen(page, selected[2]);
  check(true, `a click on a point of the map opens its card (${selected[2]})`);
  await page.keyboard.press('Escape');

  // "Use this weighting": the weights become the nearest weighting and the page reruns; the
  // community enters the selection, and the open card says so.
  await page.click(row);
  await cardOpen(page, code);
  await page.click('#whatif-card-apply');
  status = await rerunDone(page, status);
  const now = await column(page, 'whatif-selection', 1);
  check(now.includes(code), `"Use this weighting" selects ${code} (${status})`);
  const after = await page.$eval('#whatif-card-nearest', (p) => p.getAttribute('data-status'));
  check(after === 'already_selected', `and its card, still open, says it is selected (${after})`);
  await page.keyboard.press('Escape');

  // The number of weight draws: bounded, and the worker runs as many as asked.
  const bounds = await page.$eval('#whatif-draws', (i) => [i.min, i.max, i.value]);
  check(bounds[0] === '0' && bounds[1] === '20000' && bounds[2] === '2000', `the draws control is bounded (${bounds.join(', ')})`);
  await page.fill('#whatif-draws', '300');
  await page.locator('#whatif-draws').press('Tab');
  await page.waitForFunction(() => /^300 draws done/.test(document.getElementById('whatif-robustness-status').textContent), null, { timeout: 60000 });
  check(true, `the worker runs the draws asked for (${await page.locator('#whatif-robustness-status').textContent()})`);
  const exported = await Promise.all([page.waitForEvent('download'), page.click('#whatif-download')]);
  const drawsFile = path.join(out, 'whatif-draws.toml');
  await exported[0].saveAs(drawsFile);
  check(/^draws = 300$/m.test(fs.readFileSync(drawsFile, 'utf8')), 'and the exported scenario has draws = 300');

  check(problems.length === 0, `card page: no console errors and no network${problems.length ? ': ' + problems.join('; ') : ''}`);
  await page.close();
}

// At a phone's width and a laptop's: nothing wider than the page, the key controls on screen and
// taking clicks, the card readable.
async function checkWidths(browser, out) {
  for (const [width, height] of [[390, 844], [1366, 900]]) {
    const context = await browser.newContext({ viewport: { width, height } });
    const { page, problems } = await openPage(context, path.join(out, 'whatif', 'report.html'));
    await page.waitForSelector('html[data-whatif="ready"]', { timeout: 60000 });
    const fits = async (what) => {
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      check(scroll <= client, `${width}px, ${what}: no horizontal overflow (scrollWidth ${scroll}, clientWidth ${client})`);
    };
    await fits('the page');
    for (const selector of ['[data-change="criteria.0.weight"]', '[data-change="scoring.method"]', '[data-change="selection.size"]',
      '#whatif-draws', '#whatif-download', '#whatif-card-code', '#whatif-card-open', '#scores-table tbody tr']) {
      const target = page.locator(selector).first();
      await target.scrollIntoViewIfNeeded();
      const box = await target.boundingBox();
      const onTop = await target.evaluate((e) => {
        const r = e.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
        return hit === e || e.contains(hit);
      });
      check(box && box.x >= 0 && box.x + Math.min(box.width, 40) <= width && onTop, `${width}px: ${selector} is on screen and takes clicks`);
    }
    const code = await page.$eval('#scores-table tbody tr:nth-child(30)', (r) => r.getAttribute('data-id'));
    await page.fill('#whatif-card-code', code);
    await page.click('#whatif-card-open');
    await cardOpen(page, code);
    const box = await page.locator('#whatif-card').boundingBox();
    check(box.x >= 0 && box.x + box.width <= width, `${width}px: the card fits the width (${Math.round(box.x)} to ${Math.round(box.x + box.width)})`);
    const font = await page.$eval('#whatif-card-rank', (p) => parseFloat(getComputedStyle(p).fontSize));
    check(font >= 12, `${width}px: the card's text is readable (${font}px)`);
    await fits('with the card open');
    await page.screenshot({ path: path.join(out, `whatif-card-${width}.png`) });
    await page.keyboard.press('Escape');
    check(problems.length === 0, `${width}px: no console errors and no network${problems.length ? ': ' + problems.join('; ') : ''}`);
    await context.close();
  }
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
    await checkCard(context, path.resolve(args.clir), args.out);
    await checkApplications(context, path.resolve(args.clir), source, args.out);
    await context.close();
    await checkWidths(browser, args.out);
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
