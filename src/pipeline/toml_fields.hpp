#pragma once
// Internal: the scenario file's reader of declared fields (clir::Fields). One generic loop reads
// every key of a struct from its TOML table; the member's type chooses the conversion and the
// declaration supplies the key, the bounds and the allowed names, so each mistake is reported
// with its file, line, column, key and what was expected.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <Eigen/Dense>
#include <toml++/toml.h>

#include "clir/core/error.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/suggest.hpp"
#include "clir/scoring/criteria.hpp"

namespace clir::detail {

/// Reads one TOML table, remembering which keys were used so that the rest can be reported as
/// unknown, with the closest valid key suggested.
class Section {
 public:
  Section(const toml::table& table, std::string path, std::string file)
      : table_(table), path_(std::move(path)), file_(std::move(file)) {}

  SourceLocation where(const toml::node* node, const std::string& key) const {
    SourceLocation loc{.file = file_, .key = qualified(key)};
    if (node) {
      loc.line = node->source().begin.line;
      loc.column = node->source().begin.column;
    }
    return loc;
  }
  std::string qualified(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const toml::node* node(const std::string& key) {
    known_.push_back(key);
    return table_.get(key);
  }

  [[noreturn]] void type_error(const toml::node* n, const std::string& key, const std::string& expected) const {
    throw ConfigError(qualified(key), "expected " + expected, {}, where(n, key));
  }
  /// "unknown value 'x'; did you mean 'y'?" listing @p allowed, at @p n.
  [[noreturn]] void unknown_value(const toml::node* n, const std::string& key, const std::string& value,
                                  const std::vector<std::string>& allowed) const;

  std::optional<std::string> text(const std::string& key);
  std::optional<double> number(const std::string& key);
  std::optional<std::int64_t> integer(const std::string& key);
  std::optional<bool> boolean(const std::string& key);
  std::optional<std::vector<std::string>> texts(const std::string& key);
  /// Scalars written as numbers or strings, kept as text (for rule values).
  std::optional<std::vector<std::string>> scalars(const std::string& key);
  std::optional<std::vector<std::vector<std::string>>> text_groups(const std::string& key, std::size_t exact_size = 0);
  std::optional<std::vector<std::vector<double>>> matrix(const std::string& key);
  /// A sub-table (e.g. [clustering]) or nullptr when absent.
  const toml::table* table(const std::string& key);
  /// An array of tables (e.g. [[criteria]]); empty when absent.
  std::vector<const toml::table*> tables(const std::string& key);

  /// Throws for the first key that no reader asked for (in file order).
  void finish() const;

  const toml::table& raw() const noexcept { return table_; }
  const std::string& file() const noexcept { return file_; }

 private:
  const toml::table& table_;
  std::string path_;
  std::string file_;
  std::vector<std::string> known_;
};

[[noreturn]] void missing_key(const Section& s, const toml::table& t, const std::string& key, std::string_view what);

/// What a read needs beyond the table: the folder relative paths are resolved against.
struct ReadContext {
  std::filesystem::path base;
  std::filesystem::path resolve(const std::string& p) const {
    std::filesystem::path path(p);
    return path.is_relative() && !base.empty() ? base / path : path;
  }
};

// ---- one value, by the member's type -----------------------------------------------------------

std::vector<Transform> read_transforms(Section& s, const std::string& key);
std::optional<Eigen::MatrixXd> read_square_matrix(Section& s, const std::string& key);

template <class T>
void read_fields(Section& s, T& obj, const ReadContext& ctx);

/// Runs Fields<T>::validate on @p obj; its error is re-keyed to @p s and located at the key it
/// names (or at the table when that key is absent).
template <class T>
void validate_in(const Section& s, const toml::table& t, const T& obj) {
  if constexpr (HasFieldValidation<T>) {
    try {
      Fields<T>::validate(obj);
    } catch (const ConfigError& e) {
      const toml::node* n = t.get(e.key());
      throw ConfigError(s.qualified(e.key()), e.message(), e.allowed(), s.where(n ? n : &t, e.key()));
    }
  }
}

/// Reads the table @p t into @p obj: every declared key, then the cross-field check, then the
/// check for unknown keys.
template <class T>
void read_table(const toml::table& t, const std::string& path, const std::string& file, T& obj, const ReadContext& ctx) {
  Section s(t, path, file);
  read_fields(s, obj, ctx);
  validate_in(s, t, obj);
  s.finish();
}

template <class F, class V>
void read_value(Section& s, const std::string& key, const F& f, V& value, const ReadContext& ctx) {
  using detail::is_vector;
  if constexpr (std::is_same_v<V, std::string>) {
    if (auto v = s.text(key)) value = *v;
  } else if constexpr (std::is_same_v<V, bool>) {
    if (auto v = s.boolean(key)) value = *v;
  } else if constexpr (NamedEnum<V>) {
    if (auto v = s.text(key)) {
      const auto parsed = find_enum<V>(*v);
      if (!parsed) s.unknown_value(s.raw().get(key), key, *v, enum_spellings<V>());
      value = *parsed;
    }
  } else if constexpr (std::is_integral_v<V>) {
    if (auto v = s.integer(key)) {
      auto bounded = f;
      if (std::is_unsigned_v<V> && !bounded.lo.set) bounded = bounded.at_least(0);
      if (!bounded.admits(static_cast<double>(*v))) s.type_error(s.raw().get(key), key, expected_text(bounded));
      value = static_cast<V>(*v);
    }
  } else if constexpr (std::is_floating_point_v<V>) {
    if (auto v = s.number(key)) {
      if (!f.admits(*v)) s.type_error(s.raw().get(key), key, expected_text(f));
      value = *v;
    }
  } else if constexpr (std::is_same_v<V, std::filesystem::path>) {
    if (auto v = s.text(key)) value = ctx.resolve(*v);
  } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
    if (auto v = s.texts(key)) value = *v;
  } else if constexpr (std::is_same_v<V, std::vector<std::pair<std::string, std::string>>>) {
    if (auto v = s.text_groups(key, 2)) {
      value.clear();
      for (const auto& p : *v) value.emplace_back(p[0], p[1]);
    }
  } else if constexpr (std::is_same_v<V, std::vector<std::vector<std::string>>>) {
    if (auto v = s.text_groups(key)) value = *v;
  } else if constexpr (std::is_same_v<V, std::vector<Transform>>) {
    if (s.raw().contains(key)) value = read_transforms(s, key);
    else (void)s.node(key);
  } else if constexpr (std::is_same_v<V, Eigen::MatrixXd>) {
    if (auto v = read_square_matrix(s, key)) value = *v;
  } else if constexpr (is_vector<V>::value && NamedEnum<typename is_vector<V>::element>) {
    using E = typename is_vector<V>::element;
    if (auto v = s.texts(key)) {
      value.clear();
      for (const auto& name : *v) {
        const auto parsed = find_enum<E>(name);
        if (!parsed) s.unknown_value(s.raw().get(key), key, name, enum_spellings<E>());
        value.push_back(*parsed);
      }
    }
  } else if constexpr (is_vector<V>::value && std::is_integral_v<typename is_vector<V>::element>) {
    // An array of integers within the field's bounds, strictly increasing (rank edges).
    using I = typename is_vector<V>::element;
    const toml::node* n = s.node(key);
    if (!n) return;
    const std::string expected = expected_text(f);
    const toml::array* a = n->as_array();
    if (!a) s.type_error(n, key, expected);
    value.clear();
    for (const auto& item : *a) {
      if (!item.is_integer()) s.type_error(&item, key, expected);
      const std::int64_t v = *item.value<std::int64_t>();
      if (v < 0 || !f.admits(static_cast<double>(v)) || (!value.empty() && static_cast<I>(v) <= value.back())) {
        s.type_error(&item, key, expected);
      }
      value.push_back(static_cast<I>(v));
    }
  } else if constexpr (is_vector<V>::value && HasFields<typename is_vector<V>::element>) {
    using E = typename is_vector<V>::element;
    for (const toml::table* t : s.tables(key)) {
      E item{};
      read_table(*t, s.qualified(key), s.file(), item, ctx);
      value.push_back(std::move(item));
    }
  } else if constexpr (HasFields<V>) {
    if (const toml::table* t = s.table(key)) read_table(*t, s.qualified(key), s.file(), value, ctx);
  } else {
    // A field of a type the scenario file has no syntax for must be declared not_in(scenario).
    throw std::logic_error("no scenario syntax for the field '" + s.qualified(key) + "'");
  }
}

template <class F, class V>
void read_value(Section& s, const std::string& key, const F& f, std::optional<V>& value, const ReadContext& ctx) {
  if (!s.raw().contains(key)) {
    (void)s.node(key);
    return;
  }
  V v{};
  read_value(s, key, f, v, ctx);
  value = std::move(v);
}

/// Reads the declared field @p f of @p obj from @p s under @p key.
template <class F, class T>
void read_field(Section& s, const std::string& key, const F& f, T& obj, const ReadContext& ctx) {
  if (!f.used_in(FieldUse::scenario)) return;
  auto& value = f.of(obj);
  using V = std::remove_cvref_t<decltype(value)>;
  if constexpr (HasFields<V>) {
    if (f.flattened) {
      read_fields(s, value, ctx);
      return;
    }
  }
  read_value(s, key, f, value, ctx);
  if (!f.required_message.empty() && !s.raw().contains(key)) missing_key(s, s.raw(), key, f.required_message);
}

template <class T>
void read_fields(Section& s, T& obj, const ReadContext& ctx) {
  for_each_field<T>([&](const auto& f) { read_field(s, std::string(f.name), f, obj, ctx); });
}

/// Reads the fields of @p obj named "<section>.<key>" from the table [section] (the scenario's
/// own small sections); absent table = nothing to read.
template <class T>
void read_dotted_section(Section& top, const std::string& section, T& obj, const ReadContext& ctx) {
  const toml::table* t = top.table(section);
  if (!t) return;
  Section s(*t, section, top.file());
  const std::string prefix = section + ".";
  for_each_field<T>([&](const auto& f) {
    if (f.name.starts_with(prefix)) read_field(s, std::string(f.name.substr(prefix.size())), f, obj, ctx);
  });
  s.finish();
}

}  // namespace clir::detail
