#include "clir/selection/robustness.hpp"

#include <algorithm>
#include <atomic>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/core/parallel.hpp"
#include "clir/scoring/normalize.hpp"

namespace clir {

namespace {

// Weights are accumulated in fixed point so that sums are exact integers, independent of the
// order in which per-thread partial sums are combined.
constexpr double kFixedPointScale = 4294967296.0;  // 2^32

// The order of order_descending() (score descending, then lower index) by a stable LSD radix
// sort on an order-preserving integer image of -score: exact, and about twice as fast as a
// comparison sort for the Monte Carlo loop. Passes whose byte is the same for every key (the
// sign and exponent bytes, mostly) are skipped.
struct RadixBuffers {
  std::vector<std::uint64_t> key, key_tmp;
  std::vector<std::uint32_t> index, index_tmp;
};

void order_into(const Eigen::VectorXd& scores, RadixBuffers& buf, std::vector<std::size_t>& order) {
  const auto n = static_cast<std::size_t>(scores.size());
  buf.key.resize(n);
  buf.key_tmp.resize(n);
  buf.index.resize(n);
  buf.index_tmp.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    // -x + 0.0 maps both zeros to +0.0, so that they tie as they compare.
    const double x = -scores(static_cast<Eigen::Index>(i)) + 0.0;
    std::uint64_t bits = 0;
    std::memcpy(&bits, &x, sizeof bits);
    // Flip all bits of negatives, only the sign bit of positives: unsigned order = numeric order.
    buf.key[i] = (bits >> 63) ? ~bits : bits | 0x8000000000000000ULL;
    buf.index[i] = static_cast<std::uint32_t>(i);
  }
  for (int shift = 0; shift < 64; shift += 8) {
    std::array<std::size_t, 257> count{};
    for (std::size_t i = 0; i < n; ++i) ++count[((buf.key[i] >> shift) & 0xFF) + 1];
    if (n == 0 || count[((buf.key[0] >> shift) & 0xFF) + 1] == n) continue;  // one bucket: nothing moves
    for (std::size_t b = 1; b < count.size(); ++b) count[b] += count[b - 1];
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t to = count[(buf.key[i] >> shift) & 0xFF]++;
      buf.key_tmp[to] = buf.key[i];
      buf.index_tmp[to] = buf.index[i];
    }
    buf.key.swap(buf.key_tmp);
    buf.index.swap(buf.index_tmp);
  }
  order.resize(n);
  for (std::size_t k = 0; k < n; ++k) order[k] = buf.index[k];
}

std::vector<std::size_t> default_bands(std::size_t n) {
  std::vector<std::size_t> edges;
  if (n <= 100) {
    for (std::size_t r = 1; r <= n; ++r) edges.push_back(r);
    return edges;
  }
  for (std::size_t e : {1, 5, 10, 25, 50, 100, 250, 500, 1000}) {
    if (e < n) edges.push_back(e);
  }
  edges.push_back(n);
  return edges;
}

Eigen::VectorXd normalized_base(const PreparedScoring& prepared, const Eigen::VectorXd& base) {
  if (static_cast<std::size_t>(base.size()) != prepared.cols()) {
    throw ConfigError("weights", "expected " + std::to_string(prepared.cols()) + " base weights, got " +
                                     std::to_string(base.size()));
  }
  for (Eigen::Index j = 0; j < base.size(); ++j) {
    if (!std::isfinite(base(j)) || base(j) < 0.0) throw ConfigError("weights", "base weights must be finite and >= 0");
  }
  const double total = base.sum();
  if (!(total > 0.0)) throw ConfigError("weights", "base weights are all 0");
  return base / total;
}

std::vector<std::size_t> top_of(const std::vector<std::size_t>& order, std::size_t n) {
  return {order.begin(), order.begin() + static_cast<std::ptrdiff_t>(std::min(n, order.size()))};
}
}  // namespace

