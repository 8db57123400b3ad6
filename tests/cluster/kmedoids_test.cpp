#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/core/labels.hpp"
#include "clir/core/rng.hpp"
#include "clir/distance/matrix.hpp"

namespace {

using clir::DistanceMatrix;
using clir::Init;
using clir::KMedoidsOptions;
using clir::MedoidResult;

// The same point sets as tests/cluster/r_reference.R (integer formulas, so both sides compute
// identical doubles).
DistanceMatrix<double> formula_points(std::size_t n) {
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = static_cast<double>((37 * i) % 101) / 10.0;
    y[i] = static_cast<double>((59 * i) % 97) / 10.0;
  }
  DistanceMatrix<double> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double dx = x[i] - x[j], dy = y[i] - y[j];
      D.set(i, j, std::sqrt(dx * dx + dy * dy));
    }
  return D;
}

DistanceMatrix<double> manhattan_grid(std::size_t w, std::size_t h) {
  const std::size_t n = w * h;
  DistanceMatrix<double> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const long dx = static_cast<long>(i % w) - static_cast<long>(j % w);
      const long dy = static_cast<long>(i / w) - static_cast<long>(j / w);
      D.set(i, j, static_cast<double>(std::labs(dx) + std::labs(dy)));
    }
  return D;
}

// Random points in the unit square, Euclidean, for property tests.
DistanceMatrix<double> random_points(std::size_t n, std::uint64_t seed, std::size_t dims = 2) {
  clir::Rng rng = clir::Rng::stream(seed, 0);
  std::vector<double> x(n * dims);
  for (auto& v : x) v = rng.uniform();
  DistanceMatrix<double> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      double s = 0;
      for (std::size_t d = 0; d < dims; ++d) s += (x[i * dims + d] - x[j * dims + d]) * (x[i * dims + d] - x[j * dims + d]);
      D.set(i, j, std::sqrt(s));
    }
  return D;
}

double loss_of(const DistanceMatrix<double>& D, const std::vector<std::size_t>& medoids) {
  double total = 0;
  for (std::size_t j = 0; j < D.size(); ++j) {
    double best = INFINITY;
    for (auto m : medoids) best = std::min(best, D(j, m));
    total += best;
  }
  return total;
}

// Brute force: no single swap (medoid out, non-medoid in) lowers the loss.
void expect_swap_local_optimum(const DistanceMatrix<double>& D, const MedoidResult& r) {
  const double base = loss_of(D, r.medoids);
  EXPECT_NEAR(base, r.loss, 1e-9 * (1 + base));
  std::vector<char> is_med(D.size(), 0);
  for (auto m : r.medoids) is_med[m] = 1;
  for (std::size_t s = 0; s < r.medoids.size(); ++s)
    for (std::size_t h = 0; h < D.size(); ++h) {
      if (is_med[h]) continue;
      auto swapped = r.medoids;
      swapped[s] = h;
      EXPECT_GE(loss_of(D, swapped), base - 1e-9 * (1 + base)) << "swap " << r.medoids[s] << " -> " << h;
    }
}

void expect_consistent(const DistanceMatrix<double>& D, const MedoidResult& r, std::size_t k) {
  ASSERT_EQ(r.medoids.size(), k);
  ASSERT_EQ(r.labels.size(), D.size());
  EXPECT_TRUE(std::is_sorted(r.medoids.begin(), r.medoids.end()));
  for (std::size_t g = 0; g < k; ++g) EXPECT_EQ(r.labels[r.medoids[g]], static_cast<int>(g));
  for (std::size_t j = 0; j < D.size(); ++j) {
    const double assigned = D(j, r.medoids[static_cast<std::size_t>(r.labels[j])]);
    for (auto m : r.medoids) EXPECT_LE(assigned, D(j, m));
  }
}

const std::vector<std::size_t> kMedoidsA{7, 14, 21};
const clir::Labels kLabelsA{0, 0, 1, 0, 1, 1, 0, 1, 2, 0, 1, 0, 1, 2, 0, 1, 2, 0, 2, 2, 1, 2, 0, 2, 2, 0, 2, 1, 1, 2};

