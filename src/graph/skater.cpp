#include "clir/graph/skater.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace clir {

namespace {

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

/// The best cut found in one group.
struct Cut {
  double gain = -std::numeric_limits<double>::infinity();  ///< SSD reduction
  std::size_t edge = none;                                 ///< tree edge id
  bool valid() const noexcept { return edge != none; }
};

struct Group {
  std::size_t root = 0;  ///< lowest vertex of the group
  std::size_t size = 0;
  Cut best_any;        ///< best cut that keeps both parts >= min_size
  Cut best_efficient;  ///< best such cut that also lowers the number of cuts max_size needs
};

/// SKATER's working state: the spanning forest as an adjacency array with edge ids, the removed
/// (cut) flags, and per-vertex scratch for the subtree sums.
class Partitioner {
 public:
  Partitioner(const std::vector<double>& x, std::size_t n, std::size_t p, std::vector<Edge> tree,
              const SkaterOptions& options)
      : x_(x), tree_(std::move(tree)), options_(options), n_(n), p_(p) {
    // Compressed adjacency; neighbours of each vertex in increasing order (edges are visited
    // in a fixed order, so the floating-point sums are too).
    offsets_.assign(n_ + 1, 0);
    for (const Edge& e : tree_) {
      ++offsets_[e.u + 1];
      ++offsets_[e.v + 1];
    }
    for (std::size_t i = 0; i < n_; ++i) offsets_[i + 1] += offsets_[i];
    neighbours_.resize(offsets_[n_]);
    std::vector<std::size_t> fill(offsets_.begin(), offsets_.end() - 1);
    for (std::size_t id = 0; id < tree_.size(); ++id) {
      neighbours_[fill[tree_[id].u]++] = {tree_[id].v, id};
      neighbours_[fill[tree_[id].v]++] = {tree_[id].u, id};
    }
    for (std::size_t i = 0; i < n_; ++i) {
      std::sort(neighbours_.begin() + static_cast<std::ptrdiff_t>(offsets_[i]),
                neighbours_.begin() + static_cast<std::ptrdiff_t>(offsets_[i + 1]));
    }
    removed_.assign(tree_.size(), false);
    parent_.assign(n_, none);
    parent_edge_.assign(n_, none);
    count_.assign(n_, 0);
    sumsq_.assign(n_, 0.0);
    sum_.assign(n_ * p_, 0.0);
  }

  /// Vertices reachable from @p start without crossing a cut edge, in DFS preorder.
  void collect(std::size_t start, std::vector<std::size_t>& order) {
    order.clear();
    stack_.clear();
    stack_.push_back(start);
    parent_[start] = none;
    parent_edge_[start] = none;
    while (!stack_.empty()) {
      const std::size_t v = stack_.back();
      stack_.pop_back();
      order.push_back(v);
      for (std::size_t a = offsets_[v]; a < offsets_[v + 1]; ++a) {
        const auto [w, id] = neighbours_[a];
        if (removed_[id] || w == parent_[v]) continue;
        parent_[w] = v;
        parent_edge_[w] = id;
        stack_.push_back(w);
      }
    }
  }

