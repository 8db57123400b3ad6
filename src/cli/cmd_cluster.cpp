// `clir cluster`: group given communities; `clir compare`: compare two groupings.
#include <iostream>
#include <map>
#include <memory>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/evaluate/align.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/io/csv.hpp"
#include "clir/io/format.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/scoring/default_criteria.hpp"
#include "commands.hpp"
#include "field_options.hpp"
#include "scenario_options.hpp"

namespace clir::cli {

namespace {

void print_grouping(const std::vector<Community>& members, const Labels& labels, const std::vector<std::size_t>& medoids) {
  for (std::size_t g = 0; g < count_groups(labels); ++g) {
    std::cout << "  " << g + 1 << ": ";
    bool first = true;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (static_cast<std::size_t>(labels[i]) != g) continue;
      std::cout << (first ? "" : ", ") << members[i].name_uk << " (" << members[i].oblast_uk << ")"
                << (!medoids.empty() && medoids[g] == i ? "*" : "");
      first = false;
    }
    std::cout << '\n';
  }
}

}  // namespace

void add_cluster_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("cluster", "Group communities of the built-in data by geography and needs");
  struct Args {
    std::string codes, input, code_column = "code", reference, format = "table";
    GroupingSpec spec;
  };
  auto a = std::make_shared<Args>();
  auto* src = cmd->add_option_group("communities", "Which communities to group (one of)");
  auto* codes_option = src->add_option("--codes", a->codes, "Comma-separated KATOTTG codes");
  auto* input_option = src->add_option("--input", a->input, "CSV file with a code column");
  src->add_option("--reference", a->reference, "The members of a reference grouping: clir2024 or a CSV (code, group)");
  src->require_option(1);
  cmd->add_option("--code-column", a->code_column, "Code column of --input");
  add_field_options(cmd, a->spec, {{"needs_columns", "--needs"}, {"allowed_together", "--allow-together"}});
  cmd->add_option("--format", a->format, "table or csv (code,group)")->check(CLI::IsMember({"table", "csv"}));
  cmd->footer(
      "Examples:\n"
      "  clir cluster --reference clir2024 -k 6 --alpha 0 --min-size 2 --max-size 4\n"
      "  clir cluster --codes UA32060010000086043,UA32140070000012102,UA74020030000069340 -k 2\n"
      "  clir cluster --input chosen.csv -k 4 --alpha 0.5 --needs own_revenue_per_capita_2021_uah,dotation_level\n"
      "Columns are those of `clir data columns` plus war_history_index.");
  cmd->callback([a, codes_option, input_option] {
    GroupingSpec spec = a->spec;
    spec.threads = capped_threads(spec.threads);
    // As `clir run` and `clir reproduce`: without --needs, the needs of the built-in CLIR 2024
    // scenario, so that the default alpha works as the examples are written.
    if (spec.needs_columns.empty()) spec.needs_columns = builtin_clir2024_scenario().grouping.needs_columns;
    std::vector<std::string> codes;
    std::optional<ReferenceGroups> reference;
    // By the option given, not by its text: `--codes ''` is no codes, not a file to read.
    if (codes_option->count() > 0) {
      codes = split_list(a->codes);
      if (codes.empty()) throw ConfigError("codes", "--codes names no community; give comma-separated KATOTTG codes");
    } else if (input_option->count() > 0) {
      const CsvDocument doc = read_csv(a->input);
      codes = read_text_column(doc, a->code_column, true);
      // An unknown or malformed code is a mistake in the input file: name its line.
      const std::size_t column = doc.column(a->code_column);
      std::map<std::string, std::size_t, std::less<>> first_row;
      for (std::size_t r = 0; r < codes.size(); ++r) {
        const SourceLocation where{.file = a->input, .line = doc.line(r), .column = column + 1, .key = a->code_column};
        try {
          (void)find_hromada(codes[r]);
        } catch (const InputError& e) {
          throw InputError(e.message(), where);
        }
        if (const auto [it, inserted] = first_row.emplace(codes[r], r); !inserted) {
          throw InputError("code '" + codes[r] + "' is given twice, on lines " + std::to_string(doc.line(it->second)) +
                               " and " + std::to_string(doc.line(r)) + "; each community is grouped once",
                           where);
        }
      }
    } else {
      reference = load_reference(a->reference);
      codes = reference->codes;
    }
    std::vector<Community> members;
    std::vector<std::size_t> rows;
    for (const auto& code : codes) {
      members.push_back(find_hromada(code));
      rows.push_back(builtin_hromadas().table.row(code));
    }
    const Table table = with_war_history(builtin_hromadas().table.select_rows(rows));
    const GroupingResult g = group_communities(members, table, spec);
    if (a->format == "csv") {
      std::vector<std::vector<std::string>> out;
      for (std::size_t i = 0; i < members.size(); ++i) {
        out.push_back({members[i].code, std::to_string(g.clustering.labels[i] + 1), g.clustering.medoids[static_cast<std::size_t>(g.clustering.labels[i])] == i ? "1" : "0"});
      }
      write_csv(std::cout, {"code", "group", "medoid"}, out);
      return;
    }
    // g.clustering.medoids.size(), not spec.k: dynmsc chooses the number of groups itself.
    std::cout << members.size() << " communities in " << g.clustering.medoids.size() << " groups (" << to_string(spec.method)
              << ", alpha " << format_significant(spec.alpha, 6) << "): loss " << format_significant(g.clustering.loss, 6)
              << ", medoid silhouette " << format_significant(g.clustering.medoid_silhouette, 3) << ", largest within-group distance "
              << format_fixed(g.max_within_km, 1) << " km\n";
    print_grouping(members, g.clustering.labels, g.clustering.medoids);
    std::cout << "  (* medoid)\n";
    if (reference) {
      const Comparison c = compare(reference->labels, g.clustering.labels);
      std::cout << "Against " << reference->name << ": ARI " << format_fixed(c.adjusted_rand_index, 3) << ", AMI "
                << format_fixed(c.adjusted_mutual_information.arithmetic, 3) << ", " << c.matching.misplaced.size()
                << " placed differently\n";
    }
  });
}