TEST(Pam, MatchesRClusterPamA) {
  const auto D = formula_points(30);
  const MedoidResult r = clir::pam(D, 3);
  EXPECT_EQ(r.medoids, kMedoidsA);
  EXPECT_EQ(clir::canonical_labels(r.labels), kLabelsA);
  EXPECT_NEAR(r.loss, 64.564469718907262, 1e-9);
  EXPECT_TRUE(r.converged);
  expect_consistent(D, r, 3);
}

TEST(Pam, MatchesRClusterPamB) {
  const auto D = formula_points(40);
  const MedoidResult r = clir::pam(D, 5);
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{4, 21, 25, 35, 39}));
  EXPECT_EQ(clir::canonical_labels(r.labels),
            (clir::Labels{0, 1, 2, 1, 3, 2, 1, 3, 4, 3, 2, 1, 3, 4, 1, 3, 4, 0, 4, 2,
                          0, 4, 0, 1, 4, 0, 4, 2, 0, 4, 2, 1, 2, 0, 1, 2, 1, 3, 2, 1}));
  EXPECT_NEAR(r.loss, 67.707331394787019, 1e-9);
}

TEST(Pam, MatchesRFromGivenMedoids) {
  const auto D = formula_points(40);
  const MedoidResult r = clir::pam(D, 5, {.init = Init::given, .initial_medoids = {0, 1, 2, 3, 4}});
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{4, 21, 25, 35, 39}));
  EXPECT_NEAR(r.loss, 67.707331394786991, 1e-9);
}

TEST(Pam, MatchesRWithManhattanTies) {
  // A 6 × 5 grid with Manhattan distances is full of exact ties: BUILD picks the higher index
  // on a tie, SWAP the lower candidate then the lower medoid, as R does.
  const auto D = manhattan_grid(6, 5);
  const MedoidResult r = clir::pam(D, 4);
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{7, 10, 20, 23}));
  EXPECT_EQ(clir::canonical_labels(r.labels),
            (clir::Labels{0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 2, 1, 1, 3, 2, 2, 2, 2, 3, 3, 2, 2, 2, 2, 3, 3}));
  EXPECT_DOUBLE_EQ(r.loss, 38.0);
}

TEST(Pam, MatchesRForOneMedoid) {
  const auto D = formula_points(30);
  const MedoidResult r = clir::pam(D, 1);
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{4}));
  EXPECT_NEAR(r.loss, 115.06891492426415, 1e-9);
}

TEST(Pam, MatchesRAt200Points) {
  const auto D = formula_points(200);
  for (unsigned threads : {1u, 2u, 3u}) {
    const MedoidResult r = clir::pam(D, 10, {.threads = threads});
    EXPECT_EQ(r.medoids, (std::vector<std::size_t>{55, 66, 87, 106, 117, 136, 146, 157, 168, 197}));
    EXPECT_NEAR(r.loss, 242.1194888560961, 1e-9);
  }
}

TEST(FastPam1, MatchesRVariantF3) {
  const auto D = formula_points(40);
  const MedoidResult r = clir::fastpam1(D, 5);
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{4, 21, 25, 35, 39}));
  EXPECT_NEAR(r.loss, 67.707331394787019, 1e-9);
}

TEST(FasterPam, MatchesRVariantFasterFromGivenMedoids) {
  const auto D = formula_points(40);
  const MedoidResult r = clir::fasterpam(D, 5, {.init = Init::given, .initial_medoids = {0, 1, 2, 3, 4}});
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{2, 6, 24, 25, 26}));
  EXPECT_NEAR(r.loss, 68.223735729574628, 1e-9);
  EXPECT_EQ(clir::canonical_labels(r.labels),
            (clir::Labels{0, 1, 2, 1, 2, 2, 1, 2, 3, 1, 2, 1, 0, 4, 1, 2, 3, 0, 4, 3,
                          0, 4, 0, 4, 3, 0, 4, 3, 0, 3, 2, 4, 3, 0, 4, 2, 1, 3, 2, 1}));
}

TEST(FasterPam, MatchesRWithTies) {
  const auto D = manhattan_grid(6, 5);
  const MedoidResult r = clir::fasterpam(D, 4, {.init = Init::given, .initial_medoids = {0, 1, 2, 3}});
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{7, 10, 19, 22}));
  EXPECT_DOUBLE_EQ(r.loss, 38.0);
}

