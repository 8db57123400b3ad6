// `clir resolve`: community names (as programmes publish them) to hromada codes.
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "clir/io/format.hpp"
#include "clir/core/error.hpp"
#include "clir/data/resolve.hpp"
#include "clir/data/resolve_json.hpp"
#include "clir/io/csv.hpp"
#include "commands.hpp"

namespace clir::cli {
namespace {

struct ResolveCommand {
  std::vector<std::string> names;
  std::string hint;
  std::string file;
  std::string name_column = "name";
  std::string hint_column;
  std::string format = "table";
  bool allow_unresolved = false;
  bool hromadas_only = false;
  ResolveOptions options;
};

std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U; }));
}

std::string score_text(double score) { return format_fixed(score, 2); }

std::vector<std::string> row_of(const NameResolution& r) {
  const bool has_match = !r.match.code.empty();
  std::string alternatives;
  std::vector<NameCandidate> listed = r.alternatives;
  if (!r.resolved() && has_match) listed.insert(listed.begin(), r.match);
  for (const auto& a : listed) {
    alternatives += (alternatives.empty() ? "" : "; ") + a.code + " " + a.hromada_name + " (" + a.oblast + ") " +
                    score_text(a.score);
  }
  return {r.query.name,
          r.query.hint,
          std::string(to_string(r.status)),
          r.resolved() ? r.match.code : "",
          r.resolved() ? r.match.hromada_name : "",
          r.resolved() ? r.match.oblast : "",
          r.resolved() ? std::string(to_string(r.match.kind)) : "",
          r.resolved() ? r.match.matched_name : "",
          has_match ? score_text(r.match.score) : "",
          alternatives};
}

void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = display_width(header[c]);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c + 1 < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) text += "  ";
      text += cells[c];
      if (c + 1 < cells.size()) text += std::string(width[c] - display_width(cells[c]), ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    std::cout << text << '\n';
  };
  line(header);
  for (const auto& row : rows) line(row);
}

void run_resolve(ResolveCommand& cmd) {
  if (cmd.names.empty() == cmd.file.empty()) {
    throw ConfigError("names", cmd.file.empty() ? "give names to resolve or --file" : "give names or --file, not both");
  }
  std::vector<NameQuery> queries;
  std::vector<std::size_t> lines;
  SourceLocation where;
  if (!cmd.file.empty()) {
    const CsvDocument doc = read_csv(cmd.file);
    const std::size_t name_column = doc.column(cmd.name_column);
    std::optional<std::size_t> hint_column;
    if (!cmd.hint_column.empty()) hint_column = doc.column(cmd.hint_column);
    for (std::size_t r = 0; r < doc.row_count(); ++r) {
      const std::string& name = doc.cell(r, name_column);
      if (name.find_first_not_of(" \t") == std::string::npos) {
        throw InputError("empty name", doc.location(r, name_column));
      }
      std::string hint = hint_column ? doc.cell(r, *hint_column) : std::string();
      if (hint.empty()) hint = cmd.hint;
      queries.push_back({.name = name, .hint = hint});
      lines.push_back(doc.line(r));
    }
    where = {.file = cmd.file, .key = cmd.name_column};
  } else {
    for (const auto& name : cmd.names) queries.push_back({.name = name, .hint = cmd.hint});
  }
  cmd.options.match_settlements = !cmd.hromadas_only;
  const std::vector<NameResolution> results = resolve_communities(queries, cmd.options);

  if (cmd.format == "json") {
    std::cout << resolutions_json(results).dump(2) << '\n';
  } else {
    const std::vector<std::string> header{"name", "hint", "status", "code", "hromada", "oblast",
                                          "kind", "matched_name", "score", "alternatives"};
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : results) rows.push_back(row_of(r));
    if (cmd.format == "csv") {
      write_csv(std::cout, header, rows);
    } else {
      print_table(header, rows);
    }
  }
  std::cout.flush();
  if (!cmd.allow_unresolved) resolved_codes(results, where, lines);  // throws, listing the candidates
}

}  // namespace

void add_resolve_command(CLI::App& app) {
  auto cmd = std::make_shared<ResolveCommand>();
  auto* resolve = app.add_subcommand(
      "resolve", "Community names (Ukrainian or Latin, hromada or settlement) to hromada codes, with scores");
  resolve->add_option("names", cmd->names, "Names to resolve, e.g. Баришівка 'Blznyukivska' 'Холмська'");
  resolve->add_option("--hint", cmd->hint,
                      "Oblast or raion of every name (e.g. Київська, 'Kharkiv oblast', 'Бучанський район')");
  resolve->add_option("--file", cmd->file, "CSV file with one name per row (see --name-column, --hint-column)");
  resolve->add_option("--name-column", cmd->name_column, "Column of --file holding the names")->capture_default_str();
  resolve->add_option("--hint-column", cmd->hint_column,
                      "Column of --file holding each name's oblast or raion (an empty cell uses --hint)");
  resolve->add_option("--format", cmd->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  resolve->add_option("--min-score", cmd->options.min_score, "Lowest score that is a match, in (0, 1]")
      ->capture_default_str();
  resolve->add_option("--margin", cmd->options.ambiguity_margin,
                      "Lead the best hromada needs over the next, else the name is ambiguous")
      ->capture_default_str();
  resolve->add_flag("--hromadas-only", cmd->hromadas_only, "Match hromada names only, not settlement names");
  resolve->add_flag("--allow-unresolved", cmd->allow_unresolved,
                    "Exit 0 even when a name is ambiguous or unknown (its status says so)");
  resolve->footer(
      "Examples:\n"
      "  clir resolve Баришівка Глеваха 'Велика Димерка' --hint Київська\n"
      "  clir resolve Blznyukivska Savenetska --hint 'Kharkiv oblast'\n"
      "  clir resolve --file published.csv --name-column name --hint-column oblast --format csv > codes.csv\n"
      "  clir resolve Софіївська --allow-unresolved --format json\n"
      "Names are matched case-, apostrophe- and suffix-insensitively ('територіальна громада', 'сільська',\n"
      "'hromada', ...), in Ukrainian or Latin, with typos scored by edit distance; a settlement stands\n"
      "for its hromada. An ambiguous or unknown name is an error (exit 2) listing its candidates; nothing\n"
      "is guessed. Rules and limits: docs/resolve.md.");
  resolve->callback([cmd] { run_resolve(*cmd); });
}

}  // namespace clir::cli
