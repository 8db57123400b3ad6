// The bad-input catalogue: one test per bad input of docs/errors.md, each checking the exact
// error type and message (or, where the operating system supplies the reason, its stable
// prefix), and, where an output folder is involved, that nothing is left behind. Several cases
// are also tested in their own areas; this file is the one place that lists them all, so that
// a change of wording shows up here and in the catalogue together.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/core/community.hpp"
#include "clir/core/error.hpp"
#include "clir/core/table.hpp"
#include "clir/data/builtin.hpp"
#include "clir/distance/geo.hpp"
#include "clir/distance/matrix.hpp"
#include "clir/io/atomic_file.hpp"
#include "clir/io/csv.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/pipeline/outputs.hpp"
#include "clir/pipeline/pool.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/scoring/criteria.hpp"
#include "clir/scoring/score.hpp"
#include "clir/scoring/weights.hpp"
#include "common.hpp"

namespace {

namespace fs = std::filesystem;
using clir_reliability::entry_count;
using clir_test::error_message;
using clir_reliability::scratch_dir;

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// A small, quick scenario on the built-in data: one oblast, 8 selected, 2 groups.
const char* const kQuickScenario = R"(
[scenario]
name = "quick"
seed = 5
threads = 1
[pool]
oblasts = ["Київська"]
[selection]
size = 8
[clustering]
method = "pam"
k = 2
[reference]
grouping = "none"
)";

clir::Scenario quick(const std::string& extra = {}) { return clir::parse_scenario(std::string(kQuickScenario) + extra, "q.toml"); }

std::string scenario_error(const std::string& text) {
  return error_message<clir::ConfigError>([&] { (void)clir::parse_scenario(text, "s.toml"); });
}

const clir::HromadaDataset& base() { return clir::builtin_hromadas(); }

std::vector<clir::Community> three_communities(clir::GeoPoint a, clir::GeoPoint b, clir::GeoPoint c) {
  std::vector<clir::Community> out(3);
  const clir::GeoPoint points[] = {a, b, c};
  for (std::size_t i = 0; i < 3; ++i) {
    out[i].code = "UA0000000000000000" + std::to_string(i);
    out[i].location = points[i];
  }
  return out;
}

clir::Table table_of(const std::vector<clir::Community>& cs) {
  std::vector<std::string> ids;
  for (const auto& c : cs) ids.push_back(c.code);
  clir::Table t(ids);
  t.add_numeric("need", Eigen::VectorXd::LinSpaced(static_cast<Eigen::Index>(cs.size()), 1.0, 3.0));
  return t;
}

// ===== CSV files ===========================================================================

TEST(CatalogueCsv, MissingFile) {
  const auto dir = scratch_dir("csv-missing");
  const auto p = dir / "nope.csv";
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_csv(p); }), p.string() + ": the file does not exist");
}

TEST(CatalogueCsv, DirectoryGivenAsFile) {
  const auto dir = scratch_dir("csv-dir");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_csv(dir); }), dir.string() + ": is a directory, not a file");
}

TEST(CatalogueCsv, EmptyFile) {
  EXPECT_EQ(error_message<clir::InputError>([] { (void)clir::parse_csv("", "a.csv"); }),
            "a.csv: the file is empty; expected a header line");
}

TEST(CatalogueCsv, Utf16File) {
  EXPECT_EQ(error_message<clir::InputError>([] { (void)clir::parse_csv(std::string("\xFF\xFE" "c\0o\0", 6), "a.csv"); }),
            "a.csv:1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
}

TEST(CatalogueCsv, NonUtf8File) {
  // "Київ" saved as Windows-1251 / Latin-1 bytes instead of UTF-8.
  const auto dir = scratch_dir("csv-latin1");
  write_bytes(dir / "a.csv", "code,name\nUA1,Caf\xE9\n");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_csv(dir / "a.csv"); }),
            (dir / "a.csv").string() + ":2:2: invalid UTF-8 (byte 0xE9 at byte 4 of the field); save the file as UTF-8");
}

TEST(CatalogueCsv, UnterminatedQuote) {
  EXPECT_EQ(error_message<clir::InputError>([] { (void)clir::parse_csv("a,b\n1,\"x\n", "a.csv"); }),
            "a.csv:2:2: unterminated quoted field: the quote opened here is never closed");
}

TEST(CatalogueCsv, RaggedRow) {
  EXPECT_EQ(error_message<clir::InputError>([] { (void)clir::parse_csv("a,b,c\n1,2\n", "a.csv"); }),
            "a.csv:2: expected 3 fields as in the header, found 2");
}