TEST(FasterPam, MatchesRAt200Points) {
  const auto D = formula_points(200);
  const MedoidResult r = clir::fasterpam(D, 10, {.init = Init::given, .initial_medoids = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}});
  EXPECT_EQ(r.medoids, (std::vector<std::size_t>{15, 54, 55, 65, 105, 116, 155, 158, 186, 197}));
  EXPECT_NEAR(r.loss, 242.10234723115107, 1e-9);
}

TEST(FasterPam, SameResultForAnyThreadCount) {
  const auto D = random_points(700, 11);  // above the parallel threshold
  for (Init init : {Init::build, Init::random, Init::lab}) {
    const MedoidResult one = clir::fasterpam(D, 9, {.init = init, .threads = 1});
    for (unsigned t : {2u, 3u, 4u}) {
      const MedoidResult many = clir::fasterpam(D, 9, {.init = init, .threads = t});
      EXPECT_EQ(many.medoids, one.medoids);
      EXPECT_EQ(many.labels, one.labels);
      EXPECT_EQ(many.loss, one.loss);  // bit-identical
      EXPECT_EQ(many.swaps, one.swaps);
      EXPECT_EQ(many.iterations, one.iterations);
    }
  }
}

TEST(KMedoids, SameResultForAnyThreadCount) {
  const auto D = random_points(600, 5);
  for (auto method : {clir::KMedoidsMethod::pam, clir::KMedoidsMethod::fastpam1, clir::KMedoidsMethod::alternating}) {
    const MedoidResult one = clir::kmedoids(D, 6, method, {.threads = 1});
    const MedoidResult many = clir::kmedoids(D, 6, method, {.threads = 3});
    EXPECT_EQ(many.medoids, one.medoids) << to_string(method);
    EXPECT_EQ(many.loss, one.loss) << to_string(method);
  }
}

TEST(KMedoids, EveryResultIsALocalOptimumOfItsNeighbourhood) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const auto D = random_points(35, seed);
    const std::size_t k = 2 + seed % 4;
    for (auto method : {clir::KMedoidsMethod::pam, clir::KMedoidsMethod::fastpam1, clir::KMedoidsMethod::fasterpam}) {
      for (Init init : {Init::build, Init::random, Init::kmedoidspp, Init::lab}) {
        const MedoidResult r = clir::kmedoids(D, k, method, {.init = init, .seed = seed});
        SCOPED_TRACE(std::string(to_string(method)) + " " + std::string(to_string(init)));
        EXPECT_TRUE(r.converged);
        expect_consistent(D, r, k);
        expect_swap_local_optimum(D, r);
      }
    }
  }
}

TEST(Alternating, EachMedoidIsTheBestCentreOfItsGroup) {
  const auto D = random_points(60, 3);
  const MedoidResult r = clir::alternating(D, 4, {.init = Init::random, .seed = 9});
  EXPECT_TRUE(r.converged);
  expect_consistent(D, r, 4);
  for (std::size_t g = 0; g < 4; ++g) {
    auto cost = [&](std::size_t c) {
      double t = 0;
      for (std::size_t j = 0; j < D.size(); ++j)
        if (r.labels[j] == static_cast<int>(g)) t += D(c, j);
      return t;
    };
    for (std::size_t c = 0; c < D.size(); ++c) {
      if (r.labels[c] == static_cast<int>(g)) {
        EXPECT_GE(cost(c), cost(r.medoids[g]) - 1e-12);
      }
    }
  }
}

TEST(FasterPam, NeverWorseThanItsStart) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto D = random_points(80, seed + 100);
    for (Init init : {Init::random, Init::kmedoidspp, Init::lab, Init::build}) {
      const auto start = clir::initial_medoids(D, 7, {.init = init, .seed = seed});
      const double start_loss = loss_of(D, start);
      const MedoidResult r = clir::fasterpam(D, 7, {.init = Init::given, .initial_medoids = start});
      EXPECT_LE(r.loss, start_loss + 1e-12);
    }
  }
}

