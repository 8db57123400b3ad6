#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "clir/core/community.hpp"
#include "clir/core/error.hpp"
#include "clir/core/labels.hpp"
#include "clir/core/parallel.hpp"
#include "clir/core/rng.hpp"
#include "clir/core/table.hpp"
#include "clir/distance/matrix.hpp"

namespace {

TEST(Error, InputErrorFormatsLocation) {
  clir::InputError e("expected a number", {.file = "a.csv", .line = 3, .column = 2, .key = "population"});
  EXPECT_STREQ(e.what(), "a.csv:3:2: 'population': expected a number");
  EXPECT_EQ(e.where().line, 3u);
  EXPECT_EQ(e.message(), "expected a number");
}

TEST(Error, ConfigErrorListsAllowed) {
  clir::ConfigError e("method", "unknown method 'foo'", {"pam", "fasterpam"});
  EXPECT_STREQ(e.what(), "'method': unknown method 'foo' (allowed: pam, fasterpam)");
}

TEST(Error, InfeasibleNamesConstraints) {
  clir::Infeasible e("no selection satisfies the quotas", {"total = 5", "at most 1 per oblast (3 oblasts)"},
                     "relax 'at most 1 per oblast'");
  EXPECT_EQ(e.conflicting().size(), 2u);
  EXPECT_NE(std::string(e.what()).find("at most 1 per oblast (3 oblasts)"), std::string::npos);
}

TEST(Community, ValidatesCoordinates) {
  EXPECT_NO_THROW(clir::validate_geopoint({50.45, 30.52}));
  EXPECT_THROW(clir::validate_geopoint({95.0, 30.0}), clir::InputError);
  EXPECT_THROW(clir::validate_geopoint({50.0, -181.0}), clir::InputError);
}

TEST(Community, KatottgShape) {
  EXPECT_TRUE(clir::is_katottg_code("UA32060010000086043"));
  EXPECT_FALSE(clir::is_katottg_code("UA3206001000008604"));
  EXPECT_FALSE(clir::is_katottg_code("XX32060010000086043"));
}

TEST(Community, ParsesTypes) {
  EXPECT_EQ(clir::parse_enum<clir::CommunityType>("міська", "type"), clir::CommunityType::city);
  EXPECT_EQ(clir::parse_enum<clir::CommunityType>("village", "type"), clir::CommunityType::village);
  EXPECT_THROW(clir::parse_enum<clir::CommunityType>("town", "type"), clir::ConfigError);
}

TEST(Table, NumericColumnsKeepMissingCells) {
  clir::Table t({"a", "b", "c"});
  t.add_numeric("pop", std::vector<std::optional<double>>{1.0, std::nullopt, 3.0}, "persons");
  EXPECT_TRUE(t.is_missing(1, 0));
  EXPECT_FALSE(t.get(1, "pop").has_value());
  EXPECT_DOUBLE_EQ(*t.get(2, "pop"), 3.0);
  EXPECT_EQ(t.numeric_columns()[0].unit, "persons");
  EXPECT_THROW(t.add_numeric("pop", Eigen::VectorXd::Zero(3)), clir::InputError);
  EXPECT_THROW(t.add_numeric("x", Eigen::VectorXd::Zero(2)), clir::InputError);
  EXPECT_THROW((void)t.numeric("nope"), clir::InputError);
}

TEST(Table, RejectsRepeatedIds) {
  EXPECT_THROW(clir::Table({"a", "b", "a"}), clir::InputError);
}

TEST(Table, SelectRowsKeepsColumns) {
  clir::Table t({"a", "b", "c"});
  t.add_numeric("x", Eigen::Vector3d(1, 2, 3));
  t.add_categorical("oblast", {"K", "L", "M"});
  auto s = t.select_rows({2, 0});
  EXPECT_EQ(s.ids(), (std::vector<std::string>{"c", "a"}));
  EXPECT_DOUBLE_EQ(*s.get(0, "x"), 3.0);
  EXPECT_EQ(s.categorical("oblast")[1], "K");
  EXPECT_EQ(s.row("a"), 1u);
}

TEST(Labels, CanonicalAndSizes) {
  clir::Labels l{2, 2, 0, 5, 0};
  EXPECT_EQ(clir::canonical_labels(l), (clir::Labels{0, 0, 1, 2, 1}));
  EXPECT_EQ(clir::count_groups(l), 3u);
  EXPECT_EQ(clir::group_sizes(clir::canonical_labels(l)), (std::vector<std::size_t>{2, 2, 1}));
}

TEST(Rng, StreamsAreReproducibleAndDistinct) {
  auto a = clir::Rng::stream(42, 7);
  auto b = clir::Rng::stream(42, 7);
  auto c = clir::Rng::stream(42, 8);
  const auto x = a();
  EXPECT_EQ(x, b());
  EXPECT_NE(x, c());
  clir::Rng r(1);
  for (int i = 0; i < 1000; ++i) {
    const double u = r.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    ASSERT_LT(r.below(7), 7u);
  }
}

TEST(Rng, GammaHasTheRightMean) {
  clir::Rng r(3);
  for (double shape : {0.5, 1.0, 4.0}) {
    double sum = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) sum += r.gamma(shape);
    EXPECT_NEAR(sum / n, shape, 0.05 * shape + 0.02);
  }
}

