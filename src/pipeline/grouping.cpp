#include "clir/pipeline/grouping.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <functional>
#include <map>
#include <numbers>

#include "clir/cluster/constrained.hpp"
#include "clir/cluster/kmedoids.hpp"
#include "clir/cluster/msc.hpp"
#include "clir/cluster/pmedian.hpp"
#include "clir/core/detail/union_find.hpp"
#include "clir/core/error.hpp"
#include "clir/distance/blend.hpp"
#include "clir/distance/geo.hpp"
#include "clir/distance/needs.hpp"
#include "clir/evaluate/silhouette.hpp"
#include "clir/evaluate/spread.hpp"
#include "clir/data/boundaries.hpp"
#include "clir/graph/contiguity.hpp"
#include "clir/graph/proximity.hpp"
#include "clir/graph/skater.hpp"
#include "clir/graph/spectral.hpp"
#include "clir/io/format.hpp"

namespace clir {

namespace {

// The member of each group with the least summed distance to the other members (ties: lower
// index), as clir::group_spread defines it.
std::vector<std::size_t> group_medoids(const DistanceMatrix<double>& D, const Labels& labels) {
  std::vector<std::size_t> medoids;
  for (const auto& g : group_spread(D, labels).groups) medoids.push_back(g.medoid);
  return medoids;
}

// Constrained k-medoids on @p D started from @p start (an unconstrained result's medoids). The
// constrained swap search assigns by min-cost flow under the constraints (docs/constraints.md).
// When hard categories make @p start an impossible start (a category block without a medoid, or
// with too many), the search starts from the block-respecting BUILD instead.
ConstrainedResult constrained_from(const DistanceMatrix<double>& D, const GroupingSpec& spec, const GroupConstraints& gc,
                                   const std::vector<std::size_t>& start) {
  auto attempt = [&](ConstrainedInit init) {
    return constrained_kmedoids(D, spec.k, gc,
                                {.init = init, .initial_medoids = start, .seed = spec.seed, .threads = spec.threads});
  };
  try {
    return attempt(ConstrainedInit::given);
  } catch (const ConfigError& e) {
    if (e.key() != "initial_medoids") throw;
    return attempt(ConstrainedInit::build);
  }
}

// The block of each item under a hard category constraint: categories joined through may_mix
// (transitively) form one block, as clir::constrained_kmedoids defines it.
std::vector<std::size_t> category_blocks(const CategoryConstraint& c) {
  std::map<std::string, std::size_t, std::less<>> index;  // category name -> union-find item
  const auto item = [&](const std::string& name) { return index.emplace(name, index.size()).first->second; };
  for (const auto& cat : c.of_item) item(cat);
  for (const auto& set : c.may_mix) {
    for (const auto& cat : set) item(cat);
  }
  detail::UnionFind sets(index.size());
  for (const auto& set : c.may_mix) {
    for (std::size_t i = 1; i < set.size(); ++i) sets.join(index.at(set[0]), index.at(set[i]));
  }
  // Blocks numbered by their first item, whichever category is the union-find's root.
  std::map<std::size_t, std::size_t> id;
  std::vector<std::size_t> out;
  for (const auto& cat : c.of_item) out.push_back(id.emplace(sets.find(index.at(cat)), id.size()).first->second);
  return out;
}

// Labels numbered by first member (group 0 holds item 0), medoids reordered to match.
void canonicalise(ConstrainedResult& r) {
  const Labels old = r.labels;
  r.labels = canonical_labels(old);
  std::vector<std::size_t> medoids(r.medoids.size(), SIZE_MAX);
  for (std::size_t g = 0; g < r.medoids.size(); ++g) {
    const std::size_t m = r.medoids[g];
    medoids[static_cast<std::size_t>(r.labels[m])] = m;
  }
  r.medoids = std::move(medoids);
}

GroupConstraints make_constraints(std::span<const Community> communities, const Table& table, const GroupingSpec& spec) {
  GroupConstraints gc;
  gc.min_size = spec.min_size;
  gc.max_size = spec.max_size;
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < communities.size(); ++i) {
    index.emplace(communities[i].code, i);
    gc.item_names.push_back(communities[i].code + " " + communities[i].name_uk);
  }
  auto find = [&](const std::string& code, const char* key) {
    auto it = index.find(code);
    if (it == index.end()) {
      throw InputError("'" + code + "' is not among the communities being grouped", {.key = key});
    }
    return it->second;
  };
  for (const auto& [a, b] : spec.must_link) gc.must_link.emplace_back(find(a, "must_link"), find(b, "must_link"));
  for (const auto& [a, b] : spec.cannot_link) gc.cannot_link.emplace_back(find(a, "cannot_link"), find(b, "cannot_link"));
  if (!spec.category_column.empty()) {
    gc.category.of_item = table.categorical(spec.category_column);
    gc.category.mode = spec.category_mode;
    gc.category.penalty = spec.category_penalty;
    gc.category.may_mix = spec.allowed_together;
  }
  return gc;
}

// Queen contiguity of the communities' built-in polygons (weights: km between their locations),
// with islands (an enclave, an exclave, a selection's scattered members) joined to their nearest
// component so that SKATER gets one connected graph.
Graph contiguity_of(std::span<const Community> communities, std::span<const GeoPoint> points) {
  std::vector<GeoMultiPolygon> areas;
  areas.reserve(communities.size());
  for (const auto& c : communities) areas.push_back(find_hromada_boundary(c.code).polygons);
  return connect_components(contiguity_graph(areas, points), points, Disconnected::join_nearest).graph;
}

// Attributes for SKATER: projected coordinates (km, local equirectangular) scaled so that their
// squared Euclidean distances carry weight (1 − α), and z-scored needs carrying weight α.
Eigen::MatrixXd skater_attributes(std::span<const Community> communities, const Table& table, const GroupingSpec& spec) {
  const auto n = static_cast<Eigen::Index>(communities.size());
  double lat0 = 0.0, lon0 = 0.0;
  for (const auto& c : communities) {
    lat0 += c.location.lat;
    lon0 += c.location.lon;
  }
  lat0 /= static_cast<double>(n);
  lon0 /= static_cast<double>(n);
  constexpr double km_per_rad = kMeanEarthRadiusKm;
  const double coslat = std::cos(lat0 * std::numbers::pi / 180.0);
  Eigen::MatrixXd xy(n, 2);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& p = communities[static_cast<std::size_t>(i)].location;
    xy(i, 0) = km_per_rad * (p.lon - lon0) * std::numbers::pi / 180.0 * coslat;
    xy(i, 1) = km_per_rad * (p.lat - lat0) * std::numbers::pi / 180.0;
  }
  auto rms_spread = [](const Eigen::MatrixXd& m) {
    const Eigen::MatrixXd c = m.rowwise() - m.colwise().mean();
    return std::sqrt(c.squaredNorm() / static_cast<double>(std::max<Eigen::Index>(m.rows(), 1)));
  };
  const double geo_spread = rms_spread(xy);
  const std::size_t p = spec.needs_columns.size();
  Eigen::MatrixXd out(n, 2 + static_cast<Eigen::Index>(p));
  out.leftCols(2) = geo_spread > 0 ? Eigen::MatrixXd(xy * (std::sqrt(1.0 - spec.alpha) / geo_spread)) : Eigen::MatrixXd::Zero(n, 2);
  for (std::size_t c = 0; c < p; ++c) {
    const auto col = table.numeric_index(spec.needs_columns[c]);
    Eigen::VectorXd v = table.values().col(static_cast<Eigen::Index>(col));
    for (Eigen::Index i = 0; i < n; ++i) {
      if (table.is_missing(static_cast<std::size_t>(i), col)) {
        throw InputError("SKATER needs complete attributes; " + table.ids()[static_cast<std::size_t>(i)] +
                             " has no value",
                         {.key = spec.needs_columns[c]});
      }
    }
    const double mean = v.mean();
    const double sd = n > 1 ? std::sqrt((v.array() - mean).square().sum() / static_cast<double>(n - 1)) : 0.0;
    // A constant column carries no information: z = 0, as in the needs distance.
    out.col(2 + static_cast<Eigen::Index>(c)) =
        sd > 0 ? Eigen::VectorXd((v.array() - mean) / sd * std::sqrt(spec.alpha / static_cast<double>(p)))
               : Eigen::VectorXd::Zero(n);
  }
  return out;
}