TEST(KMedoids, MultiStartKeepsTheBestLoss) {
  const auto D = random_points(90, 21);
  double best_single = INFINITY;
  for (std::uint64_t s = 0; s < 5; ++s) {
    const auto start = clir::detail::random_init(D.size(), 8, clir::Rng::stream(4, s));
    best_single = std::min(best_single, clir::fasterpam(D, 8, {.init = Init::given, .initial_medoids = start}).loss);
  }
  const MedoidResult multi = clir::fasterpam(D, 8, {.init = Init::random, .starts = 5, .seed = 4});
  EXPECT_DOUBLE_EQ(multi.loss, best_single);
}

TEST(KMedoids, KEqualsNAndDuplicatePoints) {
  DistanceMatrix<double> D(4);  // all points identical
  const MedoidResult all = clir::pam(D, 4);
  EXPECT_EQ(all.medoids, (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(all.loss, 0.0);
  EXPECT_EQ(all.labels, (clir::Labels{0, 1, 2, 3}));
  const MedoidResult two = clir::fasterpam(D, 2);
  EXPECT_EQ(two.loss, 0.0);
  EXPECT_EQ(two.medoids.size(), 2u);
}

TEST(KMedoids, FloatStorageGivesTheSameMedoids) {
  const auto D = random_points(120, 8);
  DistanceMatrix<float> F(D.size());
  for (std::size_t i = 0; i < D.size(); ++i)
    for (std::size_t j = i + 1; j < D.size(); ++j) F.set(i, j, static_cast<float>(D(i, j)));
  const MedoidResult a = clir::fasterpam(D, 5);
  const MedoidResult b = clir::fasterpam(F, 5);
  EXPECT_EQ(a.medoids, b.medoids);
  EXPECT_NEAR(a.loss, b.loss, 1e-4);
}

// A caller's own matrix type: only size() and operator()(i, j).
struct DenseUserMatrix {
  std::vector<std::vector<double>> d;
  std::size_t size() const { return d.size(); }
  double operator()(std::size_t i, std::size_t j) const { return d[i][j]; }
};

TEST(KMedoids, AcceptsACallersMatrixType) {
  const auto D = formula_points(30);
  DenseUserMatrix U{std::vector<std::vector<double>>(30, std::vector<double>(30))};
  for (std::size_t i = 0; i < 30; ++i)
    for (std::size_t j = 0; j < 30; ++j) U.d[i][j] = D(i, j);
  EXPECT_EQ(clir::pam(U, 3).medoids, kMedoidsA);
  EXPECT_EQ(clir::pam(U, 3, {.dense_limit_bytes = 0}).medoids, kMedoidsA);
}

TEST(KMedoids, CallersTypeDenseCopyOrBlockGatherGiveTheSameAsCondensed) {
  // 100 items: several blocks of rows (32 or 64), the last one partial.
  const auto D = random_points(100, 17);
  DenseUserMatrix U{std::vector<std::vector<double>>(100, std::vector<double>(100))};
  for (std::size_t i = 0; i < 100; ++i)
    for (std::size_t j = 0; j < 100; ++j) U.d[i][j] = D(i, j);
  for (auto method : {clir::KMedoidsMethod::pam, clir::KMedoidsMethod::fastpam1, clir::KMedoidsMethod::fasterpam,
                      clir::KMedoidsMethod::alternating}) {
    const MedoidResult ref = clir::kmedoids(D, 7, method);
    for (std::size_t limit : {std::size_t{0}, std::size_t{1} << 30}) {
      const MedoidResult r = clir::kmedoids(U, 7, method, {.dense_limit_bytes = limit});
      EXPECT_EQ(r.medoids, ref.medoids) << to_string(method) << " limit " << limit;
      EXPECT_EQ(r.loss, ref.loss) << to_string(method) << " limit " << limit;
    }
  }
}

// Above 1,024 items the swap gains are summed in several stripes of items, shared among the
// threads and added in a fixed order: still bit-identical for every thread count.
TEST(FasterPam, SameResultForAnyThreadCountAcrossStripes) {
  const auto D = random_points(2600, 5);
  const MedoidResult one = clir::fasterpam(D, 10, {.init = Init::random, .seed = 3, .threads = 1});
  const MedoidResult p1 = clir::fastpam1(D, 10, {.init = Init::random, .max_iter = 3, .seed = 3, .threads = 1});
  for (unsigned t : {2u, 3u}) {
    const MedoidResult many = clir::fasterpam(D, 10, {.init = Init::random, .seed = 3, .threads = t});
    EXPECT_EQ(many.medoids, one.medoids);
    EXPECT_EQ(many.loss, one.loss);  // bit-identical
    EXPECT_EQ(many.swaps, one.swaps);
    const MedoidResult p = clir::fastpam1(D, 10, {.init = Init::random, .max_iter = 3, .seed = 3, .threads = t});
    EXPECT_EQ(p.medoids, p1.medoids);
    EXPECT_EQ(p.loss, p1.loss);
  }
}

// FasterPAM's team gathers each block together: by columns from condensed storage, by rows for
// a caller's type, not at all from a dense copy. Every way, every thread count, the same run;
// also when the sweep limit stops it early.
TEST(FasterPam, TeamGatherGivesTheSameRunForEveryRowSource) {
  const std::size_t n = 600;  // above the parallel threshold; the last block is partial
  const auto D = random_points(n, 23);
  DenseUserMatrix U{std::vector<std::vector<double>>(n, std::vector<double>(n))};
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) U.d[i][j] = D(i, j);
  for (std::size_t max_iter : {std::size_t{1}, std::size_t{1000}}) {
    const clir::KMedoidsOptions base{.init = Init::random, .max_iter = max_iter, .seed = 4, .threads = 1};
    const MedoidResult ref = clir::fasterpam(D, 12, base);
    EXPECT_EQ(ref.converged, max_iter > 1);
    for (unsigned threads : {1u, 2u, 3u}) {
      for (std::size_t limit : {std::size_t{0}, std::size_t{1} << 30}) {
        auto o = base;
        o.threads = threads;
        o.dense_limit_bytes = limit;
        const MedoidResult a = clir::fasterpam(D, 12, o);
        const MedoidResult b = clir::fasterpam(U, 12, o);
        for (const auto* r : {&a, &b}) {
          EXPECT_EQ(r->medoids, ref.medoids) << threads << " threads, limit " << limit;
          EXPECT_EQ(r->loss, ref.loss) << threads << " threads, limit " << limit;
          EXPECT_EQ(r->swaps, ref.swaps) << threads << " threads, limit " << limit;
          EXPECT_EQ(r->iterations, ref.iterations) << threads << " threads, limit " << limit;
        }
      }
    }
  }
}

// The swap searches read a block of candidates' distances item-major (RowSource::kBlock). Every way of
// filling that block (runs copied from earlier condensed rows, the block's own triangle, later
// rows transposed in vector registers, or a partial block) must give exactly d(h0 + t, j).
template <class T>
void expect_block_columns_match(std::size_t n) {
  const auto Dd = random_points(n, 31);
  clir::DistanceMatrix<T> D(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) D.set(i, j, static_cast<T>(Dd(i, j)));
  const clir::detail::RowSource<clir::DistanceMatrix<T>> rows(D, 0, 1);
  constexpr std::size_t B = clir::detail::RowSource<clir::DistanceMatrix<T>>::kBlock;
  for (std::size_t h0 : {std::size_t{0}, std::size_t{5}, std::size_t{64}, n - B, n - 7}) {
    const std::size_t count = std::min(B, n - h0);
    for (auto [jlo, jhi] : {std::pair<std::size_t, std::size_t>{0, n}, {3, 40}, {h0 + 1, std::min(n, h0 + 150)}}) {
      if (jlo >= jhi) continue;
      std::vector<T> out((jhi - jlo) * B, T(-1));
      rows.fill_columns(h0, count, jlo, jhi, out.data());
      for (std::size_t j = jlo; j < jhi; ++j)
        for (std::size_t t = 0; t < count; ++t)
          ASSERT_EQ(out[(j - jlo) * B + t], D(h0 + t, j)) << "h0 " << h0 << " item " << j << " lane " << t;
    }
  }
}

TEST(KMedoids, BlockColumnsEqualTheDistancesForFloatAndDouble) {
  expect_block_columns_match<float>(301);
  expect_block_columns_match<double>(301);
}

// The register transpose of the block the swap searches use for T (64 for float, 32 for
// double), at every kernel level this CPU runs, against the scalar definition
// out[i·B + t] = src[t][i].
template <class T>
void expect_transpose_matches_scalar() {
  using clir::detail::KernelLevel;
  constexpr std::size_t B = clir::detail::KernelSet<T>::B;
  std::vector<T> data(B * 200);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<T>(i) + T(0.5);
  const KernelLevel before = clir::detail::kernels().level;
  for (KernelLevel level : {KernelLevel::portable, KernelLevel::avx2, KernelLevel::avx512}) {
    if (!clir::detail::kernel_level_available(level)) continue;
    clir::detail::use_kernel_level(level);
    for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{16}, std::size_t{37}, std::size_t{128}}) {
      const T* src[B];
      for (std::size_t t = 0; t < B; ++t) src[t] = data.data() + t * 200 + (t % 3);  // unaligned runs
      std::vector<T> out(len * B, T(-1));
      clir::detail::kernel_set<T>().transpose(src, len, out.data());
      for (std::size_t i = 0; i < len; ++i)
        for (std::size_t t = 0; t < B; ++t)
          ASSERT_EQ(out[i * B + t], src[t][i]) << kernel_level_name(level) << " len " << len << " item " << i;
    }
  }
  clir::detail::use_kernel_level(before);
}

