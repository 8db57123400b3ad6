// Tests of the built-in data: the embedded files, the typed API and the facts the data must
// hold (counts, bounds, reference membership, population totals, Order 376, front line).
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/data/builtin.hpp"
#include "clir/io/csv.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path shared_dir{CLIR_SHARED_DATA_DIR};

bool have_shared_sources() { return fs::is_directory(shared_dir / "sources"); }

std::string category(const clir::Table& table, const std::string& column, const std::string& code) {
  return table.categorical(column)[table.row(code)];
}

// --------------------------------------------------------------------------------------------
TEST(BuiltinHromadas, HasAllHromadasWithUniqueSortedCodes) {
  const auto& data = clir::builtin_hromadas();
  ASSERT_EQ(data.communities.size(), 1469u);
  ASSERT_EQ(data.table.rows(), 1469u);
  std::set<std::string> codes;
  for (std::size_t i = 0; i < data.communities.size(); ++i) {
    const auto& c = data.communities[i];
    EXPECT_TRUE(clir::is_katottg_code(c.code)) << c.code;
    EXPECT_EQ(data.table.ids()[i], c.code);
    if (i > 0) {
      EXPECT_LT(data.communities[i - 1].code, c.code);
    }
    codes.insert(c.code);
    EXPECT_FALSE(c.name_uk.empty());
    EXPECT_FALSE(c.name_en.empty());
    EXPECT_FALSE(c.oblast_uk.empty());
    EXPECT_FALSE(c.oblast_en.empty());
    EXPECT_FALSE(c.raion.empty());
  }
  EXPECT_EQ(codes.size(), 1469u);
  // No Crimea (UA01) or Sevastopol (UA85).
  for (const auto& code : codes) {
    EXPECT_NE(code.substr(0, 4), "UA01");
    EXPECT_NE(code.substr(0, 4), "UA85");
  }
}

TEST(BuiltinHromadas, CoordinatesInsideUkraine) {
  // Ukraine's extreme points: 44.38–52.38 °N, 22.14–40.23 °E.
  const auto& data = clir::builtin_hromadas();
  std::set<std::pair<double, double>> distinct;
  for (const auto& c : data.communities) {
    EXPECT_GE(c.location.lat, 44.38) << c.code;
    EXPECT_LE(c.location.lat, 52.38) << c.code;
    EXPECT_GE(c.location.lon, 22.14) << c.code;
    EXPECT_LE(c.location.lon, 40.23) << c.code;
    EXPECT_EQ(c.location.lat, data.table.get(data.table.row(c.code), "latitude").value());
    distinct.insert({c.location.lat, c.location.lon});
  }
  // The coinciding-coordinates defect of the source is resolved: every point is distinct.
  EXPECT_EQ(distinct.size(), data.communities.size());
  const auto& table = data.table;
  EXPECT_EQ(category(table, "location_source", "UA59080130000022249"), "admin_centre");
  EXPECT_EQ(category(table, "location_source", "UA59080150000013842"), "polygon_centroid");
  const auto& sources = table.categorical("location_source");
  EXPECT_EQ(std::count(sources.begin(), sources.end(), "admin_centre"), 1468);
}

TEST(BuiltinHromadas, TableHasEveryColumnWithUnits) {
  const auto& table = clir::builtin_hromadas().table;
  std::size_t numeric = 0, text = 0;
  for (const auto& column : clir::builtin_hromada_columns()) {
    if (column.name == "code") continue;
    if (column.numeric) {
      ++numeric;
      ASSERT_TRUE(table.has_numeric(column.name)) << column.name;
      const auto& info = table.numeric_columns()[table.numeric_index(column.name)];
      EXPECT_EQ(info.unit, column.unit) << column.name;
    } else {
      ++text;
      EXPECT_TRUE(table.has_categorical(column.name)) << column.name;
    }
    EXPECT_FALSE(column.description.empty());
  }
  EXPECT_EQ(table.numeric_count(), numeric);
  EXPECT_EQ(table.categorical_names().size(), text);
  EXPECT_EQ(table.numeric_columns()[table.numeric_index("frontline_distance_km")].unit, "km");
  EXPECT_EQ(table.numeric_columns()[table.numeric_index("population_2022")].unit, "persons");
}

