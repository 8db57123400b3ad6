// The WebAssembly module (wasm/, docs/web.md) against the native command line: for every example
// scenario and the built-in one, run.json must be the same except the wall-clock timings.
// Everything discrete (the selection, the groups' labels, medoids and codes, counts, the
// reference comparison's misplaced members) and every text must be identical. Numbers must be
// identical too, except those computed through the math library (sin, cos, atan2, exp, pow...
// in geodesic distances, losses, objectives): emscripten's libc (musl) and glibc round some of
// those functions differently in the last bit, so such numbers may differ by a few units in
// the last place; they must agree to 1e-12 relative, and the test prints which ones differed.
// Run by CTest in the `wasm` build (test wasm_matches_native), which sets:
//   CLIR_WASM_MODULE  the built clir_wasm.js
//   CLIR_NATIVE_CLI   the native clir executable (build/release/clir)
//   CLIR_SOURCE_DIR   the repository (for examples/)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this test through CTest in the wasm build (ctest --preset wasm)`);
  return value;
};
const modulePath = required('CLIR_WASM_MODULE');
const nativeCli = required('CLIR_NATIVE_CLI');
const sourceDir = path.resolve(required('CLIR_SOURCE_DIR'));
if (!fs.existsSync(nativeCli)) {
  throw new Error(`the native clir is not built at ${nativeCli}: build it first ` +
                  `(cmake --build --preset release --target clir_cli) or set CLIR_NATIVE_CLI`);
}

const createClirModule = createRequire(import.meta.url)(modulePath);
// The binary is handed over, as report.html does: emscripten 3.1.6's loader would otherwise try
// fetch() on a file path under Node 18+, whose fetch takes URLs only.
const clir = await createClirModule({ wasmBinary: fs.readFileSync(modulePath.replace(/\.js$/, '.wasm')) });

// run.json without its "timings_s" object (wall time differs from run to run), as text.
function withoutTimings(text) {
  const start = text.indexOf('"timings_s"');
  assert.notEqual(start, -1, 'run.json has no timings_s');
  const open = text.indexOf('{', start);
  let depth = 0;
  let end = open;
  for (; end < text.length; ++end) {
    if (text[end] === '{') ++depth;
    if (text[end] === '}' && --depth === 0) break;
  }
  return text.slice(0, start) + text.slice(end + 1);
}

// `clir run [scenario]` in a fresh folder; returns its run.json.
function nativeRunJson(scenarioPath, outputDirectory) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'clir-wasm-test-'));
  try {
    const args = scenarioPath ? ['run', scenarioPath] : ['run'];
    const r = spawnSync(nativeCli, args, { cwd, encoding: 'utf8' });
    assert.equal(r.status, 0, `native clir ${args.join(' ')} failed: ${r.stderr}`);
    return fs.readFileSync(path.join(cwd, outputDirectory, 'run.json'), 'utf8');
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

// Walks both trees; returns the paths of numbers that differ (within the tolerance) and throws
// on any other difference.
function compareTrees(w, n, where, differing) {
  if (typeof n === 'number' && typeof w === 'number') {
    if (Object.is(w, n)) return;
    const scale = Math.max(Math.abs(w), Math.abs(n));
    assert.ok(Math.abs(w - n) <= 1e-12 * scale, `${where}: ${w} (wasm) vs ${n} (native)`);
    differing.push(`${where}: ${w} vs ${n}`);
    return;
  }
  assert.equal(typeof w, typeof n, `${where}: type`);
  if (n === null || typeof n !== 'object') {
    assert.equal(w, n, where);
    return;
  }
  assert.equal(Array.isArray(w), Array.isArray(n), `${where}: array`);
  assert.deepEqual(Object.keys(w), Object.keys(n), `${where}: keys`);
  for (const k of Object.keys(n)) compareTrees(w[k], n[k], `${where}.${k}`, differing);
}

function assertSameRun(wasmText, nativeText, t) {
  const w = JSON.parse(wasmText);
  const n = JSON.parse(nativeText);
  delete w.timings_s;
  delete n.timings_s;
  // The discrete results, exactly.
  assert.deepEqual(w.selected, n.selected, 'selection');
  for (const key of ['labels', 'codes', 'medoids', 'iterations', 'swaps']) {
    assert.deepEqual(w.groups[key], n.groups[key], `groups.${key}`);
  }
  assert.equal(w.applicants, n.applicants);
  assert.equal(w.eligible, n.eligible);
  assert.deepEqual(w.weights, n.weights, 'weights');
  assert.deepEqual(w.input_sha1, n.input_sha1, 'input files and their SHA-1');
  assert.deepEqual(w.scenario, n.scenario, 'the scenario as resolved');
  const differing = [];
  compareTrees(w, n, 'run.json', differing);
  if (differing.length > 0) t.diagnostic(`last-digit differences (libm): ${differing.join('; ')}`);
  if (differing.length === 0) assert.equal(withoutTimings(wasmText), withoutTimings(nativeText));
}

const examples = fs.readdirSync(path.join(sourceDir, 'examples')).filter((f) => f.endsWith('.toml')).sort();

test('the examples are all here', () => {
  assert.ok(examples.length >= 4, `examples/*.toml: ${examples.join(', ')}`);
});

test('the built-in scenario: runBuiltin() gives what `clir run` writes', (t) => {
  const wasm = clir.runBuiltin();
  const output = JSON.parse(wasm).scenario.output.directory;
  assertSameRun(wasm, nativeRunJson(null, output), t);
  assert.equal(JSON.parse(wasm).scenario_file, '');
});

for (const name of examples) {
  test(`examples/${name}: run() gives what \`clir run examples/${name}\` writes`, (t) => {
    const scenarioPath = path.join(sourceDir, 'examples', name);
    const toml = fs.readFileSync(scenarioPath, 'utf8');
    // The files the scenario reads, by the names it gives them (relative to its folder).
    const inputs = {};
    for (const m of toml.matchAll(/^\s*(applications|reference)\s*=\s*"([^"]+\.csv)"/gm)) {
      inputs[m[2]] = fs.readFileSync(path.join(path.dirname(scenarioPath), m[2]), 'utf8');
    }
    const wasm = clir.run(toml, scenarioPath, inputs);
    const output = JSON.parse(wasm).scenario.output.directory;
    assertSameRun(wasm, nativeRunJson(scenarioPath, output), t);
  });
}

