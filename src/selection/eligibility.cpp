#include "clir/selection/eligibility.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

#include "clir/core/error.hpp"
#include "clir/io/format.hpp"

namespace clir {

namespace {

std::optional<double> to_number(std::string_view s) {
  double v = 0.0;
  const auto* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool compare(double x, CompareOp op, double v) {
  switch (op) {
    case CompareOp::lt: return x < v;
    case CompareOp::le: return x <= v;
    case CompareOp::gt: return x > v;
    case CompareOp::ge: return x >= v;
    case CompareOp::eq: return x == v;
    case CompareOp::ne: return x != v;
  }
  return false;
}

[[noreturn]] void bad_expression(std::string_view expr, const std::string& expected) {
  throw ConfigError("eligibility", "cannot read the rule '" + std::string(expr) + "': expected " + expected);
}
}  // namespace

std::string EligibilityRule::describe() const {
  auto set_text = [&] {
    std::string s = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) s += ", ";
      s += values[i];
    }
    return s + "}";
  };
  switch (kind) {
    case RuleKind::compare: return column + " " + std::string(to_string(op)) + " " + format_shortest(value);
    case RuleKind::in_set: return column + " in " + set_text();
    case RuleKind::not_in_set: return column + " not in " + set_text();
    case RuleKind::present: return column + " is not missing";
    case RuleKind::absent: return column + " is missing";
  }
  return column;
}

EligibilityRule parse_eligibility_rule(std::string_view expression, std::string name) {
  const std::string_view expr = trim(expression);
  EligibilityRule rule;
  rule.name = std::move(name);
  std::size_t i = 0;
  while (i < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[i])) || expr[i] == '_' || expr[i] == '.')) ++i;
  if (i == 0) bad_expression(expression, "a column name first (letters, digits, '_')");
  rule.column = std::string(expr.substr(0, i));
  std::string_view rest = trim(expr.substr(i));
  auto starts = [&](std::string_view p) { return rest.substr(0, p.size()) == p; };
  if (starts("is not missing") && trim(rest.substr(14)).empty()) {
    rule.kind = RuleKind::present;
    return rule;
  }
  if (starts("is missing") && trim(rest.substr(10)).empty()) {
    rule.kind = RuleKind::absent;
    return rule;
  }
  if (starts("in ") || starts("in{") || starts("not in")) {
    rule.kind = starts("not in") ? RuleKind::not_in_set : RuleKind::in_set;
    rest = trim(rest.substr(rule.kind == RuleKind::in_set ? 2 : 6));
    if (rest.size() < 2 || rest.front() != '{' || rest.back() != '}') bad_expression(expression, "a set in braces, {a, b}");
    std::string_view body = rest.substr(1, rest.size() - 2);
    while (!trim(body).empty()) {
      const auto comma = body.find(',');
      std::string_view item = trim(body.substr(0, comma));
      if (item.size() >= 2 && item.front() == '"' && item.back() == '"') item = item.substr(1, item.size() - 2);
      if (item.empty()) bad_expression(expression, "non-empty set items separated by commas");
      rule.values.emplace_back(item);
      if (comma == std::string_view::npos) break;
      body = body.substr(comma + 1);
    }
    if (rule.values.empty()) bad_expression(expression, "at least one item in the set");
    return rule;
  }
  std::size_t op_len = 0;
  for (std::string_view op : {"<=", ">=", "==", "!=", "<", ">"}) {
    if (starts(op)) {
      rule.op = parse_enum<CompareOp>(op, "eligibility.op");
      op_len = op.size();
      break;
    }
  }
  if (op_len == 0) bad_expression(expression, "an operator (< <= > >= == !=), 'in {...}', 'not in {...}' or 'is [not] missing'");
  const auto number = to_number(trim(rest.substr(op_len)));
  if (!number) bad_expression(expression, "a number after the operator");
  rule.kind = RuleKind::compare;
  rule.value = *number;
  return rule;
}

