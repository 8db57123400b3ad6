#pragma once
/// @file
/// @brief The exception types clir throws. Every error says where and what was expected.
///
/// All derive from clir::Error (itself a std::runtime_error), so a caller can catch one type.
/// The library never prints or exits; the CLI turns these into messages and exit codes.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace clir {

/// Base of every exception clir throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where in an input a problem was found. Empty/zero members are unknown and not printed.
struct SourceLocation {
  std::string file;        ///< path as given by the caller, or a name such as "<built-in>"
  std::size_t line = 0;    ///< 1-based line, 0 when not applicable
  std::size_t column = 0;  ///< 1-based column (field number for CSV), 0 when not applicable
  std::string key;         ///< column name, scenario key or parameter name, if any
};

/// Formats a location as `file:line:column: key 'k': ` (only the parts that are known).
std::string format_location(const SourceLocation& where);

/// Bad data: a file that cannot be read, a malformed CSV, a value out of range, a code
/// unknown or repeated. Carries the file, line, column and key where they apply.
class InputError : public Error {
 public:
  InputError(std::string message, SourceLocation where = {});
  const SourceLocation& where() const noexcept { return where_; }
  /// The message without the location prefix.
  const std::string& message() const noexcept { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

/// Bad options or scenario: an unknown key, a value of the wrong type or out of its range.
/// Names the key and, where the set is finite, the allowed values.
class ConfigError : public Error {
 public:
  ConfigError(std::string key, std::string message, std::vector<std::string> allowed = {},
              SourceLocation where = {});
  const std::string& key() const noexcept { return key_; }
  const std::vector<std::string>& allowed() const noexcept { return allowed_; }
  const std::string& message() const noexcept { return message_; }
  const SourceLocation& where() const noexcept { return where_; }

 private:
  std::string key_;
  std::string message_;
  std::vector<std::string> allowed_;
  SourceLocation where_;
};

/// Constraints that cannot all hold (quotas, group sizes, links). Names the constraints in
/// conflict and, where one can be identified, the one to relax.
class Infeasible : public Error {
 public:
  Infeasible(std::string message, std::vector<std::string> conflicting,
             std::string suggestion = {});
  const std::vector<std::string>& conflicting() const noexcept { return conflicting_; }
  const std::string& suggestion() const noexcept { return suggestion_; }

 private:
  std::vector<std::string> conflicting_;
  std::string suggestion_;
};

/// A solver stopped at a limit (its time limit, an iteration limit) before it had an answer:
/// neither bad input nor constraints in conflict. key() names the option that sets the limit
/// (e.g. "selection.time_limit_s"; empty when no option does), and the message says what to do.
class LimitReached : public Error {
 public:
  LimitReached(std::string key, std::string message);
  const std::string& key() const noexcept { return key_; }
  /// The message without the key prefix.
  const std::string& message() const noexcept { return message_; }

 private:
  std::string key_;
  std::string message_;
};

}  // namespace clir
