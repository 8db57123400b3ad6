#include "clir/report/html.hpp"
#include "clir/io/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "clir/core/error.hpp"
#include "clir/report/svg_map.hpp"

namespace clir {

namespace {

constexpr std::string_view kStyle = R"css(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0 auto;max-width:1180px;padding:0 16px 48px;color:#111;line-height:1.45;
overflow-wrap:break-word}
h1{font-size:1.6em;margin:24px 0 8px}h2{font-size:1.25em;margin-top:32px;border-bottom:1px solid #ccc}
nav ul{padding-left:20px;columns:2}
table{border-collapse:collapse;font-size:13px;margin:8px 0 16px}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
th button{all:unset;cursor:pointer;font-weight:bold}
th button::after{content:" \2195";color:#888}
th[aria-sort=ascending] button::after{content:" \2191";color:#111}
th[aria-sort=descending] button::after{content:" \2193";color:#111}
th button:focus-visible,.map circle:focus-visible{outline:2px solid #0072B2}
.scroll{max-height:520px;overflow:auto;display:inline-block;max-width:100%}
.scroll thead th{position:sticky;top:0;background:#f4f4f4}
figure{margin:12px 0}figcaption{font-size:13px;color:#333}
.map svg,figure svg{max-width:100%;height:auto}
@media (max-width:600px){body{padding:0 8px 32px}nav ul{columns:1}}
.map #areas path:hover{stroke:#111;stroke-width:1.5}
#tooltip{position:absolute;z-index:10;background:#fff;border:1px solid #333;border-radius:4px;padding:6px 8px;
font-size:13px;white-space:pre-line;pointer-events:none;box-shadow:0 2px 6px rgba(0,0,0,.25)}
#heat-maps figure{display:inline-block;vertical-align:top;margin-right:28px;max-width:min(620px,100%)}
)css";

// Sorts tables by the clicked column (numbers by data-sort, text in Ukrainian collation; empty
// cells last) and turns the map's <title> tooltips into an immediate, keyboard-reachable box.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  function sortKey(cell) {
    var k = cell.getAttribute('data-sort');
    return k === null ? null : parseFloat(k);
  }
  function isBlank(cell) { return cell.textContent.trim() === '' || cell.textContent.trim() === '\u2013'; }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.querySelector('button').addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var kx = sortKey(x), ky = sortKey(y);
          var bx = kx === null && isBlank(x), by = ky === null && isBlank(y);
          if (bx || by) return bx === by ? 0 : (bx ? 1 : -1);
          var c = (kx !== null && ky !== null) ? kx - ky : x.textContent.localeCompare(y.textContent, 'uk');
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  // A chart's or map's own <title> would pop up as a native tooltip anywhere over it: keep it as
  // the accessible name only (the <desc> and the caption stay).
  document.querySelectorAll('figure > svg, .map > svg').forEach(function (svg) {
    var title = svg.querySelector(':scope > title');
    if (!title) return;
    svg.setAttribute('aria-label', title.textContent);
    title.remove();
  });
  var tip = document.getElementById('tooltip');
  // Points are reached by keyboard too; the 1,469 areas of a choropleth by pointer only (their
  // values are in the tables, and tabbing through every hromada would trap the reader).
  document.querySelectorAll('.map circle, .map #areas path').forEach(function (c) {
    var title = c.querySelector('title');
    if (!title) return;
    var text = title.textContent;
    c.setAttribute('data-tip', text);
    if (c.tagName === 'circle') {
      c.setAttribute('tabindex', '0');
      c.setAttribute('role', 'button');
      c.setAttribute('aria-label', text.replace(/\n/g, '; '));
    }
    title.remove();
    function show(x, y) {
      tip.textContent = text;
      tip.hidden = false;
      tip.style.left = (x + 14) + 'px';
      tip.style.top = (y + 14) + 'px';
    }
    c.addEventListener('mouseenter', function (e) { show(e.pageX, e.pageY); });
    c.addEventListener('mousemove', function (e) { show(e.pageX, e.pageY); });
    c.addEventListener('mouseleave', function () { tip.hidden = true; });
    c.addEventListener('focus', function () {
      var r = c.getBoundingClientRect();
      show(r.right + window.scrollX, r.bottom + window.scrollY);
    });
    c.addEventListener('blur', function () { tip.hidden = true; });
  });
})();
)js";

std::string num(double v, int decimals) { return format_fixed(v, decimals); }

bool valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// The opening of a chart: <figure>, <svg> with its accessible name and description.
std::string chart_open(double width, double height, const std::string& title, const std::string& description) {
  return "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + num(width, 0) + "\" height=\"" +
         num(height, 0) + "\" viewBox=\"0 0 " + num(width, 0) + ' ' + num(height, 0) +
         "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\"><title>" + escape_html(title) +
         "</title><desc>" + escape_html(description) + "</desc>\n";
}

std::string chart_close(const std::string& title, const std::string& description) {
  return "</svg>\n<figcaption><strong>" + escape_html(title) + ".</strong> " + escape_html(description) +
         "</figcaption>\n</figure>\n";
}

std::string text_colour_on(double t) { return t < 0.55 ? "#ffffff" : "#111111"; }

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_html(const HtmlDocument& d) {
  std::set<std::string_view> ids;
  for (const auto& section : d.sections) {
    if (!valid_id(section.id)) {
      throw ConfigError("sections.id", "section id '" + section.id + "' must be letters, digits and '-'");
    }
    if (!ids.insert(section.id).second) throw ConfigError("sections.id", "section id '" + section.id + "' is repeated");
  }
  for (const auto& script : d.scripts) {
    if (script.find("</script") != std::string::npos) throw ConfigError("scripts", "an inline script contains \"</script\"");
  }
  std::string s = "<!DOCTYPE html>\n<html lang=\"" + escape_html(d.lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  s += std::string("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ") +
       (d.allow_wasm ? "script-src 'unsafe-inline' 'wasm-unsafe-eval'; worker-src blob:" : "script-src 'unsafe-inline'") + "; img-src data:\">\n";
  s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  s += "<title>" + escape_html(d.title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  s += "<h1>" + escape_html(d.title) + "</h1>\n" + d.intro + "\n";
  if (!d.sections.empty()) {
    s += "<nav aria-label=\"Contents\"><ul>\n";
    for (const auto& section : d.sections) {
      s += "<li><a href=\"#" + section.id + "\">" + escape_html(section.title) + "</a></li>\n";
    }
    s += "</ul></nav>\n";
  }
  for (const auto& section : d.sections) {
    s += "<section id=\"" + section.id + "\">\n<h2>" + escape_html(section.title) + "</h2>\n" + section.body + "</section>\n";
  }
  s += "<div id=\"tooltip\" role=\"tooltip\" hidden></div>\n<script>" + std::string(kScript) + "</script>\n";
  for (const auto& script : d.scripts) s += "<script>" + script + "</script>\n";
  s += "</body>\n</html>\n";
  return s;
}

std::string html_table(const HtmlTable& t) {
  std::string s = "<div class=\"scroll\"><table class=\"sortable\"";
  if (!t.id.empty()) s += " id=\"" + escape_html(t.id) + "\"";
  s += ">\n";
  if (!t.caption.empty()) s += "<caption>" + escape_html(t.caption) + "</caption>\n";
  s += "<thead><tr>";
  for (const auto& h : t.header) s += "<th scope=\"col\"><button type=\"button\">" + escape_html(h) + "</button></th>";
  s += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    if (row.size() != t.header.size()) {
      throw ConfigError("rows[" + std::to_string(r) + "]", "a row has " + std::to_string(row.size()) + " cells; the header has " +
                                                               std::to_string(t.header.size()));
    }
    s += r < t.row_ids.size() && !t.row_ids[r].empty() ? "<tr data-id=\"" + escape_html(t.row_ids[r]) + "\">" : std::string("<tr>");
    for (const auto& cell : row) {
      s += cell.sort_key ? "<td class=\"num\" data-sort=\"" + num(*cell.sort_key, 10) + "\">" : std::string("<td>");
      s += cell.html.empty() ? escape_html(cell.text) : cell.html;
      s += "</td>";
    }
    s += "</tr>\n";
  }
  s += "</tbody></table></div>\n";
  return s;
}

std::string svg_bar_chart(const BarChart& c) {
  if (c.labels.size() != c.values.size()) throw ConfigError("values", "a bar chart needs one value per label");
  if (!(c.max_value > 0)) throw ConfigError("max_value", "must be positive");
  const double label_w = 250, bar_w = 400, row = 17, top = 6, width = label_w + bar_w + 70;
  const double height = top * 2 + row * static_cast<double>(c.labels.size()) + 18;
  std::string s = chart_open(width, height, c.title, c.description);
  for (std::size_t i = 0; i < c.labels.size(); ++i) {
    const double y = top + row * static_cast<double>(i);
    const double v = std::clamp(c.values[i], 0.0, c.max_value);
    s += "<text x=\"" + num(label_w - 6, 1) + "\" y=\"" + num(y + 12, 1) + "\" text-anchor=\"end\">" + escape_html(c.labels[i]) +
         "</text><rect x=\"" + num(label_w, 1) + "\" y=\"" + num(y + 2, 1) + "\" width=\"" + num(bar_w * v / c.max_value, 1) +
         "\" height=\"" + num(row - 4, 1) + "\" fill=\"" + group_colour(0) + "\"/><text x=\"" +
         num(label_w + bar_w * v / c.max_value + 4, 1) + "\" y=\"" + num(y + 12, 1) + "\">" + num(c.values[i], c.decimals) +
         "</text>\n";
  }
  const double axis_y = top + row * static_cast<double>(c.labels.size()) + 2;
  s += "<line x1=\"" + num(label_w, 1) + "\" y1=\"" + num(axis_y, 1) + "\" x2=\"" + num(label_w + bar_w, 1) + "\" y2=\"" +
       num(axis_y, 1) + "\" stroke=\"#444\"/><text x=\"" + num(label_w, 1) + "\" y=\"" + num(axis_y + 13, 1) +
       "\">0</text><text x=\"" + num(label_w + bar_w, 1) + "\" y=\"" + num(axis_y + 13, 1) + "\" text-anchor=\"end\">" +
       num(c.max_value, c.decimals) + "</text>\n";
  return s + chart_close(c.title, c.description);
}

std::string svg_stacked_bar_chart(const StackedBarChart& c) {
  if (c.labels.size() != c.shares.size()) throw ConfigError("shares", "a stacked bar chart needs one row of shares per label");
  for (const auto& row : c.shares) {
    if (row.size() != c.band_names.size()) throw ConfigError("shares", "each row needs one share per band");
  }
  const std::size_t bands = c.band_names.size();
  const auto band_colour = [&](std::size_t b) { return value_colour(bands < 2 ? 0.0 : 0.92 * static_cast<double>(b) / static_cast<double>(bands - 1)); };
  const double label_w = 250, bar_w = 440, row = 17, legend_h = 22, width = label_w + bar_w + 20;
  const double height = legend_h + 8 + row * static_cast<double>(c.labels.size()) + 6;
  std::string s = chart_open(width, height, c.title, c.description);
  double lx = label_w;
  for (std::size_t b = 0; b < bands; ++b) {
    s += "<rect x=\"" + num(lx, 1) + "\" y=\"4\" width=\"12\" height=\"12\" fill=\"" + band_colour(b) + "\"/><text x=\"" +
         num(lx + 16, 1) + "\" y=\"14\">" + escape_html(c.band_names[b]) + "</text>";
    lx += 22 + estimate_text_width(c.band_names[b], 12);
  }
  s += '\n';
  for (std::size_t i = 0; i < c.labels.size(); ++i) {
    const double y = legend_h + 8 + row * static_cast<double>(i);
    s += "<text x=\"" + num(label_w - 6, 1) + "\" y=\"" + num(y + 12, 1) + "\" text-anchor=\"end\">" + escape_html(c.labels[i]) + "</text>";
    double x = label_w;
    for (std::size_t b = 0; b < bands; ++b) {
      const double w = bar_w * std::clamp(c.shares[i][b], 0.0, 1.0);
      if (w <= 0) continue;
      s += "<rect x=\"" + num(x, 2) + "\" y=\"" + num(y + 2, 1) + "\" width=\"" + num(w, 2) + "\" height=\"" + num(row - 4, 1) +
           "\" fill=\"" + band_colour(b) + "\"><title>" + escape_html(c.labels[i] + ", " + c.band_names[b] + ": " +
                                                                      num(100 * c.shares[i][b], 0) + "%") + "</title></rect>";
      x += w;
    }
    s += '\n';
  }
  return s + chart_close(c.title, c.description);
}

std::string svg_heat_map(const HeatMap& m) {
  if (m.values.size() != m.row_labels.size()) throw ConfigError("values", "a heat map needs one row of values per row label");
  for (const auto& row : m.values) {
    if (row.size() != m.column_labels.size()) throw ConfigError("values", "each row needs one value per column label");
  }
  if (!(m.min_value < m.max_value)) throw ConfigError("max_value", "must exceed min_value");
  const double label_w = 120, cell_w = 50, cell_h = 24, top = 22;
  const double width = label_w + cell_w * static_cast<double>(m.column_labels.size()) + 10;
  const double height = top + cell_h * static_cast<double>(m.row_labels.size()) + 6;
  std::string s = chart_open(width, height, m.title, m.description);
  for (std::size_t c = 0; c < m.column_labels.size(); ++c) {
    s += "<text x=\"" + num(label_w + cell_w * (static_cast<double>(c) + 0.5), 1) + "\" y=\"15\" text-anchor=\"middle\">" +
         escape_html(m.column_labels[c]) + "</text>";
  }
  s += '\n';
  for (std::size_t r = 0; r < m.row_labels.size(); ++r) {
    const double y = top + cell_h * static_cast<double>(r);
    s += "<text x=\"" + num(label_w - 6, 1) + "\" y=\"" + num(y + 16, 1) + "\" text-anchor=\"end\">" + escape_html(m.row_labels[r]) + "</text>";
    for (std::size_t c = 0; c < m.column_labels.size(); ++c) {
      const double x = label_w + cell_w * static_cast<double>(c);
      const auto& v = m.values[r][c];
      const double t = v ? std::clamp((*v - m.min_value) / (m.max_value - m.min_value), 0.0, 1.0) : 0.0;
      s += "<rect x=\"" + num(x, 1) + "\" y=\"" + num(y, 1) + "\" width=\"" + num(cell_w - 2, 1) + "\" height=\"" +
           num(cell_h - 2, 1) + "\" fill=\"" + (v ? value_colour(t) : std::string("#dddddd")) + "\"/><text x=\"" +
           num(x + cell_w / 2 - 1, 1) + "\" y=\"" + num(y + 16, 1) + "\" text-anchor=\"middle\" fill=\"" +
           (v ? text_colour_on(t) : std::string("#555555")) + "\">" + (v ? num(*v, m.decimals) : std::string("–")) + "</text>";
    }
    s += '\n';
  }
  return s + chart_close(m.title, m.description);
}

}  // namespace clir
