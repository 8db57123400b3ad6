// One full run of the built-in CLIR 2024 scenario, natively and in WebAssembly under Node, side
// by side (docs/web.md). Both sides are timed by the pipeline itself: the sum of run.json's
// timings_s (wall time of each stage of clir::run, from steady_clock), so process start, file
// writing and the loading of the module are left out on both sides. Each run starts fresh (a new
// process natively, a new module instance in WebAssembly), so both include the parsing of the
// built-in data at first use. Medians of --runs runs.
//
//   node bench/wasm/run_time.mjs [--runs 7] [--native build/release/clir] [--module build/wasm/wasm/clir_wasm.js]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const options = { runs: 7, native: path.join(root, 'build/release/clir'), module: path.join(root, 'build/wasm/wasm/clir_wasm.js') };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options) || process.argv[i + 1] === undefined) {
    console.error(`usage: node bench/wasm/run_time.mjs [--runs N] [--native PATH] [--module PATH]`);
    process.exit(2);
  }
  options[key] = key === 'runs' ? Number(process.argv[i + 1]) : path.resolve(process.argv[i + 1]);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stagesTotal = (runJson) => Object.values(runJson.timings_s).reduce((a, b) => a + b, 0);

function nativeRun(threads) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'clir-bench-'));
  try {
    const r = spawnSync(options.native, ['run', '--threads', String(threads), '-o', out, '--force', '--no-map'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`native clir failed: ${r.stderr}`);
    return JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const createClirModule = createRequire(import.meta.url)(options.module);
const wasmBytes = fs.readFileSync(options.module.replace(/\.js$/, '.wasm'));
const rows = [];
const native1 = [], nativeAll = [], wasmFresh = [], wasmRepeat = [], wasmCall = [];
for (let i = 0; i < options.runs; ++i) {
  native1.push(stagesTotal(nativeRun(1)));
  nativeAll.push(stagesTotal(nativeRun(0)));
  // The binary is handed over (as report.html does): emscripten 3.1.6 would fetch() a path.
  const clir = await createClirModule({ wasmBinary: wasmBytes });
  wasmFresh.push(stagesTotal(JSON.parse(clir.runBuiltin())));
  const t0 = performance.now();
  const again = JSON.parse(clir.runBuiltin());
  wasmCall.push((performance.now() - t0) / 1000);
  wasmRepeat.push(stagesTotal(again));
}
const fmt = (s) => `${(s * 1000).toFixed(0)} ms`;
rows.push(['native, 1 thread (fresh process)', median(native1)]);
rows.push([`native, all ${os.availableParallelism ? os.availableParallelism() : os.cpus().length} cores (fresh process)`, median(nativeAll)]);
rows.push(['WebAssembly under Node, fresh module', median(wasmFresh)]);
rows.push(['WebAssembly under Node, second run in the module', median(wasmRepeat)]);
rows.push(['WebAssembly, second runBuiltin() call incl. run.json text', median(wasmCall)]);
console.log(`One full run of the built-in scenario (sum of run.json timings_s), median of ${options.runs} runs; node ${process.version}`);
for (const [label, seconds] of rows) console.log(`  ${label.padEnd(58)} ${fmt(seconds).padStart(8)}`);
console.log(`  ratio WebAssembly (fresh) / native (1 thread): ${(median(wasmFresh) / median(native1)).toFixed(2)}`);