TEST(KMedoids, RegisterTransposeOfRunsEqualsTheScalarOne) {
  expect_transpose_matches_scalar<float>();
  expect_transpose_matches_scalar<double>();
}

// BUILD reads each distance once per step and serves both candidates it belongs to; R adds
// each candidate's terms one item after another. The gains must be R's sums bit for bit, for
// any split of the candidates into ranges (threads), from condensed float and double storage.
template <class Rows, class M>
void expect_build_gains_are_rs_sums(const Rows& rows, const M& D) {
  const std::size_t n = D.size();
  clir::Rng rng = clir::Rng::stream(8, n);
  std::vector<double> dysma(n);
  for (std::size_t j = 0; j < n; ++j) dysma[j] = j % 7 == 0 ? 0.0 : j % 5 == 0 ? 1e9 : rng.uniform();
  auto positive = [](double v) { return v > 0.0 ? v : 0.0; };
  std::vector<double> expected(n);
  for (std::size_t c = 0; c < n; ++c) {
    double g = 0.0;  // R's loop: items in order, the candidate itself adding its own D_c
    for (std::size_t j = 0; j < n; ++j) {
      if (j == c) {
        if (dysma[c] > 0.0) g += dysma[c];
      } else {
        g += positive(dysma[j] - static_cast<double>(D(std::min(j, c), std::max(j, c))));
      }
    }
    expected[c] = g;
  }
  using V = typename Rows::value_type;
  for (const std::vector<std::size_t>& cuts : {std::vector<std::size_t>{0, n}, {0, 150, n}, {0, 1, 33, 64, 200, n}}) {
    std::vector<double> gain(n, -1.0), col(n);
    std::vector<V> buffer(Rows::kBlock * 128, V(0));
    for (std::size_t r = 0; r + 1 < cuts.size(); ++r)
      clir::detail::build_gains_in_place(rows, dysma.data(), cuts[r], cuts[r + 1], gain.data(), col.data(), buffer.data());
    for (std::size_t c = 0; c < n; ++c) ASSERT_EQ(gain[c], expected[c]) << "candidate " << c << ", " << cuts.size() - 1 << " ranges";
  }
}

