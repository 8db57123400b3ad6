// Validation and resolution of group constraints; the shared pieces of the constrained solvers.

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <queue>
#include <set>

#include "clir/core/detail/text.hpp"
#include "clir/core/detail/union_find.hpp"
#include "clir/core/error.hpp"
#include "constraints_internal.hpp"

namespace clir {
namespace detail {

namespace {

std::string item_name(const GroupConstraints& c, std::size_t i) {
  if (i < c.item_names.size() && !c.item_names[i].empty()) return c.item_names[i];
  return "item " + std::to_string(i);
}

std::string pair_text(const char* kind, const GroupConstraints& c, std::size_t a, std::size_t b) {
  return std::string(kind) + " (" + item_name(c, a) + ", " + item_name(c, b) + ")";
}

// Shortest must-link path a → b, as the list of must-link pair indices along it.
std::vector<std::size_t> must_link_path(const GroupConstraints& c, std::size_t n, std::size_t a, std::size_t b) {
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> adj(n);  // (neighbour, pair index)
  for (std::size_t p = 0; p < c.must_link.size(); ++p) {
    const auto [x, y] = c.must_link[p];
    adj[x].push_back({y, p});
    adj[y].push_back({x, p});
  }
  std::vector<std::size_t> via(n, SIZE_MAX), from(n, SIZE_MAX);
  std::vector<bool> seen(n, false);
  std::queue<std::size_t> q;
  q.push(a);
  seen[a] = true;
  while (!q.empty()) {
    const std::size_t u = q.front();
    q.pop();
    if (u == b) break;
    for (const auto& [v, p] : adj[u]) {
      if (seen[v]) continue;
      seen[v] = true;
      via[v] = p;
      from[v] = u;
      q.push(v);
    }
  }
  std::vector<std::size_t> path;
  for (std::size_t v = b; v != a && via[v] != SIZE_MAX; v = from[v]) path.push_back(via[v]);
  std::reverse(path.begin(), path.end());
  return path;
}

struct CategoryBlocks {
  std::vector<std::int32_t> category_of;  // item → category id
  std::vector<std::string> category_names;
  std::vector<std::int32_t> block_of;     // item → block id
  std::vector<std::string> block_names;
};

// Category ids in order of first appearance; blocks join categories through may_mix.
CategoryBlocks resolve_categories(const GroupConstraints& c, std::size_t n) {
  CategoryBlocks out;
  const auto& cat = c.category;
  if (cat.of_item.empty()) {
    out.category_of.assign(n, -1);
    out.block_of.assign(n, 0);
    out.block_names = {"all items"};
    return out;
  }
  if (cat.of_item.size() != n) {
    throw InputError("has " + std::to_string(cat.of_item.size()) + " values; expected one per item (" +
                         std::to_string(n) + ")",
                     {.key = "category"});
  }
  std::map<std::string, std::int32_t> id;
  out.category_of.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (cat.of_item[i].empty()) {
      throw InputError(item_name(c, i) + " has no category; every item needs one", {.key = "category"});
    }
    auto [it, inserted] = id.emplace(cat.of_item[i], static_cast<std::int32_t>(out.category_names.size()));
    if (inserted) out.category_names.push_back(cat.of_item[i]);
    out.category_of[i] = it->second;
  }
  const std::size_t ncat = out.category_names.size();
  UnionFind uf(ncat);
  if (cat.mode == CategoryMode::hard) {
    for (std::size_t s = 0; s < cat.may_mix.size(); ++s) {
      std::size_t first = SIZE_MAX;
      for (const auto& name : cat.may_mix[s]) {
        auto it = id.find(name);
        if (it == id.end()) {
          throw ConfigError("category.may_mix[" + std::to_string(s) + "]",
                            "unknown category '" + name + "'", out.category_names);
        }
        const auto cid = static_cast<std::size_t>(it->second);
        if (first == SIZE_MAX) first = cid;
        uf.join(first, cid);
      }
    }
  }
  // Blocks numbered by first appearance of their root category; names list their categories.
  std::vector<std::int32_t> block_of_cat(ncat, -1);
  std::vector<std::vector<std::string>> block_cats;
  std::vector<std::int32_t> block_of_root(ncat, -1);
  for (std::size_t cidx = 0; cidx < ncat; ++cidx) {
    const std::size_t r = uf.find(cidx);
    if (block_of_root[r] < 0) {
      block_of_root[r] = static_cast<std::int32_t>(block_cats.size());
      block_cats.emplace_back();
    }
    block_of_cat[cidx] = block_of_root[r];
    block_cats[static_cast<std::size_t>(block_of_root[r])].push_back(out.category_names[cidx]);
  }
  for (const auto& names : block_cats) out.block_names.push_back(join_text(names, "+"));
  out.block_of.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.block_of[i] = block_of_cat[static_cast<std::size_t>(out.category_of[i])];
  return out;
}

void check_pairs(const std::vector<std::pair<std::size_t, std::size_t>>& pairs, const char* key, std::size_t n) {
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const auto [a, b] = pairs[p];
    for (std::size_t x : {a, b}) {
      if (x >= n) {
        throw InputError("item " + std::to_string(x) + " is out of range; there are " + std::to_string(n) +
                             " items (0.." + std::to_string(n == 0 ? 0 : n - 1) + ")",
                         {.key = std::string(key) + "[" + std::to_string(p) + "]"});
      }
    }
  }
}

std::size_t ceil_div(std::size_t a, std::size_t b) { return (a + b - 1) / b; }

}  // namespace

