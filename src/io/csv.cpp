#include "clir/io/csv.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "clir/core/table.hpp"
#include "clir/io/atomic_file.hpp"

namespace clir {

namespace detail {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept {
  // Well-formed UTF-8 after the Unicode Standard, table 3-7: the second byte's range depends on
  // the lead byte, which is what excludes overlong forms, surrogates and values > U+10FFFF.
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3;
      lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      len = 3;
    } else if (c == 0xED) {
      len = 3;
      hi = 0x9F;
    } else if (c == 0xF0) {
      len = 4;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4;
      hi = 0x8F;
    } else {
      return i;
    }
    if (n - i < len) return i;
    const auto c1 = static_cast<unsigned char>(text[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::nullopt;
}

}  // namespace detail

namespace {

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out.empty() ? "(none)" : out;
}

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::string hex_byte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(b));
  return buf;
}

std::string delimiter_name(char d) {
  if (d == '\t') return "tab";
  return std::string("'") + d + "'";
}

void check_delimiter(char d, std::string_view key, bool allow_detect) {
  if (d == ',' || d == ';' || d == '\t' || (allow_detect && d == 0)) return;
  std::vector<std::string> allowed{"','", "';'", "tab"};
  if (allow_detect) allowed.emplace_back("0 (detect)");
  throw ConfigError(std::string(key), "unsupported CSV delimiter " + delimiter_name(d), allowed);
}

// The record scanner. It keeps the physical line number so that every error can point at the
// line where the problem is (for an unterminated quote: where the quote opened).
class Scanner {
 public:
  Scanner(std::string_view text, const std::string& source, char delim)
      : text_(text), source_(source), delim_(delim) {}

  bool at_end() const noexcept { return pos_ >= text_.size(); }
  std::size_t line() const noexcept { return line_; }

  // True when the rest of the text is only line breaks (a file may end with blank lines).
  bool only_line_breaks_left() const noexcept {
    for (std::size_t i = pos_; i < text_.size(); ++i) {
      if (text_[i] != '\n' && text_[i] != '\r') return false;
    }
    return true;
  }

  bool at_blank_line() const noexcept {
    return !at_end() && (text_[pos_] == '\n' ||
                         (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n'));
  }

  // Reads one record (precondition: not at end, not at a blank line), appending its fields to
  // @p out. Returns the number of fields read.
  std::size_t record(std::vector<std::string>& out) {
    std::size_t field = 1;
    for (;;) {
      read_field(out, field);
      if (at_end()) return field;
      const char c = text_[pos_];
      if (c == delim_) {
        ++pos_;
        ++field;
        continue;
      }
      if (c == '\n') {
        ++pos_;
        ++line_;
        return field;
      }
      // c == '\r': read_field stops only at delimiter, LF or CR.
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        pos_ += 2;
        ++line_;
        return field;
      }
      fail("carriage return (CR) not followed by a line feed; expected CRLF or LF line ends", line_, field);
    }
  }

  [[noreturn]] void fail(std::string message, std::size_t line, std::size_t field,
                         std::string key = {}) const {
    throw InputError(std::move(message),
                     {.file = source_, .line = line, .column = field, .key = std::move(key)});
  }

 private:
  void read_field(std::vector<std::string>& out, std::size_t field) {
    const std::size_t start_line = line_;
    const std::size_t n = text_.size();
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      std::string cell;
      for (;;) {
        const std::size_t q = text_.find('"', pos_);
        if (q == std::string_view::npos) {
          fail("unterminated quoted field: the quote opened here is never closed", start_line, field);
        }
        const std::string_view segment = text_.substr(pos_, q - pos_);
        line_ += static_cast<std::size_t>(std::count(segment.begin(), segment.end(), '\n'));
        cell.append(segment);
        pos_ = q + 1;
        if (pos_ < n && text_[pos_] == '"') {  // a doubled quote stands for one quote
          cell.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ < n && text_[pos_] != delim_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        fail("unexpected character '" + std::string(1, text_[pos_]) +
                 "' after a closing quote; expected a delimiter or the end of the line "
                 "(a quote inside a quoted field is written as two quotes)",
             line_, field);
      }
      check_utf8(cell, start_line, field);
      out.push_back(std::move(cell));
      return;
    }
    const std::size_t begin = pos_;
    while (pos_ < n) {
      const char c = text_[pos_];
      if (c == delim_ || c == '\n' || c == '\r') break;
      if (c == '"') {
        fail("quote inside an unquoted field; quote the whole field and write the quote as two "
             "quotes",
             line_, field);
      }
      ++pos_;
    }
    const std::string_view cell = text_.substr(begin, pos_ - begin);
    check_utf8(cell, start_line, field);
    out.emplace_back(cell);
  }

  void check_utf8(std::string_view cell, std::size_t start_line, std::size_t field) const {
    const auto bad = detail::find_invalid_utf8(cell);
    if (!bad) return;
    const std::string_view before = cell.substr(0, *bad);
    const std::size_t line = start_line + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    fail("invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(cell[*bad])) + " at byte " +
             std::to_string(*bad + 1) + " of the field); save the file as UTF-8",
         line, field);
  }

  std::string_view text_;
  const std::string& source_;
  char delim_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// Counts ',' and ';' outside quotes on the first record and picks the more frequent one.
char detect_delimiter(std::string_view text, const std::string& source) {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice, which is what we want
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
  }
  if (commas > 0 && commas == semicolons) {
    throw InputError("cannot tell the delimiter from the header: it has " + std::to_string(commas) +
                         " ',' and " + std::to_string(semicolons) +
                         " ';' outside quotes; set the delimiter explicitly",
                     {.file = source, .line = 1});
  }
  return semicolons > commas ? ';' : ',';
}

void check_header(const std::vector<std::string>& header, const std::string& source, std::size_t line) {
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].empty()) {
      throw InputError("empty column name in the header", {.file = source, .line = line, .column = i + 1});
    }
    auto [it, inserted] = seen.emplace(header[i], i);
    if (!inserted) {
      throw InputError("duplicate column name '" + header[i] + "' (fields " + std::to_string(it->second + 1) +
                           " and " + std::to_string(i + 1) + ")",
                       {.file = source, .line = line, .column = i + 1, .key = header[i]});
    }
  }
}