TEST(BuiltinHromadas, MissingValuesStayMissing) {
  // The 31 hromadas occupied before 2022 have no area or budget in the sources: missing, not 0.
  const auto& table = clir::builtin_hromadas().table;
  const auto occupied = table.numeric("occupied_before_2022");
  const auto area = table.numeric_index("area_km2");
  const auto revenue = table.numeric_index("own_revenue_per_capita_2021_uah");
  int count = 0;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    if (occupied(static_cast<Eigen::Index>(r)) == 1.0) {
      ++count;
      EXPECT_TRUE(table.is_missing(r, area)) << table.ids()[r];
      EXPECT_TRUE(table.is_missing(r, revenue)) << table.ids()[r];
    } else {
      EXPECT_FALSE(table.is_missing(r, revenue)) << table.ids()[r];
    }
  }
  EXPECT_EQ(count, 31);
  // Capacity class is an ordinal 1-5 where present.
  const auto capacity = table.numeric("capacity_class");
  for (Eigen::Index r = 0; r < capacity.size(); ++r) {
    if (!std::isnan(capacity(r))) {
      EXPECT_GE(capacity(r), 1.0);
      EXPECT_LE(capacity(r), 5.0);
      EXPECT_EQ(capacity(r), std::round(capacity(r)));
    }
  }
}

TEST(BuiltinHromadas, ParsedOnceAndThreadSafe) {
  std::vector<const clir::HromadaDataset*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &clir::builtin_hromadas(); });
  }
  for (auto& t : threads) t.join();
  for (const auto* p : seen) EXPECT_EQ(p, &clir::builtin_hromadas());
}

// --------------------------------------------------------------------------------------------
TEST(BuiltinClir2024, NineteenMembersInSixGroupsWithTheirOblasts) {
  // Independent of the data files: code -> (group, oblast) as published in January 2024.
  const std::map<std::string, std::pair<int, std::string>> expected{
      {"UA32060010000086043", {1, "Київська"}},         {"UA32140070000012102", {1, "Київська"}},
      {"UA32140030000074165", {1, "Київська"}},         {"UA32060070000092009", {1, "Київська"}},
      {"UA63100030000050119", {2, "Харківська"}},       {"UA63040150000053402", {2, "Харківська"}},
      {"UA63040010000010092", {2, "Харківська"}},       {"UA14120170000011133", {2, "Донецька"}},
      {"UA12060270000017282", {3, "Дніпропетровська"}}, {"UA12140210000089021", {3, "Дніпропетровська"}},
      {"UA12060010000090992", {3, "Дніпропетровська"}}, {"UA12060130000012028", {3, "Дніпропетровська"}},
      {"UA48020010000091496", {4, "Миколаївська"}},     {"UA48020030000061219", {4, "Миколаївська"}},
      {"UA51040310000071545", {5, "Одеська"}},          {"UA51040010000016896", {5, "Одеська"}},
      {"UA74020090000083820", {6, "Чернігівська"}},     {"UA74060010000052907", {6, "Чернігівська"}},
      {"UA74020030000069340", {6, "Чернігівська"}},
  };
  const auto& reference = clir::builtin_clir2024();
  ASSERT_EQ(reference.members.size(), 19u);
  for (const auto& m : reference.members) {
    ASSERT_TRUE(expected.contains(m.code)) << m.code;
    EXPECT_EQ(m.group, expected.at(m.code).first) << m.code;
    EXPECT_EQ(clir::find_hromada(m.code).oblast_uk, expected.at(m.code).second) << m.code;
    EXPECT_THAT(m.official_name, ::testing::StartsWith(clir::find_hromada(m.code).name_uk));
    EXPECT_FALSE(m.name_as_published.empty());
  }
  const auto labels = reference.labels();
  ASSERT_EQ(labels.size(), 19u);
  EXPECT_EQ(*std::min_element(labels.begin(), labels.end()), 0);
  EXPECT_EQ(*std::max_element(labels.begin(), labels.end()), 5);
  EXPECT_EQ(clir::count_groups(labels), 6u);
  EXPECT_EQ(reference.codes().size(), 19u);
  EXPECT_EQ(reference.codes()[3], reference.members[3].code);

  const auto ministry = reference.ministry_only();
  ASSERT_EQ(ministry.members.size(), 18u);
  for (const auto& m : ministry.members) EXPECT_NE(m.code, "UA14120170000011133");
  EXPECT_EQ(clir::count_groups(ministry.labels()), 6u);
}

// --------------------------------------------------------------------------------------------
TEST(BuiltinLookup, ByCodeAndByName) {
  EXPECT_EQ(clir::find_hromada("UA32060010000086043").name_uk, "Баришівська");
  EXPECT_EQ(clir::find_hromada("Київська", "Баришівська").code, "UA32060010000086043");
  EXPECT_EQ(clir::find_hromada("Київська", "Баришівська селищна").code, "UA32060010000086043");
  // Same name in one oblast: the type tells them apart.
  EXPECT_EQ(clir::find_hromada("Сумська", "Миколаївська сільська").code, "UA59080150000013842");
  EXPECT_EQ(clir::find_hromada("Сумська", "Миколаївська селищна").code, "UA59080130000022249");
  // Latin "i" of the source fixed: the codifier's Cyrillic spelling is the name.
  EXPECT_EQ(clir::find_hromada("Хмельницька", "Війтовецька").code, "UA68040030000027335");
}

