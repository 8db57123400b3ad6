#include "clir/core/error.hpp"

#include <algorithm>
#include <utility>

#include "clir/core/detail/text.hpp"

namespace clir {

std::string format_location(const SourceLocation& where) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ':' + std::to_string(where.line);
      if (where.column > 0) out += ':' + std::to_string(where.column);
    }
    out += ": ";
  } else if (where.line > 0) {
    out += "line " + std::to_string(where.line);
    if (where.column > 0) out += ", column " + std::to_string(where.column);
    out += ": ";
  }
  if (!where.key.empty()) out += "'" + where.key + "': ";
  return out;
}

namespace {
// what() is a C string: a NUL byte from the input (a cell, a code) would end the message there,
// and other control bytes garble a terminal. They are written as \xNN; line breaks and tabs stay.
std::string without_control_bytes(std::string text) {
  if (std::none_of(text.begin(), text.end(), [](char c) { return c == '\0' || c == '\x7F' || ((static_cast<unsigned char>(c) < 0x20) && c != '\n' && c != '\t'); })) {
    return text;
  }
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F) {
      static const char* const digits = "0123456789ABCDEF";
      out += "\\x";
      out += digits[byte >> 4];
      out += digits[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}
}  // namespace

InputError::InputError(std::string message, SourceLocation where)
    : Error(without_control_bytes(format_location(where) + message)), where_(std::move(where)), message_(std::move(message)) {}

namespace {
std::string config_what(const std::string& key, const std::string& message,
                        const std::vector<std::string>& allowed, const SourceLocation& where) {
  SourceLocation loc = where;
  if (loc.key.empty()) loc.key = key;
  std::string out = format_location(loc) + message;
  if (!allowed.empty()) {
    out += " (allowed: " + detail::join_text(allowed) + ')';
  }
  return out;
}

std::string infeasible_what(const std::string& message, const std::vector<std::string>& conflicting,
                            const std::string& suggestion) {
  std::string out = message;
  if (!conflicting.empty()) {
    out += "; conflicting constraints: " + detail::join_text(conflicting, "; ");
  }
  if (!suggestion.empty()) out += "; " + suggestion;
  return out;
}
}  // namespace

ConfigError::ConfigError(std::string key, std::string message, std::vector<std::string> allowed,
                         SourceLocation where)
    : Error(without_control_bytes(config_what(key, message, allowed, where))),
      key_(std::move(key)),
      message_(std::move(message)),
      allowed_(std::move(allowed)),
      where_(std::move(where)) {}

Infeasible::Infeasible(std::string message, std::vector<std::string> conflicting,
                       std::string suggestion)
    : Error(without_control_bytes(infeasible_what(message, conflicting, suggestion))),
      conflicting_(std::move(conflicting)),
      suggestion_(std::move(suggestion)) {}

LimitReached::LimitReached(std::string key, std::string message)
    : Error(without_control_bytes(format_location({.key = key}) + message)), key_(std::move(key)), message_(std::move(message)) {}

}  // namespace clir