void add_compare_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("compare", "Compare two groupings of the same communities (ARI, AMI, NMI, ...)");
  struct Args {
    std::string reference, candidate;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("reference", a->reference, "Reference grouping: clir2024 or a CSV with code and group columns")->required();
  cmd->add_option("candidate", a->candidate, "Candidate grouping: a CSV with code and group columns (or clir2024)")->required();
  cmd->footer(
      "Examples:\n"
      "  clir cluster --reference clir2024 --format csv > mine.csv && clir compare clir2024 mine.csv\n"
      "  clir compare clir2024 clir2024             # a grouping against itself: every index is 1\n"
      "Both groupings must hold the same communities (matched by code, in any order).");
  cmd->callback([a] {
    const ReferenceGroups ref = load_reference(a->reference);
    const ReferenceGroups cand = load_reference(a->candidate);
    const AlignedGroupings aligned = align_by_id(ref.codes, ref.labels, cand.codes, cand.labels);
    const Comparison c = compare(aligned.reference, aligned.candidate);
    const auto f = [](double x) { return format_fixed(x, 4); };
    std::cout << c.items << " communities; reference " << c.reference_groups << " groups, candidate "
              << c.candidate_groups << " groups\n"
              << "  adjusted Rand index        " << f(c.adjusted_rand_index) << '\n'
              << "  Rand index                 " << f(c.rand_index) << '\n'
              << "  adjusted mutual info (AMI) " << f(c.adjusted_mutual_information.arithmetic) << '\n'
              << "  normalized mutual info     " << f(c.normalized_mutual_information.arithmetic) << '\n'
              << "  variation of information   " << f(c.variation_of_information) << '\n'
              << "  Fowlkes-Mallows            " << f(c.fowlkes_mallows) << '\n'
              << "  homogeneity / completeness " << f(c.homogeneity_completeness.homogeneity) << " / "
              << f(c.homogeneity_completeness.completeness) << ", V-measure " << f(c.homogeneity_completeness.v_measure)
              << '\n'
              << "  purity                     " << f(c.purity) << '\n';
    std::cout << "Placed differently (after the best one-to-one matching of groups): " << c.matching.misplaced.size() << '\n';
    for (std::size_t i : c.matching.misplaced) {
      const Community& h = find_hromada(ref.codes[i]);
      std::cout << "  " << h.code << "  " << h.name_uk << " (" << h.oblast_uk << "): reference group " << ref.labels[i] + 1
                << ", candidate group matched to " << c.matching.relabeled[i] + 1 << '\n';
    }
  });
}

}  // namespace clir::cli
