#pragma once
/// @file
/// @brief The symmetric distance matrix every clustering algorithm takes, and the concept a
/// caller's own matrix type satisfies.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/error.hpp"

namespace clir {

/// What clir's algorithms need of a distance matrix: its size n and d(i, j) for i, j < n,
/// symmetric with d(i, i) = 0 and d(i, j) >= 0. Any type with `size()` and `operator()(i, j)`
/// works, for example a caller's own dense matrix wrapper.
template <class M>
concept DistanceMatrixLike = requires(const M& m, std::size_t i, std::size_t j) {
  { m.size() } -> std::convertible_to<std::size_t>;
  { m(i, j) } -> std::convertible_to<double>;
};

namespace detail {
/// Position of (i, j), i < j, among the n(n−1)/2 entries above the diagonal of an n × n
/// matrix stored row by row (R's `dist` and scipy's `pdist` order).
constexpr std::size_t condensed_index(std::size_t n, std::size_t i, std::size_t j) noexcept {
  return i * n - i * (i + 1) / 2 + (j - i - 1);
}
}  // namespace detail

/// A symmetric n × n distance matrix with zero diagonal, stored condensed (the n(n−1)/2 entries
/// above the diagonal, row by row) to halve the memory: for n = 20,000 in float, 763 MiB.
/// @tparam T float or double.
template <std::floating_point T = double>
class DistanceMatrix {
 public:
  using value_type = T;

  DistanceMatrix() = default;
  /// An n × n matrix of zeros.
  explicit DistanceMatrix(std::size_t n) : n_(n), data_(n > 1 ? n * (n - 1) / 2 : 0, T(0)) {}

  std::size_t size() const noexcept { return n_; }

  /// d(i, j); 0 on the diagonal. No bounds check beyond debug assertions of the caller.
  T operator()(std::size_t i, std::size_t j) const noexcept {
    if (i == j) return T(0);
    return i < j ? data_[index(i, j)] : data_[index(j, i)];
  }

  /// Sets d(i, j) = d(j, i) = @p value. Throws std::out_of_range for i == j or an index >= n.
  void set(std::size_t i, std::size_t j, T value) {
    if (i >= n_ || j >= n_ || i == j) throw std::out_of_range("DistanceMatrix::set: bad index pair");
    data_[i < j ? index(i, j) : index(j, i)] = value;
  }

  /// The condensed entries (upper triangle, row-major), n(n−1)/2 of them.
  const std::vector<T>& condensed() const noexcept { return data_; }
  std::vector<T>& condensed() noexcept { return data_; }

  /// Memory held by the entries, in bytes.
  std::size_t bytes() const noexcept { return data_.size() * sizeof(T); }

  /// Memory an n × n matrix of this type needs, in bytes (n(n−1)/2 entries), without building
  /// it: for n = 20,000 in float, 799,960,000 bytes (763 MiB).
  static constexpr std::size_t bytes_for(std::size_t n) noexcept {
    return (n > 1 ? n * (n - 1) / 2 : 0) * sizeof(T);
  }

  /// Position of (i, j), i < j, in the condensed storage.
  std::size_t index(std::size_t i, std::size_t j) const noexcept { return detail::condensed_index(n_, i, j); }

 private:
  std::size_t n_ = 0;
  std::vector<T> data_;
};

/// What the k-medoids row gathering reads directly: condensed storage (the n(n−1)/2 entries
/// above the diagonal, row by row) through `condensed().data()` and `index(i, j)`.
template <class M>
concept CondensedDistances = DistanceMatrixLike<M> && requires(const M& m, std::size_t i) {
  typename M::value_type;
  { m.condensed().data() } -> std::convertible_to<const typename M::value_type*>;
  { m.index(i, i) } -> std::convertible_to<std::size_t>;
};

/// What the k-medoids algorithms read row by row in place: a dense row-major n × n matrix
/// through `row(i)` (the n distances of row i, contiguous).
template <class M>
concept DenseRowDistances = DistanceMatrixLike<M> && requires(const M& m, std::size_t i) {
  typename M::value_type;
  { m.row(i) } -> std::convertible_to<const typename M::value_type*>;
};

/// A non-owning view of condensed distances held elsewhere (for example a NumPy array from
/// scipy's `pdist`): the same layout and index as DistanceMatrix, so the algorithms read it
/// exactly as they read a DistanceMatrix, without a copy. The storage must outlive the view.
/// @tparam T float or double.
template <std::floating_point T>
class CondensedDistanceView {
 public:
  using value_type = T;