std::string field_count_message(std::size_t found, std::size_t expected) {
  return "expected " + std::to_string(expected) + (expected == 1 ? " field" : " fields") +
         " as in the header, found " + std::to_string(found);
}

}  // namespace

// ------------------------------------------------------------------------------------------
// CsvDocument

CsvDocument::CsvDocument(std::string source_name, std::vector<std::string> header,
                         const std::vector<std::vector<std::string>>& rows)
    : source_(std::move(source_name)), header_(std::move(header)) {
  check_header(header_, source_, 1);
  cells_.reserve(rows.size() * header_.size());
  lines_.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != header_.size()) {
      throw InputError(field_count_message(rows[r].size(), header_.size()), {.file = source_, .line = r + 2});
    }
    cells_.insert(cells_.end(), rows[r].begin(), rows[r].end());
    lines_.push_back(r + 2);
  }
}

std::optional<std::size_t> CsvDocument::find_column(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

std::size_t CsvDocument::column(std::string_view name) const {
  if (auto c = find_column(name)) return *c;
  std::string message = "missing required column '" + std::string(name) + "'; available columns: " + join(header_);
  const std::string wanted = lower_trimmed(name);
  for (const auto& h : header_) {
    if (lower_trimmed(h) == wanted) {
      message += " (did you mean '" + h + "'?)";
      break;
    }
  }
  throw InputError(std::move(message), {.file = source_, .key = std::string(name)});
}

std::span<const std::string> CsvDocument::row(std::size_t r) const {
  if (r >= row_count()) {
    throw InputError("row " + std::to_string(r) + " is out of range (" + std::to_string(row_count()) + " rows)",
                     {.file = source_});
  }
  return std::span<const std::string>(cells_).subspan(r * header_.size(), header_.size());
}

const std::string& CsvDocument::cell(std::size_t r, std::size_t c) const {
  if (r >= row_count() || c >= column_count()) {
    throw InputError("cell (" + std::to_string(r) + ", " + std::to_string(c) + ") is out of range (" +
                         std::to_string(row_count()) + " rows, " + std::to_string(column_count()) + " columns)",
                     {.file = source_});
  }
  return cells_[r * header_.size() + c];
}

std::size_t CsvDocument::line(std::size_t r) const {
  if (r >= row_count()) {
    throw InputError("row " + std::to_string(r) + " is out of range (" + std::to_string(row_count()) + " rows)",
                     {.file = source_});
  }
  return lines_[r];
}

SourceLocation CsvDocument::location(std::size_t r, std::size_t c) const {
  return {.file = source_,
          .line = r < row_count() ? lines_[r] : 0,
          .column = c + 1,
          .key = c < header_.size() ? header_[c] : std::string()};
}

// ------------------------------------------------------------------------------------------
// Parsing

CsvDocument parse_csv(std::string_view text, std::string source_name, const CsvOptions& options) {
  check_delimiter(options.delimiter, "delimiter", true);
  CsvDocument doc;
  doc.source_ = std::move(source_name);
  const std::string& source = doc.source_;

  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    throw InputError("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
                     {.file = source, .line = 1});
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.empty()) throw InputError("the file is empty; expected a header line", {.file = source});

  const char delim = options.delimiter != 0 ? options.delimiter : detect_delimiter(text, source);
  doc.delimiter_ = delim;
  Scanner scan(text, source, delim);
  if (scan.at_blank_line()) {
    throw InputError("the first line is blank; expected a header line", {.file = source, .line = 1});
  }
  scan.record(doc.header_);
  check_header(doc.header_, source, 1);
  const std::size_t width = doc.header_.size();

  // A guess of the row count keeps reallocation low for large inputs. Line breaks inside
  // quoted fields inflate it; every cell takes at least one byte (its delimiter or line end),
  // which caps the reservation whatever the input.
  const std::size_t guess = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  const std::size_t cell_cap = text.size() + 1;
  doc.cells_.reserve(guess > cell_cap / width ? cell_cap : guess * width);
  doc.lines_.reserve(guess);

  while (!scan.at_end()) {
    if (scan.at_blank_line()) {
      if (scan.only_line_breaks_left()) break;
      throw InputError("blank line between records; expected " + std::to_string(width) +
                           (width == 1 ? " field" : " fields") + " (write an empty single cell as \"\")",
                       {.file = source, .line = scan.line()});
    }
    const std::size_t line = scan.line();
    const std::size_t found = scan.record(doc.cells_);
    if (found != width) {
      throw InputError(field_count_message(found, width), {.file = source, .line = line});
    }
    doc.lines_.push_back(line);
  }
  if (doc.lines_.empty() && !options.allow_no_rows) {
    throw InputError("no data rows after the header", {.file = source, .line = 1});
  }
  return doc;
}

