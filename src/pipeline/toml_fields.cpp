#include "toml_fields.hpp"

#include <sstream>

namespace clir::detail {

std::optional<std::string> Section::text(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
    type_error(n, key, "a string");
  }

std::optional<double> Section::number(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) type_error(n, key, "a number");
    const double v = *n->value<double>();
    if (!std::isfinite(v)) type_error(n, key, "a finite number");
    return v;
  }

std::optional<std::int64_t> Section::integer(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) type_error(n, key, "an integer");
    return *n->value<std::int64_t>();
  }

std::optional<bool> Section::boolean(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) type_error(n, key, "true or false");
    return *n->value<bool>();
  }

std::optional<std::vector<std::string>> Section::texts(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    if (!a) type_error(n, key, "an array of strings");
    std::vector<std::string> out;
    for (const auto& item : *a) {
      if (!item.is_string()) type_error(&item, key, "an array of strings");
      out.push_back(*item.value<std::string>());
    }
    return out;
  }

std::optional<std::vector<std::string>> Section::scalars(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    std::vector<std::string> out;
    auto one = [&](const toml::node& item) {
      if (item.is_string()) {
        out.push_back(*item.value<std::string>());
      } else if (item.is_integer()) {
        out.push_back(std::to_string(*item.value<std::int64_t>()));
      } else if (item.is_floating_point()) {
        std::ostringstream s;
        s.precision(17);
        s << *item.value<double>();
        out.push_back(s.str());
      } else if (item.is_boolean()) {
        out.push_back(*item.value<bool>() ? "1" : "0");
      } else {
        type_error(&item, key, "a number, a string, a boolean or an array of them");
      }
    };
    if (const toml::array* a = n->as_array()) {
      for (const auto& item : *a) one(item);
    } else {
      one(*n);
    }
    return out;
  }

std::optional<std::vector<std::vector<std::string>>> Section::text_groups(const std::string& key, std::size_t exact_size) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const std::string expected = exact_size == 2 ? "an array of [\"code\", \"code\"] pairs" : "an array of arrays of strings";
    const toml::array* a = n->as_array();
    if (!a) type_error(n, key, expected);
    std::vector<std::vector<std::string>> out;
    for (const auto& item : *a) {
      const toml::array* inner = item.as_array();
      if (!inner || (exact_size && inner->size() != exact_size)) type_error(&item, key, expected);
      std::vector<std::string> group;
      for (const auto& s : *inner) {
        if (!s.is_string()) type_error(&s, key, expected);
        group.push_back(*s.value<std::string>());
      }
      out.push_back(std::move(group));
    }
    return out;
  }

std::optional<std::vector<std::vector<double>>> Section::matrix(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    if (!a) type_error(n, key, "an array of arrays of numbers");
    std::vector<std::vector<double>> out;
    for (const auto& row : *a) {
      const toml::array* r = row.as_array();
      if (!r) type_error(&row, key, "an array of arrays of numbers");
      std::vector<double> values;
      for (const auto& v : *r) {
        if (!v.is_number()) type_error(&v, key, "an array of arrays of numbers");
        values.push_back(*v.value<double>());
      }
      out.push_back(std::move(values));
    }
    return out;
  }

const toml::table* Section::table(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_table()) type_error(n, key, "a table ([" + qualified(key) + "])");
    return n->as_table();
  }

std::vector<const toml::table*> Section::tables(const std::string& key) {
    const toml::node* n = node(key);
    std::vector<const toml::table*> out;
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) type_error(n, key, "an array of tables ([[" + qualified(key) + "]])");
    for (const auto& item : *a) {
      if (!item.is_table()) type_error(&item, key, "an array of tables ([[" + qualified(key) + "]])");
      out.push_back(item.as_table());
    }
    return out;
  }

void Section::finish() const {
    // (line, column, key) of each unknown key; the first in the file is reported.
    std::vector<std::tuple<std::size_t, std::size_t, std::string>> unknown;
    for (const auto& [k, v] : table_) {
      const std::string key(k.str());
      if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
        unknown.emplace_back(k.source().begin.line, k.source().begin.column, key);
      }
    }
    if (unknown.empty()) return;
    std::sort(unknown.begin(), unknown.end());
    const auto& [line, column, key] = unknown.front();
    const std::string suggestion = closest_match(key, known_);
    std::string message = "unknown key '" + key + "'" + (path_.empty() ? "" : " in [" + path_ + "]");
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    throw ConfigError(qualified(key), message, known_,
                      {.file = file_, .line = line, .column = column, .key = qualified(key)});
  }

void Section::unknown_value(const toml::node* n, const std::string& key, const std::string& value,
                            const std::vector<std::string>& allowed) const {
  std::string message = "unknown value '" + value + "'";
  const std::string suggestion = closest_match(value, allowed);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  throw ConfigError(qualified(key), message, allowed, where(n, key));
}

void missing_key(const Section& s, const toml::table& t, const std::string& key, std::string_view what) {
  throw ConfigError(s.qualified(key), std::string(what), {}, s.where(&t, key));
}

/// A criterion's `transform`: one name, or an array of names applied in order; "none" (alone)
/// and [] are the empty chain. Errors point at the offending name.
std::vector<Transform> read_transforms(Section& s, const std::string& key) {
  const toml::node* n = s.node(key);
  if (!n) return {};
  const std::string expected = "a transform name or an array of them, e.g. [\"per_capita\", \"winsorize\"]";
  std::vector<const toml::node*> items;
  if (n->is_string()) {
    items.push_back(n);
  } else if (const toml::array* a = n->as_array()) {
    for (const auto& item : *a) {
      if (!item.is_string()) s.type_error(&item, key, expected);
      items.push_back(&item);
    }
  } else {
    s.type_error(n, key, expected);
  }
  std::vector<std::string> allowed = enum_names<Transform>();
  allowed.insert(allowed.begin(), "none");
  std::vector<Transform> chain;
  for (const toml::node* item : items) {
    const std::string& name = item->as_string()->get();
    if (name == "none") {
      if (items.size() > 1) {
        throw ConfigError(s.qualified(key), "'none' cannot be combined with other transforms", {}, s.where(item, key));
      }
      continue;
    }
    const auto t = find_enum<Transform>(name);
    if (!t) s.unknown_value(item, key, name, allowed);
    chain.push_back(*t);
  }
  return chain;
}

std::optional<Eigen::MatrixXd> read_square_matrix(Section& s, const std::string& key) {
  auto v = s.matrix(key);
  if (!v) return std::nullopt;
  const std::size_t m = v->size();
  Eigen::MatrixXd a(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(m));
  for (std::size_t i = 0; i < m; ++i) {
    if ((*v)[i].size() != m) {
      s.type_error(s.raw().get(key), key,
                   "a square matrix (" + std::to_string(m) + " rows of " + std::to_string(m) + ")");
    }
    for (std::size_t j = 0; j < m; ++j) a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = (*v)[i][j];
  }
  return a;
}

}  // namespace clir::detail
