#include "clir/core/fields.hpp"

#include "../core/decimal.hpp"
#include "clir/core/error.hpp"

namespace clir {

namespace {
// Shortest round-trip text: bounds are written as declared ("0", "1", "0.5").
std::string bound_number(double v) {
  std::string text = detail::to_chars_shortest(v, false);  // emscripten's libc++ lacks to_chars(double)
  return text.empty() ? std::string("?") : text;
}
}  // namespace

std::string bounds_text(const FieldBound& lo, const FieldBound& hi) {
  if (lo.set && hi.set) {
    return std::string("in ") + (lo.inclusive ? "[" : "(") + bound_number(lo.value) + ", " + bound_number(hi.value) +
           (hi.inclusive ? "]" : ")");
  }
  if (lo.set) return std::string(lo.inclusive ? ">= " : "> ") + bound_number(lo.value);
  if (hi.set) return std::string(hi.inclusive ? "<= " : "< ") + bound_number(hi.value);
  return {};
}

namespace detail {

std::string qualify(std::string_view prefix, std::string_view name) {
  if (prefix.empty()) return std::string(name);
  return std::string(prefix) + "." + std::string(name);
}

void throw_out_of_range(std::string key, std::string expected, double got) {
  throw ConfigError(std::move(key), "expected " + expected + ", got " + bound_number(got));
}

}  // namespace detail
}  // namespace clir