std::string read_text_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    throw InputError("cannot access the file: " + ec.message(), {.file = name});
  }
  if (!std::filesystem::exists(status)) throw InputError("the file does not exist", {.file = name});
  if (std::filesystem::is_directory(status)) {
    throw InputError("is a directory, not a file", {.file = name});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the file for reading", {.file = name});
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError("error while reading the file", {.file = name});
  return content;
}

CsvDocument read_csv(const std::filesystem::path& path, const CsvOptions& options) {
  const std::string content = read_text_file(path);
  return parse_csv(content, path.string(), options);
}

CsvDocument read_csv(std::istream& in, std::string source_name, const CsvOptions& options) {
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError("error while reading the input", {.file = source_name});
  return parse_csv(content, std::move(source_name), options);
}

// ------------------------------------------------------------------------------------------
// Numbers

std::int64_t parse_integer(std::string_view cell, const SourceLocation& where) {
  if (cell.empty()) throw InputError("expected a whole number, got an empty cell", where);
  std::int64_t value = 0;
  const char* last = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), last, value);
  if (ec == std::errc() && ptr == last) return value;
  std::string message = ec == std::errc::result_out_of_range ? "whole number '" + std::string(cell) +
                                                                   "' does not fit a 64-bit integer"
                                                             : "expected a whole number, got '" + std::string(cell) + "'";
  throw InputError(std::move(message), where);
}

