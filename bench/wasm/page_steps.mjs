// The steps the interactive report.html runs, in the WebAssembly module under Node (docs/web.md):
// the same steps bench/page_steps_bench.cpp times natively, on the built-in CLIR 2024 scenario.
// One module instance (as the page keeps one); a first untimed call of each step, then --runs
// timed calls; prints JSON {"steps": {name: [ms, ...]}, ...} for scripts/page-bench.
//
//   node bench/wasm/page_steps.mjs [--runs 7] [--module build/wasm/wasm/clir_wasm.js] [--draws 1000]
//
// - rerun_run:  clir.run(text) on the rerun's text: read, run without draws, run.json as text
//               (BM_PageRerun/run natively);
// - rerun_full: what one rerun of the page asks of the engine: editScenario twice (the weight,
//               the draws removed) and runDetailed (run.json, the ranking, the map's SVG)
//               (BM_PageRerun/full);
// - draws:      runRobustness on the scenario with --draws weight draws, as the page's worker
//               runs it (BM_PageDraws);
// - start:      a fresh module from the binary's bytes (compile and instantiate), then the
//               first rerun_full in it (the built-in data parsed at first use), once per run.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const options = { runs: 7, module: path.join(root, 'build/wasm/wasm/clir_wasm.js'), draws: 1000 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options) || process.argv[i + 1] === undefined) {
    console.error('usage: node bench/wasm/page_steps.mjs [--runs N] [--module PATH] [--draws N]');
    process.exit(2);
  }
  options[key] = key === 'module' ? path.resolve(process.argv[i + 1]) : Number(process.argv[i + 1]);
}

const createClirModule = createRequire(import.meta.url)(options.module);
const wasmBytes = fs.readFileSync(options.module.replace(/\.js$/, '.wasm'));
const scenarioPath = 'clir2024.toml';  // as report.html names the built-in scenario
const change = JSON.stringify({ 'criteria.0.weight': 0.05, 'scenario.threads': 1 });

function rerunFull(clir, base) {
  const toml = clir.editScenario(base, change, scenarioPath);
  const quick = clir.editScenario(toml, '{"robustness": null}', scenarioPath);
  return clir.runDetailed(quick, scenarioPath, {});
}

const time = (f) => { const t0 = performance.now(); f(); return performance.now() - t0; };
const steps = { start: [], rerun_run: [], rerun_full: [], draws: [] };
let selected = null;
for (let i = 0; i < options.runs; ++i) {
  // A fresh instance each run: compile, instantiate, and the first rerun.
  const t0 = performance.now();
  const clir = await createClirModule({ wasmBinary: wasmBytes });
  const base = clir.builtinScenario();
  const first = JSON.parse(rerunFull(clir, base));
  steps.start.push(performance.now() - t0);
  selected = first.run.selected.length;
  const quick = clir.editScenario(clir.editScenario(base, change, scenarioPath), '{"robustness": null}', scenarioPath);
  clir.run(quick, scenarioPath, {});  // untimed first call
  steps.rerun_run.push(time(() => clir.run(quick, scenarioPath, {})));
  steps.rerun_full.push(time(() => rerunFull(clir, base)));
  const drawsText = clir.editScenario(base, JSON.stringify({ 'scenario.threads': 1, 'robustness.draws': options.draws }), scenarioPath);
  let done = 0;
  steps.draws.push(time(() => {
    const out = JSON.parse(clir.runRobustness(drawsText, scenarioPath, {}, (d) => { done = d; }));
    if (out.draws !== options.draws || done !== options.draws) throw new Error(`expected ${options.draws} draws, got ${out.draws} (progress ${done})`);
  }));
}
console.log(JSON.stringify({ node: process.version, runs: options.runs, draws: options.draws, selected, module_bytes: wasmBytes.length, steps }));
