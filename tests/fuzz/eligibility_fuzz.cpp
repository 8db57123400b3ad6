// libFuzzer target: eligibility rules (`[[eligibility]] rule`, a stage's rules, a bonus's
// condition; clir::parse_eligibility_rule), checked against a small table with numeric,
// categorical and missing values. A rule must parse or throw clir::Error, and a parsed rule must
// check or throw clir::Error, with one verdict per row.
#include <Eigen/Core>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "clir/core/error.hpp"
#include "clir/core/table.hpp"
#include "clir/selection/eligibility.hpp"

namespace {
const clir::Table& fuzz_table() {
  static const clir::Table table = [] {
    clir::Table t({"UA1", "UA2", "UA3", "UA4"});
    Eigen::VectorXd population(4), share(4);
    population << 1200, 54000, 300, std::numeric_limits<double>::quiet_NaN();
    share << 0.5, 0.0, 1.0, 0.25;
    t.add_numeric("population", population);
    t.add_numeric("share", share);
    t.add_categorical("oblast", {"Київська", "Сумська", "Київська", "Харківська"});
    t.add_categorical("type", {"city", "village", "settlement", "village"});
    return t;
  }();
  return table;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const clir::EligibilityRule rule = clir::parse_eligibility_rule(text, "fuzz");
    (void)rule.label();
    const clir::EligibilityResult r = clir::check_eligibility(fuzz_table(), std::span<const clir::EligibilityRule>(&rule, 1));
    if (r.eligible.size() != fuzz_table().rows()) __builtin_trap();
  } catch (const clir::Error&) {
  }
  return 0;
}