double parse_number(std::string_view cell, const SourceLocation& where) {
  if (cell.empty()) throw InputError("expected a number, got an empty cell", where);
  // Built only on the error paths: this function runs once per numeric cell.
  const auto quoted = [cell] {
    std::string q;
    q.reserve(cell.size() + 2);
    q.push_back('\'');
    q.append(cell);
    q.push_back('\'');
    return q;
  };
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  if (is_space(cell.front()) || is_space(cell.back())) {
    throw InputError("expected a number, got " + quoted() + " (spaces around a number are not allowed)", where);
  }
  if (cell.front() == '+') {
    throw InputError("expected a number, got " + quoted() + " (write it without the '+' sign)", where);
  }
  // from_chars would accept these spellings; a table of indicators must not contain them.
  const std::string_view unsigned_part = cell.substr(cell.front() == '-' ? 1 : 0);
  if (!unsigned_part.empty() && std::isalpha(static_cast<unsigned char>(unsigned_part.front())) &&
      [&] {
        const std::string body = lower_trimmed(unsigned_part);
        return body == "nan" || body.starts_with("nan(") || body == "inf" || body == "infinity";
      }()) {
    throw InputError("expected a finite number, got " + quoted() + " (leave the cell empty for a missing value)",
                     where);
  }
  double value = 0.0;
  const char* first = cell.data();
  const char* last = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {
    throw InputError("number " + quoted() + " is outside the range of a double", where);
  }
  if (ec != std::errc() ) {
    throw InputError("expected a number, got " + quoted(), where);
  }
  if (ptr != last) {
    std::string message = "expected a number, got " + quoted();
    if (*ptr == ',' && ptr + 1 != last && std::isdigit(static_cast<unsigned char>(ptr[1]))) {
      message += " (use '.' as the decimal separator)";
    } else {
      message += " (unexpected '" + std::string(ptr, last) + "' after '" + std::string(first, ptr) + "')";
    }
    throw InputError(std::move(message), where);
  }
  if (!std::isfinite(value)) {
    throw InputError("expected a finite number, got " + quoted(), where);
  }
  return value;
}

std::optional<double> parse_optional_number(std::string_view cell, const SourceLocation& where,
                                            std::span<const std::string> missing_markers) {
  if (cell.empty()) return std::nullopt;
  for (const auto& m : missing_markers) {
    if (cell == m) return std::nullopt;
  }
  return parse_number(cell, where);
}

std::string format_number(double value) {
  if (std::isnan(value)) return {};
  if (std::isinf(value)) throw Error("cannot write an infinite number to CSV");
  // Shortest round-trip digits; fixed notation for everyday magnitudes (a population of
  // 1000000 reads better than 1e+06), scientific beyond them so the text stays short.
  const double magnitude = std::fabs(value);
  const bool fixed = magnitude == 0.0 || (magnitude >= 1e-5 && magnitude < 1e16);
  char buf[64];
  const auto [ptr, ec] = fixed ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                               : std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) throw Error("cannot format a number");  // 64 bytes always suffice
  return std::string(buf, ptr);
}

std::vector<double> read_number_column(const CsvDocument& doc, std::string_view name) {
  const std::size_t c = doc.column(name);
  std::vector<double> out(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) out[r] = parse_number(doc.cell(r, c), doc.location(r, c));
  return out;
}

std::vector<std::int64_t> read_integer_column(const CsvDocument& doc, std::string_view name) {
  const std::size_t c = doc.column(name);
  std::vector<std::int64_t> out(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) out[r] = parse_integer(doc.cell(r, c), doc.location(r, c));
  return out;
}

std::vector<std::optional<double>> read_optional_number_column(const CsvDocument& doc, std::string_view name,
                                                               std::span<const std::string> missing_markers) {
  const std::size_t c = doc.column(name);
  std::vector<std::optional<double>> out(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    out[r] = parse_optional_number(doc.cell(r, c), doc.location(r, c), missing_markers);
  }
  return out;
}

