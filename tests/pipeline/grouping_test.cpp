#include <gtest/gtest.h>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/reproduce.hpp"
#include "clir/scoring/default_criteria.hpp"

namespace {

struct Members {
  std::vector<clir::Community> communities;
  clir::Table table;
  clir::Labels published;
};

// The 19 published CLIR 2024 communities with the built-in indicators.
const Members& published19() {
  static const Members m = [] {
    Members out;
    const auto& ref = clir::builtin_clir2024();
    std::vector<std::size_t> rows;
    for (const auto& code : ref.codes()) {
      out.communities.push_back(clir::find_hromada(code));
      rows.push_back(clir::builtin_hromadas().table.row(code));
    }
    out.table = clir::with_war_history(clir::builtin_hromadas().table.select_rows(rows));
    out.published = ref.labels();
    return out;
  }();
  return m;
}

clir::GroupingSpec base_spec(clir::GroupingMethod method) {
  return {.method = method, .k = 6, .alpha = 0.3,
          .needs_columns = {"war_history_index", "frontline_distance_km", "own_revenue_per_capita_2021_uah", "dotation_level"},
          .seed = 3, .threads = 1};
}

TEST(Grouping, EveryMethodFormsExactlyKGroupsWithinTheSizeBounds) {
  const auto& m = published19();
  for (auto method : clir::enum_values<clir::GroupingMethod>()) {
    if (method == clir::GroupingMethod::dynmsc) continue;  // chooses k itself (next test)
    auto spec = base_spec(method);
    spec.min_size = 2;
    spec.max_size = 4;
    spec.category_column = "oblast_uk";
    spec.allowed_together = {{"Донецька", "Харківська"}};
    const auto g = clir::group_communities(m.communities, m.table, spec);
    const auto sizes = clir::group_sizes(g.clustering.labels);
    ASSERT_EQ(sizes.size(), 6u) << to_string(method);
    for (auto s : sizes) {
      EXPECT_GE(s, 2u) << to_string(method);
      EXPECT_LE(s, 4u) << to_string(method);
    }
    // Oblast blocks with Donetsk and Kharkiv together are exactly the published groups.
    EXPECT_DOUBLE_EQ(clir::adjusted_rand_index(m.published, g.clustering.labels), 1.0) << to_string(method);
    ASSERT_EQ(g.clustering.medoids.size(), 6u);
    for (std::size_t gi = 0; gi < 6; ++gi) EXPECT_EQ(g.clustering.labels[g.clustering.medoids[gi]], static_cast<int>(gi));
    EXPECT_GT(g.max_within_km, 0.0);
  }
}

// DynMSC chooses the number of groups in 2..k by the medoid silhouette, and that value is the
// one the grouping reports; FasterMSC keeps k.
TEST(Grouping, MedoidSilhouetteMethods) {
  const auto& m = published19();
  auto spec = base_spec(clir::GroupingMethod::dynmsc);
  spec.k = 8;
  const auto d = clir::group_communities(m.communities, m.table, spec);
  const auto groups = clir::group_sizes(d.clustering.labels).size();
  EXPECT_GE(groups, 2u);
  EXPECT_LE(groups, 8u);
  EXPECT_EQ(d.clustering.medoids.size(), groups);
  EXPECT_GT(d.clustering.medoid_silhouette, 0.0);
  EXPECT_LE(d.clustering.medoid_silhouette, 1.0);
  spec.method = clir::GroupingMethod::fastermsc;
  spec.k = groups;
  const auto f = clir::group_communities(m.communities, m.table, spec);
  EXPECT_EQ(clir::group_sizes(f.clustering.labels).size(), groups);
  EXPECT_EQ(clir::parse_enum<clir::GroupingMethod>("dynmsc", "method"), clir::GroupingMethod::dynmsc);
  spec.method = clir::GroupingMethod::dynmsc;
  spec.k = 1;
  EXPECT_THROW(clir::group_communities(m.communities, m.table, spec), clir::ConfigError);
}

TEST(Grouping, ExactIsNeverWorseThanTheHeuristics) {
  const auto& m = published19();
  auto spec = base_spec(clir::GroupingMethod::exact);
  spec.min_size = 2;
  spec.max_size = 4;
  const auto exact = clir::group_communities(m.communities, m.table, spec);
  EXPECT_TRUE(exact.proven_optimal);
  for (auto method : {clir::GroupingMethod::pam, clir::GroupingMethod::fasterpam, clir::GroupingMethod::alternating}) {
    spec.method = method;
    EXPECT_GE(clir::group_communities(m.communities, m.table, spec).clustering.loss, exact.clustering.loss - 1e-9) << to_string(method);
  }
}

TEST(Grouping, GeographyOnlyIgnoresNeeds) {
  const auto& m = published19();
  auto spec = base_spec(clir::GroupingMethod::pam);
  spec.alpha = 0.0;
  const auto a = clir::group_communities(m.communities, m.table, spec);
  spec.needs_columns = {"capacity_class"};
  const auto b = clir::group_communities(m.communities, m.table, spec);
  EXPECT_EQ(a.clustering.labels, b.clustering.labels);
  EXPECT_NEAR(a.clustering.loss, b.clustering.loss, 1e-12);
}

TEST(Grouping, BadSpecificationsAreNamed) {
  const auto& m = published19();
  auto spec = base_spec(clir::GroupingMethod::pam);
  spec.k = 0;
  EXPECT_THROW((void)clir::group_communities(m.communities, m.table, spec), clir::ConfigError);
  spec = base_spec(clir::GroupingMethod::pam);
  spec.k = 20;
  EXPECT_THROW((void)clir::group_communities(m.communities, m.table, spec), clir::ConfigError);
  spec = base_spec(clir::GroupingMethod::pam);
  spec.needs_columns.clear();
  try {
    (void)clir::group_communities(m.communities, m.table, spec);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "needs_columns");
  }
  spec = base_spec(clir::GroupingMethod::skater);
  spec.must_link = {{m.communities[0].code, m.communities[1].code}};
  EXPECT_THROW((void)clir::group_communities(m.communities, m.table, spec), clir::ConfigError);
  spec = base_spec(clir::GroupingMethod::pam);
  spec.must_link = {{m.communities[0].code, "UA00000000000000000"}};
  try {
    (void)clir::group_communities(m.communities, m.table, spec);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "must_link");
  }
  spec = base_spec(clir::GroupingMethod::pam);
  spec.min_size = 5;  // 6 groups of at least 5 from 19
  EXPECT_THROW((void)clir::group_communities(m.communities, m.table, spec), clir::Infeasible);
  EXPECT_THROW((void)clir::parse_enum<clir::GroupingMethod>("kmeans", "method"), clir::ConfigError);
  EXPECT_EQ(clir::parse_enum<clir::GroupingMethod>("skater", "method"), clir::GroupingMethod::skater);
}