TEST(CatalogueCsv, DuplicateColumnName) {
  EXPECT_EQ(error_message<clir::InputError>([] { (void)clir::parse_csv("code,x,code\n1,2,3\n", "a.csv"); }),
            "a.csv:1:3: 'code': duplicate column name 'code' (fields 1 and 3)");
}

TEST(CatalogueCsv, DecimalComma) {
  const auto doc = clir::parse_csv("code;x\nA;3,5\n", "a.csv");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_table(doc, {.numeric_columns = {"x"}}); }),
            "a.csv:2:2: 'x': expected a number, got '3,5' (use '.' as the decimal separator)");
}

TEST(CatalogueCsv, NanInANumericCell) {
  const auto doc = clir::parse_csv("code,x\nA,nan\n", "a.csv");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_table(doc, {.numeric_columns = {"x"}}); }),
            "a.csv:2:2: 'x': expected a finite number, got 'nan' (leave the cell empty for a missing value)");
}

TEST(CatalogueCsv, DuplicateCodeInATable) {
  const auto doc = clir::parse_csv("code,x\nA,1\nB,2\nA,3\n", "a.csv");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_table(doc, {.numeric_columns = {"x"}}); }),
            "a.csv:4:1: 'code': duplicate code 'A' on lines 2 and 4");
}

TEST(CatalogueCsv, MissingRequiredColumn) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA32060010000086043,50.4,30.5\n", "a.csv");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_table(doc, {.numeric_columns = {"population"}}); }),
            "a.csv: 'population': missing required column 'population'; available columns: code, lat, lon");
}

TEST(CatalogueCsv, LatitudeAndLongitudeSwapped) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA32060010000086043,30.52,50.45\n", "a.csv");
  EXPECT_EQ(error_message<clir::InputError>([&] {
              (void)clir::read_communities(doc, {.latitude = "lat", .longitude = "lon"}, {.expected_area = clir::ukraine_area});
            }),
            "a.csv:2:2: 'lat': looks like latitude and longitude are swapped: (lat 30.52, lon 50.45) is outside the "
            "expected area (lat 44..53, lon 22..41) but the swapped point is inside it");
}

TEST(CatalogueCsv, LatitudeOutOfRange) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA32060010000086043,95.5,30.5\n", "a.csv");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_communities(doc, {.latitude = "lat", .longitude = "lon"}); }),
            "a.csv:2:2: 'lat': latitude 95.5 is outside [-90, 90] degrees");
}

TEST(CatalogueCsv, MalformedCommunityCode) {
  const auto doc = clir::parse_csv("code,lat,lon\nUA3206001,50.4,30.5\n", "a.csv");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::read_communities(doc, {.latitude = "lat", .longitude = "lon"}); }),
            "a.csv:2:1: 'code': expected a KATOTTG code ('UA' followed by 17 digits), got 'UA3206001'");
}

// ----- a programme's applications file -----------------------------------------------------

std::string applications_error(const std::string& text) {
  const auto doc = clir::parse_csv(text, "apps.csv");
  return error_message<clir::InputError>([&] { (void)clir::build_pool(base(), {}, &doc); });
}

TEST(CatalogueApplications, UnknownCommunityCode) {
  EXPECT_EQ(applications_error("code,x\nUA74020030000069340,1\nUA99999999999999999,2\n"),
            "apps.csv:3:1: 'code': unknown community code 'UA99999999999999999': not a hromada of the built-in data");
}

TEST(CatalogueApplications, DuplicateCodes) {
  EXPECT_EQ(applications_error("code,x\nUA74020030000069340,1\nUA74020030000069340,2\n"),
            "apps.csv:3:1: 'code': community code 'UA74020030000069340' appears on lines 2 and 3");
}

TEST(CatalogueApplications, MalformedCode) {
  EXPECT_EQ(applications_error("code,x\nMena,1\n"),
            "apps.csv:2:1: 'code': 'Mena' is not a KATOTTG community code (expected UA followed by 17 digits)");
}

TEST(CatalogueApplications, ColumnClashesWithABuiltInOne) {
  EXPECT_EQ(applications_error("code,population_2022\nUA74020030000069340,1\n"),
            "apps.csv:1:2: 'population_2022': column 'population_2022' has the name of a built-in column; rename it in "
            "the applications file");
}