namespace detail {
std::vector<std::size_t> radix_order_descending(const Eigen::VectorXd& scores) {
  RadixBuffers buf;
  std::vector<std::size_t> order;
  order_into(scores, buf, order);
  return order;
}
}  // namespace detail

Eigen::VectorXd draw_weights(Rng& rng, const Eigen::VectorXd& base, WeightSampling sampling, double concentration) {
  Eigen::VectorXd w(base.size());
  for (Eigen::Index j = 0; j < base.size(); ++j) {
    if (sampling == WeightSampling::uniform_simplex) {
      w(j) = rng.gamma(1.0);
    } else {
      const double shape = concentration * base(j);
      w(j) = shape > 0.0 ? rng.gamma(shape) : 0.0;
    }
  }
  const double total = w.sum();
  if (!(total > 0.0) || !std::isfinite(total)) return base;  // underflow of every component: keep the centre
  return w / total;
}

MonteCarloResult monte_carlo(const PreparedScoring& prepared, const Eigen::VectorXd& base_weights,
                             const MonteCarloOptions& options, const QuotaSelector* selector) {
  const std::size_t n = prepared.rows();
  const std::size_t m = prepared.cols();
  if (options.draws == 0) throw ConfigError("robustness.draws", "the number of draws must be > 0");
  if (options.sampling == WeightSampling::dirichlet && !(options.concentration > 0.0 && std::isfinite(options.concentration))) {
    throw ConfigError("robustness.concentration", "the Dirichlet concentration must be > 0");
  }
  if (selector && selector->size() != n) {
    throw ConfigError("robustness.selection", "the selector has " + std::to_string(selector->size()) +
                                                  " candidates but the scoring has " + std::to_string(n));
  }
  const Eigen::VectorXd base = normalized_base(prepared, base_weights);

  MonteCarloResult out;
  out.ids = prepared.matrix().ids;
  out.draws = options.draws;
  std::vector<std::size_t> edges = options.rank_bands.empty() ? default_bands(n) : options.rank_bands;
  for (std::size_t b = 0; b < edges.size(); ++b) {
    if (edges[b] == 0 || (b > 0 && edges[b] <= edges[b - 1])) {
      throw ConfigError("robustness.rank_bands", "rank band edges must be increasing ranks >= 1");
    }
  }
  while (!edges.empty() && edges.back() > n) edges.pop_back();
  if (edges.empty() || edges.back() < n) edges.push_back(n);
  out.band_edges = edges;
  const std::size_t bands = edges.size();
  std::vector<std::uint32_t> band_of_position(n);
  for (std::size_t k = 0, b = 0; k < n; ++k) {
    while (k + 1 > edges[b]) ++b;
    band_of_position[k] = static_cast<std::uint32_t>(b);
  }

  struct Accumulator {
    std::vector<std::uint64_t> band_counts, rank_sum, selected;
    std::vector<std::int64_t> weight_sum;
    std::vector<std::size_t> best, worst;
  };
  const std::size_t chunks = std::min<std::size_t>(resolve_threads(options.threads), options.draws);
  std::vector<Accumulator> acc(chunks);
  std::atomic<std::size_t> done_draws{0};
  parallel_for(chunks, options.threads, [&](std::size_t t) {
    Accumulator& a = acc[t];
    a.band_counts.assign(n * bands, 0);
    a.rank_sum.assign(n, 0);
    a.selected.assign(n, 0);
    a.weight_sum.assign(selector ? n * m : 0, 0);
    a.best.assign(n, std::numeric_limits<std::size_t>::max());
    a.worst.assign(n, 0);
    Eigen::VectorXd scores;
    RadixBuffers radix;
    std::vector<std::size_t> order;
    std::vector<std::int64_t> fixed(m);
    const std::size_t lo = options.draws * t / chunks;
    const std::size_t hi = options.draws * (t + 1) / chunks;
    for (std::size_t d = lo; d < hi; ++d) {
      // Only the first chunk reports, so the callback is never called concurrently.
      if (options.progress && t == 0 && (d - lo) % 64 == 0) options.progress(done_draws.load(), options.draws);
      Rng rng = Rng::stream(options.seed, d);
      const Eigen::VectorXd w = draw_weights(rng, base, options.sampling, options.concentration);
      prepared.evaluate(w, scores);
      order_into(scores, radix, order);
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = order[k];
        ++a.band_counts[i * bands + band_of_position[k]];
        a.rank_sum[i] += k + 1;
        a.best[i] = std::min(a.best[i], k + 1);
        a.worst[i] = std::max(a.worst[i], k + 1);
      }
      if (selector) {
        for (std::size_t j = 0; j < m; ++j) {
          fixed[j] = std::llround(w(static_cast<Eigen::Index>(j)) * kFixedPointScale);
        }
        for (auto i : selector->select_ordered(scores, order)) {
          ++a.selected[i];
          for (std::size_t j = 0; j < m; ++j) a.weight_sum[i * m + j] += fixed[j];
        }
      }
      done_draws.fetch_add(1, std::memory_order_relaxed);
    }
  });
  if (options.progress) options.progress(options.draws, options.draws);

  // Integer sums: the combination order cannot change the result.
  Accumulator total = std::move(acc[0]);
  for (std::size_t t = 1; t < chunks; ++t) {
    for (std::size_t k = 0; k < total.band_counts.size(); ++k) total.band_counts[k] += acc[t].band_counts[k];
    for (std::size_t i = 0; i < n; ++i) {
      total.rank_sum[i] += acc[t].rank_sum[i];
      total.selected[i] += acc[t].selected[i];
      total.best[i] = std::min(total.best[i], acc[t].best[i]);
      total.worst[i] = std::max(total.worst[i], acc[t].worst[i]);
    }
    for (std::size_t k = 0; k < total.weight_sum.size(); ++k) total.weight_sum[k] += acc[t].weight_sum[k];
  }
  const double draws = static_cast<double>(options.draws);
  const auto ni = static_cast<Eigen::Index>(n);
  out.rank_acceptability.resize(ni, static_cast<Eigen::Index>(bands));
  out.mean_rank.resize(ni);
  out.selection_probability.resize(ni);
  out.central_weights = Eigen::MatrixXd::Zero(ni, static_cast<Eigen::Index>(m));
  for (std::size_t i = 0; i < n; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    for (std::size_t b = 0; b < bands; ++b) {
      out.rank_acceptability(ii, static_cast<Eigen::Index>(b)) = static_cast<double>(total.band_counts[i * bands + b]) / draws;
    }
    out.mean_rank(ii) = static_cast<double>(total.rank_sum[i]) / draws;
    out.selection_probability(ii) = static_cast<double>(total.selected[i]) / draws;
    if (selector && total.selected[i] > 0) {
      for (std::size_t j = 0; j < m; ++j) {
        out.central_weights(ii, static_cast<Eigen::Index>(j)) =
            static_cast<double>(total.weight_sum[i * m + j]) / kFixedPointScale / static_cast<double>(total.selected[i]);
      }
    }
  }
  out.best_rank = std::move(total.best);
  out.worst_rank = std::move(total.worst);
  return out;
}

