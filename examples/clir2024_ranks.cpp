// Where do the 19 communities of the published CLIR 2024 selection rank under the default
// war-impact and need criteria, among the hromadas of the 11 oblasts that have Order 376
// entries (other than Zhytomyr oblast), and how robust is that to the weights?
//
// Run: build/release/examples/clir_example_clir2024_ranks
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "clir/scoring/default_criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/robustness.hpp"

#if __has_include("clir/data/builtin.hpp")
#include "clir/data/builtin.hpp"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0.0;
  const std::size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2.0;
}

}  // namespace

int main() {
  const auto& data = clir::builtin_hromadas();
  const clir::Table table = clir::with_war_history(data.table);

  // The oblasts with at least one hromada listed in Order 376 (occupation, active or possible
  // hostilities), without Zhytomyr oblast.
  std::set<std::string> oblasts;
  for (std::size_t i = 0; i < table.rows(); ++i) {
    for (const char* column : {"occupation_first_start", "active_hostilities_first_start", "possible_hostilities_first_start"}) {
      if (!table.categorical(column)[i].empty()) oblasts.insert(table.categorical("oblast_en")[i]);
    }
  }
  oblasts.erase("Zhytomyrska");
  std::string in_oblasts = "oblast_en in {";
  for (const auto& o : oblasts) in_oblasts += (in_oblasts.back() == '{' ? "" : ", ") + o;
  in_oblasts += "}";

  auto rules = clir::default_clir_eligibility();
  rules.push_back(clir::parse_eligibility_rule(in_oblasts, "in the " + std::to_string(oblasts.size()) +
                                                               " oblasts with Order 376 entries other than Zhytomyr"));
  const auto eligibility = clir::check_eligibility(table, rules);
  const clir::Table pool = table.select_rows(eligibility.eligible_rows);
  const auto criteria = clir::default_clir_criteria();
  const auto matrix = clir::build_decision_matrix(pool, criteria);
  const clir::ScoringOptions topsis{.method = clir::ScoringMethod::topsis};
  const auto scores = clir::score(matrix, topsis);
  const std::size_t n = pool.rows();

  std::printf("Pool: %zu hromadas of %zu oblasts (%s)\n", n, oblasts.size(), in_oblasts.c_str());
  for (std::size_t r = 0; r < rules.size(); ++r) {
    std::printf("  excluded by '%s': %zu\n", eligibility.rule_names[r].c_str(), eligibility.excluded_count[r]);
  }
  std::printf("Criteria (TOPSIS, vector normalization):");
  for (std::size_t j = 0; j < criteria.size(); ++j) {
    std::printf(" %s %.2f%s", criteria[j].label().c_str(), scores.weights(static_cast<Eigen::Index>(j)),
                j + 1 < criteria.size() ? "," : "\n");
  }

  // Robustness: 10,000 Dirichlet draws around the weights; a quota selection of 19 with at
  // most 4 per oblast per draw (the published selection has at most 4 per oblast).
  const clir::PreparedScoring prepared(matrix, topsis);
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;
  const clir::SelectionOptions quota{.count = 19, .quotas = {{.column = "oblast_en", .max = 4}}};
  const clir::QuotaSelector selector(pool, all, quota);
  const auto mc = clir::monte_carlo(prepared, scores.weights,
                                    {.draws = 10000, .concentration = 50.0, .seed = 2024, .rank_bands = {19, 50, 100, 250}},
                                    &selector);
  const auto selection = clir::select(pool, scores, quota);

  std::printf("\n%-3s %-22s %-16s %7s %6s %6s %8s %8s %9s %9s %10s\n", "grp", "community", "oblast", "score",
              "rank", "pct", "P(sel)", "P(<=50)", "P(<=100)", "mean rk", "best-worst");
  const auto& reference = clir::builtin_clir2024();
  std::vector<double> ranks;
  std::size_t in_top19 = 0, in_top100 = 0, selected = 0;
  for (const auto& member : reference.members) {
    const auto& community = data.communities[data.table.row(member.code)];
    const auto row = pool.find_row(member.code);
    if (!row) {
      std::printf("%-3d %-22s %-16s   not in the pool: %s\n", member.group, community.name_en.c_str(),
                  community.oblast_en.c_str(), eligibility.reason(table.row(member.code)).c_str());
      continue;
    }
    const auto i = static_cast<Eigen::Index>(*row);
    const std::size_t rank = scores.rank[*row];
    ranks.push_back(static_cast<double>(rank));
    in_top19 += rank <= 19;
    in_top100 += rank <= 100;
    const bool chosen = std::find(selection.selected_rows.begin(), selection.selected_rows.end(), *row) !=
                        selection.selected_rows.end();
    selected += chosen;
    std::printf("%-3d %-22s %-16s %7.4f %6zu %5.1f%% %8.3f %8.3f %9.3f %9.1f %5zu-%zu%s\n", member.group,
                community.name_en.c_str(), community.oblast_en.c_str(), scores.score(i), rank,
                100.0 * static_cast<double>(rank) / static_cast<double>(n), mc.selection_probability(i),
                mc.rank_acceptability(i, 0) + mc.rank_acceptability(i, 1),
                mc.rank_acceptability(i, 0) + mc.rank_acceptability(i, 1) + mc.rank_acceptability(i, 2),
                mc.mean_rank(i), mc.best_rank[*row], mc.worst_rank[*row], chosen ? "  selected" : "");
  }
  std::printf("\nOf the %zu published communities in the pool: median rank %.0f of %zu; %zu in the top 19, %zu in the "
              "top 100; %zu in the model's quota selection of 19 (at most 4 per oblast).\n",
              ranks.size(), median(ranks), n, in_top19, in_top100, selected);
  std::printf("P(sel) = share of 10,000 weight draws (Dirichlet, concentration 50) in which the community is among\n"
              "the 19 selected; P(<=k) = share of draws with rank <= k.\n");

  // How much the answer depends on the method and on each criterion.
  std::printf("\nOther methods vs TOPSIS (Spearman, Kendall tau-b, top-19 overlap; median rank of the published 19):\n");
  struct Variant {
    const char* name;
    clir::ScoringOptions options;
  };
  const std::vector<Variant> variants{
      {"topsis (min_max)", {.method = clir::ScoringMethod::topsis, .topsis_normalization = clir::Normalization::min_max}},
      {"weighted_sum", {.method = clir::ScoringMethod::weighted_sum}},
      {"vikor", {.method = clir::ScoringMethod::vikor}},
      {"promethee_ii", {.method = clir::ScoringMethod::promethee_ii}},
      {"topsis, critic", {.method = clir::ScoringMethod::topsis, .weights = {.method = clir::WeightMethod::critic}}},
      {"topsis, entropy", {.method = clir::ScoringMethod::topsis, .weights = {.method = clir::WeightMethod::entropy}}},
  };
  for (const auto& variant : variants) {
    const auto other = clir::score(matrix, variant.options);
    const auto agree = clir::rank_agreement(scores.score, other.score, 19);
    std::vector<double> r;
    for (const auto& member : reference.members) {
      if (const auto row = pool.find_row(member.code)) r.push_back(static_cast<double>(other.rank[*row]));
    }
    std::printf("  %-17s %6.3f %6.3f %6.3f   median rank %.0f\n", variant.name,
                agree.spearman, agree.kendall_tau_b, agree.top_overlap, median(r));
  }
  std::printf("\nLeave one criterion out (Spearman vs all criteria; median rank of the published 19):\n");
  for (const auto& drop : clir::leave_one_criterion_out(prepared, scores.weights, 19, &selector)) {
    const auto s = prepared.evaluate(drop.weights);
    const auto rank = clir::rank_descending(s);
    std::vector<double> r;
    for (const auto& member : reference.members) {
      if (const auto row = pool.find_row(member.code)) r.push_back(static_cast<double>(rank[*row]));
    }
    std::printf("  without %-15s %6.3f   median rank %.0f   selection changes: %zu in, %zu out\n",
                drop.criterion.c_str(), drop.agreement.spearman, median(r), drop.entered.size(), drop.left.size());
  }
  return 0;
}

#else
int main() {
  std::puts("This build of clir has no built-in data (clir/data/builtin.hpp); nothing to rank.");
  return 0;
}
#endif
