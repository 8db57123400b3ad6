// The k-medoids input check (clir/cluster/detail/checks.hpp, src/cluster/input_check.cpp): on
// a square matrix one read checks the values, the diagonal and the symmetry and names the first
// offending pair in row order, whichever block, lane or thread finds it; on condensed storage
// the vectorised scan rejects exactly what good_distance rejects. Both give R's "big" of the
// largest distance above the diagonal, the same for both storages of the same distances.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "clir/cluster/kmedoids.hpp"
#include "clir/core/error.hpp"
#include "clir/distance/matrix.hpp"

namespace {

// A symmetric n × n matrix with zero diagonal and distinct values (a distance of points on a
// wrapped grid), row-major.
template <class T>
std::vector<T> square(std::size_t n) {
  std::vector<T> a(n * n, T(0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double dx = static_cast<double>((37 * i) % 101) - static_cast<double>((37 * j) % 101);
      const double dy = static_cast<double>((59 * i) % 97) - static_cast<double>((59 * j) % 97);
      a[i * n + j] = a[j * n + i] = static_cast<T>(std::sqrt(dx * dx + dy * dy) + 0.001 * static_cast<double>(i + j));
    }
  return a;
}

template <class T>
std::string error_of(const std::vector<T>& a, std::size_t n, unsigned threads) {
  try {
    clir::detail::scan_square(a.data(), n, true, threads, "distance");
  } catch (const clir::InputError& e) {
    return e.what();
  }
  return "";
}

// Sizes around the block of rows (64 floats, 32 doubles) and the chunk of columns (256), so that
// the diagonal tile, the vector blocks, the chunk tails and a short last block are all used.
constexpr std::size_t kSizes[] = {1, 2, 5, 31, 32, 33, 63, 64, 65, 130, 300, 333};

template <class T>
void check_clean_matrices_pass_with_the_condensed_maximum() {
  for (std::size_t n : kSizes) {
    const auto a = square<T>(n);
    clir::DistanceMatrix<T> D(n);
    double mx = 0.0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        D.set(i, j, a[i * n + j]);
        mx = std::max(mx, static_cast<double>(a[i * n + j]));
      }
    for (unsigned threads : {1u, 3u}) {
      EXPECT_EQ(clir::detail::scan_square(a.data(), n, true, threads, "distance"), mx) << n;
      EXPECT_EQ(clir::detail::scan_distances(clir::DenseDistanceView<T>(a.data(), n), true, threads),
                clir::detail::scan_distances(D, true, threads))
          << n;
    }
  }
}

TEST(SquareCheck, CleanMatricesPassWithTheCondensedMaximumInFloat) {
  check_clean_matrices_pass_with_the_condensed_maximum<float>();
}
TEST(SquareCheck, CleanMatricesPassWithTheCondensedMaximumInDouble) {
  check_clean_matrices_pass_with_the_condensed_maximum<double>();
}

// The largest value above the diagonal counts, not the one below it (a matrix symmetric within
// the tolerance: the engine reads its upper triangle where it reads each distance once).
TEST(SquareCheck, TheMaximumIsTakenAboveTheDiagonal) {
  const std::size_t n = 300;
  auto a = square<float>(n);
  float top = 0;
  for (float v : a) top = std::max(top, v);
  a[250 * n + 7] = top * 1.000001f;  // below the diagonal, within 1e-5 of d(7, 250)
  a[7 * n + 250] = top;
  EXPECT_EQ(clir::detail::scan_square(a.data(), n, true, 2, "distance"), static_cast<double>(top));
}

template <class T>
void check_each_fault_is_named() {
  constexpr T nan = std::numeric_limits<T>::quiet_NaN(), inf = std::numeric_limits<T>::infinity();
  for (std::size_t n : {std::size_t{70}, std::size_t{333}}) {
    const auto clean = square<T>(n);
    struct Case {
      std::size_t i, j;
      T value;
      std::string message;
    };
    const std::size_t far = n - 2;
    const Case cases[] = {
        {far, far, T(0.5), "d(" + std::to_string(far) + ", " + std::to_string(far) +
                                ") = 0.5; the diagonal of a distance matrix must be 0"},
        {3, far, nan, "d(3, " + std::to_string(far) + ") = nan is not a number"},
        {far, 3, -T(1), "d(" + std::to_string(far) + ", 3) = -1 is negative"},  // below the diagonal
        {40, 2, inf, "d(40, 2) = inf is not finite"},
        {1, far, T(1e6), "the square matrix is not symmetric: d(1, " + std::to_string(far) + ") = 1000000 but d(" +
                             std::to_string(far) + ", 1) = "},
    };
    for (const Case& c : cases)
      for (unsigned threads : {1u, 2u, 5u}) {
        auto a = clean;
        a[c.i * n + c.j] = c.value;
        const std::string what = error_of(a, n, threads);
        EXPECT_NE(what.find(c.message), std::string::npos) << n << " threads " << threads << ": " << what;
        EXPECT_NE(what.find("'distance'"), std::string::npos) << what;
      }
  }
}

TEST(SquareCheck, EachFaultIsNamedWithItsPairAndValueInFloat) { check_each_fault_is_named<float>(); }
TEST(SquareCheck, EachFaultIsNamedWithItsPairAndValueInDouble) { check_each_fault_is_named<double>(); }

// Of several faults the first in row order (i, then j >= i) is named, whichever block or thread
// met it first; a fault below the diagonal counts at its mirrored pair (j, i).
TEST(SquareCheck, TheFirstFaultInRowOrderIsNamed) {
  const std::size_t n = 333;
  auto a = square<float>(n);
  a[300 * n + 301] = -2.0f;  // pair (300, 301)
  a[200 * n + 100] = -3.0f;  // below the diagonal: pair (100, 200), the first
  a[150 * n + 150] = 1.0f;   // pair (150, 150)
  for (unsigned threads : {1u, 2u, 4u})
    EXPECT_NE(error_of(a, n, threads).find("d(200, 100) = -3 is negative"), std::string::npos);
}

// Within the documented tolerance (a relative 1e-5 of the larger) a pair passes; beyond it, not.
TEST(SquareCheck, SymmetryHoldsWithinARelativeTolerance) {
  const std::size_t n = 130;
  for (double rel : {0.9e-5, 1.1e-5}) {
    auto a = square<double>(n);
    a[100 * n + 5] = a[5 * n + 100] * (1.0 + rel);
    EXPECT_EQ(error_of(a, n, 2).empty(), rel < 1e-5) << rel;
    auto f = square<float>(n);
    f[100 * n + 5] = static_cast<float>(static_cast<double>(f[5 * n + 100]) * (1.0 + rel));
    EXPECT_EQ(error_of(f, n, 2).empty(), rel < 1e-5) << rel;
  }
  // Differences in the last bits, as matrix products give them, pass.
  auto a = square<float>(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < i; ++j) a[i * n + j] = std::nextafter(a[i * n + j], 1e9f);
  EXPECT_EQ(error_of(a, n, 1), "");
}

// The k-medoids functions run the check on square input: an asymmetric matrix is refused (it
// used to be the caller's guarantee), and without validation it is not read for it.
TEST(SquareCheck, TheKMedoidsFunctionsCheckSquareInput) {
  const std::size_t n = 90;
  auto a = square<float>(n);
  a[80 * n + 10] *= 2.0f;
  const clir::DenseDistanceView<float> D(a.data(), n);
  EXPECT_THROW(clir::fasterpam(D, 3), clir::InputError);
  EXPECT_THROW(clir::initial_medoids(D, 3), clir::InputError);
  EXPECT_NO_THROW(clir::fasterpam(D, 3, {.validate = false}));
}

// The condensed scan (compiled for the widest vectors) rejects NaN, infinity and negatives at
// any position, and -0 and the largest finite value pass, as good_distance says.
template <class T>
void check_condensed_scan() {
  for (std::size_t len : {std::size_t{1}, std::size_t{7}, std::size_t{16}, std::size_t{17}, std::size_t{100}}) {
    for (std::size_t at = 0; at < len; ++at)
      for (T v : {std::numeric_limits<T>::quiet_NaN(), std::numeric_limits<T>::infinity(), T(-1e-30), T(-0.0),
                  std::numeric_limits<T>::max()}) {
        std::vector<T> c(len, T(1));
        c[at] = v;
        double mx = 0.0;
        unsigned bad = 0;
        clir::detail::scan_run(c.data(), len, mx, bad);
        EXPECT_EQ(bad != 0, !clir::detail::good_distance(static_cast<double>(v))) << len << " " << at << " " << v;
        if (bad == 0) {
          double expected = 0.0;
          for (T x : c) expected = std::max(expected, static_cast<double>(x));
          EXPECT_EQ(mx, expected);
        }
      }
  }
}

TEST(CondensedCheck, RejectsWhatGoodDistanceRejectsInFloat) { check_condensed_scan<float>(); }
TEST(CondensedCheck, RejectsWhatGoodDistanceRejectsInDouble) { check_condensed_scan<double>(); }

}  // namespace