TEST(CatalogueApplications, NonUtf8ApplicationsFileThroughAScenario) {
  const auto dir = scratch_dir("apps-latin1");
  write_bytes(dir / "apps.csv", "code,contact\nUA74020030000069340,Men\xE1\n");
  write_bytes(dir / "s.toml", std::string(kQuickScenario) + "[data]\napplications = \"apps.csv\"\n");
  const auto sc = clir::load_scenario(dir / "s.toml");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::run(sc); }),
            (dir / "apps.csv").string() + ":2:2: invalid UTF-8 (byte 0xE1 at byte 4 of the field); save the file as UTF-8");
}

// ===== scenario files ======================================================================

TEST(CatalogueScenario, UnknownKeySuggestsTheClosest) {
  EXPECT_EQ(scenario_error("[selection]\nsise = 19\n"),
            "s.toml:2:1: 'selection.sise': unknown key 'sise' in [selection]; did you mean 'size'? "
            "(allowed: size, solver, time_limit_s, quota, distinct, share)");
}

TEST(CatalogueScenario, WrongTypeNamesTheLine) {
  EXPECT_EQ(scenario_error("[selection]\n\nsize = \"nineteen\"\n"), "s.toml:3:8: 'selection.size': expected an integer");
}

TEST(CatalogueScenario, ValueOutOfRange) {
  EXPECT_EQ(scenario_error("[clustering]\nalpha = 1.5\n"), "s.toml:2:9: 'clustering.alpha': expected a number in [0, 1]");
}

TEST(CatalogueScenario, KZeroInTheScenario) {
  EXPECT_EQ(scenario_error("[clustering]\nk = 0\n"), "s.toml:2:5: 'clustering.k': expected an integer >= 1");
}

TEST(CatalogueScenario, UnknownMethodListsTheAllowed) {
  EXPECT_EQ(scenario_error("[clustering]\nmethod = \"kmeans\"\n"),
            "s.toml:2:10: 'clustering.method': unknown value 'kmeans' "
            "(allowed: exact, pam, fastpam1, fasterpam, alternating, skater, spectral, fastermsc, dynmsc)");
}

TEST(CatalogueScenario, MinSizeAboveMaxSize) {
  EXPECT_EQ(scenario_error("[clustering]\nmin_size = 5\nmax_size = 4\n"),
            "s.toml:2:12: 'clustering.min_size': min_size 5 exceeds max_size 4");
}

TEST(CatalogueScenario, AhpMatrixNotSquare) {
  EXPECT_EQ(scenario_error("[scoring]\nahp_matrix = [[1, 2], [0.5]]\n"),
            "s.toml:2:14: 'scoring.ahp_matrix': expected a square matrix (2 rows of 2)");
}

TEST(CatalogueScenario, InvalidToml) {
  const std::string what = error_message<clir::InputError>([] { (void)clir::parse_scenario("[scenario]\nname = \"x\n", "s.toml"); });
  EXPECT_EQ(what.rfind("s.toml:2:", 0), 0u) << what;
  EXPECT_NE(what.find("invalid TOML"), std::string::npos) << what;
}

TEST(CatalogueScenario, MissingScenarioFile) {
  const auto dir = scratch_dir("scenario-missing");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::load_scenario(dir / "none.toml"); }),
            (dir / "none.toml").string() + ": the file does not exist");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::load_scenario(dir); }),
            dir.string() + ": is a directory, not a file");
}

TEST(CatalogueScenario, NonUtf8ScenarioFile) {
  const auto dir = scratch_dir("scenario-latin1");
  write_bytes(dir / "s.toml", "[scenario]\nname = \"Men\xE1\"\n");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::load_scenario(dir / "s.toml"); }),
            (dir / "s.toml").string() + ":2:11: invalid TOML: Encountered invalid utf-8 sequence");
}

// ===== scoring and selection (API) =========================================================

TEST(CatalogueScoring, AhpInconsistent) {
  Eigen::MatrixXd a(3, 3);
  a << 1, 9, 1.0 / 9, 1.0 / 9, 1, 9, 9, 1.0 / 9, 1;
  const std::string what = error_message<clir::ConfigError>([&] { (void)clir::ahp_weights(a); });
  EXPECT_EQ(what.rfind("'ahp.matrix': the pairwise judgements are inconsistent: consistency ratio ", 0), 0u) << what;
  EXPECT_NE(what.find(" > 0.100000 (revise the judgements or set ahp.allow_inconsistent = true)"), std::string::npos) << what;
}