test('the applications example really reads its CSV', () => {
  const scenarioPath = path.join(sourceDir, 'examples', 'applications.toml');
  const toml = fs.readFileSync(scenarioPath, 'utf8');
  const csvPath = path.join(sourceDir, 'examples', 'applications.csv');
  const j = JSON.parse(clir.run(toml, scenarioPath, { 'applications.csv': fs.readFileSync(csvPath, 'utf8') }));
  assert.ok(Object.keys(j.input_sha1).includes(csvPath), JSON.stringify(j.input_sha1));
  // Without the file, the library's own error names it, and no earlier call's copy is reused.
  assert.throws(() => clir.run(toml, scenarioPath, {}),
                (e) => e.name === 'InputError' && e.message.includes('applications.csv'));
});

test('a mistake in the scenario is the library\'s error, with its line', () => {
  const toml = '[scenario]\nname = "x"\n\n[selection]\ncuont = 3\n';
  for (const call of [() => clir.run(toml, 'mine.toml', {}), () => clir.validateScenario(toml, 'mine.toml')]) {
    assert.throws(call, (e) => e.name === 'ConfigError' && /mine\.toml:5/.test(e.message) && e.message.includes("unknown key 'cuont'"));
  }
  assert.throws(() => clir.run('[scenario\n', 'broken.toml', {}), (e) => e.name === 'InputError' && /broken\.toml:1/.test(e.message));
});

test('version() and builtinScenario() are the native ones', () => {
  const about = spawnSync(nativeCli, ['--version'], { encoding: 'utf8' });
  assert.equal(about.status, 0);
  assert.ok(about.stdout.includes(clir.version()), `${about.stdout} vs ${clir.version()}`);
  assert.equal(clir.builtinScenario(), fs.readFileSync(path.join(sourceDir, 'examples', 'clir2024.toml'), 'utf8'));
});

// The interactive report's calls: the catalog of keys, the edited scenario text, and the run of
// an edited scenario, which `clir run` on the same text must reproduce.
test('fieldCatalog() lists the declared keys with their bounds and choices', () => {
  const catalog = JSON.parse(clir.fieldCatalog());
  const section = (name) => catalog.sections.find((s) => s.name === name);
  const key = (s, k) => section(s).keys.find((e) => e.key === k);
  assert.equal(key('selection', 'size').type, 'integer');
  assert.equal(key('selection', 'size').min, 1);
  assert.deepEqual([key('clustering', 'alpha').min, key('clustering', 'alpha').max], [0, 1]);
  assert.ok(key('scoring', 'method').choices.some((c) => c.name === 'topsis' && c.doc.length > 0));
  assert.equal(section('criteria').array, true);
});

