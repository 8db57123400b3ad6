#pragma once
// Internal: the JSON form of a struct's declared fields (clir::Fields), as run.json echoes the
// scenario and the grouping. Each field marked for JSON is written under its declared name;
// the member's type chooses the form (an enum as its name, a path as text, an absent optional
// left out, a struct as an object, a vector of structs as an array of objects).

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "clir/core/fields.hpp"

namespace clir::detail {

template <class T>
void fields_into_json(const T& obj, nlohmann::json& out);

template <class V>
nlohmann::json value_to_json(const V& value) {
  using detail::is_vector;
  if constexpr (NamedEnum<V>) {
    return std::string(to_string(value));
  } else if constexpr (std::is_same_v<V, std::filesystem::path>) {
    return value.string();
  } else if constexpr (HasFields<V>) {
    nlohmann::json out = nlohmann::json::object();
    fields_into_json(value, out);
    return out;
  } else if constexpr (is_vector<V>::value &&
                       (NamedEnum<typename is_vector<V>::element> || HasFields<typename is_vector<V>::element>)) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(value_to_json(item));
    return out;
  } else if constexpr (std::is_constructible_v<nlohmann::json, const V&>) {
    return nlohmann::json(value);
  } else {
    // A field of a type JSON has no form for must be declared not_in(FieldUse::json).
    throw std::logic_error("no JSON form for a declared field");
  }
}

/// Adds each field of @p obj that is written to JSON to the object @p out.
template <class T>
void fields_into_json(const T& obj, nlohmann::json& out) {
  for_each_field(obj, [&](const auto& f, const auto& value) {
    if (!f.used_in(FieldUse::json)) return;
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (HasFields<V>) {
      if (f.flattened) {
        fields_into_json(value, out);
        return;
      }
    }
    if constexpr (requires { value.has_value(); }) {
      if (value) out[std::string(f.name)] = value_to_json(*value);
    } else {
      out[std::string(f.name)] = value_to_json(value);
    }
  });
}

/// The JSON object of @p obj's declared fields.
template <class T>
nlohmann::json fields_to_json(const T& obj) {
  nlohmann::json out = nlohmann::json::object();
  fields_into_json(obj, out);
  return out;
}

/// The fields of @p obj named "<section>.<key>", written as out[section][key].
template <class T>
void dotted_fields_into_json(const T& obj, nlohmann::json& out) {
  for_each_field(obj, [&](const auto& f, const auto& value) {
    if (!f.used_in(FieldUse::json)) return;
    const auto dot = f.name.find('.');
    out[std::string(f.name.substr(0, dot))][std::string(f.name.substr(dot + 1))] = value_to_json(value);
  });
}

}  // namespace clir::detail