  /// Group of the vertices connected to @p any_member, rooted at its lowest vertex, with its
  /// best cuts evaluated.
  Group evaluate(std::size_t any_member) {
    collect(any_member, order_);
    const std::size_t root = *std::min_element(order_.begin(), order_.end());
    if (root != any_member) collect(root, order_);
    Group group;
    group.root = root;
    group.size = order_.size();
    // Subtree sums, children before parents (reverse preorder). Plain loops over the p
    // attributes: p is small, and the hot loop stays free of Eigen temporaries.
    const std::size_t p = p_;
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
      const std::size_t v = *it;
      double* sv = &sum_[v * p];
      const double* xv = &x_[v * p];
      double sq = 0.0;
      for (std::size_t j = 0; j < p; ++j) {
        sv[j] += xv[j];
        sq += xv[j] * xv[j];
      }
      count_[v] += 1;
      sumsq_[v] += sq;
      const std::size_t parent = parent_[v];
      if (parent != none) {
        double* sp = &sum_[parent * p];
        for (std::size_t j = 0; j < p; ++j) sp[j] += sv[j];
        count_[parent] += count_[v];
        sumsq_[parent] += sumsq_[v];
      }
    }
    const double* total_sum = &sum_[root * p];
    const double total_sq = sumsq_[root];
    const double total_ssd = total_sq - squared_norm(total_sum) / static_cast<double>(count_[root]);
    const std::size_t group_need = need(group.size);
    for (std::size_t v : order_) {
      if (v == root) continue;
      const std::size_t inside = count_[v];
      const std::size_t outside = group.size - inside;
      if (inside < options_.min_size || outside < options_.min_size) continue;
      const double* sv = &sum_[v * p];
      double inside_norm = 0.0, outside_norm = 0.0;
      for (std::size_t j = 0; j < p; ++j) {
        inside_norm += sv[j] * sv[j];
        const double rest = total_sum[j] - sv[j];
        outside_norm += rest * rest;
      }
      const double ssd_inside = sumsq_[v] - inside_norm / static_cast<double>(inside);
      const double ssd_outside = (total_sq - sumsq_[v]) - outside_norm / static_cast<double>(outside);
      const double gain = total_ssd - ssd_inside - ssd_outside;
      const std::size_t id = parent_edge_[v];
      consider(group.best_any, gain, id);
      if (need(inside) + need(outside) + 1 == group_need) consider(group.best_efficient, gain, id);
    }
    // Leave the scratch clean for the next group.
    for (std::size_t v : order_) {
      count_[v] = 0;
      sumsq_[v] = 0.0;
      std::fill_n(&sum_[v * p], p, 0.0);
    }
    return group;
  }

  /// Cuts at least this many times more are needed for a group of @p size to fit max_size.
  std::size_t need(std::size_t size) const noexcept {
    if (options_.max_size == 0 || size == 0) return 0;
    return (size + options_.max_size - 1) / options_.max_size - 1;
  }

  std::size_t need(const Group& group) const noexcept { return need(group.size); }

  /// True when (gain_a, edge a) is a better cut than (gain_b, edge b): larger gain, then the
  /// lower (u, v) pair.
  bool better(double gain_a, std::size_t a, double gain_b, std::size_t b) const noexcept {
    if (b == none) return a != none;
    if (a == none) return false;
    if (gain_a != gain_b) return gain_a > gain_b;
    return std::tie(tree_[a].u, tree_[a].v) < std::tie(tree_[b].u, tree_[b].v);
  }

  void consider(Cut& best, double gain, std::size_t id) const noexcept {
    if (better(gain, id, best.gain, best.edge)) best = Cut{gain, id};
  }

  void remove(std::size_t id) noexcept { removed_[id] = true; }
  const std::vector<Edge>& tree() const noexcept { return tree_; }

  /// Labels: each group's vertices get the group's index.
  void label(std::size_t root, std::int32_t value, Labels& labels) {
    collect(root, order_);
    for (std::size_t v : order_) labels[v] = value;
  }

 private:
  const std::vector<double>& x_;  // n × p row-major, centred attributes
  std::vector<Edge> tree_;
  SkaterOptions options_;
  std::size_t n_, p_;
  std::vector<std::size_t> offsets_;
  std::vector<std::pair<std::size_t, std::size_t>> neighbours_;  // (vertex, edge id)
  std::vector<bool> removed_;
  std::vector<std::size_t> parent_, parent_edge_, count_, stack_, order_;
  std::vector<double> sumsq_;
  std::vector<double> sum_;  // n × p row-major: row v = attribute sum over v's subtree

  double squared_norm(const double* a) const noexcept {
    double total = 0.0;
    for (std::size_t j = 0; j < p_; ++j) total += a[j] * a[j];
    return total;
  }
};

