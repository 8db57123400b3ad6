// Writes python/clir/__init__.pyi from its template (__init__.pyi.in) and the field declarations
// (clir::Fields): the keyword options of each function that takes an options struct and the
// attributes of each result class come from the declarations, named as the module names them
// (python/src/keywords.hpp); the rest of the stub, signatures that no struct describes, is the
// template's hand-written text. In the template,
//   {{keywords:Struct}}             the struct's keywords, "name: type = default, ..."
//   {{attributes:Struct}}           one "    name: type" line per attribute
//   {{attributes:Struct:Base}}      the same, without the attributes Base already has
// and a line longer than 120 characters is wrapped after a comma, under its opening parenthesis.
//
// Usage: clir_python_stubs TEMPLATE OUTPUT           writes OUTPUT
//        clir_python_stubs --check TEMPLATE OUTPUT   exits 1 when OUTPUT is not what it would write
#include <array>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../src/keywords.hpp"
#include "clir/cluster/fields.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/labels.hpp"
#include "clir/evaluate/compare.hpp"
#include "clir/graph/skater.hpp"
#include "clir/graph/spectral.hpp"
#include "clir/pipeline/community_card.hpp"
#include "clir/pipeline/grouping.hpp"
#include "clir/scoring/score.hpp"
#include "clir/selection/robustness.hpp"
#include "clir/selection/select.hpp"