PreparedConstraints prepare_constraints(std::size_t n, std::size_t k, const GroupConstraints& c) {
  if (k == 0) throw ConfigError("k", "the number of groups must be at least 1");
  if (n == 0) throw InputError("there are no items to group", {.key = "distance"});
  PreparedConstraints pc;
  pc.n = n;
  pc.k = k;
  pc.min_size = std::max<std::size_t>(c.min_size, 1);
  pc.max_size = c.max_size == 0 ? n : std::min(c.max_size, n);
  if (c.max_size != 0 && c.min_size > c.max_size) {
    throw ConfigError("min_size", "min_size = " + std::to_string(c.min_size) + " exceeds max_size = " +
                                      std::to_string(c.max_size));
  }
  if (!c.item_names.empty() && c.item_names.size() != n) {
    throw InputError("has " + std::to_string(c.item_names.size()) + " names; expected one per item (" +
                         std::to_string(n) + ")",
                     {.key = "item_names"});
  }
  if (c.category.mode == CategoryMode::soft && !(c.category.penalty >= 0.0 && std::isfinite(c.category.penalty))) {
    throw ConfigError("category.penalty", "must be a finite number >= 0 (distance units)");
  }
  check_pairs(c.must_link, "must_link", n);
  check_pairs(c.cannot_link, "cannot_link", n);

  const std::string kt = "k = " + std::to_string(k);
  const std::string nt = std::to_string(n) + " items";
  const std::string mint = "min_size = " + std::to_string(pc.min_size);
  const std::string maxt = "max_size = " + std::to_string(c.max_size);
  if (k > n) {
    throw Infeasible("cannot form " + std::to_string(k) + " non-empty groups from " + nt, {kt, nt},
                     "lower k to at most " + std::to_string(n));
  }
  if (k * pc.max_size < n) {
    throw Infeasible(std::to_string(k) + " groups of at most " + std::to_string(pc.max_size) + " items hold " +
                         std::to_string(k * pc.max_size) + " items, fewer than the " + nt,
                     {kt, maxt, nt},
                     "raise max_size to at least " + std::to_string(ceil_div(n, k)) + " or k to at least " +
                         std::to_string(ceil_div(n, pc.max_size)));
  }
  if (k * pc.min_size > n) {
    throw Infeasible(std::to_string(k) + " groups of at least " + std::to_string(pc.min_size) + " items need " +
                         std::to_string(k * pc.min_size) + " items, more than the " + nt,
                     {kt, mint, nt},
                     "lower min_size to at most " + std::to_string(n / k) + " or k to at most " +
                         std::to_string(n / pc.min_size));
  }

  // Must-link components become super-items, numbered by their first (smallest) item.
  UnionFind uf(n);
  for (const auto& [a, b] : c.must_link) uf.join(a, b);
  pc.unit_of.assign(n, SIZE_MAX);
  std::vector<std::size_t> unit_of_root(n, SIZE_MAX);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = uf.find(i);
    if (unit_of_root[r] == SIZE_MAX) {
      unit_of_root[r] = pc.members.size();
      pc.members.emplace_back();
    }
    pc.unit_of[i] = unit_of_root[r];
    pc.members[unit_of_root[r]].push_back(i);
  }
  for (const auto& m : pc.members) {
    if (m.size() > pc.max_size) {
      std::vector<std::string> names;
      for (std::size_t i : m) names.push_back(item_name(c, i));
      throw Infeasible("must-link pairs join " + std::to_string(m.size()) + " items (" + join_text(names, ", ") +
                           ") into one group, more than max_size = " + std::to_string(pc.max_size),
                       {"must-link chain of " + std::to_string(m.size()) + " items", maxt},
                       "remove a must-link pair among these items or raise max_size to " + std::to_string(m.size()));
    }
  }
  for (const auto& [a, b] : c.cannot_link) {
    if (a == b) {
      throw Infeasible(item_name(c, a) + " is cannot-linked with itself", {pair_text("cannot_link", c, a, b)},
                       "remove this cannot_link pair");
    }
    if (pc.unit_of[a] == pc.unit_of[b]) {
      std::vector<std::string> conflict{pair_text("cannot_link", c, a, b)};
      for (std::size_t p : must_link_path(c, n, a, b)) {
        conflict.push_back(pair_text("must_link", c, c.must_link[p].first, c.must_link[p].second));
      }
      throw Infeasible(item_name(c, a) + " and " + item_name(c, b) +
                           " are cannot-linked but a chain of must-link pairs puts them in one group",
                       conflict, "drop the cannot_link pair or one of the must_link pairs of the chain");
    }
    auto ua = pc.unit_of[a], ub = pc.unit_of[b];
    if (ub < ua) std::swap(ua, ub);
    pc.cannot_units.emplace_back(ua, ub);
  }
  std::sort(pc.cannot_units.begin(), pc.cannot_units.end());
  pc.cannot_units.erase(std::unique(pc.cannot_units.begin(), pc.cannot_units.end()), pc.cannot_units.end());

  // Categories.
  CategoryBlocks cb = resolve_categories(c, n);
  pc.category_of = std::move(cb.category_of);
  pc.category_names = std::move(cb.category_names);
  const bool has_category = !c.category.of_item.empty();
  pc.hard = has_category && c.category.mode == CategoryMode::hard;
  pc.soft = has_category && c.category.mode == CategoryMode::soft && c.category.penalty > 0.0;
  pc.penalty = pc.soft ? c.category.penalty : 0.0;
  if (pc.hard) {
    pc.block_of = std::move(cb.block_of);
    pc.block_names = std::move(cb.block_names);
  } else {
    pc.block_of.assign(n, 0);
    pc.block_names = {"all items"};
  }
  if (pc.hard) {
    for (const auto& m : pc.members) {
      for (std::size_t i : m) {
        if (pc.block_of[i] == pc.block_of[m.front()]) continue;
        std::vector<std::string> conflict;
        for (std::size_t p : must_link_path(c, n, m.front(), i)) {
          conflict.push_back(pair_text("must_link", c, c.must_link[p].first, c.must_link[p].second));
        }
        conflict.push_back("hard category '" + c.category.of_item[m.front()] + "' vs '" + c.category.of_item[i] + "'");
        throw Infeasible("a chain of must-link pairs joins " + item_name(c, m.front()) + " (" +
                             c.category.of_item[m.front()] + ") and " + item_name(c, i) + " (" + c.category.of_item[i] +
                             "), categories that may not share a group",
                         conflict, "let these categories mix (category.may_mix), make the category soft, or drop a must_link pair");
      }
    }
  }

  // Groups each block needs: every item needs a group of its block, each group has its own
  // medoid super-item and between min_size and max_size items.
  const std::size_t nb = pc.block_names.size();
  pc.block_items.assign(nb, 0);
  std::vector<std::size_t> block_units(nb, 0);
  for (std::size_t i = 0; i < n; ++i) ++pc.block_items[static_cast<std::size_t>(pc.block_of[i])];
  for (const auto& m : pc.members) ++block_units[static_cast<std::size_t>(pc.block_of[m.front()])];
  pc.block_min_groups.resize(nb);
  pc.block_max_groups.resize(nb);
  std::size_t sum_lo = 0, sum_hi = 0;
  for (std::size_t b = 0; b < nb; ++b) {
    const std::size_t items = pc.block_items[b];
    const std::size_t lo = ceil_div(items, pc.max_size);
    const std::size_t hi = std::min(items / pc.min_size, block_units[b]);
    pc.block_min_groups[b] = lo;
    pc.block_max_groups[b] = hi;
    sum_lo += lo;
    sum_hi += hi;
    if (lo > hi && pc.hard) {
      const std::string what = "category '" + pc.block_names[b] + "': " + std::to_string(items) + " items";
      std::string suggestion = items < pc.min_size
                                   ? "lower min_size to " + std::to_string(items) +
                                         ", let the category mix with another (category.may_mix) or make it soft"
                                   : "widen the size bounds, let the category mix with another (category.may_mix) or make it soft";
      throw Infeasible("the " + std::to_string(items) + " items of category '" + pc.block_names[b] +
                           "' cannot be split into groups of " + std::to_string(pc.min_size) + " to " +
                           std::to_string(pc.max_size) + " items",
                       {what, mint, maxt}, suggestion);
    }
  }
  if (!pc.hard && k > pc.members.size()) {
    throw Infeasible("must-link pairs merge the " + nt + " into " + std::to_string(pc.members.size()) +
                         " inseparable units, fewer than " + kt + " groups",
                     {kt, std::to_string(c.must_link.size()) + " must_link pairs"},
                     "lower k to at most " + std::to_string(pc.members.size()) + " or drop must_link pairs");
  }
  if (pc.hard && sum_lo > k) {
    throw Infeasible("keeping categories apart needs at least " + std::to_string(sum_lo) + " groups, more than " + kt,
                     {kt, "hard category with " + std::to_string(nb) + " blocks", maxt},
                     "raise k to " + std::to_string(sum_lo) + ", raise max_size, or let categories mix (category.may_mix)");
  }
  if (pc.hard && sum_hi < k) {
    throw Infeasible("keeping categories apart allows at most " + std::to_string(sum_hi) + " groups, fewer than " + kt,
                     {kt, "hard category with " + std::to_string(nb) + " blocks", mint},
                     "lower k to " + std::to_string(sum_hi) + " or lower min_size");
  }
  return pc;
}