void validate(const Graph& g, const Eigen::Ref<const Eigen::MatrixXd>& attributes, std::size_t k,
              const SkaterOptions& options) {
  const std::size_t n = g.size();
  if (k == 0) throw ConfigError("k", "the number of groups must be at least 1, got 0");
  if (k > n) {
    throw ConfigError("k", "the number of groups k = " + std::to_string(k) +
                               " exceeds the number of items n = " + std::to_string(n));
  }
  if (options.min_size == 0) throw ConfigError("min_size", "must be at least 1, got 0");
  if (options.max_size != 0 && options.max_size < options.min_size) {
    throw ConfigError("max_size", "max_size = " + std::to_string(options.max_size) +
                                      " is below min_size = " + std::to_string(options.min_size));
  }
  if (options.disconnected == Disconnected::join_nearest) {
    throw ConfigError("disconnected",
                      "SKATER has no geography to join components by; join them when building the "
                      "graph (clir::connect_components) or keep them as groups",
                      {"fail", "components_as_groups"});
  }
  if (static_cast<std::size_t>(attributes.rows()) != n) {
    throw InputError("skater: the attribute matrix has " + std::to_string(attributes.rows()) +
                     " rows but the graph has " + std::to_string(n) + " vertices");
  }
  if (attributes.cols() == 0) throw InputError("skater: the attribute matrix has no columns");
  for (Eigen::Index j = 0; j < attributes.cols(); ++j) {
    for (Eigen::Index i = 0; i < attributes.rows(); ++i) {
      if (!std::isfinite(attributes(i, j))) {
        throw InputError("skater: attribute (row " + std::to_string(i) + ", column " +
                         std::to_string(j) + ") is not finite");
      }
    }
  }
  if (k * options.min_size > n) {
    throw Infeasible("skater: " + std::to_string(k) + " groups of at least " +
                         std::to_string(options.min_size) + " items need " +
                         std::to_string(k * options.min_size) + " items, but there are " +
                         std::to_string(n),
                     {"k = " + std::to_string(k), "min_size = " + std::to_string(options.min_size)},
                     "lower k or min_size");
  }
  if (options.max_size != 0 && k * options.max_size < n) {
    throw Infeasible("skater: " + std::to_string(k) + " groups of at most " +
                         std::to_string(options.max_size) + " items hold only " +
                         std::to_string(k * options.max_size) + " of the " + std::to_string(n) +
                         " items",
                     {"k = " + std::to_string(k), "max_size = " + std::to_string(options.max_size)},
                     "raise k or max_size");
  }
}

/// Squared Euclidean distance between row @p i of @p a and row @p j of @p b (plain loop: GCC 12
/// with -march=native reports false maybe-uninitialized warnings inside Eigen's reductions).
template <class A, class B>
double row_distance2(const A& a, Eigen::Index i, const B& b, Eigen::Index j) {
  double total = 0.0;
  for (Eigen::Index c = 0; c < a.cols(); ++c) {
    const double d = a(i, c) - b(j, c);
    total += d * d;
  }
  return total;
}

std::string bounds_text(const SkaterOptions& options) {
  std::string out = "min_size = " + std::to_string(options.min_size);
  if (options.max_size != 0) out += ", max_size = " + std::to_string(options.max_size);
  return out;
}

}  // namespace

double within_group_ssd(const Eigen::Ref<const Eigen::MatrixXd>& attributes, const Labels& labels) {
  if (static_cast<std::size_t>(attributes.rows()) != labels.size()) {
    throw InputError("within_group_ssd: " + std::to_string(labels.size()) + " labels for " +
                     std::to_string(attributes.rows()) + " attribute rows");
  }
  const auto sizes = group_sizes(labels);
  Eigen::MatrixXd means = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(sizes.size()), attributes.cols());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= 0) means.row(labels[i]) += attributes.row(static_cast<Eigen::Index>(i));
  }
  for (std::size_t g = 0; g < sizes.size(); ++g) {
    if (sizes[g] > 0) means.row(static_cast<Eigen::Index>(g)) /= static_cast<double>(sizes[g]);
  }
  double ssd = 0.0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= 0) {
      ssd += row_distance2(attributes, static_cast<Eigen::Index>(i), means, labels[i]);
    }
  }
  return ssd;
}