TEST(BuiltinLookup, ErrorsNameTheProblem) {
  try {
    clir::find_hromada("UA99999999999999999");
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no hromada with code UA99999999999999999"));
    EXPECT_EQ(e.where().key, "UA99999999999999999");
  }
  try {
    clir::find_hromada("Barysh");
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("'Barysh' is not a KATOTTG code"));
  }
  try {
    clir::find_hromada("Сумська", "Миколаївська");
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("is ambiguous: 2 hromadas match"));
    EXPECT_THAT(e.what(), HasSubstr("UA59080130000022249 (Миколаївська селищна)"));
    EXPECT_THAT(e.what(), HasSubstr("UA59080150000013842 (Миколаївська сільська)"));
  }
  try {
    clir::find_hromada("Київська", "Баришівка");
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no hromada 'Баришівка' in oblast 'Київська'"));
  }
  try {
    clir::find_hromada("Kyivska", "Баришівська");
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown oblast"));
    EXPECT_THAT(e.what(), HasSubstr("Київська"));
  }
  try {
    (void)clir::builtin_data_file("hromadas.xlsx");
    FAIL() << "expected InputError";
  } catch (const clir::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no built-in data file 'hromadas.xlsx'; known files: "));
    EXPECT_THAT(e.what(), HasSubstr("hromadas.csv"));
  }
}

// --------------------------------------------------------------------------------------------
// Distance (km) from p to the line, by brute force with GeographicLib (independent of the
// build script's method): every segment sampled every ~50 m along its geodesic.
double brute_force_distance_km(const clir::GeoPoint& p, const std::vector<std::vector<clir::GeoPoint>>& lines) {
  const auto& geod = GeographicLib::Geodesic::WGS84();
  double best = INFINITY;
  for (const auto& line : lines) {
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
      double s12 = 0, d = 0;
      geod.Inverse(p.lat, p.lon, line[i].lat, line[i].lon, d);
      geod.Inverse(line[i].lat, line[i].lon, line[i + 1].lat, line[i + 1].lon, s12);
      if (d - s12 > best) continue;  // no point of this segment can be closer
      const auto segment = geod.InverseLine(line[i].lat, line[i].lon, line[i + 1].lat, line[i + 1].lon);
      const int steps = std::max(1, static_cast<int>(s12 / 50.0));
      for (int k = 0; k <= steps; ++k) {
        double lat = 0, lon = 0;
        segment.Position(s12 * k / steps, lat, lon);
        geod.Inverse(p.lat, p.lon, lat, lon, d);
        best = std::min(best, d);
      }
    }
  }
  return best / 1000.0;
}

double nearest_vertex_km(const clir::GeoPoint& p, const std::vector<std::vector<clir::GeoPoint>>& lines) {
  const auto& geod = GeographicLib::Geodesic::WGS84();
  double best = INFINITY;
  for (const auto& line : lines) {
    for (const auto& v : line) {
      double d = 0;
      geod.Inverse(p.lat, p.lon, v.lat, v.lon, d);
      best = std::min(best, d);
    }
  }
  return best / 1000.0;
}

TEST(BuiltinFrontline, ShapeAndDistances) {
  const auto lines = clir::builtin_frontline_2023();
  ASSERT_EQ(lines.size(), 10u);
  std::size_t vertices = 0;
  for (const auto& line : lines) {
    EXPECT_GE(line.size(), 2u);
    vertices += line.size();
    for (const auto& v : line) {
      EXPECT_GT(v.lat, 44.0);
      EXPECT_LT(v.lat, 53.0);
      EXPECT_GT(v.lon, 30.0);
      EXPECT_LT(v.lon, 41.0);
    }
  }
  EXPECT_EQ(vertices, 810u);

  const auto& data = clir::builtin_hromadas();
  auto distance = [&](const clir::Community& c) {
    return data.table.get(data.table.row(c.code), "frontline_distance_km").value();
  };
  const auto& bakhmut = clir::find_hromada("Донецька", "Бахмутська");
  const auto& uzhhorod = clir::find_hromada("Закарпатська", "Ужгородська");
  EXPECT_LT(distance(bakhmut), 5.0);
  EXPECT_GT(distance(uzhhorod), 700.0);
  EXPECT_LT(distance(uzhhorod), 800.0);

  // The distance is to the segments, not the vertices: for Херсонська the line passes between
  // two vertices, so the true distance is clearly below the nearest vertex.
  const auto& kherson = clir::find_hromada("Херсонська", "Херсонська");
  EXPECT_LT(distance(kherson), nearest_vertex_km(kherson.location, lines) - 0.1);
  for (const auto* c : {&bakhmut, &kherson, &clir::find_hromada("Запорізька", "Запорізька")}) {
    EXPECT_NEAR(distance(*c), brute_force_distance_km(c->location, lines), 0.01) << c->name_uk;
  }
}

