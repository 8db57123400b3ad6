#pragma once
/// @file
/// @brief Building blocks of self-contained HTML reports: a document of sections, sortable
/// tables, and SVG charts (bars, stacked bars, heat maps) with text alternatives.
///
/// The page needs no network at view time: styles and scripts are inline, and a Content Security
/// Policy forbids every fetch (no CDN, fonts or tiles). Charts use the colour-blind-safe colours
/// of clir/report/svg_map.hpp.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clir {

/// One section of a report: a heading and its HTML body.
struct HtmlSection {
  std::string id;     ///< the anchor (letters, digits, '-'), also used by the table of contents
  std::string title;  ///< the heading text (escaped when rendered)
  std::string body;   ///< HTML, inserted as it is
};

/// A report page: sections in order, with a table of contents.
struct HtmlDocument {
  std::string title;                  ///< <title> and the top heading
  std::string lang = "en";            ///< the page's language (names in Ukrainian carry lang="uk")
  std::string intro;                  ///< HTML under the top heading
  std::vector<HtmlSection> sections;  ///< in order
  /// Inline scripts run after the page's own, in order (the interactive report's engine and
  /// its script); none may contain "</script".
  std::vector<std::string> scripts;
  /// Let the page compile WebAssembly from its own inline scripts ('wasm-unsafe-eval') and run
  /// them in Web Workers made from blob: URLs of its own text; every request stays blocked.
  bool allow_wasm = false;
};

/// The page as one HTML5 file: inline CSS, the script that sorts tables and shows map tooltips
/// (circles with a <title> inside an element of class "map"), and a Content Security Policy
/// that blocks all network access. Throws clir::ConfigError for a section id that is empty,
/// repeated, or not made of letters, digits and '-', and for a script containing "</script".
std::string render_html(const HtmlDocument& document);

/// @p text with &, <, >, " and ' escaped for HTML text and attribute values.
std::string escape_html(std::string_view text);

/// One cell of an HtmlTable.
struct HtmlCell {
  std::string text;                 ///< shown (escaped) unless @p html is set
  std::optional<double> sort_key;   ///< numeric key for sorting; the text is compared otherwise
  std::string html;                 ///< shown as it is instead of @p text (e.g. a Ukrainian name with lang="uk")
};

/// A table whose rows the reader sorts by clicking a column header (again: reverse order).
struct HtmlTable {
  std::string id;                           ///< element id (for links and tests); may be empty
  std::string caption;                      ///< shown above the table
  std::vector<std::string> header;          ///< column names
  std::vector<std::vector<HtmlCell>> rows;  ///< each row has header.size() cells
  /// Empty, or one per row: written as the row's data-id (e.g. the community's code, which the
  /// interactive report's cards open by).
  std::vector<std::string> row_ids;
};

/// The table as HTML. Throws clir::ConfigError when a row's length differs from the header's.
std::string html_table(const HtmlTable& table);

/// A horizontal bar chart (e.g. the selection probability per applicant).
struct BarChart {
  std::string title;                 ///< the chart's <title> and caption
  std::string description;           ///< text alternative: what the chart shows, in words
  std::vector<std::string> labels;   ///< one per bar, top to bottom
  std::vector<double> values;        ///< one per bar, in [0, max_value]
  double max_value = 1.0;            ///< the axis' end
  int decimals = 2;                  ///< of the value written after each bar
};

/// The chart as an inline SVG (role="img", <title> and <desc> as its text alternative).
/// Throws clir::ConfigError when labels and values differ in length or max_value <= 0.
std::string svg_bar_chart(const BarChart& chart);

/// Bars split into bands (e.g. rank acceptability: the share of draws with a rank in each band).
struct StackedBarChart {
  std::string title;                           ///< the chart's <title> and caption
  std::string description;                     ///< text alternative
  std::vector<std::string> labels;             ///< one per bar, top to bottom
  std::vector<std::string> band_names;         ///< legend text per band, in stacking order
  std::vector<std::vector<double>> shares;     ///< bar × band, each row summing to at most 1
};

/// The chart as an inline SVG with a legend; bands take the colours of a sequential ramp
/// (first band darkest). Throws clir::ConfigError on mismatched sizes.
std::string svg_stacked_bar_chart(const StackedBarChart& chart);

/// A grid of coloured cells (e.g. ARI over method × alpha).
struct HeatMap {
  std::string title;                                    ///< the chart's <title> and caption
  std::string description;                              ///< text alternative
  std::vector<std::string> row_labels;                  ///< e.g. methods
  std::vector<std::string> column_labels;               ///< e.g. values of alpha
  std::vector<std::vector<std::optional<double>>> values;  ///< row × column; nullopt = no value (grey, "–")
  double min_value = 0.0, max_value = 1.0;              ///< the colour ramp's ends (values are clamped)
  int decimals = 2;                                     ///< of the number written in each cell
};

/// The heat map as an inline SVG: colours from the sequential ramp with the value written in
/// each cell (so colour is never the only carrier). Throws clir::ConfigError on mismatched
/// sizes or min_value >= max_value.
std::string svg_heat_map(const HeatMap& map);

}  // namespace clir