test('editScenario() + runDetailed(): the edited scenario, run by `clir run`, selects and groups the same', () => {
  const changes = { 'criteria.0.weight': 0.02, 'eligibility.1': null, 'selection.size': 17, 'clustering.k': 5 };
  const toml = clir.editScenario(clir.builtinScenario(), JSON.stringify(changes), 'clir2024.toml');
  const detail = JSON.parse(clir.runDetailed(toml, 'clir2024.toml', {}));
  assert.equal(detail.run.selected.length, 17);
  assert.equal(detail.run.groups.medoids.length, 5);
  assert.ok(detail.map_svg.includes('<svg'), 'the map comes back as SVG');
  const rows = Object.fromEntries(detail.applicants.map((r) => [r.code, r]));
  for (const code of detail.run.selected) assert.equal(rows[code].selected, '1', `${code} is marked selected`);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'clir-wasm-edit-'));
  try {
    fs.writeFileSync(path.join(cwd, 'clir2024.toml'), toml);
    const r = spawnSync(nativeCli, ['run', 'clir2024.toml', '-o', 'out', '--static-report'], { cwd, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const native = JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'run.json'), 'utf8'));
    assert.deepEqual(detail.run.selected, native.selected, 'selection');
    for (const k of ['labels', 'codes', 'medoids']) assert.deepEqual(detail.run.groups[k], native.groups[k], `groups.${k}`);
    assert.equal(detail.run.eligible, native.eligible);
    assert.deepEqual(detail.run.weights, native.weights, 'weights');
    assert.deepEqual(detail.run.input_sha1, native.input_sha1, 'input files and their SHA-1');
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  assert.throws(() => clir.editScenario(clir.builtinScenario(), '{"selection.sise": 3}', 'x.toml'),
                (e) => e.name === 'ConfigError' && e.message.includes("did you mean 'size'"));
});

// The card of a community (clir::community_card()): the module's, nearest weighting included,
// is `clir explain --code CODE --json`'s on the same scenario text.
test('communityCard() gives what `clir explain --code --json` prints', (t) => {
  // weighted_sum, so that the nearest weighting is computed (GLPK in the module).
  const toml = clir.editScenario(clir.builtinScenario(), JSON.stringify({ 'scoring.method': 'weighted_sum' }), 'clir2024.toml');
  const detail = JSON.parse(clir.runDetailed(clir.editScenario(toml, '{"robustness": null}', 'clir2024.toml'), 'clir2024.toml', {}));
  const eligible = detail.applicants.filter((r) => r.eligible === '1');
  // The best below the cut-off, one further down, the last selected and one not eligible.
  const notSelected = eligible.filter((r) => r.selected === '0' && r.status === 'below_cutoff');
  const codes = [notSelected[0].code, notSelected[20].code, detail.run.selected[detail.run.selected.length - 1],
                 detail.applicants.find((r) => r.eligible === '0').code];
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'clir-wasm-card-'));
  try {
    fs.writeFileSync(path.join(cwd, 'clir2024.toml'), toml);
    for (const code of codes) {
      const wasm = JSON.parse(clir.communityCard(toml, 'clir2024.toml', {}, code));
      const r = spawnSync(nativeCli, ['explain', 'clir2024.toml', '--code', code, '--json'], { cwd, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const native = JSON.parse(r.stdout);
      const differing = [];
      compareTrees(wasm, native, `card ${code}`, differing);
      if (differing.length > 0) t.diagnostic(`last-digit differences: ${differing.join('; ')}`);
      assert.equal(wasm.code, code);
    }
    const first = JSON.parse(clir.communityCard(toml, 'clir2024.toml', {}, codes[0]));
    assert.ok(first.nearest && first.nearest.status === 'found' && first.nearest.selected,
              `the best one below the cut-off has a nearest weighting that selects it: ${JSON.stringify(first.nearest)}`);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  assert.throws(() => clir.communityCard(toml, 'clir2024.toml', {}, 'UA00'),
                (e) => e.name === 'InputError' && e.message.includes('not an applicant'));
});