std::vector<std::string> read_text_column(const CsvDocument& doc, std::string_view name, bool require_non_empty) {
  const std::size_t c = doc.column(name);
  std::vector<std::string> out(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    out[r] = doc.cell(r, c);
    if (require_non_empty && out[r].empty()) {
      throw InputError("expected a value, got an empty cell", doc.location(r, c));
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Tables

namespace {

// Reads the id column: non-empty and unique; the error names both lines of a repeat.
std::vector<std::string> read_ids(const CsvDocument& doc, std::size_t c) {
  const std::string& name = doc.header()[c];
  std::vector<std::string> ids(doc.row_count());
  std::unordered_map<std::string_view, std::size_t> first_row;
  first_row.reserve(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    const std::string& id = doc.cell(r, c);
    if (id.empty()) throw InputError("empty " + name + " on line " + std::to_string(doc.line(r)), doc.location(r, c));
    auto [it, inserted] = first_row.emplace(id, r);
    if (!inserted) {
      throw InputError("duplicate " + name + " '" + id + "' on lines " + std::to_string(doc.line(it->second)) +
                           " and " + std::to_string(doc.line(r)),
                       doc.location(r, c));
    }
    ids[r] = id;
  }
  return ids;
}

}  // namespace

Table read_table(const CsvDocument& doc, const TableSpec& spec) {
  if (spec.id_column.empty()) throw ConfigError("id_column", "the id column name is empty");
  std::set<std::string, std::less<>> used{spec.id_column};
  const auto claim = [&](const std::string& name, const char* key) {
    if (!used.insert(name).second) {
      throw ConfigError(key, "column '" + name + "' is named more than once (as id, numeric or categorical)");
    }
  };
  std::vector<std::string> numeric = spec.numeric_columns;
  for (const auto& n : numeric) claim(n, "numeric_columns");
  for (const auto& n : spec.categorical_columns) claim(n, "categorical_columns");
  if (spec.other_columns_numeric) {
    for (const auto& h : doc.header()) {
      if (used.insert(h).second) numeric.push_back(h);
    }
  }
  for (const auto& [column, unit] : spec.units) {
    if (std::find(numeric.begin(), numeric.end(), column) == numeric.end()) {
      throw ConfigError("units", "a unit ('" + unit + "') is given for column '" + column +
                                     "', which is not read as a numeric column");
    }
  }

  Table table(read_ids(doc, doc.column(spec.id_column)));
  for (const auto& name : numeric) {
    const auto it = spec.units.find(name);
    table.add_numeric(name, read_optional_number_column(doc, name, spec.missing_markers),
                      it == spec.units.end() ? std::string() : it->second);
  }
  for (const auto& name : spec.categorical_columns) table.add_categorical(name, read_text_column(doc, name));
  return table;
}

// ------------------------------------------------------------------------------------------
// Communities

std::vector<Community> read_communities(const CsvDocument& doc, const CommunityColumns& columns,
                                        const CommunityReadOptions& options) {
  const std::size_t code_c = doc.column(columns.code);
  const std::size_t lat_c = doc.column(columns.latitude);
  const std::size_t lon_c = doc.column(columns.longitude);
  const auto optional_column = [&](const std::string& name) -> std::optional<std::size_t> {
    if (name.empty()) return std::nullopt;
    return doc.column(name);
  };
  const auto name_uk_c = optional_column(columns.name_uk);
  const auto name_en_c = optional_column(columns.name_en);
  const auto oblast_code_c = optional_column(columns.oblast_code);
  const auto oblast_uk_c = optional_column(columns.oblast_uk);
  const auto oblast_en_c = optional_column(columns.oblast_en);
  const auto raion_c = optional_column(columns.raion);
  const auto type_c = optional_column(columns.type);

  const auto check_code = [&](std::size_t r, std::size_t c) {
    const std::string& code = doc.cell(r, c);
    if (!is_katottg_code(code)) {
      throw InputError("expected a KATOTTG code ('UA' followed by 17 digits), got '" + code + "'",
                       doc.location(r, c));
    }
  };
  const auto area_text = [](const GeoBox& b) {
    return "lat " + format_number(b.min_lat) + ".." + format_number(b.max_lat) + ", lon " +
           format_number(b.min_lon) + ".." + format_number(b.max_lon);
  };

  std::vector<Community> out(doc.row_count());
  std::unordered_map<std::string_view, std::size_t> first_row;
  first_row.reserve(doc.row_count());
  for (std::size_t r = 0; r < doc.row_count(); ++r) {
    Community& community = out[r];
    check_code(r, code_c);
    community.code = doc.cell(r, code_c);
    auto [it, inserted] = first_row.emplace(doc.cell(r, code_c), r);
    if (!inserted) {
      throw InputError("duplicate code '" + community.code + "' on lines " + std::to_string(doc.line(it->second)) +
                           " and " + std::to_string(doc.line(r)),
                       doc.location(r, code_c));
    }

    const double lat = parse_number(doc.cell(r, lat_c), doc.location(r, lat_c));
    const double lon = parse_number(doc.cell(r, lon_c), doc.location(r, lon_c));
    if (lat < -90.0 || lat > 90.0) {
      throw InputError("latitude " + doc.cell(r, lat_c) + " is outside [-90, 90] degrees", doc.location(r, lat_c));
    }
    if (lon < -180.0 || lon > 180.0) {
      throw InputError("longitude " + doc.cell(r, lon_c) + " is outside [-180, 180] degrees",
                       doc.location(r, lon_c));
    }
    community.location = {.lat = lat, .lon = lon};
    if (options.expected_area && !options.expected_area->contains(community.location)) {
      const GeoBox& area = *options.expected_area;
      const GeoPoint swapped{.lat = lon, .lon = lat};
      const std::string point = "(lat " + doc.cell(r, lat_c) + ", lon " + doc.cell(r, lon_c) + ")";
      if (area.contains(swapped)) {
        throw InputError("looks like latitude and longitude are swapped: " + point +
                             " is outside the expected area (" + area_text(area) +
                             ") but the swapped point is inside it",
                         doc.location(r, lat_c));
      }
      if (options.require_inside_area) {
        throw InputError(point + " is outside the expected area (" + area_text(area) + ")", doc.location(r, lat_c));
      }
    }

    if (name_uk_c) community.name_uk = doc.cell(r, *name_uk_c);
    if (name_en_c) community.name_en = doc.cell(r, *name_en_c);
    if (oblast_code_c) {
      check_code(r, *oblast_code_c);
      community.oblast_code = doc.cell(r, *oblast_code_c);
    }
    if (oblast_uk_c) community.oblast_uk = doc.cell(r, *oblast_uk_c);
    if (oblast_en_c) community.oblast_en = doc.cell(r, *oblast_en_c);
    if (raion_c) community.raion = doc.cell(r, *raion_c);
    if (type_c) {
      const std::string& text = doc.cell(r, *type_c);
      const auto type = find_enum<CommunityType>(text);
      if (!type) {
        throw InputError("unknown community type '" + text +
                             "'; expected city, settlement or village (міська, селищна, сільська)",
                         doc.location(r, *type_c));
      }
      community.type = *type;
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Writing

namespace {

void append_cell(std::string& out, std::string_view cell, char delim) {
  const bool needs_quotes = cell.find_first_of(std::string{delim, '"', '\r', '\n'}) != std::string_view::npos;
  if (!needs_quotes) {
    out.append(cell);
    return;
  }
  out.push_back('"');
  for (const char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_record(std::string& out, const std::vector<std::string>& cells, const CsvWriteOptions& options) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(options.delimiter);
    append_cell(out, cells[i], options.delimiter);
  }
  // A record of one empty cell would read back as a blank line; quote it.
  if (cells.size() == 1 && cells[0].empty()) out += "\"\"";
  out += options.crlf ? "\r\n" : "\n";
}

}  // namespace

std::string format_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       const CsvWriteOptions& options) {
  check_delimiter(options.delimiter, "delimiter", false);
  if (header.empty()) throw InputError("cannot write a CSV without columns");
  std::string out;
  if (options.byte_order_mark) out += "\xEF\xBB\xBF";
  append_record(out, header, options);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != header.size()) {
      throw InputError("row " + std::to_string(r + 1) + " has " + std::to_string(rows[r].size()) +
                       " cells; the header has " + std::to_string(header.size()));
    }
    append_record(out, rows[r], options);
  }
  return out;
}

void write_csv(std::ostream& out, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows, const CsvWriteOptions& options) {
  const std::string text = format_csv(header, rows, options);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw Error("writing CSV to the stream failed");
}

void write_csv_file(const std::filesystem::path& path, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows, const CsvWriteOptions& options) {
  write_file_atomic(path, format_csv(header, rows, options));
}

std::string format_table_csv(const Table& table, std::string_view id_column, const CsvWriteOptions& options) {
  std::vector<std::string> header{std::string(id_column)};
  for (const auto& c : table.numeric_columns()) header.push_back(c.name);
  for (const auto& c : table.categorical_names()) header.push_back(c);
  // The file would not read back (duplicate column name); say so while writing.
  for (std::size_t i = 1; i < header.size(); ++i) {
    if (header[i] == header[0]) {
      throw ConfigError("id_column", "the id column name '" + header[0] + "' is also the name of a table column");
    }
  }
  std::vector<std::vector<std::string>> rows(table.rows());
  const auto& values = table.values();
  for (std::size_t r = 0; r < table.rows(); ++r) {
    auto& row = rows[r];
    row.reserve(header.size());
    row.push_back(table.ids()[r]);
    for (std::size_t c = 0; c < table.numeric_count(); ++c) {
      row.push_back(table.is_missing(r, c) ? std::string()
                                           : format_number(values(static_cast<Eigen::Index>(r),
                                                                  static_cast<Eigen::Index>(c))));
    }
    for (const auto& name : table.categorical_names()) row.push_back(table.categorical(name)[r]);
  }
  return format_csv(header, rows, options);
}

void write_table_csv(const std::filesystem::path& path, const Table& table, std::string_view id_column,
                     const CsvWriteOptions& options) {
  write_file_atomic(path, format_table_csv(table, id_column, options));
}

}  // namespace clir