SkaterResult skater(const Graph& g, const Eigen::Ref<const Eigen::MatrixXd>& attributes,
                    std::size_t k, const SkaterOptions& options) {
  validate(g, attributes, k, options);
  const std::size_t n = g.size();
  SkaterResult result;

  const Components components = connected_components(g);
  result.components = components.count;
  if (components.count > 1) {
    if (options.disconnected == Disconnected::fail) throw DisconnectedGraphError("skater", components);
    if (components.count > k) {
      throw Infeasible("skater: the graph has " + std::to_string(components.count) +
                           " components, more than the k = " + std::to_string(k) +
                           " groups asked for (each component is at least one group)",
                       {"k = " + std::to_string(k), "disconnected = components_as_groups"},
                       "raise k to at least " + std::to_string(components.count) +
                           " or join the components");
    }
  }

  // Centre the attributes on their overall mean: the subtree formula SSD = Σ|x|² − |Σx|²/m
  // then works on small numbers and loses little to cancellation.
  Eigen::MatrixXd x = attributes;
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    double column_sum = 0.0;  // plain loops: see row_distance2
    for (Eigen::Index i = 0; i < x.rows(); ++i) column_sum += x(i, j);
    const double column_mean = column_sum / static_cast<double>(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) x(i, j) -= column_mean;
  }

  // Spanning forest on the chosen edge cost.
  std::vector<Edge> costed = g.edges();
  if (options.edge_cost == SkaterEdgeCost::attribute_distance) {
    for (Edge& e : costed) {
      e.weight = std::sqrt(row_distance2(x, static_cast<Eigen::Index>(e.u), x, static_cast<Eigen::Index>(e.v)));
    }
  }
  std::vector<double> row_major(n * static_cast<std::size_t>(x.cols()));
  for (std::size_t i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      row_major[i * static_cast<std::size_t>(x.cols()) + static_cast<std::size_t>(j)] = x(static_cast<Eigen::Index>(i), j);
    }
  }
  Partitioner partitioner(row_major, n, static_cast<std::size_t>(x.cols()),
                          minimum_spanning_forest(Graph(n, std::move(costed))), options);
  result.tree = partitioner.tree();

  std::vector<Group> groups;
  groups.reserve(k);
  std::size_t total_need = 0;
  for (std::size_t c = 0; c < components.count; ++c) {
    // The lowest vertex of component c is the first with that label.
    const auto first = static_cast<std::size_t>(
        std::find(components.component.begin(), components.component.end(),
                  static_cast<std::int32_t>(c)) - components.component.begin());
    groups.push_back(partitioner.evaluate(first));
    total_need += partitioner.need(groups.back());
  }
  if (total_need > k - groups.size()) {
    throw Infeasible("skater: the " + std::to_string(groups.size()) +
                         " connected components need at least " +
                         std::to_string(total_need + groups.size()) +
                         " groups to keep every group within max_size = " +
                         std::to_string(options.max_size) + ", more than k = " + std::to_string(k),
                     {"k = " + std::to_string(k), "max_size = " + std::to_string(options.max_size),
                      "disconnected = components_as_groups"},
                     "raise k or max_size");
  }

  while (groups.size() < k) {
    const std::size_t remaining = k - groups.size();
    // max_size first: while a group is too large, only oversized groups are cut, preferring
    // cuts that lower the number of cuts they still need (parts that fit sooner), best gain
    // among those. Once every group fits, the remaining cuts go to the best gain anywhere, and
    // cutting never makes a group larger. Without max_size this is plain SKATER.
    bool oversized = false;
    for (const Group& group : groups) oversized = oversized || (options.max_size != 0 && group.size > options.max_size);
    bool efficient_only = false;
    if (oversized) {
      for (const Group& group : groups) {
        efficient_only = efficient_only || (group.size > options.max_size && group.best_efficient.valid());
      }
    }
    const bool hopeless = total_need > remaining;
    auto candidate_of = [&](const Group& group) -> const Cut& {
      return efficient_only ? group.best_efficient : group.best_any;
    };
    std::size_t chosen = none;
    for (std::size_t i = 0; i < groups.size() && !hopeless; ++i) {
      if (oversized && groups[i].size <= options.max_size) continue;
      const Cut& candidate = candidate_of(groups[i]);
      if (!candidate.valid()) continue;
      if (chosen == none) {
        chosen = i;
        continue;
      }
      const Cut& current = candidate_of(groups[chosen]);
      if (partitioner.better(candidate.gain, candidate.edge, current.gain, current.edge)) chosen = i;
    }
    if (chosen == none) {
      std::size_t largest = 0;
      for (const Group& group : groups) largest = std::max(largest, group.size);
      std::vector<std::string> conflicting{"k = " + std::to_string(k),
                                           "min_size = " + std::to_string(options.min_size)};
      if (options.max_size != 0) conflicting.push_back("max_size = " + std::to_string(options.max_size));
      std::string why = hopeless
          ? "the groups larger than max_size = " + std::to_string(options.max_size) + " need at least " +
                std::to_string(total_need) + " more cuts but only " + std::to_string(remaining) + " are left"
          : "found no tree edge whose cut keeps both parts within " + bounds_text(options) +
                (oversized ? " in the groups larger than max_size" : "");
      throw Infeasible("skater: formed " + std::to_string(groups.size()) + " of the k = " + std::to_string(k) +
                           " groups, then " + why + " (largest group: " + std::to_string(largest) + " items)",
                       std::move(conflicting), "lower k or min_size, raise max_size, or use a denser graph");
    }
    const Cut cut = efficient_only ? groups[chosen].best_efficient : groups[chosen].best_any;
    const Edge edge = partitioner.tree()[cut.edge];
    partitioner.remove(cut.edge);
    result.cut_edges.push_back(edge);
    result.cut_gains.push_back(cut.gain);
    total_need -= partitioner.need(groups[chosen]);
    Group a = partitioner.evaluate(edge.u);
    Group b = partitioner.evaluate(edge.v);
    total_need += partitioner.need(a) + partitioner.need(b);
    groups[chosen] = std::move(a);
    groups.push_back(std::move(b));
  }

  if (options.max_size != 0) {
    for (const Group& group : groups) {
      if (group.size > options.max_size) {
        throw Infeasible("skater: after the k - 1 = " + std::to_string(k - 1) +
                             " cuts a group still has " + std::to_string(group.size) +
                             " items, more than max_size = " + std::to_string(options.max_size),
                         {"k = " + std::to_string(k), "min_size = " + std::to_string(options.min_size),
                          "max_size = " + std::to_string(options.max_size)},
                         "raise k or max_size, lower min_size, or use a denser graph");
      }
    }
  }
  Labels labels(n, -1);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    partitioner.label(groups[i].root, static_cast<std::int32_t>(i), labels);
  }
  result.labels = canonical_labels(labels);
  result.group_sizes = group_sizes(result.labels);
  result.group_ssd.assign(result.group_sizes.size(), 0.0);
  {
    Eigen::MatrixXd means = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), x.cols());
    for (std::size_t i = 0; i < n; ++i) means.row(result.labels[i]) += x.row(static_cast<Eigen::Index>(i));
    for (std::size_t gi = 0; gi < k; ++gi) {
      means.row(static_cast<Eigen::Index>(gi)) /= static_cast<double>(result.group_sizes[gi]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      result.group_ssd[static_cast<std::size_t>(result.labels[i])] +=
          row_distance2(x, static_cast<Eigen::Index>(i), means, result.labels[i]);
    }
  }
  for (double s : result.group_ssd) result.ssd += s;
  for (double v : row_major) result.total_ssd += v * v;
  return result;
}

}  // namespace clir
