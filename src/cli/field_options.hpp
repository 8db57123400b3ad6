#pragma once
// CLI11 options for the declared fields of a struct (clir::Fields): the flag from the field's
// name (min_size -> --min-size, a one-letter name -> -k), the help from its doc, the allowed
// names of an enumeration with "did you mean" from EnumTraits, and the declared range checked
// before the value is converted. A command that takes a spec's fields as flags adds them with
// one call, so a field declared once is a flag too.
#include <CLI/CLI.hpp>

#include <charconv>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "clir/core/enum_names.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/suggest.hpp"

namespace clir::cli {

/// The items of a comma-separated list, leading spaces and empty items dropped.
inline std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ' || !item.empty()) {
      item += c;
    }
  }
  return out;
}

/// The flag of a declared field: "-k" for a one-letter name, else "--" + name with '_' -> '-'.
inline std::string flag_of(std::string_view name) {
  if (name.size() == 1) return "-" + std::string(name);
  std::string flag = "--";
  for (char c : name) flag += c == '_' ? '-' : c;
  return flag;
}

/// Flags other than the declared names: {declared name, flag}; an empty flag leaves the field out.
using FlagNames = std::initializer_list<std::pair<std::string_view, std::string_view>>;

namespace detail {

/// "" when @p text names a value of E, else the message "unknown <what> '<text>'; did you mean ...".
template <NamedEnum E>
std::string check_enum_name(const std::string& text) {
  if (find_enum<E>(text)) return {};
  const std::vector<std::string> allowed = enum_names<E>();
  std::string message = "unknown " + std::string(EnumTraits<E>::what) + " '" + text + "'";
  const std::string near = closest_match(text, allowed);
  if (!near.empty()) message += "; did you mean '" + near + "'?";
  message += " (allowed: ";
  for (std::size_t i = 0; i < allowed.size(); ++i) message += (i ? ", " : "") + allowed[i];
  return message + ")";
}

/// "" when @p text is a whole number that @p T holds (or not a number at all, which CLI11's
/// conversion reports), else what was expected. CLI11 turns "-1" into 2^64 - 1 for an unsigned
/// type and a number too large for the type into its largest value: both are refused here.
template <class T>
std::string check_whole_number(const std::string& text) {
  T v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc() && end == text.data() + text.size()) return {};
  const bool negative = !text.empty() && text.front() == '-';
  if (ec != std::errc::result_out_of_range && !(negative && std::is_unsigned_v<T>)) return {};
  return "expected a whole number from " + std::to_string(std::numeric_limits<T>::min()) + " to " +
         std::to_string(std::numeric_limits<T>::max()) + ", got " + text;
}

/// "" when @p text is a number that field @p f admits (or its default), else what was expected.
template <class F>
std::string check_bounds(const F& f, const std::string& text, double default_value) {
  using P = typename F::plain_type;
  if constexpr (std::is_integral_v<P> && !std::is_same_v<P, bool>) {
    P whole{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), whole);
    if (ec == std::errc::result_out_of_range) {
      return "expected " + expected_text(f) + " (at most " + std::to_string(std::numeric_limits<P>::max()) + "), got " + text;
    }
  }
  double v = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return {};  // CLI11's conversion says what is wrong
  if (v == default_value || (f.admits(v) && (!std::is_unsigned_v<P> || v >= 0))) return {};
  std::string expected = expected_text(f);
  if (std::is_unsigned_v<P> && !f.lo.set) expected += " >= 0";
  return "expected " + expected + ", got " + text;
}

}  // namespace detail

/// Adds an option for a whole number (or an optional one) that refuses a negative number for
/// an unsigned @p value and a number too large for its type, instead of wrapping or clamping it.
template <class T>
CLI::Option* add_whole_number_option(CLI::App* cmd, const std::string& flag, T& value, const std::string& help) {
  using Int = typename clir::detail::unwrap_optional<T>::type;
  static_assert(std::is_integral_v<Int>);
  return cmd->add_option(flag, value, help)
      ->check(CLI::Validator([](std::string& text) { return detail::check_whole_number<Int>(text); }, ""));
}

/// One option added for a declared field, and how to copy that field from one root struct to
/// another (for options that override a struct read later, see FieldOverrides).
template <class Root>
struct FieldOption {
  CLI::Option* option;
  std::function<void(const Root& from, Root& to)> copy;
};