TEST(Reproduce, SmallGridScoresEverySetting) {
  clir::ReproductionOptions options;
  options.methods = {clir::GroupingMethod::pam, clir::GroupingMethod::skater};
  options.alphas = {0.0, 1.0};
  options.threads = 2;
  const auto sets = clir::clir2024_member_sets();
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[1].second.codes.size(), 18u);
  const auto r = clir::reproduce(sets, options);
  ASSERT_EQ(r.rows.size(), 2u * 2u * 3u * 2u);
  for (const auto& row : r.rows) {
    if (row.constraints == "within oblast") {
      EXPECT_TRUE(row.error.empty()) << row.error;
      EXPECT_DOUBLE_EQ(row.ari, 1.0) << to_string(row.method) << ' ' << row.members;
      EXPECT_TRUE(row.misplaced.empty());
    }
    if (row.error.empty()) {
      EXPECT_EQ(row.labels.size(), row.n);
    }
  }
  // Same grid, one thread: identical.
  options.threads = 1;
  const auto again = clir::reproduce(sets, options);
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    EXPECT_EQ(r.rows[i].labels, again.rows[i].labels);
    EXPECT_EQ(r.rows[i].error, again.rows[i].error);
  }
  // The loss in km: a grouping equal to the reference costs what the reference costs, and the
  // geographic optimum (pam at alpha = 0, no constraint) costs no more.
  ASSERT_EQ(r.reference_geo_loss_km.size(), 2u);
  for (const auto& row : r.rows) {
    if (!row.error.empty()) continue;
    const double reference_km = row.members == "all 19" ? r.reference_geo_loss_km[0].second : r.reference_geo_loss_km[1].second;
    EXPECT_GT(row.geo_loss_km, 0.0);
    if (row.misplaced.empty()) {
      EXPECT_NEAR(row.geo_loss_km, reference_km, 1e-6);
    }
    if (row.method == clir::GroupingMethod::pam && row.alpha == 0.0 && row.constraints == "none") {
      EXPECT_LE(row.geo_loss_km, reference_km + 1e-6);
    }
  }
  const std::string md = clir::reproduction_markdown(r);
  EXPECT_NE(md.find("| all 19 | pam | within oblast | 0.0 | 1.000 |"), std::string::npos) << md;
  EXPECT_NE(md.find("Loss in km"), std::string::npos);
  const std::string csv = clir::reproduction_csv(r);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 25);
  const auto j = clir::reproduction_json(r, sets);
  EXPECT_EQ(j["rows"].size(), 24u);
  EXPECT_EQ(j["member_sets"][0]["members"].size(), 19u);
}