double spearman_rho(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b) {
  if (a.size() != b.size() || a.size() < 2) {
    throw ConfigError("scores", "rank agreement needs two score vectors of the same length >= 2");
  }
  const Eigen::VectorXd ra = average_ranks(a), rb = average_ranks(b);
  const Eigen::VectorXd ca = ra.array() - ra.mean(), cb = rb.array() - rb.mean();
  const double denom = std::sqrt(ca.squaredNorm() * cb.squaredNorm());
  return denom > 0.0 ? ca.dot(cb) / denom : 0.0;
}

double kendall_tau_b(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b) {
  if (a.size() != b.size() || a.size() < 2) {
    throw ConfigError("scores", "rank agreement needs two score vectors of the same length >= 2");
  }
  // O(n^2) pair count in 64-bit integers: exact, and fast enough for thousands of applicants.
  const Eigen::Index n = a.size();
  std::int64_t concordant = 0, discordant = 0, ties_a = 0, ties_b = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = i + 1; j < n; ++j) {
      const double da = a(i) - a(j), db = b(i) - b(j);
      if (da == 0.0) ++ties_a;
      if (db == 0.0) ++ties_b;
      if (da == 0.0 || db == 0.0) continue;
      if ((da > 0.0) == (db > 0.0)) {
        ++concordant;
      } else {
        ++discordant;
      }
    }
  }
  const auto pairs = static_cast<std::int64_t>(n) * (n - 1) / 2;
  const double denom = std::sqrt(static_cast<double>(pairs - ties_a) * static_cast<double>(pairs - ties_b));
  return denom > 0.0 ? static_cast<double>(concordant - discordant) / denom : 0.0;
}