double unit_cost(const DenseDistances& D, const PreparedConstraints& pc, std::size_t unit, std::size_t medoid) {
  double cost = 0.0;
  const auto mc = pc.category_of[medoid];
  for (std::size_t i : pc.members[unit]) {
    cost += D(i, medoid);
    if (pc.soft && pc.category_of[i] != mc) cost += pc.penalty;
  }
  return cost;
}

ConstrainedResult make_result(const PreparedConstraints& pc, const std::vector<std::size_t>& medoids,
                              const Assignment& a) {
  const std::size_t k = medoids.size();
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return medoids[x] < medoids[y]; });
  std::vector<std::int32_t> new_label(k);
  ConstrainedResult r;
  r.medoids.resize(k);
  for (std::size_t g = 0; g < k; ++g) {
    new_label[order[g]] = static_cast<std::int32_t>(g);
    r.medoids[g] = medoids[order[g]];
  }
  r.labels.assign(pc.n, -1);
  for (std::size_t u = 0; u < pc.units(); ++u) {
    for (std::size_t i : pc.members[u]) r.labels[i] = new_label[static_cast<std::size_t>(a.group_of_unit[u])];
  }
  r.loss = a.loss;
  r.penalty = a.penalty;
  r.objective = a.loss + a.penalty;
  return r;
}

