// The script of report.html's "What if" section (docs/report.md): builds the controls from the
// engine's catalog of scenario keys (clir::scenario_field_catalog()), turns the controls that
// differ from the scenario into changes of its text (clir::edit_scenario_toml()), reruns the
// scenario with the engine compiled to WebAssembly and shows the new selection, who entered and
// who left it, the new map, and the scenario text to download. Plain ES5-style JavaScript
// without modules, so that it runs as an inline classic script under the page's CSP.
#include "whatif_report.hpp"

namespace clir::detail {

const std::string_view kWhatIfScript = R"js(
(function () {
  'use strict';
  var dataNode = document.getElementById('clir-whatif-data');
  var status = document.getElementById('whatif-status');
  if (!dataNode || !status) return;
  var data = JSON.parse(dataNode.textContent);
  var form = document.getElementById('whatif-controls');
  var results = document.getElementById('whatif-results');

  // User Timing marks of the start-up (bench/wasm/page_time.cjs reads them).
  function mark(name) {
    if (typeof performance === 'object' && performance.mark) performance.mark(name);
  }

  function measure(name, start, end) {
    if (typeof performance === 'object' && performance.measure) performance.measure(name, {start: start, end: end});
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'status error' : 'status';
  }
  if (typeof WebAssembly !== 'object' || typeof createClirModule !== 'function') {
    say('This browser cannot run WebAssembly, so the what-if controls are off; the report below is the run the file ' +
        'was made from.', true);
    return;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  var clir = null;
  var catalog = {};    // section name -> key name -> catalog entry
  var controls = [];   // {change, read(), initial}
  var lastToml = null;
  var lastChanges = null;
  var engineModule = null;  // the compiled engine (WebAssembly.Module), for the page and the worker
  var robust = {box: null, bar: null, text: null, cancel: null, worker: null, busy: false, url: null, run: 0, probabilities: null};

  function entry(section, key) {
    var keys = catalog[section] || {};
    if (!keys[key]) throw new Error('the engine has no key ' + section + '.' + key);
    return keys[key];
  }

  // A number input for a catalogued key: its bounds, step and doc come from the declaration.
  function numberControl(section, key, change, value, label) {
    var e = entry(section, key);
    var input = el('input', {type: 'number', value: String(value), 'data-change': change, title: e.doc});
    if (e.min !== undefined) input.min = String(e.min);
    if (e.max !== undefined) input.max = String(e.max);
    input.step = e.type === 'integer' ? '1' : 'any';
    controls.push({change: change, initial: value, read: function () {
      if (input.value === '') return value;
      var v = Number(input.value);
      return isFinite(v) ? v : value;
    }, reset: function () { input.value = String(value); }});
    return el('label', {}, [document.createTextNode(label + ' '), input]);
  }

  // A choice among a catalogued key's declared names, each with its description.
  function choiceControl(section, key, change, value, label) {
    var e = entry(section, key);
    var select = el('select', {'data-change': change, title: e.doc});
    e.choices.forEach(function (c) {
      var option = el('option', {value: c.name, text: c.name, title: c.doc});
      if (c.name === value) option.selected = true;
      select.appendChild(option);
    });
    controls.push({change: change, initial: value, read: function () { return select.value; },
                   reset: function () { select.value = value; }});
    return el('label', {}, [document.createTextNode(label + ' '), select]);
  }

  // A checkbox; unticked, the change is `off` (null removes an entry or a key).
  function toggleControl(change, label, title, off) {
    var box = el('input', {type: 'checkbox', 'data-change': change, title: title});
    box.checked = true;
    controls.push({change: change, initial: true, toggle: off, read: function () { return box.checked; },
                   reset: function () { box.checked = true; }});
    return el('label', {title: title}, [box, document.createTextNode(' ' + label)]);
  }

  function buildControls(sc) {
    var criteria = el('fieldset', {}, [el('legend', {text: 'Criteria: use, weight, direction'})]);
    var grid = el('div', {class: 'controls'});
    sc.criteria.forEach(function (c, n) {
      var p = 'criteria.' + n;
      grid.appendChild(el('div', {}, [toggleControl(p, c.name, 'use the criterion ' + c.name + ' (' + c.column + ')', null),
        numberControl('criteria', 'weight', p + '.weight', c.weight, 'weight'),
        choiceControl('criteria', 'direction', p + '.direction', c.direction, 'direction')]));
    });
    criteria.appendChild(grid);
    form.appendChild(criteria);

    var scoring = el('fieldset', {}, [el('legend', {text: 'Scoring'})]);
    scoring.appendChild(choiceControl('scoring', 'method', 'scoring.method', sc.scoring.method, 'method'));
    scoring.appendChild(choiceControl('scoring', 'weights', 'scoring.weights', sc.scoring.weights, 'weights'));
    form.appendChild(scoring);

    if (sc.eligibility.length) {
      var rules = el('fieldset', {}, [el('legend', {text: 'Eligibility rules'})]);
      sc.eligibility.forEach(function (r, n) {
        rules.appendChild(toggleControl('eligibility.' + n, r.name + ' (' + r.rule + ')', 'apply the rule ' + r.rule, null));
      });
      form.appendChild(rules);
    }

    var selection = el('fieldset', {}, [el('legend', {text: 'Selection'})]);
    selection.appendChild(numberControl('selection', 'size', 'selection.size', sc.selection.size, 'number selected'));
    (sc.selection.quota || []).forEach(function (q, n) {
      ['min', 'max'].forEach(function (bound) {
        if (q[bound] === undefined || q[bound] === null) return;
        var what = (bound === 'max' ? 'at most' : 'at least') + ' per ' + q.column + (q.category ? ' ' + q.category : '');
        selection.appendChild(numberControl('selection.quota', bound, 'selection.quota.' + n + '.' + bound, q[bound], what));
      });
    });
    (sc.selection.distinct || []).forEach(function (d, n) {
      selection.appendChild(numberControl('selection.distinct', 'at_least', 'selection.distinct.' + n + '.at_least',
                                          d.at_least, 'distinct ' + d.column + ', at least'));
    });
    form.appendChild(selection);

    var grouping = el('fieldset', {}, [el('legend', {text: 'Grouping'})]);
    grouping.appendChild(numberControl('clustering', 'k', 'clustering.k', sc.clustering.k, 'groups (k)'));
    grouping.appendChild(numberControl('clustering', 'alpha', 'clustering.alpha', sc.clustering.alpha, 'α (needs vs geography)'));
    grouping.appendChild(numberControl('clustering', 'min_size', 'clustering.min_size', sc.clustering.min_size, 'smallest group'));
    if (sc.clustering.max_size > 0) {
      grouping.appendChild(numberControl('clustering', 'max_size', 'clustering.max_size', sc.clustering.max_size, 'largest group'));
    }
    var category = entry('clustering', 'category');
    var apart = el('input', {type: 'checkbox', 'data-change': 'clustering.category', title: category.doc});
    var initialCategory = sc.clustering.category;
    apart.checked = initialCategory === 'oblast_uk';
    controls.push({change: 'clustering.category', initial: apart.checked, toggle: undefined, read: function () { return apart.checked; },
                   reset: function () { apart.checked = initialCategory === 'oblast_uk'; },
                   value: function (on) { return on ? 'oblast_uk' : null; }});
    grouping.appendChild(el('label', {title: category.doc}, [apart, document.createTextNode(' keep oblasts apart (no group mixes oblasts)')]));
    form.appendChild(grouping);

    if (sc.robustness && sc.robustness.draws > 0) {
      robust.box = el('fieldset', {id: 'whatif-robustness', 'data-state': 'idle'}, [el('legend', {text: 'Robustness (weight draws)'})]);
      robust.bar = el('progress', {id: 'whatif-progress', max: '1', value: '0', 'aria-label': 'robustness draws done'});
      robust.text = el('span', {id: 'whatif-robustness-status', role: 'status', 'aria-live': 'polite', text: ''});
      robust.cancel = el('button', {type: 'button', id: 'whatif-cancel', text: 'Cancel'});
      robust.cancel.disabled = true;
      robust.cancel.addEventListener('click', function () { stopRobustness('cancelled'); });
      robust.box.appendChild(el('p', {text: 'After each rerun the scenario\'s ' + sc.robustness.draws + ' weight draws run in the ' +
        'background (a Web Worker); the page stays usable meanwhile.'}));
      robust.box.appendChild(el('div', {}, [robust.bar, document.createTextNode(' '), robust.text, document.createTextNode(' '), robust.cancel]));
      form.appendChild(robust.box);
    }

    var reset = el('button', {type: 'button', text: 'Back to the run of this file'});
    reset.addEventListener('click', function () {
      controls.forEach(function (c) { c.reset(); });
      rerun();
    });
    var download = el('button', {type: 'button', id: 'whatif-download', text: 'Download this scenario (TOML)'});
    download.addEventListener('click', downloadScenario);
    form.appendChild(el('div', {class: 'buttons'}, [reset, download]));
  }

  // The changes of the scenario's text the controls ask for: only what differs from the file.
  function changes() {
    var out = {};
    controls.forEach(function (c) {
      var v = c.read();
      if (v === c.initial) return;
      if (c.value) out[c.change] = c.value(v);
      else if (c.toggle !== undefined) out[c.change] = c.toggle;
      else out[c.change] = v;
    });
    return out;
  }

  function byCode(rows) {
    var map = {};
    rows.forEach(function (r) { map[r.code] = r; });
    return map;
  }

  function table(caption, header, rows) {
    var t = el('table', {}, [el('caption', {text: caption})]);
    t.appendChild(el('thead', {}, [el('tr', {}, header.map(function (h) { return el('th', {scope: 'col', text: h}); }))]));
    var body = el('tbody');
    rows.forEach(function (r) { body.appendChild(el('tr', {}, r.map(function (c) { return el('td', {text: String(c)}); }))); });
    t.appendChild(body);
    return t;
  }

  function show(detail, millis) {
    var run = detail.run;
    var now = byCode(detail.applicants);
    var before = byCode(data.baseline.applicants);
    var was = {};
    data.baseline.selected.forEach(function (c) { was[c] = true; });
    var is = {};
    run.selected.forEach(function (c) { is[c] = true; });
    var entered = run.selected.filter(function (c) { return !was[c]; });
    var left = data.baseline.selected.filter(function (c) { return !is[c]; });
    var group = {};
    run.groups.codes.forEach(function (c, n) { group[c] = run.groups.labels[n]; });
    var name = function (c) { var r = now[c] || before[c]; return r ? r.name_uk : c; };

    results.textContent = '';
    var summary = run.selected.length + ' selected of ' + run.eligible + ' eligible (' + entered.length + ' entered, ' +
        left.length + ' left), ' + run.groups.medoids.length + ' groups';
    if (run.reference_comparison) summary += '; the reference regrouped: ARI ' + run.reference_comparison.adjusted_rand_index.toFixed(3);
    results.appendChild(el('p', {id: 'whatif-summary', text: summary + '.'}));
    results.appendChild(table('Entered the selection', ['code', 'name', 'oblast', 'now', 'in the run of this file'],
      entered.map(function (c) { return [c, name(c), now[c].oblast_uk, now[c].explanation, before[c] ? before[c].explanation : 'not an applicant']; })));
    results.lastChild.id = 'whatif-entered';
    results.lastChild.className = 'entered';
    results.appendChild(table('Left the selection', ['code', 'name', 'oblast', 'now', 'in the run of this file'],
      left.map(function (c) { return [c, name(c), before[c].oblast_uk, now[c] ? now[c].explanation : 'not an applicant now', before[c].explanation]; })));
    results.lastChild.id = 'whatif-left';
    results.lastChild.className = 'left';
    results.appendChild(table('The selection', ['rank', 'code', 'name', 'oblast', 'score', 'group'],
      run.selected.map(function (c) { return [now[c].rank, c, name(c), now[c].oblast_uk, Number(now[c].score).toFixed(4), group[c]]; })));
    results.lastChild.id = 'whatif-selection';
    var map = el('div', {class: 'whatif-map', id: 'whatif-map'});
    // The map's element ids prefixed, so that they stay unique next to the report's own map.
    map.innerHTML = detail.map_svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/ id="/g, ' id="whatif-').replace(/url\(#/g, 'url(#whatif-');
    results.appendChild(map);
    var text = el('pre', {id: 'whatif-toml', text: lastToml});
    results.appendChild(el('details', {}, [el('summary', {text: 'This scenario as a file for clir run'}), text]));
    say('Rerun in ' + Math.round(millis) + ' ms: ' + summary + '.', false);
  }

  function rerun() {
    var wanted = changes();
    var key = JSON.stringify(wanted);
    if (key === lastChanges) return;
    say('Running…', false);
    var started = performance.now();
    try {
      var toml = clir.editScenario(data.scenario_text, key, data.scenario_path);
      // The selection does not depend on the weight draws: they run in the worker afterwards.
      var quick = robust.box ? clir.editScenario(toml, '{"robustness": null}', data.scenario_path) : toml;
      var detail = JSON.parse(clir.runDetailed(quick, data.scenario_path, data.inputs));
      var computed = performance.now();
      lastToml = toml;
      lastChanges = key;
      robust.probabilities = null;
      show(detail, performance.now() - started);
      measure('clir:rerun:engine', started, computed);
      measure('clir:rerun:show', computed, performance.now());
      startRobustness(toml, detail.run.selected);
    } catch (e) {
      lastChanges = null;
      say((e && e.name ? e.name + ': ' : '') + (e && e.message ? e.message : String(e)), true);
    }
  }

  // The engine's own script element, whose text starts the worker's script.
  function engineScript() {
    var scripts = document.getElementsByTagName('script');
    for (var i = 0; i < scripts.length; i++) {
      if (/^\s*var createClirModule\b/.test(scripts[i].textContent)) return scripts[i].textContent;
    }
    return null;
  }

  // The worker's script after the engine's: a module instance instantiated from the compiled
  // module the page sends (nothing is compiled again).
  var WORKER = '\nvar engine = null;\n' +
    'self.onmessage = function (e) {\n' +
    '  var m = e.data;\n' +
    '  if (!engine) engine = instantiateEngine(m.module);\n' +
    '  engine.then(function (clir) {\n' +
    '    try {\n' +
    '      var out = clir.runRobustness(m.toml, m.path, m.inputs, function (done, total) {\n' +
    '        self.postMessage({run: m.run, type: "progress", done: done, total: total});\n' +
    '      });\n' +
    '      self.postMessage({run: m.run, type: "done", result: JSON.parse(out)});\n' +
    '    } catch (err) {\n' +
    '      self.postMessage({run: m.run, type: "error", message: (err && err.name ? err.name + ": " : "") + (err && err.message ? err.message : String(err))});\n' +
    '    }\n' +
    '  }, function (err) {\n' +
    '    self.postMessage({run: m.run, type: "error", message: "the engine did not start: " + (err && err.message ? err.message : String(err))});\n' +
    '  });\n' +
    '};\n' + instantiateEngine.toString() + '\n';

  function setRobustness(state, text) {
    robust.box.setAttribute('data-state', state);
    robust.text.textContent = text;
    robust.cancel.disabled = state !== 'running';
  }

  function stopRobustness(state) {
    if (robust.worker) robust.worker.terminate();
    robust.worker = null;
    robust.busy = false;
    if (state === 'cancelled') setRobustness('cancelled', 'Cancelled; change a setting to run the draws again.');
  }

  // A new worker for each draws (it instantiates the compiled engine; it compiles nothing).
  function robustnessWorker() {
    if (!robust.url) robust.url = URL.createObjectURL(new Blob([engineScript(), WORKER], {type: 'text/javascript'}));
    robust.worker = new Worker(robust.url);
    return robust.worker;
  }

  function startRobustness(toml, selected) {
    if (!robust.box) return;
    stopRobustness(null);
    if (!engineScript() || typeof Worker !== 'function') {
      setRobustness('error', 'This browser cannot run the draws in a worker.');
      return;
    }
    var run = ++robust.run;
    robust.bar.value = 0;
    setRobustness('running', 'Starting…');
    var started = performance.now();
    var worker = robustnessWorker();
    robust.busy = true;
    worker.onmessage = function (e) {
      var m = e.data;
      if (m.run !== robust.run) return;
      if (m.type === 'progress') {
        robust.bar.value = m.total ? m.done / m.total : 0;
        setRobustness('running', m.done + ' of ' + m.total + ' draws');
      } else if (m.type === 'done') {
        robust.bar.value = 1;
        robust.probabilities = m.result.selection_probability;
        robust.busy = false;
        measure('clir:draws', started, performance.now());
        var p = selected.map(function (c) { return robust.probabilities[c] || 0; });
        var least = Math.min.apply(null, p);
        setRobustness('done', m.result.draws + ' draws done: the least robust of the selected is selected in ' +
          Math.round(100 * least) + '% of them (column P(selected)).');
        showProbabilities();
      } else {
        robust.busy = false;
        setRobustness('error', m.message);
      }
    };
    worker.onerror = function (e) {
      robust.busy = true;  // ended: a failed worker is not used again
      stopRobustness(null);
      setRobustness('error', 'The worker failed: ' + (e.message || 'unknown error'));
    };
    worker.postMessage({run: run, module: engineModule, toml: toml, path: data.scenario_path, inputs: data.inputs});
  }

  // Adds the draws' selection probability to the selection table.
  function showProbabilities() {
    var t = document.getElementById('whatif-selection');
    if (!t || !robust.probabilities) return;
    var head = t.tHead.rows[0];
    if (head.cells.length === 6) head.appendChild(el('th', {scope: 'col', text: 'P(selected)'}));
    Array.prototype.forEach.call(t.tBodies[0].rows, function (row) {
      var p = robust.probabilities[row.cells[1].textContent] || 0;
      if (row.cells.length === 6) row.appendChild(el('td', {}));
      row.cells[6].textContent = p.toFixed(2);
    });
  }

  function downloadScenario() {
    if (lastToml === null) return;
    var link = el('a', {download: data.scenario_path.replace(/\.toml$/, '') + '-what-if.toml'});
    link.href = URL.createObjectURL(new Blob([lastToml], {type: 'application/toml'}));
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  // The binary, gzip-compressed in the page as base64 text, is decoded and decompressed by the
  // browser as a stream and compiled as it arrives (compileStreaming over a Response made from the
  // stream, which is not a request: every request is blocked here, even of a data: URL), so that
  // compiling overlaps decompressing. Compiled once: the page's module and the worker's are
  // instances of it (emscripten's instantiateWasm hook), so the module never fetches either.
  function engineStream() {
    var text = document.getElementById('clir-engine-wasm').textContent.trim();
    var at = 0;
    var chunk = 1 << 18;  // base64 digits per piece, a multiple of 4
    return new ReadableStream({pull: function (controller) {
      var piece = atob(text.slice(at, at + chunk));
      var bytes = new Uint8Array(piece.length);
      for (var i = 0; i < piece.length; i++) bytes[i] = piece.charCodeAt(i);
      controller.enqueue(bytes);
      at += chunk;
      if (at >= text.length) controller.close();
    }}).pipeThrough(new DecompressionStream('gzip'));
  }

  function compileEngine() {
    var stream = engineStream();
    if (typeof WebAssembly.compileStreaming === 'function') {
      return WebAssembly.compileStreaming(new Response(stream, {headers: {'Content-Type': 'application/wasm'}}));
    }
    return new Response(stream).arrayBuffer().then(function (bytes) { return WebAssembly.compile(bytes); });
  }

  // A module instance of the compiled engine (here and, as text, in the worker).
  function instantiateEngine(compiled) {
    return new Promise(function (resolve, reject) {
      createClirModule({instantiateWasm: function (imports, receive) {
        WebAssembly.instantiate(compiled, imports).then(function (instance) { receive(instance, compiled); }, reject);
        return {};
      }}).then(resolve, reject);
    });
  }

  if (typeof DecompressionStream !== 'function' || typeof ReadableStream !== 'function') {
    say('This browser cannot decompress the engine (no DecompressionStream), so the what-if controls are off; the ' +
        'report below is the run the file was made from.', true);
    return;
  }

  mark('clir:engine-start');
  compileEngine().then(function (compiled) {
    mark('clir:engine-compiled');
    engineModule = compiled;
    return instantiateEngine(compiled);
  }).then(function (module) {
    mark('clir:engine-instantiated');
    clir = module;
    JSON.parse(clir.fieldCatalog()).sections.forEach(function (s) {
      catalog[s.name] = {};
      s.keys.forEach(function (k) { catalog[s.name][k.key] = k; });
    });
    var sc = JSON.parse(clir.validateScenario(data.scenario_text, data.scenario_path));
    buildControls(sc);
    form.hidden = false;
    var timer = null;
    form.addEventListener('change', function () { clearTimeout(timer); rerun(); });
    form.addEventListener('input', function (e) {
      if (e.target.type !== 'number') return;
      clearTimeout(timer);
      timer = setTimeout(rerun, 400);
    });
    form.addEventListener('submit', function (e) { e.preventDefault(); rerun(); });
    rerun();
    document.documentElement.setAttribute('data-whatif', 'ready');
    mark('clir:ready');
  }, function (e) {
    say('The engine did not start: ' + (e && e.message ? e.message : String(e)), true);
  });
})();
)js";

}  // namespace clir::detail
