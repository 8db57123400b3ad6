#pragma once
/// @file
/// @brief One declaration of the fields of each options, spec and result struct, read by every
/// front end: the TOML scenario reader, the JSON writers, the CLI, Python and the generated
/// key tables of docs/scenario.md.
///
/// A struct's fields are declared once, next to the struct, in a specialisation of
/// clir::Fields:
///
/// @code
/// template <> struct Fields<GroupingSpec> {
///   static constexpr auto list = std::tuple{
///       field("k", &GroupingSpec::k, "number of groups").at_least(1),
///       field("category", &GroupingSpec::category_column, "categorical column groups must not mix"),
///       ...};
///   static void validate(const GroupingSpec& spec);  // optional: checks across fields
/// };
/// @endcode
///
/// Each entry is a clir::Field: the external name (the TOML key, JSON key, CLI flag stem and
/// Python keyword, which are one name), a pointer to the member (or a clir::nested() path of
/// pointers, when a struct spreads one level of options over its keys), a one-line doc, and the
/// allowed range. Enumerations take their allowed values from clir::EnumTraits; the default is
/// whatever a default-constructed struct holds, so it is stated once, in the struct.
///
/// Why a constexpr tuple of descriptors rather than, say, a visitor function per struct that
/// each front end calls: a descriptor can be inspected without an object (the docs generator
/// and a CLI need the names, docs and defaults before any value exists), its type is known at
/// compile time (each front end picks its conversion by the member's type, with no casts and no
/// string-typed values), and it stays free of toml++, nlohmann::json, CLI11 and pybind11: the
/// visitors that know those libraries live in the front ends (src/pipeline/scenario_fields.hpp
/// for TOML and JSON), so the public core header needs nothing but the standard library. A
/// macro-generated table would do the same with less to read at the use site, but it hides the
/// member pointers from the compiler's error messages and from tooling.
///
/// Two kinds of entry are structural rather than values:
///  - a field whose type has its own Fields is a sub-table (TOML [a.b], a JSON object) and a
///    std::vector of such structs is an array of tables ([[a.b]]);
///  - an entry made with clir::flatten() lists the fields of a member struct at this level
///    (ExplainSpec's options are keys of [explain] itself).
///
/// Not every front end shows every field: `.not_in(FieldUse::...)` takes a field out of the
/// scenario file (and its docs), the JSON echo or the programmatic front ends (CLI, Python).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "clir/core/enum_names.hpp"

namespace clir {

/// The field declarations of @p T; specialise next to the struct (see the file comment).
template <class T>
struct Fields;

/// A struct whose fields are declared.
template <class T>
concept HasFields = requires { Fields<T>::list; };

/// A struct with a cross-field check (`static void validate(const T&)` in Fields<T>).
template <class T>
concept HasFieldValidation = HasFields<T> && requires(const T& obj) { Fields<T>::validate(obj); };

/// Where a field appears. Every field appears everywhere unless declared otherwise.
enum class FieldUse : unsigned {
  scenario = 1U,  ///< a key of the scenario file (and a row of its docs table)
  json = 2U,      ///< written in the JSON echo of the options (run.json) or of the result
  api = 4U,       ///< a CLI flag, a Python keyword or attribute
};
constexpr FieldUse operator|(FieldUse a, FieldUse b) noexcept {
  return static_cast<FieldUse>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}

/// One end of a numeric range.
struct FieldBound {
  double value = 0.0;
  bool set = false;
  bool inclusive = true;
};

/// A path of member pointers from a struct to one of its (possibly nested) members.
template <class... Members>
struct MemberPath {
  std::tuple<Members...> steps;

  template <class T>
  constexpr auto& get(T& obj) const noexcept {
    return std::apply([&obj](auto... step) -> auto& { return follow(obj, step...); }, steps);
  }