EligibilityRule make_eligibility_rule(std::string name, std::string column, std::string_view op,
                                      std::vector<std::string> values) {
  EligibilityRule rule;
  rule.name = std::move(name);
  rule.column = std::move(column);
  for (std::string_view cmp : {"==", "!=", "<", "<=", ">", ">="}) {
    if (op != cmp) continue;
    rule.kind = RuleKind::compare;
    rule.op = parse_enum<CompareOp>(op, "eligibility.op");
    if (values.size() != 1) {
      throw ConfigError("eligibility.values", "rule '" + rule.label() + "': '" + std::string(op) +
                                                  "' needs exactly one value, got " + std::to_string(values.size()));
    }
    const auto number = to_number(trim(values.front()));
    if (!number) {
      throw ConfigError("eligibility.values", "rule '" + rule.label() + "': '" + values.front() + "' is not a number");
    }
    rule.value = *number;
    return rule;
  }
  const std::array<std::string_view, 4> kinds{"in", "not_in", "present", "missing"};
  if (std::find(kinds.begin(), kinds.end(), op) == kinds.end()) {
    throw ConfigError("eligibility.op", "rule '" + rule.label() + "': unknown operator '" + std::string(op) + "'",
                      {"==", "!=", "<", "<=", ">", ">=", "in", "not_in", "present", "missing"});
  }
  rule.kind = parse_enum<RuleKind>(op, "eligibility.kind");
  if ((rule.kind == RuleKind::in_set || rule.kind == RuleKind::not_in_set) && values.empty()) {
    throw ConfigError("eligibility.values", "rule '" + rule.label() + "': '" + std::string(op) + "' needs at least one value");
  }
  rule.values = std::move(values);
  return rule;
}

std::string EligibilityResult::reason(std::size_t row) const {
  std::string out;
  for (auto r : failed_rules[row]) {
    if (!out.empty()) out += "; ";
    out += rule_names[r];
  }
  return out;
}

EligibilityResult check_eligibility(const Table& table, std::span<const EligibilityRule> rules) {
  const std::size_t n = table.rows();
  EligibilityResult out;
  out.ids = table.ids();
  out.failed_rules.assign(n, {});
  out.excluded_count.assign(rules.size(), 0);
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const auto& rule = rules[r];
    out.rule_names.push_back(rule.label());
    const std::string key = "eligibility[" + std::to_string(r) + "].column";
    const bool numeric = table.has_numeric(rule.column);
    const bool categorical = table.has_categorical(rule.column);
    if (!numeric && !categorical) {
      std::string known;
      for (const auto& c : table.numeric_columns()) known += (known.empty() ? "" : ", ") + c.name;
      for (const auto& c : table.categorical_names()) known += (known.empty() ? "" : ", ") + c;
      throw ConfigError(key, "rule '" + rule.label() + "': no column '" + rule.column + "'; columns: " + known);
    }
    if (rule.kind == RuleKind::compare && !numeric) {
      throw ConfigError(key, "rule '" + rule.label() + "': '" + rule.column +
                                 "' is a text column; comparisons need a numeric column (use 'in {...}')");
    }
    std::vector<double> numeric_set;
    if (numeric && (rule.kind == RuleKind::in_set || rule.kind == RuleKind::not_in_set)) {
      for (const auto& v : rule.values) {
        const auto x = to_number(v);
        if (!x) throw ConfigError(key, "rule '" + rule.label() + "': '" + v + "' is not a number but '" + rule.column + "' is numeric");
        numeric_set.push_back(*x);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      std::optional<double> x;
      const std::string* text = nullptr;
      bool missing = false;
      if (numeric) {
        x = table.get(i, rule.column);
        missing = !x.has_value();
      } else {
        text = &table.categorical(rule.column)[i];
        missing = text->empty();
      }
      bool pass = false;
      switch (rule.kind) {
        case RuleKind::present: pass = !missing; break;
        case RuleKind::absent: pass = missing; break;
        case RuleKind::compare: pass = missing ? rule.missing_passes : compare(*x, rule.op, rule.value); break;
        case RuleKind::in_set:
        case RuleKind::not_in_set: {
          if (missing) {
            pass = rule.missing_passes;
            break;
          }
          const bool member = numeric ? std::find(numeric_set.begin(), numeric_set.end(), *x) != numeric_set.end()
                                      : std::find(rule.values.begin(), rule.values.end(), *text) != rule.values.end();
          pass = rule.kind == RuleKind::in_set ? member : !member;
          break;
        }
      }
      if (!pass) {
        out.failed_rules[i].push_back(r);
        ++out.excluded_count[r];
      }
    }
  }
  out.eligible.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    out.eligible[i] = out.failed_rules[i].empty();
    if (out.eligible[i]) out.eligible_rows.push_back(i);
  }
  return out;
}

std::vector<EligibilityRule> default_clir_eligibility() {
  return {parse_eligibility_rule("occupation_ongoing == 0", "not under ongoing occupation"),
          parse_eligibility_rule("occupied_before_2022 == 0", "not occupied before 2022")};
}

}  // namespace clir
