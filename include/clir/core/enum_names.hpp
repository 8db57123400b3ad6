#pragma once
/// @file
/// @brief One facility for the names of enumerations.
///
/// Each enumeration states its names once, in a specialisation of clir::EnumTraits next to the
/// enum: the value, the name used in scenario files, on the command line, in JSON and in Python,
/// and a one-line description. Every front end takes the names from there, so a value added to
/// an enum is added to the TOML reader, the CLI, Python and the docs in one place:
///
/// @code
/// enum class Colour { red, green };
/// template <> struct EnumTraits<Colour> {
///   static constexpr std::string_view what = "colour";   // used in "unknown colour 'x'"
///   static constexpr std::array<EnumName<Colour>, 2> names{{
///       {Colour::red, "red", "the colour of blood"},
///       {Colour::green, "green", "the colour of grass"}}};
/// };
/// clir::to_string(Colour::red);                 // "red"
/// clir::parse_enum<Colour>("gren", "colour");   // throws ConfigError: did you mean 'green'?
/// @endcode

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "clir/core/error.hpp"
#include "clir/core/suggest.hpp"

namespace clir {

/// One value of an enumeration with its name and a one-line description.
template <class E>
struct EnumName {
  E value;
  std::string_view name;
  std::string_view doc;
};

/// Specialise for each named enumeration with `what` (what a value is, for messages) and
/// `names` (a std::array of EnumName<E>, in declaration order). An optional `aliases` array
/// (also of EnumName<E>) lists further spellings that parse (e.g. "promethee" for promethee_ii)
/// but are never written and are not listed among the valid names.
template <class E>
struct EnumTraits;

/// An enumeration whose names are declared in an EnumTraits specialisation.
template <class E>
concept NamedEnum = std::is_enum_v<E> && requires {
  { EnumTraits<E>::what } -> std::convertible_to<std::string_view>;
  EnumTraits<E>::names.size();
};

/// The name of @p value ("?" for a value outside the declared ones, e.g. a cast integer).
template <NamedEnum E>
constexpr std::string_view to_string(E value) noexcept {
  for (const auto& entry : EnumTraits<E>::names) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

/// An enumeration that also accepts other spellings (EnumTraits<E>::aliases).
template <class E>
concept HasEnumAliases = NamedEnum<E> && requires { EnumTraits<E>::aliases.size(); };

/// The value named @p name (or spelled as one of its aliases), or nothing.
template <NamedEnum E>
constexpr std::optional<E> find_enum(std::string_view name) noexcept {
  for (const auto& entry : EnumTraits<E>::names) {
    if (entry.name == name) return entry.value;
  }
  if constexpr (HasEnumAliases<E>) {
    for (const auto& entry : EnumTraits<E>::aliases) {
      if (entry.name == name) return entry.value;
    }
  }
  return std::nullopt;
}

/// Every name of @p E, in declaration order (aliases are not listed).
template <NamedEnum E>
std::vector<std::string> enum_names() {
  std::vector<std::string> out;
  out.reserve(EnumTraits<E>::names.size());
  for (const auto& entry : EnumTraits<E>::names) out.emplace_back(entry.name);
  return out;
}

/// Every spelling that parses as a value of @p E: the names, then the aliases. Listed in error
/// messages, so that the user sees every accepted spelling.
template <NamedEnum E>
std::vector<std::string> enum_spellings() {
  std::vector<std::string> out = enum_names<E>();
  if constexpr (HasEnumAliases<E>) {
    for (const auto& entry : EnumTraits<E>::aliases) out.emplace_back(entry.name);
  }
  return out;
}

/// Every value of @p E, in declaration order.
template <NamedEnum E>
constexpr auto enum_values() noexcept {
  std::array<E, EnumTraits<E>::names.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = EnumTraits<E>::names[i].value;
  return out;
}

/// The one-line description of @p value.
template <NamedEnum E>
constexpr std::string_view enum_doc(E value) noexcept {
  for (const auto& entry : EnumTraits<E>::names) {
    if (entry.value == value) return entry.doc;
  }
  return {};
}

/// The value named @p text (or one of its aliases). Throws clir::ConfigError(@p key) for any other text, with the
/// message "unknown <what> '<text>'" (plus "; did you mean '<name>'?" when one is close) and
/// every accepted spelling (enum_spellings) as the allowed values.
template <NamedEnum E>
E parse_enum(std::string_view text, std::string_view key) {
  if (auto value = find_enum<E>(text)) return *value;
  std::vector<std::string> allowed = enum_spellings<E>();
  std::string message = "unknown " + std::string(EnumTraits<E>::what) + " '" + std::string(text) + "'";
  const std::string suggestion = closest_match(text, allowed);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  throw ConfigError(std::string(key), std::move(message), std::move(allowed));
}

}  // namespace clir