 private:
  template <class T>
  static constexpr T& follow(T& obj) noexcept {
    return obj;
  }
  template <class T, class Step, class... Rest>
  static constexpr auto& follow(T& obj, Step step, Rest... rest) noexcept {
    return follow(obj.*step, rest...);
  }
};

namespace detail {
template <class M>
struct member_traits;
template <class S, class V>
struct member_traits<V S::*> {
  using owner = S;
  using value = V;
};
template <class... Ms>
struct last_member;
template <class M>
struct last_member<M> {
  using type = M;
};
template <class M, class... Ms>
struct last_member<M, Ms...> : last_member<Ms...> {};

template <class V>
struct unwrap_optional {
  using type = V;
};
template <class V>
struct unwrap_optional<std::optional<V>> {
  using type = V;
};
template <class T>
struct is_vector : std::false_type {
  using element = void;
};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {
  using element = T;
};
}  // namespace detail

/// A path through nested members, e.g. nested(&ScoringOptions::weights, &WeightOptions::method).
template <class... Members>
constexpr MemberPath<Members...> nested(Members... members) noexcept {
  return {{members...}};
}

/// The declaration of one field of @p S, of type @p V, reached by @p Path.
template <class S, class V, class Path>
struct Field {
  using owner_type = S;
  using value_type = V;
  /// The value's type without std::optional (an optional field may be absent).
  using plain_type = typename detail::unwrap_optional<V>::type;

  std::string_view name;  ///< TOML key, JSON key, CLI flag stem, Python keyword
  Path path;
  std::string_view doc;   ///< one line, for the docs table, --help and the .pyi stubs
  FieldBound lo{};
  FieldBound hi{};
  /// What a value is, in "expected <noun> in [0, 1]" ("a number", "an integer" when empty).
  std::string_view noun{};
  /// Non-empty: the field must be given, and this says so ("every [[selection.quota]] needs a column").
  std::string_view required_message{};
  /// Non-empty: what the default means, for the docs (e.g. "the criteria's columns" for an
  /// empty needs_columns); otherwise the docs show the default-constructed value.
  std::string_view default_doc{};
  unsigned uses = 7U;
  bool flattened = false;  ///< the member's own fields are listed at this level (name is empty)

  constexpr V& of(S& obj) const noexcept { return path.get(obj); }
  constexpr const V& of(const S& obj) const noexcept { return path.get(obj); }

  /// Inclusive lower bound.
  constexpr Field at_least(double v) const noexcept { return with_lo(v, true); }
  /// Exclusive lower bound.
  constexpr Field greater_than(double v) const noexcept { return with_lo(v, false); }
  /// Inclusive upper bound.
  constexpr Field at_most(double v) const noexcept { return with_hi(v, true); }
  /// Exclusive upper bound.
  constexpr Field less_than(double v) const noexcept { return with_hi(v, false); }
  /// [lo, hi], both inclusive.
  constexpr Field in(double low, double high) const noexcept { return with_lo(low, true).with_hi(high, true); }
  constexpr Field named_as(std::string_view what) const noexcept {
    Field f = *this;
    f.noun = what;
    return f;
  }
  constexpr Field required(std::string_view message) const noexcept {
    Field f = *this;
    f.required_message = message;
    return f;
  }
  constexpr Field shown_default(std::string_view meaning) const noexcept {
    Field f = *this;
    f.default_doc = meaning;
    return f;
  }
  constexpr Field not_in(FieldUse use) const noexcept {
    Field f = *this;
    f.uses &= ~static_cast<unsigned>(use);
    return f;
  }
  constexpr bool used_in(FieldUse use) const noexcept { return (uses & static_cast<unsigned>(use)) != 0; }

  /// Whether @p v lies within the declared bounds.
  constexpr bool admits(double v) const noexcept {
    if (lo.set && (lo.inclusive ? v < lo.value : v <= lo.value)) return false;
    if (hi.set && (hi.inclusive ? v > hi.value : v >= hi.value)) return false;
    return true;
  }