  /// A view of @p n items over @p data, which holds n(n−1)/2 values.
  CondensedDistanceView(const T* data, std::size_t n) noexcept : n_(n), data_(data) {}

  std::size_t size() const noexcept { return n_; }
  T operator()(std::size_t i, std::size_t j) const noexcept {
    if (i == j) return T(0);
    return i < j ? data_[index(i, j)] : data_[index(j, i)];
  }
  /// The condensed entries, n(n−1)/2 of them.
  std::span<const T> condensed() const noexcept { return {data_, n_ > 1 ? n_ * (n_ - 1) / 2 : 0}; }
  /// Position of (i, j), i < j, in the condensed storage (as DistanceMatrix::index).
  std::size_t index(std::size_t i, std::size_t j) const noexcept { return detail::condensed_index(n_, i, j); }

 private:
  std::size_t n_ = 0;
  const T* data_ = nullptr;
};

/// A non-owning view of a dense row-major n × n matrix held elsewhere (for example a square
/// NumPy array), read in place. The caller guarantees symmetry and a zero diagonal (the
/// algorithms read whole rows, so d(i, j) and d(j, i) must agree). The storage must outlive
/// the view. @tparam T float or double.
template <std::floating_point T>
class DenseDistanceView {
 public:
  using value_type = T;

  /// A view of @p n items over @p data, which holds n·n values, row after row.
  DenseDistanceView(const T* data, std::size_t n) noexcept : n_(n), data_(data) {}

  std::size_t size() const noexcept { return n_; }
  T operator()(std::size_t i, std::size_t j) const noexcept { return data_[i * n_ + j]; }
  /// The n distances of row @p i.
  const T* row(std::size_t i) const noexcept { return data_ + i * n_; }

 private:
  std::size_t n_ = 0;
  const T* data_ = nullptr;
};

namespace detail {
[[noreturn]] inline void throw_bad_distance(std::size_t i, std::size_t j, double v, std::string_view key) {
  std::ostringstream msg;
  msg << "d(" << i << ", " << j << ") = " << v
      << (std::isnan(v) ? " is not a number" : v < 0 ? " is negative" : " is not finite")
      << "; distances must be finite and >= 0";
  throw InputError(msg.str(), {.key = std::string(key)});
}
// One comparison accepts every good value; NaN, negatives and infinity fall through.
inline bool good_distance(double v) noexcept { return v >= 0.0 && v <= std::numeric_limits<double>::max(); }
}  // namespace detail

/// Throws clir::InputError (key @p key) at the first pair (i, j), i < j in row order, whose
/// distance is NaN, infinite or negative, naming the pair and the value. Every clustering
/// function calls it (unless told not to) because one NaN silently corrupts every sum.
template <DistanceMatrixLike M>
void validate_distances(const M& D, std::string_view key = "distance") {
  const std::size_t n = D.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double v = static_cast<double>(D(i, j));
      if (!detail::good_distance(v)) detail::throw_bad_distance(i, j, v, key);
    }
  }
}

/// Same check on the condensed storage directly (faster than the generic loop).
template <std::floating_point T>
void validate_distances(const DistanceMatrix<T>& D, std::string_view key = "distance") {
  const std::vector<T>& c = D.condensed();
  const std::size_t n = D.size();
  for (std::size_t i = 0, pos = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j, ++pos) {
      const double v = static_cast<double>(c[pos]);
      if (!detail::good_distance(v)) detail::throw_bad_distance(i, j, v, key);
    }
  }
}

}  // namespace clir
