#include "scenario_toml_text.hpp"

#include <sstream>
#include <string_view>

#include "../core/decimal.hpp"
#include "clir/core/error.hpp"

namespace clir::detail {
namespace {

bool bare_key(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string toml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;  // UTF-8 is written as it is
    }
  }
  return out + "\"";
}

std::string key_text(std::string_view key) { return bare_key(key) ? std::string(key) : toml_quoted(key); }

std::string float_text(double v) {
  if (v != v) return "nan";
  if (v == 1.0 / 0.0) return "inf";
  if (v == -1.0 / 0.0) return "-inf";
  std::string text = to_chars_shortest(v, false);
  // A float must look like one ("1" would read back as an integer).
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

bool is_table_array(const toml::node& node) {
  const toml::array* a = node.as_array();
  return a && !a->empty() && a->is_array_of_tables();
}

std::string inline_value(const toml::node& node);

std::string inline_table(const toml::table& t) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : t) {
    out += (first ? " " : ", ") + key_text(key.str()) + " = " + inline_value(value);
    first = false;
  }
  return out + (first ? "}" : " }");
}

std::string inline_value(const toml::node& node) {
  if (const auto* s = node.as_string()) return toml_quoted(s->get());
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) return float_text(f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* a = node.as_array()) {
    std::string out = "[";
    for (std::size_t n = 0; n < a->size(); ++n) out += (n ? ", " : "") + inline_value((*a)[n]);
    return out + "]";
  }
  if (const auto* t = node.as_table()) return inline_table(*t);
  // Dates and times: no scenario key holds one; toml++'s own text is exact for them.
  std::string out;
  std::ostringstream text;
  node.visit([&text](const auto& v) { text << v; });
  return text.str();
}

void write_table(const toml::table& table, const std::string& path, bool header, std::string& out) {
  if (header) out += "\n[" + path + "]\n";
  for (const auto& [key, value] : table) {
    if (value.is_table() || is_table_array(value)) continue;
    out += key_text(key.str()) + " = " + inline_value(value) + "\n";
  }
  for (const auto& [key, value] : table) {
    const std::string sub = path.empty() ? key_text(key.str()) : path + "." + key_text(key.str());
    if (const auto* t = value.as_table()) {
      write_table(*t, sub, true, out);
    } else if (is_table_array(value)) {
      for (const auto& entry : *value.as_array()) {
        out += "\n[[" + sub + "]]\n";
        write_table(*entry.as_table(), sub, false, out);
      }
    }
  }
}

}  // namespace

toml::table parse_toml(std::string_view text, std::string_view source_name) {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    throw InputError("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
                     {.file = std::string(source_name), .line = 1});
  }
  try {
    return toml::parse(text, std::string(source_name));
  } catch (const toml::parse_error& e) {
    throw InputError("invalid TOML: " + std::string(e.description()),
                     {.file = std::string(source_name), .line = e.source().begin.line, .column = e.source().begin.column});
  }
}

std::string toml_text(const toml::table& root) {
  std::string out;
  write_table(root, "", false, out);
  if (!out.empty() && out.front() == '\n') out.erase(0, 1);
  return out;
}

}  // namespace clir::detail