TEST(CatalogueScoring, AhpNotSquare) {
  EXPECT_EQ(error_message<clir::ConfigError>([] { (void)clir::ahp_weights(Eigen::MatrixXd::Ones(2, 3)); }),
            "'ahp.matrix': the pairwise matrix must be square and non-empty, got 2 x 3");
}

TEST(CatalogueScoring, AhpNegativeEntry) {
  Eigen::MatrixXd a(2, 2);
  a << 1, -2, -0.5, 1;
  EXPECT_EQ(error_message<clir::ConfigError>([&] { (void)clir::ahp_weights(a); }),
            "'ahp.matrix[0][1]': pairwise judgements must be finite and > 0, got -2.000000");
}

TEST(CatalogueScoring, AhpNotReciprocal) {
  Eigen::MatrixXd a(2, 2);
  a << 1, 3, 3, 1;
  EXPECT_EQ(error_message<clir::ConfigError>([&] { (void)clir::ahp_weights(a); }),
            "'ahp.matrix[0][1]': the matrix must be reciprocal: a[i][j] * a[j][i] = 9.000000, expected 1");
}

TEST(CatalogueScoring, WeightsSummingToZero) {
  EXPECT_EQ(error_message<clir::ConfigError>([] { (void)clir::normalize_weights(Eigen::VectorXd::Zero(3)); }),
            "'weights': every weight is 0; at least one must be > 0");
}

TEST(CatalogueScoring, EveryCriterionWeightZero) {
  clir::Table t({"a", "b"});
  t.add_numeric("x", Eigen::Vector2d(1, 2));
  t.add_numeric("y", Eigen::Vector2d(2, 1));
  const std::vector<clir::Criterion> criteria{{.column = "x", .weight = 0.0}, {.column = "y", .weight = 0.0}};
  EXPECT_EQ(error_message<clir::ConfigError>([&] { (void)clir::score(t, criteria); }),
            "'criteria.weight': every criterion has weight 0; at least one must be > 0");
}

TEST(CatalogueScoring, NegativeWeight) {
  clir::Table t({"a", "b"});
  t.add_numeric("x", Eigen::Vector2d(1, 2));
  const std::vector<clir::Criterion> criteria{{.column = "x", .weight = -1.0}};
  EXPECT_EQ(error_message<clir::ConfigError>([&] { (void)clir::score(t, criteria); }),
            "'criteria.x.weight': criterion 'x': weight must be finite and >= 0, got -1.000000");
}

TEST(CatalogueScoring, NanInACriterionColumn) {
  clir::Table t({"a", "b", "c"});
  Eigen::VectorXd x(3);
  x << 1.0, std::numeric_limits<double>::quiet_NaN(), 3.0;
  EXPECT_EQ(error_message<clir::InputError>([&] { t.add_numeric("x", x); }), "'x': non-finite value in row 2 ('b')");
  EXPECT_FALSE(t.has_numeric("x"));
}

TEST(CatalogueScoring, UnknownCriterionColumn) {
  clir::Table t({"a", "b"});
  t.add_numeric("x", Eigen::Vector2d(1, 2));
  const std::vector<clir::Criterion> criteria{{.column = "z"}};
  EXPECT_EQ(error_message<clir::ConfigError>([&] { (void)clir::score(t, criteria); }),
            "'criteria.z.column': criterion 'z': no numeric column 'z'; numeric columns: x");
}

TEST(CatalogueScoring, NoCriteria) {
  clir::Table t({"a", "b"});
  t.add_numeric("x", Eigen::Vector2d(1, 2));
  EXPECT_EQ(error_message<clir::ConfigError>([&] { (void)clir::score(t, std::vector<clir::Criterion>{}); }),
            "'criteria': at least one criterion is needed");
}

TEST(CatalogueSelection, ContradictoryQuotasNameBoth) {
  auto sc = quick("[[selection.quota]]\ncolumn = \"type\"\ncategory = \"city\"\nmin = 3\nmax = 2\n");
  try {
    (void)clir::run(sc);
    FAIL() << "expected clir::Infeasible";
  } catch (const clir::Infeasible& e) {
    EXPECT_EQ(std::string(e.what()),
              "no selection satisfies the quotas; conflicting constraints: at least 3 with type = city; at most 2 with "
              "type = city; relax 'at least 3 with type = city'");
    EXPECT_EQ(e.conflicting().size(), 2u);
  }
}