 private:
  constexpr Field with_lo(double v, bool inclusive) const noexcept {
    Field f = *this;
    f.lo = {v, true, inclusive};
    return f;
  }
  constexpr Field with_hi(double v, bool inclusive) const noexcept {
    Field f = *this;
    f.hi = {v, true, inclusive};
    return f;
  }
};

/// A field reached directly: field("k", &GroupingSpec::k, "number of groups").
template <class S, class V>
constexpr auto field(std::string_view name, V S::*member, std::string_view doc) noexcept {
  return Field<S, V, MemberPath<V S::*>>{.name = name, .path = {{member}}, .doc = doc};
}

/// A field reached through nested members: field("weights", nested(&A::b, &B::c), "...").
template <class First, class... Rest>
constexpr auto field(std::string_view name, MemberPath<First, Rest...> path, std::string_view doc) noexcept {
  using S = typename detail::member_traits<First>::owner;
  using V = typename detail::member_traits<typename detail::last_member<First, Rest...>::type>::value;
  return Field<S, V, MemberPath<First, Rest...>>{.name = name, .path = path, .doc = doc};
}

/// The fields of the member struct @p member, listed at this level (no name of their own).
template <class S, class V>
  requires HasFields<V>
constexpr auto flatten(V S::*member) noexcept {
  return Field<S, V, MemberPath<V S::*>>{.name = {}, .path = {{member}}, .doc = {}, .flattened = true};
}

/// Calls @p visit(field) for each declared field of @p T, in declaration order.
template <HasFields T, class Visit>
constexpr void for_each_field(Visit&& visit) {
  std::apply([&](const auto&... f) { (visit(f), ...); }, Fields<T>::list);
}

/// Calls @p visit(field, value) for each declared field of @p obj (value is a reference to the
/// member, const when @p obj is), in declaration order.
template <class T, class Visit>
  requires HasFields<std::remove_const_t<T>>
constexpr void for_each_field(T& obj, Visit&& visit) {
  std::apply([&](const auto&... f) { (visit(f, f.of(obj)), ...); }, Fields<std::remove_const_t<T>>::list);
}

/// The kind of value a field holds, for messages and docs: "an integer", "a number", "a string",
/// "true or false", "one of the names", "an array of strings", ...
enum class FieldKind { boolean, integer, number, text, choice, texts, other };

template <class V>
constexpr FieldKind field_kind() noexcept {
  using P = typename detail::unwrap_optional<V>::type;
  if constexpr (std::is_same_v<P, bool>) return FieldKind::boolean;
  else if constexpr (NamedEnum<P>) return FieldKind::choice;
  else if constexpr (std::is_integral_v<P>) return FieldKind::integer;
  else if constexpr (std::is_floating_point_v<P>) return FieldKind::number;
  else if constexpr (std::is_same_v<P, std::string>) return FieldKind::text;
  else if constexpr (std::is_same_v<P, std::vector<std::string>>) return FieldKind::texts;
  else return FieldKind::other;
}

/// "in [0, 1]", ">= 1", "> 0", "< 1", or "" when the field has no bounds.
std::string bounds_text(const FieldBound& lo, const FieldBound& hi);

/// What a value of @p f must be, as in "expected an integer >= 1" or "expected a share in [0, 1]".
template <class F>
std::string expected_text(const F& f) {
  using P = typename F::plain_type;
  std::string noun(f.noun);
  if (noun.empty()) {
    if constexpr (std::is_integral_v<P> && !std::is_same_v<P, bool>) noun = "an integer";
    else if constexpr (std::is_floating_point_v<P>) noun = "a number";
    else noun = "a value";
  }
  const std::string range = bounds_text(f.lo, f.hi);
  return range.empty() ? noun : noun + " " + range;
}

/// Checks every declared bound of @p obj's numeric fields, then Fields<T>::validate. A field
/// holding its default passes whatever its bounds: a default may mean "not given" (a selection
/// size of 0 is filled in from elsewhere), and the bounds say what may be given.
/// Throws clir::ConfigError naming the key ("<prefix>.<name>") and what was expected.
template <HasFields T>
void validate_fields(const T& obj, std::string_view prefix = {});

namespace detail {
[[noreturn]] void throw_out_of_range(std::string key, std::string expected, double got);
std::string qualify(std::string_view prefix, std::string_view name);
}  // namespace detail

template <HasFields T>
void validate_fields(const T& obj, std::string_view prefix) {
  static const T defaults{};
  for_each_field(obj, [&](const auto& f, const auto& value) {
    using F = std::remove_cvref_t<decltype(f)>;
    using V = typename F::value_type;
    using P = typename F::plain_type;
    if constexpr (HasFields<V>) {
      validate_fields(value, f.flattened ? prefix : std::string_view(detail::qualify(prefix, f.name)));
    } else if constexpr (std::is_arithmetic_v<P> && !std::is_same_v<P, bool>) {
      const P* v = nullptr;
      if constexpr (std::is_same_v<V, P>) v = &value;
      else if (value) v = &*value;
      if (v && !(value == f.of(defaults)) && !f.admits(static_cast<double>(*v))) {
        detail::throw_out_of_range(detail::qualify(prefix, f.name), expected_text(f), static_cast<double>(*v));
      }
    }
  });
  if constexpr (HasFieldValidation<T>) Fields<T>::validate(obj);
}

}  // namespace clir