TEST(Parallel, SameResultForAnyThreadCount) {
  auto run = [](unsigned threads) {
    std::vector<double> out(1000);
    clir::parallel_for(out.size(), threads, [&](std::size_t i) { out[i] = clir::Rng::stream(9, i).uniform(); });
    return out;
  };
  EXPECT_EQ(run(1), run(2));
  EXPECT_EQ(run(1), run(8));
}

TEST(Parallel, RethrowsErrors) {
  EXPECT_THROW(clir::parallel_for(100, 4, [](std::size_t i) { if (i == 77) throw std::runtime_error("x"); }),
               std::runtime_error);
}

// Many short phases in a row, the work of each claimed item by item by whichever members are
// there: every item is done exactly once per phase, and a phase sees the previous one complete.
TEST(ThreadTeam, EveryItemOncePerPhaseAndPhasesInOrder) {
  for (unsigned size : {1u, 2u, 3u, 8u}) {
    clir::detail::ThreadTeam team(size);
    ASSERT_EQ(team.size(), size);
    constexpr std::size_t kItems = 64;
    std::vector<std::uint64_t> done(kItems, 0);
    std::vector<unsigned> calls(size, 0);
    std::atomic<std::size_t> next{0};
    std::atomic<int> faults{0};
    for (std::uint64_t phase = 1; phase <= 300; ++phase) {
      next = 0;
      team.run([&](unsigned rank) {
        ++calls[rank];
        for (std::size_t i; (i = next.fetch_add(1)) < kItems;) {
          if (done[i] != phase - 1) ++faults;
          done[i] = phase;
        }
      });
      for (std::size_t i = 0; i < kItems; ++i) ASSERT_EQ(done[i], phase) << "size " << size << ", item " << i;
    }
    EXPECT_EQ(faults.load(), 0);
    EXPECT_EQ(calls[0], 300u);  // the caller takes part in every phase; members when they can
  }
}

TEST(ThreadTeam, RethrowsTheLowestRanksErrorAndStaysUsable) {
  clir::detail::ThreadTeam team(3);
  // The caller's call waits until both members have joined, so all three throw.
  std::atomic<unsigned> joined{0};
  try {
    team.run([&](unsigned rank) {
      ++joined;
      if (rank == 0) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (joined < 3 && std::chrono::steady_clock::now() < until) std::this_thread::yield();
        return;
      }
      throw std::runtime_error("member " + std::to_string(rank));
    });
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "member 1");
  }
  EXPECT_EQ(joined.load(), 3u);
  int calls = 0;
  team.run([&](unsigned rank) {
    if (rank == 0) ++calls;
  });  // earlier errors are not rethrown
  EXPECT_EQ(calls, 1);
  EXPECT_THROW(team.run([](unsigned rank) { if (rank == 0) throw std::logic_error("caller"); }), std::logic_error);
}

TEST(ThreadTeam, ZeroMeansAllCores) {
  clir::detail::ThreadTeam team(0);
  EXPECT_EQ(team.size(), clir::resolve_threads(0));
}

TEST(DistanceMatrix, CondensedSymmetric) {
  clir::DistanceMatrix<float> d(4);
  d.set(0, 3, 2.5f);
  d.set(2, 1, 1.0f);
  EXPECT_FLOAT_EQ(d(3, 0), 2.5f);
  EXPECT_FLOAT_EQ(d(1, 2), 1.0f);
  EXPECT_FLOAT_EQ(d(2, 2), 0.0f);
  EXPECT_EQ(d.condensed().size(), 6u);
  static_assert(clir::DistanceMatrixLike<clir::DistanceMatrix<float>>);
  EXPECT_THROW(d.set(1, 1, 1.0f), std::out_of_range);
}

}  // namespace