TEST(CatalogueSelection, EligibilityLeavesNobody) {
  auto sc = quick("[[eligibility]]\nname = \"impossible\"\nrule = \"population_2022 < 0\"\n");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::run(sc); }),
            "'eligibility': no applicant passes the eligibility rules (69 applicants)");
}

TEST(CatalogueSelection, MoreToSelectThanApplicants) {
  auto sc = quick();
  sc.selection.count = 5000;
  EXPECT_EQ(error_message<clir::Infeasible>([&] { (void)clir::run(sc); }),
            "no selection satisfies the quotas; conflicting constraints: select 5000; only 69 eligible applicants; "
            "select at most 69");
}

TEST(CatalogueSelection, PoolFilterLeavesNobody) {
  const auto doc = clir::parse_csv("code\nUA74020030000069340\n", "apps.csv");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::build_pool(base(), {.oblasts = {"Київська"}}, &doc); }),
            "apps.csv: 'pool': no applicant remains after the pool filters and the applications file");
}

TEST(CatalogueSelection, UnknownOblast) {
  const std::string what = error_message<clir::ConfigError>([] { (void)clir::build_pool(base(), {.oblasts = {"Кримська"}}); });
  EXPECT_EQ(what.rfind("'pool.oblasts': unknown oblast 'Кримська' (allowed: ", 0), 0u) << what;
}

// ===== clustering (API) ====================================================================

clir::DistanceMatrix<double> line_matrix(std::size_t n) {
  clir::DistanceMatrix<double> d(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) d.set(i, j, static_cast<double>(j - i));
  return d;
}

TEST(CatalogueClustering, KLargerThanN) {
  EXPECT_EQ(error_message<clir::ConfigError>([] { (void)clir::fasterpam(line_matrix(5), 6); }),
            "'k': k = 6 exceeds the number of items n = 5");
}

TEST(CatalogueClustering, KZero) {
  EXPECT_EQ(error_message<clir::ConfigError>([] { (void)clir::pam(line_matrix(5), 0); }),
            "'k': the number of groups must be at least 1");
}

TEST(CatalogueClustering, EmptyDistanceMatrix) {
  EXPECT_EQ(error_message<clir::InputError>([] { (void)clir::pam(clir::DistanceMatrix<double>(0), 1); }),
            "'distance': the distance matrix is empty; there is nothing to cluster");
}

TEST(CatalogueClustering, NanDistance) {
  auto d = line_matrix(4);
  d.set(1, 3, std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::fasterpam(d, 2); }),
            "'distance': d(1, 3) = nan is not a number; distances must be finite and >= 0");
}

TEST(CatalogueClustering, NegativeDistance) {
  auto d = line_matrix(4);
  d.set(0, 2, -1.0);
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::pam(d, 2); }),
            "'distance': d(0, 2) = -1 is negative; distances must be finite and >= 0");
}

TEST(CatalogueClustering, RepeatedInitialMedoid) {
  EXPECT_EQ(error_message<clir::ConfigError>([] {
              (void)clir::fasterpam(line_matrix(5), 2, {.init = clir::Init::given, .initial_medoids = {1, 1}});
            }),
            "'initial_medoids': medoid index 1 appears twice");
}

TEST(CatalogueClustering, CoordinateOutOfRange) {
  const std::vector<clir::GeoPoint> pts{{50.0, 30.0}, {120.0, 30.0}};
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::geo_distance_matrix(pts); }),
            "'points[1]': latitude 120.000000 is outside [-90, 90]");
}

TEST(CatalogueClustering, AllIdenticalPoints) {
  const auto cs = three_communities({50.0, 30.0}, {50.0, 30.0}, {50.0, 30.0});
  EXPECT_EQ(error_message<clir::InputError>([&] {
              (void)clir::group_communities(cs, table_of(cs), {.method = clir::GroupingMethod::pam, .k = 2, .alpha = 0.0});
            }),
            "'geo': every geographic distance is 0, so it cannot be scaled; give it weight 0 (alpha = 1) or check the input");
}

TEST(CatalogueClustering, SizeBoundsCannotBeMet) {
  const auto cs = three_communities({50.0, 30.0}, {50.1, 30.0}, {50.2, 30.3});
  EXPECT_EQ(error_message<clir::Infeasible>([&] {
              (void)clir::group_communities(cs, table_of(cs),
                                            {.method = clir::GroupingMethod::pam, .k = 2, .alpha = 0.0, .min_size = 2});
            }),
            "2 groups of at least 2 items need 4 items, more than the 3 items; conflicting constraints: k = 2; "
            "min_size = 2; 3 items; lower min_size to at most 1 or k to at most 1");
}