// --------------------------------------------------------------------------------------------
// Checks against the shared sources (skipped when they are not present).

clir::CsvDocument read_shared(const fs::path& relative) { return clir::read_csv(shared_dir / relative); }

TEST(BuiltinAgainstSources, PopulationTotalWithinOnePercent) {
  if (!have_shared_sources()) GTEST_SKIP() << "shared sources not found at " << shared_dir;
  const auto doc = read_shared("sources/kse-loc-data-hub/full_dataset.csv");
  double source_total = 0;
  for (double v : clir::read_number_column(doc, "total_popultaion_2022")) source_total += v;
  const auto population = clir::builtin_hromadas().table.numeric("population_2022");
  ASSERT_FALSE(population.hasNaN());
  EXPECT_NEAR(population.sum(), source_total, 0.01 * source_total);
  EXPECT_GT(source_total, 3.0e7);  // a sanity floor: ~38 million outside Crimea
}

TEST(BuiltinAgainstSources, EveryHromadaLevelOccupationOfOrder376IsReflected) {
  if (!have_shared_sources()) GTEST_SKIP() << "shared sources not found at " << shared_dir;
  const auto doc = read_shared("sources/order376/perelik_07052025_entries.csv");
  const auto categories = clir::read_text_column(doc, "category");
  const auto levels = clir::read_text_column(doc, "code_level");
  const auto codes = clir::read_text_column(doc, "code");
  const auto names = clir::read_text_column(doc, "name");
  const auto starts = clir::read_text_column(doc, "start_dates");
  const auto ends = clir::read_text_column(doc, "end_dates");
  const auto& table = clir::builtin_hromadas().table;
  const auto ongoing = table.numeric("occupation_ongoing");
  int checked = 0;
  for (std::size_t i = 0; i < doc.row_count(); ++i) {
    if (categories[i] != "temporarily_occupied" || levels[i] != "3") continue;
    const auto row = table.find_row(codes[i]);
    if (!row) continue;  // Crimea and Sevastopol are not in the table
    ++checked;
    const std::string first_start = starts[i].substr(0, 10);  // periods are in order
    const std::string& have = table.categorical("occupation_first_start")[*row];
    EXPECT_FALSE(have.empty()) << codes[i];
    EXPECT_LE(have, first_start) << codes[i];
    const auto count = [](const std::string& s) {
      return s.empty() ? 0 : 1 + static_cast<int>(std::count(s.begin(), s.end(), '|'));
    };
    if (count(starts[i]) > count(ends[i])) {
      EXPECT_EQ(ongoing(static_cast<Eigen::Index>(*row)), 1.0) << codes[i];
    }
    if (names[i].find("за винятком") == std::string::npos) {
      EXPECT_EQ(table.categorical("occupation_scope")[*row], "whole") << codes[i];
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(BuiltinAgainstSources, RebuildReproducesTheCommittedFiles) {
  if (!have_shared_sources()) GTEST_SKIP() << "shared sources not found at " << shared_dir;
  if (std::system("python3 --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";
  const fs::path out = fs::path(CLIR_BINARY_DIR) / "data_rebuild_test";
  fs::remove_all(out);
  const fs::path script = fs::path(CLIR_SOURCE_DIR) / "scripts" / "build-data";
  const std::string command = "python3 \"" + script.string() + "\" \"" + shared_dir.string() + "\" --out \"" +
                              out.string() + "\" --quiet";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  for (const auto& name : clir::builtin_data_file_names()) {
    if (!name.ends_with(".csv")) continue;  // the built-in scenario (examples/clir2024.toml) is not data
    if (name == "ukraine_outline_ne50m.csv") continue;  // scripts/build-outline's (outline_test.cpp)
    // scripts/build-boundaries' files (boundaries_test.cpp reruns it)
    if (name == "boundary_arcs.csv" || name == "hromada_rings.csv" || name == "oblast_rings.csv") continue;
    const std::string rebuilt = clir::read_text_file(out / name);
    const std::string committed = clir::read_text_file(fs::path(CLIR_SOURCE_DIR) / "data" / name);
    EXPECT_TRUE(rebuilt == committed) << name << " differs from a rebuild: rerun scripts/build-data";
    // And the library embeds exactly the committed file.
    EXPECT_TRUE(clir::builtin_data_file(name) == committed) << name << ": rebuild the library";
  }
  fs::remove_all(out);
}

}  // namespace