TEST(KMedoids, BuildGainsReadInPlaceAreRsSumsBitForBit) {
  const std::size_t n = 301;  // not a multiple of the block (32 or 64 rows)
  const auto D = random_points(n, 41);
  expect_build_gains_are_rs_sums(clir::detail::RowSource<clir::DistanceMatrix<double>>(D, 0, 1), D);
  clir::DistanceMatrix<float> F(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) F.set(i, j, static_cast<float>(D(i, j)));
  expect_build_gains_are_rs_sums(clir::detail::RowSource<clir::DistanceMatrix<float>>(F, 0, 1), F);
  // Square rows: their upper triangle, read in place the same way.
  std::vector<float> square(n * n, 0.0f);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) square[i * n + j] = F(i, j);
  const clir::DenseDistanceView<float> S(square.data(), n);
  expect_build_gains_are_rs_sums(clir::detail::RowSource<clir::DenseDistanceView<float>>(S, 0, 1), S);
}

// BUILD from condensed storage (one read per step) and from a caller's type read row by row
// pick the same medoids, for any thread count.
TEST(KMedoids, BuildInPlaceAndRowByRowPickTheSameMedoids) {
  const std::size_t n = 700;  // above the parallel threshold
  const auto D = random_points(n, 43, 3);
  DenseUserMatrix U{std::vector<std::vector<double>>(n, std::vector<double>(n))};
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) U.d[i][j] = D(i, j);
  const auto reference = clir::initial_medoids(U, 12, {.init = Init::build, .threads = 1});  // no dense copy here
  for (unsigned threads : {1u, 2u, 3u}) {
    EXPECT_EQ(clir::initial_medoids(D, 12, {.init = Init::build, .threads = threads}), reference) << threads;
  }
}

