// Reading CSV documents: the record scanner, CsvDocument, parse_csv and read_csv. Cells and
// columns are read in csv_values.cpp, CSV is written in csv_write.cpp.
#include "clir/io/csv.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "clir/core/detail/text.hpp"
#include "io_internal.hpp"

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

std::string delimiter_name(char d) {
  if (d == '\t') return "tab";
  return std::string("'") + d + "'";
}

}  // namespace

namespace detail {

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

void check_delimiter(char d, std::string_view key, bool allow_detect) {
  if (d == ',' || d == ';' || d == '\t' || (allow_detect && d == 0)) return;
  std::vector<std::string> allowed{"','", "';'", "tab"};
  if (allow_detect) allowed.emplace_back("0 (detect)");
  throw ConfigError(std::string(key), "unsupported CSV delimiter " + delimiter_name(d), allowed);
}

}  // namespace detail

namespace {

using detail::check_delimiter;
using detail::hex_byte;
using detail::lower_trimmed;

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
  std::string message = "missing required column '" + std::string(name) + "'; available columns: " + detail::list_or_none(header_);
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

namespace {

std::string size_text(std::uintmax_t bytes) {
  if (bytes < (1u << 20)) return std::to_string(bytes) + " bytes";
  return std::to_string(bytes >> 20) + " MiB";
}

[[noreturn]] void too_large(const std::string& name, std::size_t max_bytes, std::string_view what) {
  throw InputError(std::string(what) + " is larger than the limit of " + size_text(max_bytes) + " for an input file",
                   {.file = name});
}

const char* file_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { ::close(fd_); }
  int get() const noexcept { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
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
  // O_NONBLOCK: opening a named pipe must not wait for a writer; the kind is checked on the
  // descriptor, so the file cannot change between the check and the read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot open the file for reading", {.file = name});
  const FileDescriptor file(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw InputError("cannot open the file for reading", {.file = name});
  if (!S_ISREG(st.st_mode)) {
    throw InputError(std::string("is ") + file_kind(st.st_mode) + ", not a regular file; clir reads its inputs from files",
                     {.file = name});
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) too_large(name, max_bytes, "the file (" + size_text(static_cast<std::uintmax_t>(st.st_size)) + ")");
  std::string content(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t filled = 0;
  for (;;) {
    if (filled == content.size()) {
      // The file may have grown since fstat: read on, within the limit.
      if (content.size() > max_bytes) too_large(name, max_bytes, "the file");
      content.resize(std::min<std::size_t>(std::max<std::size_t>(2 * content.size(), 4096), max_bytes + 1));
    }
    const ssize_t n = ::read(fd, content.data() + filled, content.size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError("error while reading the file", {.file = name});
    }
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  if (filled > max_bytes) too_large(name, max_bytes, "the file");
  content.resize(filled);
  return content;
}

CsvDocument read_csv(const std::filesystem::path& path, const CsvOptions& options) {
  const std::string content = read_text_file(path);
  return parse_csv(content, path.string(), options);
}

CsvDocument read_csv(std::istream& in, std::string source_name, const CsvOptions& options) {
  std::string content;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_input_file_bytes) too_large(source_name, max_input_file_bytes, "the input");
  }
  if (in.bad()) throw InputError("error while reading the input", {.file = source_name});
  return parse_csv(content, std::move(source_name), options);
}

}  // namespace clir