TEST(CatalogueClustering, KLargerThanTheSelection) {
  auto sc = quick();
  sc.grouping.k = 9;  // 8 selected
  // Checked before the work (#26), and located at the line where the file gives k.
  EXPECT_EQ(error_message<clir::ConfigError>([&] { (void)clir::run(sc); }),
            "q.toml:12:5: 'clustering.k': k = 9 groups for 8 selected communities; expected 1 <= k <= 8");
}

TEST(CatalogueClustering, UnknownCodeInMustLink) {
  const auto cs = three_communities({50.0, 30.0}, {50.1, 30.0}, {50.2, 30.3});
  EXPECT_EQ(error_message<clir::InputError>([&] {
              (void)clir::group_communities(cs, table_of(cs),
                                            {.method = clir::GroupingMethod::pam, .k = 2, .alpha = 0.0,
                                             .must_link = {{"UA00000000000000000", "UA99999999999999999"}}});
            }),
            "'must_link': 'UA99999999999999999' is not among the communities being grouped");
}

// ===== pipeline outputs and CLI-level inputs ===============================================

const clir::RunResult& quick_result() {
  static const clir::RunResult r = clir::run(quick());
  return r;
}

TEST(CataloguePipeline, OutputFolderUnderAFile) {
  const auto dir = scratch_dir("out-under-file");
  write_bytes(dir / "plain", "x");
  const auto out = dir / "plain" / "out";
  const std::string what = error_message<clir::InputError>([&] { (void)clir::write_run_outputs(quick_result(), out, {.map = false}); });
  EXPECT_EQ(what.rfind(out.string() + ": cannot access the output folder: ", 0), 0u) << what;  // + the system's reason
  EXPECT_EQ(entry_count(dir), 1u);  // only the file we made
}

TEST(CataloguePipeline, OutputFolderCannotBeCreated) {
  // /proc/self is not writable even for root.
  const fs::path out = "/proc/self/clir-out";
  const std::string what = error_message<clir::InputError>([&] { (void)clir::write_run_outputs(quick_result(), out, {.map = false}); });
  EXPECT_EQ(what.rfind(out.string() + ": cannot create the output folder: ", 0), 0u) << what;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CataloguePipeline, OutputFolderIsAFile) {
  const auto dir = scratch_dir("out-is-file");
  write_bytes(dir / "out", "x");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::write_run_outputs(quick_result(), dir / "out", {.map = false}); }),
            (dir / "out").string() + ": the output folder is a file, not a folder");
  EXPECT_EQ(entry_count(dir), 1u);
}

TEST(CataloguePipeline, OutputFolderNotEmptyWithoutForce) {
  const auto dir = scratch_dir("out-not-empty");
  write_bytes(dir / "notes.txt", "mine");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::write_run_outputs(quick_result(), dir, {.map = false}); }),
            dir.string() +
                ": the output folder already exists and is not empty; allow overwriting (--force) to replace it");
  EXPECT_EQ(entry_count(dir), 1u);  // nothing added, nothing removed
}

TEST(CataloguePipeline, UnknownReferenceFile) {
  const auto dir = scratch_dir("reference-missing");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::load_reference((dir / "ref.csv").string()); }),
            (dir / "ref.csv").string() + ": the file does not exist");
}

TEST(CataloguePipeline, ReferenceWithUnknownCode) {
  const auto dir = scratch_dir("reference-unknown");
  write_bytes(dir / "ref.csv", "code,group\nUA99999999999999999,1\n");
  EXPECT_EQ(error_message<clir::InputError>([&] { (void)clir::load_reference((dir / "ref.csv").string()); }),
            (dir / "ref.csv").string() + ":2:1: 'code': unknown community code 'UA99999999999999999': not a hromada of the built-in data");
}

TEST(CataloguePipeline, UnknownCriterionColumnInAScenario) {
  auto sc = quick("[[criteria]]\ncolumn = \"no_such_column\"\n");
  const std::string what = error_message<clir::ConfigError>([&] { (void)clir::run(sc); });
  // Since #26 the error names the [[criteria]] entry's file:line:column first. The list of
  // available columns follows; it grows with the built-in data.
  EXPECT_EQ(what.rfind("q.toml:16:10: 'criteria.no_such_column.column': criterion 'no_such_column': no numeric column "
                       "'no_such_column'; numeric columns: latitude, longitude, population_2022, ", 0), 0u) << what;
}

}  // namespace