// FastPAM1's pass reads each distance once and serves both candidates of it; its Δ must be
// BlockGains' bit for bit (same stripes, same order), for any split into block-aligned ranges,
// across several stripes of items, from condensed float and double storage.
template <class Rows>
void expect_pass_gains_equal_block_gains(const Rows& rows) {
  const std::size_t n = rows.size(), k = 7;
  constexpr std::size_t B = Rows::kBlock;
  clir::detail::NearestCache cache;
  cache.init(rows, clir::detail::random_init(n, k, clir::Rng::stream(12, n)), 1e6);
  cache.compute_remove_loss();
  std::vector<double> expected(n);
  std::vector<std::uint32_t> expected_slot(n);
  clir::detail::BlockGains<Rows> gains(rows, k, 1);
  for (std::size_t h0 = 0; h0 < n; h0 += B)
    gains.evaluate(cache, h0, std::min(B, n - h0), expected.data() + h0, expected_slot.data() + h0);
  const std::size_t blocks = (n + B - 1) / B;
  for (const std::vector<std::size_t>& cuts :
       {std::vector<std::size_t>{0, blocks}, {0, 1, blocks / 2 + 1, blocks}, {0, blocks / 3, blocks / 3 + 1, blocks}}) {
    std::vector<double> best(n, -1.0);
    std::vector<std::uint32_t> slot(n, 99);
    for (std::size_t r = 0; r + 1 < cuts.size(); ++r)
      clir::detail::pass_gains_in_place(rows, cache, cuts[r] * B, std::min(n, cuts[r + 1] * B), best.data(), slot.data());
    for (std::size_t h = 0; h < n; ++h) {
      ASSERT_EQ(best[h], expected[h]) << "candidate " << h << ", " << cuts.size() - 1 << " ranges";
      ASSERT_EQ(slot[h], expected_slot[h]) << "candidate " << h;
    }
  }
}

TEST(FastPam1, PassReadingEachDistanceOnceGivesBlockGainsBitForBit) {
  const std::size_t n = 2100;  // three stripes of 1,024 items, the last block partial
  const auto D = random_points(n, 47);
  expect_pass_gains_equal_block_gains(clir::detail::RowSource<clir::DistanceMatrix<double>>(D, 0, 1));
  clir::DistanceMatrix<float> F(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) F.set(i, j, static_cast<float>(D(i, j)));
  expect_pass_gains_equal_block_gains(clir::detail::RowSource<clir::DistanceMatrix<float>>(F, 0, 1));
  // Square rows are read in place by their upper triangle, as condensed storage.
  std::vector<float> square(n * n, 0.0f);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) square[i * n + j] = F(i, j);
  const clir::DenseDistanceView<float> S(square.data(), n);
  expect_pass_gains_equal_block_gains(clir::detail::RowSource<clir::DenseDistanceView<float>>(S, 0, 1));
  // A caller's own type keeps the row-wise loop (its entries need not be stored at all).
  static_assert(!clir::detail::RowSource<DenseUserMatrix>::segments_in_place());
  static_assert(clir::detail::RowSource<clir::DenseDistanceView<double>>::segments_in_place());
  static_assert(clir::detail::RowSource<clir::CondensedDistanceView<float>>::segments_in_place());
}