namespace {

using clir::python::KeywordNames;

template <class T>
struct is_pair : std::false_type {};
template <class A, class B>
struct is_pair<std::pair<A, B>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

// Python's repr of a float: the shortest text that reads back, with ".0" when it looks like an int.
std::string python_float(double v) {
  std::array<char, 32> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  std::string text = ec == std::errc() ? std::string(buf.data(), end) : std::string("nan");
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

template <class V>
constexpr bool is_scalar = std::is_arithmetic_v<V> || clir::NamedEnum<V> || std::is_same_v<V, std::string>;

// The Python type of a value that is one number, flag or name (an enumeration is its name).
template <class V>
std::string scalar_type() {
  if constexpr (std::is_same_v<V, bool>) return "bool";
  else if constexpr (std::is_integral_v<V>) return "int";
  else if constexpr (std::is_floating_point_v<V>) return "float";
  else return "str";
}

// The type a keyword takes (what the module's set_field accepts for a member of type V).
template <class V>
std::string keyword_type() {
  if constexpr (is_optional<V>::value) {
    return "Optional[" + keyword_type<typename V::value_type>() + "]";
  } else if constexpr (is_scalar<V>) {
    return scalar_type<V>();
  } else if constexpr (clir::HasFields<V>) {
    return "dict";
  } else if constexpr (is_pair<V>::value) {
    return "tuple[" + keyword_type<typename V::first_type>() + ", " + keyword_type<typename V::second_type>() + "]";
  } else if constexpr (clir::detail::is_vector<V>::value) {
    return "Sequence[" + keyword_type<typename clir::detail::is_vector<V>::element>() + "]";
  } else {
    static_assert(sizeof(V) == 0, "no stub type for this field: add it to kStubKeywordTypes");
    return {};
  }
}

template <class V>
std::string default_text(const V& v) {
  if constexpr (is_optional<V>::value) {
    return v ? default_text(*v) : "None";
  } else if constexpr (std::is_same_v<V, bool>) {
    return v ? "True" : "False";
  } else if constexpr (clir::NamedEnum<V>) {
    return quoted(clir::to_string(v));
  } else if constexpr (std::is_same_v<V, std::string>) {
    return (quoted)(v);  // parenthesized: no argument-dependent lookup of std::quoted
  } else if constexpr (std::is_integral_v<V>) {
    return std::to_string(v);
  } else if constexpr (std::is_floating_point_v<V>) {
    return python_float(static_cast<double>(v));
  } else if constexpr (clir::detail::is_vector<V>::value) {
    if (v.empty()) return "()";
    std::string out = "(";
    for (const auto& item : v) out += default_text(item) + ", ";
    return out + ")";
  } else {
    return "...";
  }
}

// The type of a result attribute (what the module's def_fields returns for a member of type V).
template <class V>
std::string attribute_type(std::string_view name) {
  if constexpr (std::is_same_v<V, clir::Labels>) {
    return "npt.NDArray[np.int32]";
  } else if constexpr (std::is_same_v<V, std::vector<std::size_t>>) {
    return clir::python::is_index_view(name) ? "npt.NDArray[np.int64]" : "list[int]";
  } else if constexpr (std::is_same_v<V, clir::MedoidResult>) {
    return "MedoidResult";
  } else if constexpr (is_scalar<V>) {
    return scalar_type<V>();
  } else if constexpr (clir::HasFields<V>) {
    return "dict";
  } else if constexpr (clir::detail::is_vector<V>::value) {
    return "list[" + attribute_type<typename clir::detail::is_vector<V>::element>({}) + "]";
  } else {
    static_assert(sizeof(V) == 0, "no stub type for this attribute");
    return {};
  }
}

template <class S>
std::string keywords(KeywordNames names = {}) {
  static const S defaults{};
  std::string out;
  clir::for_each_field<S>([&](const auto& f) {
    using V = typename std::remove_cvref_t<decltype(f)>::value_type;
    if (!f.used_in(clir::FieldUse::api) || f.flattened) return;
    const std::string_view name = clir::python::python_name(f.name, names);
    if (name.empty()) return;
    std::string typed;
    for (const auto& [keyword, text] : clir::python::kStubKeywordTypes)
      if (keyword == name) typed = std::string(text);
    if (typed.empty()) {
      if constexpr (clir::detail::is_vector<V>::value || std::is_same_v<V, std::string> || std::is_arithmetic_v<V> ||
                    clir::NamedEnum<V> || is_optional<V>::value) {
        typed = keyword_type<V>() + " = " + default_text(f.of(defaults));
      } else {
        std::cerr << "clir_python_stubs: no stub type for keyword '" << name << "' (add it to kStubKeywordTypes)\n";
        std::exit(2);
      }
    }
    out += (out.empty() ? "" : ", ") + std::string(name) + ": " + typed;
  });
  return out;
}

template <class R>
std::set<std::string> attribute_names(KeywordNames names = {}) {
  std::set<std::string> out;
  clir::for_each_field<R>([&](const auto& f) {
    const std::string_view name = clir::python::python_name(f.name, names);
    if (f.used_in(clir::FieldUse::api) && !name.empty()) out.emplace(name);
  });
  return out;
}

template <class R>
std::string attributes(KeywordNames names = {}, const std::set<std::string>& inherited = {}) {
  std::string out;
  clir::for_each_field<R>([&](const auto& f) {
    using V = typename std::remove_cvref_t<decltype(f)>::value_type;
    const std::string name(clir::python::python_name(f.name, names));
    if (!f.used_in(clir::FieldUse::api) || name.empty() || inherited.count(name)) return;
    out += (out.empty() ? "" : "\n") + std::string("    ") + name + ": " + attribute_type<V>(f.name);
  });
  return out;
}

std::map<std::string, std::function<std::string()>> markers() {
  using namespace clir;
  using namespace clir::python;
  return {
      {"keywords:GroupingSpec", [] { return keywords<GroupingSpec>(kGroupingKeywords); }},
      {"keywords:KMedoidsOptions", [] { return keywords<KMedoidsOptions>(); }},
      {"keywords:ClaraOptions", [] { return keywords<ClaraOptions>(); }},
      {"keywords:ConstrainedOptions", [] { return keywords<ConstrainedOptions>(); }},
      {"keywords:GroupConstraints", [] { return keywords<GroupConstraints>(); }},
      {"keywords:SpectralOptions", [] { return keywords<SpectralOptions>(); }},
      {"keywords:SpectralClusteringOptions",
       [] { return keywords<SpectralOptions>() + ", " + keywords<KMedoidsOptions>(kSpectralKMedoidsKeywords); }},
      {"keywords:SkaterOptions", [] { return keywords<SkaterOptions>(); }},
      {"keywords:PMedianOptions", [] { return keywords<PMedianOptions>(); }},
      {"keywords:ScoringOptions", [] { return keywords<ScoringOptions>(); }},
      {"keywords:SelectionOptions", [] { return keywords<SelectionOptions>(kSelectionKeywords); }},
      {"keywords:MonteCarloOptions", [] { return keywords<MonteCarloOptions>(); }},
      {"keywords:CommunityCardOptions", [] { return keywords<CommunityCardOptions>(); }},
      {"attributes:GroupingResult", [] { return attributes<GroupingResult>(kGroupingResultAttributes); }},
      {"attributes:MedoidResult", [] { return attributes<MedoidResult>(); }},
      {"attributes:Comparison", [] { return attributes<Comparison>(); }},
      {"attributes:DynMscResult", [] { return attributes<DynMscResult>(); }},
      {"attributes:ConstrainedResult:MedoidResult",
       [] { return attributes<ConstrainedResult>({}, attribute_names<MedoidResult>()); }},
      {"attributes:PMedianResult:ConstrainedResult",
       [] { return attributes<PMedianResult>({}, attribute_names<ConstrainedResult>()); }},
  };
}

// Breaks @p line after the commas between its first parenthesis's arguments so that no piece
// passes @p width, continuing under the column after that parenthesis.
std::string wrap(const std::string& line, std::size_t width = 120) {
  const std::size_t open = line.find('(');
  if (line.size() <= width || open == std::string::npos) return line;
  std::vector<std::string> pieces;  // each ends after a top-level ", " (the last: the rest)
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = open; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '(' || c == '[') ++depth;
    else if (c == ')' || c == ']') --depth;
    else if (c == ',' && depth == 1 && i + 1 < line.size() && line[i + 1] == ' ') {
      pieces.push_back(line.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  pieces.push_back(line.substr(start));
  const std::string indent(open + 1, ' ');
  std::string out, current;
  for (const auto& piece : pieces) {
    if (current.empty()) current = piece;
    else if (current.size() + 1 + piece.size() > width) {
      out += current + "\n";
      current = indent + piece;
    } else {
      current += " " + piece;
    }
  }
  return out + current;
}

std::string generate(const std::string& text) {
  const auto table = markers();
  std::istringstream in(text);
  std::string out, line;
  while (std::getline(in, line)) {
    for (std::size_t at; (at = line.find("{{")) != std::string::npos;) {
      const std::size_t end = line.find("}}", at);
      const std::string name = line.substr(at + 2, end - at - 2);
      const auto it = table.find(name);
      if (end == std::string::npos || it == table.end()) {
        std::cerr << "clir_python_stubs: unknown marker {{" << name << "}}\n";
        std::exit(2);
      }
      line.replace(at, end + 2 - at, it->second());
    }
    if (line.find('\n') != std::string::npos) out += line + "\n";  // attribute lines
    else out += wrap(line) + "\n";
  }
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "clir_python_stubs: cannot read " << path << "\n";
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  const bool check = argc == 4 && std::string_view(argv[1]) == "--check";
  if (argc != 3 && !check) {
    std::cerr << "usage: clir_python_stubs [--check] TEMPLATE OUTPUT\n";
    return 2;
  }
  const std::string template_path = argv[check ? 2 : 1], output_path = argv[check ? 3 : 2];
  const std::string stub = generate(read(template_path));
  if (check) {
    if (read(output_path) == stub) return 0;
    std::cerr << output_path << " is not what " << template_path
              << " and the field declarations give; regenerate it with\n"
                 "  cmake --build --preset release --target clir_python_stubs_update\n";
    return 1;
  }
  std::ofstream out(output_path, std::ios::binary);
  out << stub;
  return out ? 0 : 2;
}