// graph = "contiguity": SKATER on the shared borders of the built-in polygons. The 19 CLIR
// communities are scattered, so most are islands joined to their nearest component; the default
// stays the Delaunay graph, and other methods refuse the key rather than ignore it.
TEST(Grouping, SkaterOnTheContiguityGraph) {
  const auto& m = published19();
  auto spec = base_spec(clir::GroupingMethod::skater);
  EXPECT_EQ(spec.graph, clir::GroupingGraph::delaunay);
  const auto delaunay = clir::group_communities(m.communities, m.table, spec);
  spec.graph = clir::GroupingGraph::contiguity;
  const auto contiguity = clir::group_communities(m.communities, m.table, spec);
  EXPECT_EQ(contiguity.clustering.medoids.size(), 6u);
  EXPECT_EQ(contiguity.clustering.labels.size(), 19u);
  EXPECT_NE(contiguity.clustering.labels, delaunay.clustering.labels);
  // Баришівська and Великодимерська share a border: one group under contiguity.
  const auto at = [&](const std::string& name) {
    for (std::size_t i = 0; i < m.communities.size(); ++i) {
      if (m.communities[i].name_uk == name) return i;
    }
    return m.communities.size();
  };
  EXPECT_EQ(contiguity.clustering.labels[at("Баришівська")], contiguity.clustering.labels[at("Великодимерська")]);
  spec.method = clir::GroupingMethod::pam;
  try {
    (void)clir::group_communities(m.communities, m.table, spec);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "graph");
  }
  EXPECT_EQ(clir::parse_enum<clir::GroupingGraph>("contiguity", "graph"), clir::GroupingGraph::contiguity);
  EXPECT_THROW((void)clir::parse_enum<clir::GroupingGraph>("knn", "graph"), clir::ConfigError);
}

}  // namespace

// The k-medoids start is a scenario key (grouping.init): LAB runs, is the same for the same
// seed, and a start the scenario cannot supply (given) is refused by name.
TEST(Grouping, KMedoidsStartIsAKey) {
  const auto& m = published19();
  auto spec = base_spec(clir::GroupingMethod::fasterpam);
  spec.init = clir::Init::lab;
  const auto a = clir::group_communities(m.communities, m.table, spec);
  const auto b = clir::group_communities(m.communities, m.table, spec);
  EXPECT_EQ(clir::group_sizes(a.clustering.labels).size(), 6u);
  EXPECT_EQ(a.clustering.labels, b.clustering.labels);
  EXPECT_EQ(a.clustering.medoids, b.clustering.medoids);
  spec.init = clir::Init::given;
  try {
    clir::validate_fields(spec);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "init");
  }
  try {
    (void)clir::group_communities(m.communities, m.table, spec);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "init");
  }
}