namespace detail {

template <class Root, HasFields S, class Get>
void add_field_options(CLI::App* cmd, Root& root, Get get, FlagNames flags, std::vector<FieldOption<Root>>& out) {
  static const S defaults{};
  for_each_field<S>([&](const auto& f) {
    using F = std::remove_cvref_t<decltype(f)>;
    using V = typename F::value_type;
    if (!f.used_in(FieldUse::api)) return;
    if constexpr (HasFields<V>) {
      if (f.flattened) {
        add_field_options<Root, V>(cmd, root, [get, f](auto& r) -> auto& { return f.of(get(r)); }, flags, out);
        return;
      }
    }
    std::string flag = flag_of(f.name);
    for (const auto& [declared, given] : flags)
      if (declared == f.name) flag = std::string(given);
    if (flag.empty()) return;
    V& value = f.of(get(root));
    const std::string help(f.doc);
    CLI::Option* option = nullptr;
    if constexpr (NamedEnum<V>) {
      std::string names;
      for (const auto& n : enum_names<V>()) names += (names.empty() ? "" : ",") + n;
      option = cmd->add_option_function<std::string>(flag, [&value](const std::string& text) { value = *find_enum<V>(text); }, help)
                   ->check(CLI::Validator([](std::string& text) { return check_enum_name<V>(text); }, "{" + names + "}"))
                   ->default_str(std::string(to_string(f.of(defaults))));
    } else if constexpr (std::is_same_v<V, bool>) {
      option = cmd->add_flag(flag + ",!--no-" + flag.substr(2), value, help)->capture_default_str();
    } else if constexpr (std::is_arithmetic_v<V> || !std::is_same_v<V, typename F::plain_type>) {
      using P = typename F::plain_type;
      if constexpr (std::is_arithmetic_v<P>) {
        double default_value = 0.0;  // an absent optional: no default to let through
        if constexpr (std::is_same_v<V, P>) default_value = static_cast<double>(f.of(defaults));
        else if (f.of(defaults)) default_value = static_cast<double>(*f.of(defaults));
        option = cmd->add_option(flag, value, help)
                     ->check(CLI::Validator([f, default_value](std::string& text) { return check_bounds(f, text, default_value); },
                                            bounds_text(f.lo, f.hi)));
        if constexpr (std::is_arithmetic_v<V>) option->capture_default_str();
      } else {
        throw std::logic_error("clir: field '" + std::string(f.name) + "' has no command-line form; leave it out");
      }
    } else if constexpr (std::is_same_v<V, std::string>) {
      option = cmd->add_option(flag, value, help);
    } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
      option = cmd->add_option_function<std::string>(flag, [&value](const std::string& text) { value = split_list(text); },
                                                     help + " (comma-separated)");
    } else if constexpr (std::is_same_v<V, std::vector<std::vector<std::string>>>) {
      option = cmd->add_option_function<std::vector<std::string>>(
                      flag,
                      [&value](const std::vector<std::string>& sets) {
                        value.clear();
                        for (const auto& set : sets) value.push_back(split_list(set));
                      },
                      help + " (one comma-separated set per use)")
                   ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                   ->expected(1);
    } else if constexpr (std::is_same_v<V, std::vector<std::pair<std::string, std::string>>>) {
      option = cmd->add_option_function<std::vector<std::string>>(
                      flag,
                      [&value, flag](const std::vector<std::string>& pairs) {
                        value.clear();
                        for (const auto& pair : pairs) {
                          const auto items = split_list(pair);
                          if (items.size() != 2) throw CLI::ValidationError(flag, "expected two codes A,B, got '" + pair + "'");
                          value.emplace_back(items[0], items[1]);
                        }
                      },
                      help + " (A,B; one pair per use)")
                   ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                   ->expected(1);
    } else {
      // A programming error, met when the command is set up (the CLI tests set every command up).
      throw std::logic_error("clir: field '" + std::string(f.name) + "' has no command-line form; leave it out");
    }
    if constexpr (std::is_arithmetic_v<V>)
      if (!f.default_doc.empty()) option->default_str(std::string(f.default_doc));  // "none", not 0
    out.push_back({option, [get, f](const Root& from, Root& to) { f.of(get(to)) = f.of(get(from)); }});
  });
}

}  // namespace detail

/// Adds an option to @p cmd for each field of @p target declared for the programmatic front ends
/// (FieldUse::api), in declaration order, the fields of a flattened member included. @p flags
/// renames or leaves out fields; a field of a type with no command-line form (a nested struct,
/// a list of structs) must be left out there (std::logic_error otherwise, when the command is
/// set up). The options write into @p target, which must outlive the command.
template <HasFields S>
std::vector<FieldOption<S>> add_field_options(CLI::App* cmd, S& target, FlagNames flags = {}) {
  std::vector<FieldOption<S>> out;
  detail::add_field_options<S, S>(cmd, target, [](auto& s) -> auto& { return s; }, flags, out);
  return out;
}

/// Options that override fields of an S that exists only later (a section of a scenario read
/// when the command runs): only the fields given on the command line are applied.
template <HasFields S>
class FieldOverrides {
 public:
  void add_to(CLI::App* cmd, FlagNames flags = {}) { options_ = add_field_options(cmd, given_, flags); }
  /// Copies each field given on the command line into @p target.
  void apply(S& target) const {
    for (const auto& o : options_)
      if (o.option->count() > 0) o.copy(given_, target);
  }

 private:
  S given_{};
  std::vector<FieldOption<S>> options_;
};

}  // namespace clir::cli