TEST(FastPam1, FindsPamsMedoidsOnRandomInstances) {
  // The same best-swap search in a different summation order: equal unless two swaps tie to
  // the last bits, which random real-valued data does not produce.
  for (std::uint64_t seed = 30; seed < 36; ++seed) {
    const auto D = random_points(70, seed);
    const MedoidResult a = clir::pam(D, 5), b = clir::fastpam1(D, 5);
    EXPECT_EQ(a.medoids, b.medoids);
    EXPECT_EQ(a.swaps, b.swaps);
    EXPECT_NEAR(a.loss, b.loss, 1e-12);
  }
}

TEST(KMedoids, RejectsBadInputWithTheKey) {
  const auto D = formula_points(5);
  try {
    clir::pam(D, 0);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "k");
  }
  try {
    clir::fasterpam(D, 6);
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "k");
    EXPECT_NE(std::string(e.what()).find("exceeds the number of items n = 5"), std::string::npos);
  }
  try {
    clir::pam(DistanceMatrix<double>(), 1);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "distance");
    EXPECT_NE(e.message().find("empty"), std::string::npos);
  }
  auto bad = D;
  bad.set(1, 3, NAN);
  try {
    clir::fasterpam(bad, 2);
    FAIL();
  } catch (const clir::InputError& e) {
    EXPECT_EQ(e.where().key, "distance");
    EXPECT_EQ(e.message(), "d(1, 3) = nan is not a number; distances must be finite and >= 0");
  }
  bad.set(1, 3, -2.0);
  EXPECT_THROW(clir::alternating(bad, 2), clir::InputError);
  try {
    clir::pam(D, 2, {.init = Init::given, .initial_medoids = {1, 1}});
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "initial_medoids");
    EXPECT_NE(std::string(e.what()).find("appears twice"), std::string::npos);
  }
  try {
    clir::pam(D, 2, {.starts = 3});
    FAIL();
  } catch (const clir::ConfigError& e) {
    EXPECT_EQ(e.key(), "starts");
  }
  EXPECT_THROW(clir::parse_enum<clir::KMedoidsMethod>("kmeans", "method"), clir::ConfigError);
  EXPECT_EQ(clir::parse_enum<Init>("kmedoids++", "init"), Init::kmedoidspp);
}

TEST(KMedoids, MaxIterStopsEarlyAndSaysSo) {
  const auto D = formula_points(200);
  const MedoidResult r = clir::pam(D, 10, {.init = Init::given, .initial_medoids = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, .max_iter = 2});
  EXPECT_EQ(r.iterations, 2u);
  EXPECT_EQ(r.swaps, 2u);
  EXPECT_FALSE(r.converged);
}

TEST(Assign, ToMedoidsInTheGivenOrder) {
  const auto D = formula_points(30);
  const MedoidResult r = clir::assign_to_medoids(D, {21, 7, 14});
  EXPECT_EQ(r.labels[21], 0);
  EXPECT_EQ(r.labels[7], 1);
  EXPECT_NEAR(r.loss, 64.564469718907262, 1e-9);
  EXPECT_THROW(clir::assign_to_medoids(D, {3, 30}), clir::ConfigError);
}

TEST(Assign, NewPointsThroughACallable) {
  // Medoids at 0 and 10 on a line; new points at 1, 6, 5 (a tie goes to the lower group).
  const std::vector<double> medoid_x{0.0, 10.0}, points{1.0, 6.0, 5.0};
  const auto a = clir::assign_new_points(points.size(), 2, [&](std::size_t p, std::size_t g) {
    return std::abs(points[p] - medoid_x[g]);
  });
  EXPECT_EQ(a.labels, (clir::Labels{0, 1, 0}));
  EXPECT_EQ(a.distances, (std::vector<double>{1.0, 4.0, 5.0}));
  EXPECT_THROW(clir::assign_new_points(1, 2, [](std::size_t, std::size_t) { return -1.0; }), clir::InputError);
}

}  // namespace