std::vector<std::string> active_constraints(const PreparedConstraints& pc, const GroupConstraints& c) {
  std::vector<std::string> out{"k = " + std::to_string(pc.k),
                               "group size " + std::to_string(pc.min_size) + ".." + std::to_string(pc.max_size)};
  if (!c.must_link.empty()) out.push_back(std::to_string(c.must_link.size()) + " must_link pairs");
  if (!c.cannot_link.empty()) out.push_back(std::to_string(c.cannot_link.size()) + " cannot_link pairs");
  if (pc.hard) out.push_back("hard category (" + std::to_string(pc.blocks()) + " blocks)");
  return out;
}

}  // namespace detail

void check_constraints(std::size_t n, std::size_t k, const GroupConstraints& constraints) {
  (void)detail::prepare_constraints(n, k, constraints);
}

std::vector<std::string> constraint_violations(const Labels& labels, const GroupConstraints& c) {
  using detail::item_name;
  const std::size_t n = labels.size();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (labels[i] < 0) out.push_back(item_name(c, i) + " has no group");
  }
  const auto sizes = group_sizes(labels);
  const std::size_t lo = std::max<std::size_t>(c.min_size, 1);
  for (std::size_t g = 0; g < sizes.size(); ++g) {
    if (sizes[g] == 0) {
      out.push_back("group " + std::to_string(g) + " is empty");
    } else if (sizes[g] < lo) {
      out.push_back("group " + std::to_string(g) + " has " + std::to_string(sizes[g]) + " members, fewer than min_size = " +
                    std::to_string(lo));
    } else if (c.max_size != 0 && sizes[g] > c.max_size) {
      out.push_back("group " + std::to_string(g) + " has " + std::to_string(sizes[g]) + " members, more than max_size = " +
                    std::to_string(c.max_size));
    }
  }
  auto in_range = [n](std::size_t a, std::size_t b) { return a < n && b < n; };
  for (const auto& [a, b] : c.must_link) {
    if (in_range(a, b) && labels[a] != labels[b]) {
      out.push_back(detail::pair_text("must_link", c, a, b) + " is split between groups " + std::to_string(labels[a]) +
                    " and " + std::to_string(labels[b]));
    }
  }
  for (const auto& [a, b] : c.cannot_link) {
    if (in_range(a, b) && labels[a] == labels[b] && labels[a] >= 0) {
      out.push_back(detail::pair_text("cannot_link", c, a, b) + " share group " + std::to_string(labels[a]));
    }
  }
  if (!c.category.of_item.empty() && c.category.mode == CategoryMode::hard) {
    const auto cb = detail::resolve_categories(c, n);
    std::map<std::int32_t, std::size_t> first_of_group;  // group → first item seen
    for (std::size_t i = 0; i < n; ++i) {
      if (labels[i] < 0) continue;
      auto [it, inserted] = first_of_group.emplace(labels[i], i);
      const std::size_t f = it->second;
      if (!inserted && cb.block_of[i] != cb.block_of[f]) {
        out.push_back("group " + std::to_string(labels[i]) + " mixes categories '" + c.category.of_item[f] + "' (" +
                      item_name(c, f) + ") and '" + c.category.of_item[i] + "' (" + item_name(c, i) + ")");
      }
    }
  }
  return out;
}

double category_penalty(const Labels& labels, const std::vector<std::size_t>& medoids, const GroupConstraints& c) {
  const auto& cat = c.category;
  if (cat.of_item.empty() || cat.mode != CategoryMode::soft || cat.penalty == 0.0) return 0.0;
  if (cat.of_item.size() != labels.size()) {
    throw InputError("has " + std::to_string(cat.of_item.size()) + " values; expected one per item (" +
                         std::to_string(labels.size()) + ")",
                     {.key = "category"});
  }
  std::size_t mixed = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) continue;
    const auto g = static_cast<std::size_t>(labels[i]);
    if (g >= medoids.size()) {
      throw InputError("label " + std::to_string(g) + " of item " + std::to_string(i) + " has no medoid (" +
                           std::to_string(medoids.size()) + " medoids)",
                       {.key = "labels"});
    }
    if (cat.of_item[i] != cat.of_item[medoids[g]]) ++mixed;
  }
  return cat.penalty * static_cast<double>(mixed);
}

}  // namespace clir