double top_overlap(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b, std::size_t n) {
  if (a.size() != b.size()) throw ConfigError("scores", "rank agreement needs two score vectors of the same length");
  n = std::min<std::size_t>(n, static_cast<std::size_t>(a.size()));
  if (n == 0) return 1.0;
  auto ta = top_of(order_descending(a), n), tb = top_of(order_descending(b), n);
  std::sort(ta.begin(), ta.end());
  std::sort(tb.begin(), tb.end());
  std::vector<std::size_t> both;
  std::set_intersection(ta.begin(), ta.end(), tb.begin(), tb.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(n);
}

RankAgreement rank_agreement(const Eigen::Ref<const Eigen::VectorXd>& a, const Eigen::Ref<const Eigen::VectorXd>& b,
                             std::size_t top_n) {
  RankAgreement r;
  r.spearman = spearman_rho(a, b);
  r.kendall_tau_b = kendall_tau_b(a, b);
  r.top_overlap = top_overlap(a, b, top_n);
  r.top_n = std::min<std::size_t>(top_n, static_cast<std::size_t>(a.size()));
  return r;
}

std::vector<CriterionDrop> leave_one_criterion_out(const PreparedScoring& prepared, const Eigen::VectorXd& base_weights,
                                                   std::size_t top_n, const QuotaSelector* selector) {
  const Eigen::VectorXd base = normalized_base(prepared, base_weights);
  if (selector && selector->size() != prepared.rows()) {
    throw ConfigError("robustness.selection", "the selector and the scoring have different candidates");
  }
  auto chosen_ids = [&](const Eigen::VectorXd& s) {
    const auto order = order_descending(s);
    const auto rows = selector ? selector->select_ordered(s, order) : top_of(order, top_n);
    std::vector<std::string> ids;
    for (auto i : rows) ids.push_back(prepared.matrix().ids[i]);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  const Eigen::VectorXd base_scores = prepared.evaluate(base);
  const auto base_ids = chosen_ids(base_scores);
  std::vector<CriterionDrop> out;
  for (Eigen::Index j = 0; j < base.size(); ++j) {
    Eigen::VectorXd w = base;
    w(j) = 0.0;
    if (base(j) == 0.0 || !(w.sum() > 0.0)) continue;  // nothing to drop, or nothing left
    w /= w.sum();
    CriterionDrop drop;
    drop.criterion = prepared.matrix().criteria[static_cast<std::size_t>(j)];
    drop.weights = w;
    const Eigen::VectorXd s = prepared.evaluate(w);
    drop.agreement = rank_agreement(base_scores, s, top_n);
    const auto ids = chosen_ids(s);
    std::set_difference(ids.begin(), ids.end(), base_ids.begin(), base_ids.end(), std::back_inserter(drop.entered));
    std::set_difference(base_ids.begin(), base_ids.end(), ids.begin(), ids.end(), std::back_inserter(drop.left));
    out.push_back(std::move(drop));
  }
  return out;
}

}  // namespace clir
