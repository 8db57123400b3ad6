// The script of report.html's "What if" section (docs/report.md): builds the controls from the
// engine's catalog of scenario keys (clir::scenario_field_catalog()), turns the controls that
// differ from the scenario into changes of its text (clir::edit_scenario_toml()), reruns the
// scenario with the engine compiled to WebAssembly and shows the new selection, who entered and
// who left it, the new map, and the scenario text to download; a click (or Enter or Space) on a
// community opens its card (clir::community_card(): values, contributions against the cut-off,
// the score gap and the nearest weighting that selects it). Plain ES5-style JavaScript
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
  var lastQuick = null;  // lastToml without the weight draws: what the card reruns
  var lastChanges = null;
  var engineModule = null;  // the compiled engine (WebAssembly.Module), for the page and the worker
  var weightInputs = {};  // criterion label -> its weight input (the card's "use this weighting")
  var weightsSelect = null;
  // The page's own bound on the weight draws: the worker runs them on one thread (about 4 ms per
  // 10 draws of the built-in scenario), so 20,000 take some seconds; the CLI has no such bound.
  var DRAWS_MAX = 20000;
  var robust = {box: null, bar: null, text: null, cancel: null, worker: null, busy: false, url: null, run: 0,
                probabilities: null, intro: null, draws: null};

  function entry(section, key) {
    var keys = catalog[section] || {};
    if (!keys[key]) throw new Error('the engine has no key ' + section + '.' + key);
    return keys[key];
  }

  // A number input for a catalogued key: its bounds, step and doc come from the declaration.
  // @p pageMax, when given, bounds the value further (the page's own limit, in the tooltip).
  function numberControl(section, key, change, value, label, pageMax) {
    var e = entry(section, key);
    var input = el('input', {type: 'number', value: String(value), 'data-change': change, title: e.doc});
    var max = e.max;
    if (pageMax !== undefined && (max === undefined || pageMax < max)) {
      max = pageMax;
      input.title = e.doc + ' (at most ' + pageMax + ' in this page)';
    }
    if (e.min !== undefined) input.min = String(e.min);
    if (max !== undefined) input.max = String(max);
    input.step = e.type === 'integer' ? '1' : 'any';
    controls.push({change: change, initial: value, input: input, read: function () {
      if (input.value === '') return value;
      var v = Number(input.value);
      if (!isFinite(v)) return value;
      if (pageMax !== undefined) v = Math.max(e.min !== undefined ? e.min : v, Math.min(max, Math.round(v)));
      return v;
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
    controls.push({change: change, initial: value, input: select, read: function () { return select.value; },
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
      var weightLabel = numberControl('criteria', 'weight', p + '.weight', c.weight, 'weight');
      weightInputs[c.name || c.column] = controls[controls.length - 1].input;
      grid.appendChild(el('div', {}, [toggleControl(p, c.name, 'use the criterion ' + c.name + ' (' + c.column + ')', null),
        weightLabel, choiceControl('criteria', 'direction', p + '.direction', c.direction, 'direction')]));
    });
    criteria.appendChild(grid);
    form.appendChild(criteria);

    var scoring = el('fieldset', {}, [el('legend', {text: 'Scoring'})]);
    scoring.appendChild(choiceControl('scoring', 'method', 'scoring.method', sc.scoring.method, 'method'));
    scoring.appendChild(choiceControl('scoring', 'weights', 'scoring.weights', sc.scoring.weights, 'weights'));
    weightsSelect = controls[controls.length - 1].input;
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

    if (sc.robustness) {
      robust.box = el('fieldset', {id: 'whatif-robustness', 'data-state': 'idle'}, [el('legend', {text: 'Robustness (weight draws)'})]);
      robust.bar = el('progress', {id: 'whatif-progress', max: '1', value: '0', 'aria-label': 'robustness draws done'});
      robust.text = el('span', {id: 'whatif-robustness-status', role: 'status', 'aria-live': 'polite', text: ''});
      robust.cancel = el('button', {type: 'button', id: 'whatif-cancel', text: 'Cancel'});
      robust.cancel.disabled = true;
      robust.cancel.addEventListener('click', function () { stopRobustness('cancelled'); });
      robust.intro = el('p', {});
      robust.box.appendChild(robust.intro);
      var drawsLabel = numberControl('robustness', 'draws', 'robustness.draws', sc.robustness.draws,
                                     'weight draws (0 = none, at most ' + DRAWS_MAX + ')', DRAWS_MAX);
      var drawsControl = controls[controls.length - 1];
      drawsControl.input.id = 'whatif-draws';
      robust.draws = function () { return drawsControl.read(); };
      robust.box.appendChild(drawsLabel);
      robust.box.appendChild(el('div', {class: 'progress'}, [robust.bar, document.createTextNode(' '), robust.text, document.createTextNode(' '), robust.cancel]));
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

    // A card by name or code, for those who prefer typing to finding a row or a point.
    var list = el('datalist', {id: 'whatif-communities'});
    data.baseline.applicants.forEach(function (a) {
      list.appendChild(el('option', {value: a.code, label: a.name_uk + ', ' + a.oblast_uk}));
    });
    var find = el('input', {type: 'text', id: 'whatif-card-code', list: 'whatif-communities', autocomplete: 'off',
                            title: 'a community\'s KATOTTG code or its name (the list offers them as you type)'});
    var open = el('button', {type: 'button', id: 'whatif-card-open', text: 'Open its card'});
    open.addEventListener('click', function () {
      var wanted = find.value.trim();
      var hit = data.baseline.applicants.filter(function (a) { return a.code === wanted || a.name_uk === wanted; })[0];
      if (hit) openCard(hit.code, open);
      else say('No applicant has the code or name "' + wanted + '".', true);
    });
    find.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); open.click(); }
    });
    form.appendChild(list);
    form.appendChild(el('div', {class: 'buttons'}, [el('label', {}, [document.createTextNode('A community\'s card: '), find]),
                                                     document.createTextNode(' '), open]));
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

  // A table whose rows open their community's card (the code in column @p codeColumn).
  function table(caption, header, rows, codeColumn) {
    var t = el('table', {}, [el('caption', {text: caption})]);
    t.appendChild(el('thead', {}, [el('tr', {}, header.map(function (h) { return el('th', {scope: 'col', text: h}); }))]));
    var body = el('tbody');
    rows.forEach(function (r) {
      body.appendChild(el('tr', {'data-id': r[codeColumn]}, r.map(function (c) { return el('td', {text: String(c)}); })));
    });
    t.appendChild(body);
    return t;
  }

  // A scroll box of its own, so that a wide table never widens the page.
  function scrolled(node) { return el('div', {class: 'scroll'}, [node]); }

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
    var t = table('Entered the selection', ['code', 'name', 'oblast', 'now', 'in the run of this file'],
      entered.map(function (c) { return [c, name(c), now[c].oblast_uk, now[c].explanation, before[c] ? before[c].explanation : 'not an applicant']; }), 0);
    t.id = 'whatif-entered';
    t.className = 'entered';
    results.appendChild(scrolled(t));
    t = table('Left the selection', ['code', 'name', 'oblast', 'now', 'in the run of this file'],
      left.map(function (c) { return [c, name(c), before[c].oblast_uk, now[c] ? now[c].explanation : 'not an applicant now', before[c].explanation]; }), 0);
    t.id = 'whatif-left';
    t.className = 'left';
    results.appendChild(scrolled(t));
    t = table('The selection', ['rank', 'code', 'name', 'oblast', 'score', 'group'],
      run.selected.map(function (c) { return [now[c].rank, c, name(c), now[c].oblast_uk, Number(now[c].score).toFixed(4), group[c]]; }), 1);
    t.id = 'whatif-selection';
    results.appendChild(scrolled(t));
    results.appendChild(el('p', {class: 'hint', text: 'A click on a row or on a point of the map (or Enter on it) opens ' +
                                 'the community\'s card; so do the rows of the report\'s Scores and Selection reasons tables.'}));
    var map = el('div', {class: 'whatif-map map', id: 'whatif-map'});
    // The map's element ids prefixed, so that they stay unique next to the report's own map.
    map.innerHTML = detail.map_svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/ id="/g, ' id="whatif-').replace(/url\(#/g, 'url(#whatif-');
    results.appendChild(map);
    var text = el('pre', {id: 'whatif-toml', text: lastToml});
    results.appendChild(el('details', {}, [el('summary', {text: 'This scenario as a file for clir run'}), text]));
    say('Rerun in ' + Math.round(millis) + ' ms: ' + summary + '.', false);
    cardTargets();
    if (card.dialog && card.dialog.open) showCard(card.code);
  }

  // ---- The card of a community ------------------------------------------------------------
  // A modal dialog with the figures of clir::community_card() for the scenario as the page now
  // runs it; Escape or the close button shuts it and the focus goes back where it came from.
  var card = {dialog: null, body: null, code: null, opener: null};
  var applicant = {};
  data.baseline.applicants.forEach(function (a) { applicant[a.code] = true; });

  function fixed(v, d) { return v === null || v === undefined ? '–' : Number(v).toFixed(d); }
  // A column's value as the report's tooltips show it: whole numbers as such, others with four
  // significant digits.
  function plain(v) {
    if (v === null || v === undefined) return '–';
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  }
  // A cell with its exact figure in data-value (for tests and for copying).
  function figure(v, text) {
    var td = el('td', {class: 'num', text: text});
    if (v !== null && v !== undefined) td.setAttribute('data-value', String(v));
    return td;
  }

  function buildCard() {
    card.dialog = el('dialog', {id: 'whatif-card', 'aria-labelledby': 'whatif-card-title'});
    var close = el('button', {type: 'button', class: 'close', id: 'whatif-card-close', 'aria-label': 'Close the card', text: '×'});
    close.addEventListener('click', closeCard);
    card.body = el('div', {id: 'whatif-card-body'});
    card.dialog.appendChild(close);
    card.dialog.appendChild(card.body);
    // Escape: the dialog's own cancel; the focus returns either way.
    card.dialog.addEventListener('close', function () {
      var back = card.opener;
      card.opener = null;
      if (back && document.contains(back)) back.focus();
    });
    document.body.appendChild(card.dialog);
  }

  function closeCard() { if (card.dialog.open) card.dialog.close(); }

  function openCard(code, opener) {
    if (!clir || lastQuick === null) return;
    card.code = code;
    if (!card.dialog.open) {
      card.opener = opener || document.activeElement;
      card.dialog.showModal();
    }
    showCard(code);
    var close = document.getElementById('whatif-card-close');
    if (close) close.focus();
  }

  function showCard(code) {
    var c;
    card.body.textContent = '';
    try {
      c = JSON.parse(clir.communityCard(lastQuick, data.scenario_path, data.inputs, code));
    } catch (e) {
      card.body.appendChild(el('h3', {id: 'whatif-card-title', text: code}));
      card.body.appendChild(el('p', {class: 'status error', text: (e && e.name ? e.name + ': ' : '') + (e && e.message ? e.message : String(e))}));
      return;
    }
    card.dialog.setAttribute('data-code', c.code);
    var b = card.body;
    b.appendChild(el('h3', {id: 'whatif-card-title', text: c.name_uk + ' (' + c.code + ')'}));
    b.appendChild(el('p', {text: c.oblast_uk + ' oblast'}));
    if (c.eligible) {
      b.appendChild(el('p', {id: 'whatif-card-rank', text: 'Rank ' + c.rank + ' of ' + c.eligible_count + ' eligible, score ' +
        fixed(c.score, 4) + ' (' + c.method + '); ' + (c.selected ? 'selected' : 'not selected') + ' (' + c.count + ' selected).'}));
    } else {
      b.appendChild(el('p', {id: 'whatif-card-rank', text: 'Not eligible: ' + c.excluded_by + '.'}));
    }
    b.appendChild(el('p', {id: 'whatif-card-reason', text: c.explanation}));
    if (c.cutoff_code) {
      var gap = c.score_gap === null ? '' : c.score_gap > 0
        ? ' It is ' + fixed(c.score_gap, 4) + ' below it: the score gap to the cut-off.'
        : ' It is ' + fixed(-c.score_gap, 4) + ' above it.';
      b.appendChild(el('p', {id: 'whatif-card-cutoff', text: 'The cut-off, the last selected: ' + c.cutoff_name_uk + ' (rank ' +
        c.cutoff_rank + ', score ' + fixed(c.cutoff_score, 4) + ').' + gap}));
    }

    var header = ['criterion', 'weight', 'value', 'normalized (0 worst, 1 best)'];
    if (c.additive) header.push('contribution');
    header.push('cut-off: value', 'normalized');
    if (c.additive) header.push('contribution', 'difference');
    var t = el('table', {id: 'whatif-card-criteria'}, [el('caption', {text: c.additive
      ? 'Each criterion\'s contribution to the score (weight × its normalized value; they add up to the score), beside the cut-off\'s'
      : 'Each criterion\'s value beside the cut-off\'s (the ' + c.method + ' score is not a sum of per-criterion contributions)'})]);
    t.appendChild(el('thead', {}, [el('tr', {}, header.map(function (h) { return el('th', {scope: 'col', text: h}); }))]));
    var body = el('tbody');
    c.criteria.forEach(function (k) {
      var cells = [el('th', {scope: 'row', text: k.criterion + (k.direction === 'cost' ? ' (cost)' : '')}),
                   figure(k.weight, fixed(k.weight, 4)), figure(k.value, plain(k.value)), figure(k.normalized, fixed(k.normalized, 3))];
      if (c.additive) cells.push(figure(k.contribution, fixed(k.contribution, 4)));
      cells.push(figure(k.cutoff_value, plain(k.cutoff_value)), figure(k.cutoff_normalized, fixed(k.cutoff_normalized, 3)));
      if (c.additive) {
        cells.push(figure(k.cutoff_contribution, fixed(k.cutoff_contribution, 4)));
        var d = k.contribution === null || k.cutoff_contribution === null ? null : k.contribution - k.cutoff_contribution;
        var diff = figure(d, d === null ? '–' : (d > 0 ? '+' : '') + d.toFixed(4));
        diff.className = 'num ' + (d > 0 ? 'ahead' : d < 0 ? 'behind' : '');
        cells.push(diff);
      }
      body.appendChild(el('tr', {}, cells));
    });
    t.appendChild(body);
    b.appendChild(scrolled(t));

    b.appendChild(el('h4', {text: 'What it would take'}));
    var n = c.nearest;
    var take = el('p', {id: 'whatif-card-nearest'});
    if (c.selected) {
      take.textContent = 'Nothing: it is selected.';
    } else if (!n) {
      take.textContent = c.nearest_note.charAt(0).toUpperCase() + c.nearest_note.slice(1) + '.';
    } else {
      var lead = c.score_gap !== null && c.score_gap > 0
        ? 'Its score would have to rise by ' + fixed(c.score_gap, 4) + ' to reach the cut-off\'s. ' : '';
      if (n.status === 'found') {
        take.textContent = lead + 'The nearest weighting that selects it moves ' + fixed(n.distance / 2, 3) +
          ' of the weight between criteria (L1 change ' + fixed(n.distance, 3) + '): it then ranks ' + n.rank +
          ', with score ' + fixed(n.score, 4) + ' against the cut-off\'s ' + fixed(n.cutoff_score, 4) +
          ', and rerunning the selection with it selects it' + (n.proven_optimal ? '.' : ' (the solver stopped at its time limit: a nearer one may exist).');
      } else if (n.status === 'not_linear') {
        take.textContent = lead + 'The nearest weighting is computed for scores that are sums of per-criterion terms ' +
          '(weighted_sum, promethee_ii, points); the ' + c.method + ' score is not. Choose one of those methods under ' +
          'Scoring to see it.';
      } else {
        take.textContent = lead + 'No weighting found (' + n.status.replace(/_/g, ' ') + '): ' + n.reason + '.';
      }
    }
    take.setAttribute('data-status', n ? n.status : (c.selected ? 'selected' : 'none'));
    b.appendChild(take);
    if (n && n.status === 'found') {
      var wt = el('table', {id: 'whatif-card-weights'}, [el('caption', {text: 'The nearest weighting that selects it'})]);
      wt.appendChild(el('thead', {}, [el('tr', {}, ['criterion', 'weight now', 'nearest', 'change'].map(function (h) {
        return el('th', {scope: 'col', text: h});
      }))]));
      var wb = el('tbody');
      c.criteria.forEach(function (k, j) {
        wb.appendChild(el('tr', {}, [el('th', {scope: 'row', text: k.criterion}), figure(k.weight, fixed(k.weight, 4)),
          figure(n.weights[j], fixed(n.weights[j], 4)), figure(n.change[j], (n.change[j] > 0 ? '+' : '') + fixed(n.change[j], 4))]));
      });
      wt.appendChild(wb);
      b.appendChild(scrolled(wt));
      var missing = c.criteria.filter(function (k) { return !weightInputs[k.criterion]; });
      var apply = el('button', {type: 'button', id: 'whatif-card-apply', text: 'Use this weighting'});
      if (missing.length) {
        apply.disabled = true;
        apply.title = 'the criteria ' + missing.map(function (k) { return k.criterion; }).join(', ') + ' have no weight control here';
      }
      apply.addEventListener('click', function () {
        c.criteria.forEach(function (k, j) { weightInputs[k.criterion].value = String(n.weights[j]); });
        if (weightsSelect) weightsSelect.value = 'given';
        rerun();
      });
      b.appendChild(el('p', {}, [apply, document.createTextNode(' sets the weights above to it (weights "given") and reruns.')]));
    }
  }

  // Rows and map points that open a card: focusable, one tab stop per table (the arrow keys move
  // between its rows), Enter or Space opens.
  function cardTargets() {
    var tables = [document.getElementById('whatif-entered'), document.getElementById('whatif-left'),
                  document.getElementById('whatif-selection'), document.getElementById('scores-table'),
                  document.getElementById('reasons-table')];
    tables.forEach(function (t) {
      if (!t || t.getAttribute('data-cards')) return;
      t.setAttribute('data-cards', '1');
      var rows = t.tBodies[0] ? t.tBodies[0].rows : [];
      Array.prototype.forEach.call(rows, function (r, i) {
        if (!r.getAttribute('data-id')) return;
        r.tabIndex = i === 0 ? 0 : -1;
        r.className += ' card-row';
        r.setAttribute('aria-label', 'open the card of ' + r.textContent.slice(0, 80));
      });
    });
    document.querySelectorAll('.map circle[data-id]').forEach(function (p) {
      if (p.getAttribute('tabindex') === null) p.setAttribute('tabindex', '0');
      p.setAttribute('role', 'button');
      p.classList.add('card-point');
    });
    // A choropleth's applicant areas open cards on a click too (by keyboard: the tables' rows).
    document.querySelectorAll('.map #areas path[data-id]').forEach(function (p) {
      if (applicant[p.getAttribute('data-id')]) p.classList.add('card-point');
    });
  }

  function cardTarget(node) {
    while (node && node !== document) {
      if (node.getAttribute && node.getAttribute('data-id') &&
          ((node.tagName === 'TR' && node.classList.contains('card-row')) || node.classList.contains('card-point'))) {
        return node;
      }
      node = node.parentNode;
    }
    return null;
  }

  document.addEventListener('click', function (e) {
    var target = cardTarget(e.target);
    if (target) openCard(target.getAttribute('data-id'), target);
  });
  document.addEventListener('keydown', function (e) {
    var target = cardTarget(e.target);
    if (!target) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openCard(target.getAttribute('data-id'), target);
    } else if (target.tagName === 'TR' && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      var next = e.key === 'ArrowDown' ? target.nextElementSibling : target.previousElementSibling;
      if (next && next.classList.contains('card-row')) {
        e.preventDefault();
        target.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      }
    }
  });

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
      lastQuick = quick;
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
    var draws = robust.draws();
    robust.intro.textContent = draws > 0
      ? 'After each rerun the scenario\'s ' + draws + ' weight draws run in the background (a Web Worker); the page ' +
        'stays usable meanwhile.'
      : 'No weight draws (0): give a number to run the robustness analysis.';
    if (!(draws > 0)) {
      robust.bar.value = 0;
      setRobustness('idle', '');
      return;
    }
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
    buildCard();
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