// The k-medoids method behind a grouping method of the k-medoids family.
KMedoidsMethod kmedoids_method(GroupingMethod method) {
  switch (method) {
    case GroupingMethod::pam: return KMedoidsMethod::pam;
    case GroupingMethod::fastpam1: return KMedoidsMethod::fastpam1;
    case GroupingMethod::alternating: return KMedoidsMethod::alternating;
    case GroupingMethod::fastermsc: return KMedoidsMethod::fastermsc;
    default: return KMedoidsMethod::fasterpam;
  }
}

}  // namespace

void Fields<GroupingSpec>::validate(const GroupingSpec& spec) {
  if (spec.max_size > 0 && spec.min_size > spec.max_size) {
    throw ConfigError("min_size", "min_size " + std::to_string(spec.min_size) + " exceeds max_size " +
                                      std::to_string(spec.max_size));
  }
  if (spec.init == Init::given)
    throw ConfigError("init",
                      "a grouping names no starting medoids (init = given needs them); "
                      "choose a start the method computes",
                      {"build", "random", "kmedoids++", "lab"});
  if (!spec.allowed_together.empty() && spec.category_column.empty()) {
    throw ConfigError("allowed_together",
                      "allowed_together names categories of the category column, but no category column is set");
  }
}

GroupingResult group_communities(std::span<const Community> communities, const Table& table, const GroupingSpec& spec) {
  // The scenario parser checks this too; a spec built in code or from CLI flags is checked here.
  Fields<GroupingSpec>::validate(spec);
  const std::size_t n = communities.size();
  if (table.rows() != n) {
    throw InputError("the table has " + std::to_string(table.rows()) + " rows for " + std::to_string(n) + " communities");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (table.ids()[i] != communities[i].code) {
      throw InputError("table row " + std::to_string(i + 1) + " is '" + table.ids()[i] + "' but community " +
                           std::to_string(i + 1) + " is '" + communities[i].code + "'",
                       {.key = communities[i].code});
    }
  }
  Fields<GroupingSpec>::validate(spec);
  if (spec.k == 0 || spec.k > n) {
    throw ConfigError("k", "k = " + std::to_string(spec.k) + " groups for " + std::to_string(n) +
                               " communities; expected 1 <= k <= " + std::to_string(n));
  }
  if (!(spec.alpha >= 0.0 && spec.alpha <= 1.0)) {
    throw ConfigError("alpha", "alpha = " + std::to_string(spec.alpha) + " is outside [0, 1]");
  }
  if (spec.alpha > 0.0 && spec.needs_columns.empty()) {
    throw ConfigError("needs_columns", "alpha > 0 blends in needs, so needs_columns must name at least one column");
  }
  if (spec.graph != GroupingGraph::delaunay && spec.method != GroupingMethod::skater) {
    throw ConfigError("graph", "graph = \"" + std::string(to_string(spec.graph)) + "\" applies to method = \"skater\" only, not \"" +
                                   std::string(to_string(spec.method)) + "\"");
  }

  std::vector<GeoPoint> points;
  points.reserve(n);
  for (const auto& c : communities) points.push_back(c.location);
  const BlendScale scale = spec.scale;
  const auto geo = geo_distance_matrix<double>(points, {.method = spec.geo_distance, .threads = spec.threads});

  GroupingResult r;
  for (const auto& c : communities) r.codes.push_back(c.code);
  r.geo_scale_km = distance_scale(geo, scale);

  DistanceMatrix<double> D;
  if (spec.needs_columns.empty()) {
    const auto zero_needs = DistanceMatrix<double>(n);
    D = n > 1 ? blend_distances(geo, zero_needs, {.alpha = 0.0, .scale = scale}) : DistanceMatrix<double>(n);
  } else {
    const auto needs = standardized_euclidean_matrix<double>(
        table, {.columns = spec.needs_columns, .missing = MissingDistancePolicy::pairwise, .threads = spec.threads});
    D = n > 1 ? blend_distances(geo, needs, {.alpha = spec.alpha, .scale = scale}) : DistanceMatrix<double>(n);
  }

  const GroupConstraints gc = make_constraints(communities, table, spec);
  const bool links = !gc.must_link.empty() || !gc.cannot_link.empty();
  const bool category = !gc.category.of_item.empty();
  const bool constrained = spec.min_size > 1 || spec.max_size > 0 || links || category;

  switch (spec.method) {
    case GroupingMethod::exact: {
      PMedianResult res;
      try {
        res = exact_pmedian(D, spec.k, gc, {.time_limit_s = spec.exact_time_limit_s});
      } catch (const LimitReached& e) {
        // exact_pmedian names its own option; here the limit is the spec's exact_time_limit_s.
        if (e.key() != "time_limit_s") throw;
        throw LimitReached("exact_time_limit_s", "time limit reached: the exact method found no feasible grouping within " +
                                                     format_significant(spec.exact_time_limit_s, 4) +
                                                     " s; raise exact_time_limit_s (seconds), or choose a heuristic method");
      }
      r.clustering.labels = res.labels;
      r.clustering.medoids = res.medoids;
      r.clustering.iterations = res.nodes;
      r.proven_optimal = res.status == PMedianStatus::optimal;
      break;
    }
    case GroupingMethod::pam:
    case GroupingMethod::fastpam1:
    case GroupingMethod::fasterpam:
    case GroupingMethod::alternating:
    case GroupingMethod::fastermsc: {
      const auto free =
          kmedoids(D, spec.k, kmedoids_method(spec.method), {.init = spec.init, .seed = spec.seed, .threads = spec.threads});
      if (constrained) {
        // The constrained search starts where the free one stopped: its counts add up.
        r.clustering = constrained_from(D, spec, gc, free.medoids);
        r.clustering.iterations += free.iterations;
        r.clustering.swaps += free.swaps;
      } else {
        r.clustering = ConstrainedResult{free};
      }
      break;
    }
    case GroupingMethod::dynmsc: {
      if (spec.k < 2) throw ConfigError("k", "dynmsc chooses k in 2..k, so k must be at least 2");
      const auto found = dynmsc(D, 2, spec.k, {.init = spec.init, .seed = spec.seed, .threads = spec.threads});
      r.clustering = ConstrainedResult{found.result};
      if (constrained) {
        GroupingSpec chosen = spec;
        chosen.k = found.k;
        r.clustering = constrained_from(D, chosen, gc, found.result.medoids);
        r.clustering.iterations += found.result.iterations;
        r.clustering.swaps += found.result.swaps;
      }
      break;
    }
    case GroupingMethod::skater: {
      if (links || (category && spec.category_mode == CategoryMode::soft)) {
        throw ConfigError("method", "SKATER supports group size bounds and a hard category constraint, not "
                                    "must/cannot-link or a soft category");
      }
      if (n < 3) throw ConfigError("method", "SKATER needs at least 3 communities for a Delaunay graph");
      Graph g = spec.graph == GroupingGraph::contiguity ? contiguity_of(communities, points) : delaunay_graph(points);
      if (category) {
        // A hard category constraint cuts every Delaunay edge between categories that may not
        // share a group; SKATER then starts from the resulting components, one group each.
        const auto block = category_blocks(gc.category);
        std::vector<Edge> kept;
        for (const Edge& e : g.edges()) {
          if (block[e.u] == block[e.v]) kept.push_back(e);
        }
        g = Graph(n, std::move(kept));
      }
      const auto res = skater(g, skater_attributes(communities, table, spec), spec.k,
                              {.min_size = std::max<std::size_t>(spec.min_size, 1), .max_size = spec.max_size,
                               .disconnected = category ? Disconnected::components_as_groups : Disconnected::fail});
      r.clustering.labels = res.labels;
      r.clustering.iterations = res.cut_edges.size();
      r.clustering.medoids = group_medoids(D, r.clustering.labels);
      break;
    }
    case GroupingMethod::spectral: {
      SpectralClusteringOptions so;
      so.spectral.neighbour = std::min<std::size_t>(so.spectral.neighbour, n - 1);
      so.spectral.threads = spec.threads;
      so.kmedoids.seed = spec.seed;
      so.kmedoids.threads = spec.threads;
      const auto res = spectral_clustering(D, spec.k, so);
      r.clustering = ConstrainedResult{res.clustering};
      if (constrained) {
        // Constraints apply in the embedding: constrained k-medoids on the embedded rows' distances.
        DistanceMatrix<double> E(n);
        for (std::size_t i = 0; i < n; ++i) {
          for (std::size_t j = i + 1; j < n; ++j) {
            E.set(i, j, (res.embedding.rows.row(static_cast<Eigen::Index>(i)) - res.embedding.rows.row(static_cast<Eigen::Index>(j))).norm());
          }
        }
        r.clustering = constrained_from(E, spec, gc, res.clustering.medoids);
        r.clustering.iterations += res.clustering.iterations;
        r.clustering.swaps += res.clustering.swaps;
      }
      r.clustering.medoids = group_medoids(D, r.clustering.labels);
      break;
    }
  }
  canonicalise(r.clustering);

  r.clustering.loss = 0.0;
  for (std::size_t i = 0; i < n; ++i) r.clustering.loss += D(i, r.clustering.medoids[static_cast<std::size_t>(r.clustering.labels[i])]);
  const SpreadReport spread = group_spread(geo, r.clustering.labels, r.clustering.medoids);
  r.max_within_km = spread.max_diameter;
  r.mean_to_medoid_km = spread.mean_to_medoid;
  r.clustering.medoid_silhouette = r.clustering.medoids.size() >= 2
                            ? medoid_silhouette(D, std::span<const std::size_t>(r.clustering.medoids), r.clustering.labels).mean
                            : std::numeric_limits<double>::quiet_NaN();
  return r;
}

}  // namespace clir
