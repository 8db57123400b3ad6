#pragma once
// Shared machinery of the Python bindings: keyword options parsed into clir's option structs
// (C++ defaults, clear errors for unknown or mistyped keywords), NumPy distance matrices wrapped
// without copies, NumPy views of result vectors, and tables from Python columns.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "clir/core/community.hpp"
#include "clir/core/enum_names.hpp"
#include "clir/core/error.hpp"
#include "clir/core/fields.hpp"
#include "clir/core/labels.hpp"
#include "clir/core/table.hpp"
#include "clir/distance/matrix.hpp"
#include "keywords.hpp"

namespace clir::python {

namespace py = pybind11;

// ---- keyword options -------------------------------------------------------------------------

/// The Python type name of @p value, for messages.
std::string type_name(py::handle value);

/// Throws clir::ConfigError for an option @p key of @p function that has no such option,
/// suggesting the closest known name.
[[noreturn]] void throw_unknown_option(const std::string& function, const std::string& key,
                                       const std::vector<std::string>& known);

/// Throws clir::ConfigError(@p keyword): "expected <what the field takes>, got <value>".
[[noreturn]] void throw_out_of_range(const std::string& keyword, const std::string& expected, py::handle value);

/// @p value as the whole number type T, for the argument or option @p keyword: a Python int
/// (not a bool) from @p lo to T's largest value, else clir::ConfigError (Python's
/// clir.ConfigError, a ValueError) naming @p keyword and the range. pybind11's own conversion
/// raises a TypeError whose message prints every argument of the call (a whole distance
/// matrix), or says only that the option "cannot take a value of type int".
template <class T>
T whole_number(const std::string& keyword, py::handle value, T lo = std::numeric_limits<T>::min()) {
  constexpr T hi = std::numeric_limits<T>::max();
  const bool is_int = py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value);
  if (!is_int || PyObject_RichCompareBool(value.ptr(), py::int_(lo).ptr(), Py_LT) == 1 ||
      PyObject_RichCompareBool(value.ptr(), py::int_(hi).ptr(), Py_GT) == 1) {
    throw_out_of_range(keyword, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi), value);
  }
  return py::cast<T>(value);
}

/// @p target = @p value converted as field @p f declares: an enumeration from its name, an
/// integer or number within the declared bounds (a value equal to the struct's default passes,
/// as in clir::validate_fields: a default may mean "not given"), a negative integer for an
/// unsigned field refused by name rather than by pybind11's overflow.
template <class F, class V>
void set_field(const F& f, const std::string& keyword, V& target, py::handle value) {
  using P = typename F::plain_type;
  if constexpr (!std::is_same_v<V, P>) {  // std::optional: None clears it
    if (value.is_none()) {
      target.reset();
      return;
    }
    P plain{};
    set_field(f, keyword, plain, value);
    target = std::move(plain);
  } else if constexpr (NamedEnum<P>) {
    target = parse_enum<P>(py::cast<std::string>(value), keyword);
  } else if constexpr (std::is_integral_v<P> && !std::is_same_v<P, bool>) {
    if (py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value)) {
      const bool negative = PyObject_RichCompareBool(value.ptr(), py::int_(0).ptr(), Py_LT) == 1;
      if (std::is_unsigned_v<P> && negative) {
        std::string expected = expected_text(f);
        if (!f.lo.set) expected += (f.hi.set ? " and >= 0" : " >= 0");
        throw_out_of_range(keyword, expected, value);
      }
    }
    const P given = whole_number<P>(keyword, value);
    static const typename F::owner_type defaults{};
    if (!(given == f.of(defaults)) && !f.admits(static_cast<double>(given))) throw_out_of_range(keyword, expected_text(f), value);
    target = given;
  } else if constexpr (std::is_floating_point_v<P>) {
    const P given = py::cast<P>(value);
    static const typename F::owner_type defaults{};
    if (!(given == f.of(defaults)) && !f.admits(static_cast<double>(given))) throw_out_of_range(keyword, expected_text(f), value);
    target = given;
  } else {
    target = py::cast<P>(value);
  }
}

/// Maps the keyword arguments of one Python function onto an options struct O. Every field
/// starts at O's C++ default; an unknown keyword or a value of the wrong type is a
/// clir::ConfigError naming the keyword.
template <class O>
class OptionParser {
 public:
  using Setter = std::function<void(O&, py::handle)>;

  /// A field read as V by pybind11's conversion (numbers, bools, lists, ...).
  template <class Get>
  OptionParser& field(std::string name, Get get) {
    return custom(name, [get, name](O& o, py::handle v) {
      auto& target = get(o);
      using T = std::remove_reference_t<decltype(target)>;
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        target = whole_number<T>(name, v);
      } else {
        target = py::cast<T>(v);
      }
    });
  }
  /// A field given as text and parsed by @p parse (clir's parse_* functions).
  template <class Get, class Parse>
  OptionParser& text_field(std::string name, Get get, Parse from_text) {
    return custom(std::move(name), [get, from_text](O& o, py::handle v) { get(o) = from_text(py::cast<std::string>(v)); });
  }
  /// A field with its own conversion; for a keyword added before (by fields()), the conversion
  /// replaces the declared one and the keyword keeps its place.
  OptionParser& custom(std::string name, Setter set) {
    if (!setters_.count(name)) names_.push_back(name);
    setters_.insert_or_assign(std::move(name), std::move(set));
    return *this;
  }
  /// Every field declared in Fields<S> for the programmatic front ends (FieldUse::api), in
  /// declaration order, as a keyword converted by the member's type: an enumeration from its
  /// name (EnumTraits), a number checked against the declared bounds, anything else by
  /// pybind11's conversion. @p get reaches the S inside O. custom() afterwards replaces the
  /// conversion of a keyword that needs its own; @p python_names gives a field a
  /// Python keyword other than its declared name (python/src/keywords.hpp), and an empty
  /// keyword leaves the field out.
  template <HasFields S, class Get>
  OptionParser& fields(Get get, KeywordNames python_names = {}) {
    for_each_field<S>([&](const auto& f) {
      if (!f.used_in(FieldUse::api) || f.flattened) return;
      const std::string keyword(python_name(f.name, python_names));
      if (keyword.empty()) return;
      custom(keyword, [get, f, keyword](O& o, py::handle v) { set_field(f, keyword, f.of(get(o)), v); });
    });
    return *this;
  }
  /// Every field of O itself (see fields<S>(get, ...)).
  OptionParser& fields(KeywordNames python_names = {})
    requires HasFields<O>
  {
    return fields<O>([](O& o) -> O& { return o; }, python_names);
  }
  /// O with every keyword of @p kwargs applied, for the Python function @p function.
  O parse(const std::string& function, const py::kwargs& kwargs, O options = {}) const {
    for (auto item : kwargs) {
      const auto key = py::cast<std::string>(item.first);
      auto it = setters_.find(key);
      if (it == setters_.end()) throw_unknown_option(function, key, names_);
      try {
        it->second(options, item.second);
      } catch (const py::cast_error&) {
        throw ConfigError(key, function + "(): option '" + key + "' cannot take a value of type " +
                                   type_name(item.second));
      }
    }
    return options;
  }
  const std::vector<std::string>& names() const noexcept { return names_; }

 private:
  std::vector<std::string> names_;
  std::map<std::string, Setter> setters_;
};

// ---- result attributes ---------------------------------------------------------------------

/// Labels as a read-only int32 NumPy view into @p owner.
py::array readonly_labels(const Labels& values, py::handle owner);
/// Item indices (std::size_t) as a read-only int64 NumPy view, the type NumPy indexes with.
py::array index_view(const std::vector<std::size_t>& values, py::handle owner);

template <HasFields T>
py::dict field_dict(const T& obj, KeywordNames python_names = {});

/// Whether @p T is a class the module binds (a result class such as MedoidResult): such a
/// member is shown as that class; a struct the module does not bind, as a dict of its fields.
template <class T>
bool is_bound() {
  return py::detail::get_type_info(typeid(T)) != nullptr;
}

/// A read-only attribute of @p cls for each field declared in Fields<R> for the programmatic
/// front ends, named as @p python_names says: labels as a read-only int32 NumPy view, medoids
/// (is_index_view) as an int64 view, an enumeration by its name, anything else as pybind11
/// converts it (lists, numbers), a bound result class as itself, any other struct with declared
/// fields of its own as a dict of them (field_dict).
template <class R, class... Options>
void def_fields(py::class_<R, Options...>& cls, KeywordNames python_names = {}) {
  for_each_field<R>([&](const auto& f) {
    using V = typename std::remove_cvref_t<decltype(f)>::value_type;
    if (!f.used_in(FieldUse::api)) return;
    const std::string name(python_name(f.name, python_names));
    if (name.empty()) return;
    const std::string doc(f.doc);
    if constexpr (std::is_same_v<V, Labels>) {
      cls.def_property_readonly(name.c_str(), [f](py::object self) { return readonly_labels(f.of(self.cast<const R&>()), self); },
                                doc.c_str());
    } else if constexpr (std::is_same_v<V, std::vector<std::size_t>>) {
      if (is_index_view(f.name))
        cls.def_property_readonly(name.c_str(), [f](py::object self) { return index_view(f.of(self.cast<const R&>()), self); },
                                  doc.c_str());
      else
        cls.def_property_readonly(name.c_str(), [f](const R& r) -> const V& { return f.of(r); }, doc.c_str());
    } else if constexpr (NamedEnum<V>) {
      cls.def_property_readonly(name.c_str(), [f](const R& r) { return std::string(to_string(f.of(r))); }, doc.c_str());
    } else if constexpr (HasFields<V>) {
      cls.def_property_readonly(
          name.c_str(),
          [f](py::object self) -> py::object {
            const V& value = f.of(self.cast<const R&>());
            if (is_bound<V>()) return py::cast(value, py::return_value_policy::reference_internal, self);
            return field_dict(value);
          },
          doc.c_str());
    } else {
      cls.def_property_readonly(name.c_str(), [f](const R& r) -> const V& { return f.of(r); }, doc.c_str());
    }
  });
}

/// @p obj as a dict of its declared fields (FieldUse::api), named as @p python_names says:
/// enumerations (and lists of them) by name, structs with declared fields (and lists of them)
/// as dicts unless the module binds their class, anything else as pybind11 converts it.
template <HasFields T>
py::dict field_dict(const T& obj, KeywordNames python_names) {
  py::dict d;
  for_each_field(obj, [&](const auto& f, const auto& value) {
    using V = std::remove_cvref_t<decltype(value)>;
    if (!f.used_in(FieldUse::api)) return;
    const std::string name(python_name(f.name, python_names));
    if (name.empty()) return;
    if constexpr (NamedEnum<V>) {
      d[name.c_str()] = std::string(to_string(value));
    } else if constexpr (NamedEnum<typename detail::is_vector<V>::element>) {
      std::vector<std::string> names;
      for (auto v : value) names.emplace_back(to_string(v));
      d[name.c_str()] = names;
    } else if constexpr (HasFields<V>) {
      if (is_bound<V>()) d[name.c_str()] = value;
      else d[name.c_str()] = field_dict(value);
    } else if constexpr (HasFields<typename detail::is_vector<V>::element>) {
      if (is_bound<typename detail::is_vector<V>::element>()) {
        d[name.c_str()] = value;
      } else {
        py::list items;
        for (const auto& item : value) items.append(field_dict(item));
        d[name.c_str()] = items;
      }
    } else {
      d[name.c_str()] = value;
    }
  });
  return d;
}

/// The text of a NumPy dtype, e.g. "int64".
inline std::string dtype_name(const py::dtype& dtype) { return py::cast<std::string>(dtype.attr("name")); }

/// The value of @p E named @p text (EnumTraits); clir::ConfigError (key @p key) listing the
/// names otherwise, with the closest one suggested.
template <NamedEnum E>
E parse_choice(const std::string& key, const std::string& text) {
  if (auto value = find_enum<E>(text)) return *value;
  std::vector<std::string> allowed = enum_names<E>();
  const std::string near = closest_match(text, allowed);
  throw ConfigError(key, "unknown value '" + text + "'" + (near.empty() ? std::string() : "; did you mean '" + near + "'?"),
                    std::move(allowed));
}

// ---- distance matrices -----------------------------------------------------------------------

/// A NumPy distance matrix wrapped without a copy where its layout allows: a 1-D condensed
/// vector (scipy's pdist order) or a square n × n matrix, float32 or float64. Holds the array
/// (or, for an awkward layout, a C-contiguous copy) so the view stays valid.
/// Who checks a square matrix's values, diagonal and symmetry.
enum class SquareCheck {
  here,     ///< MatrixArg, before the call (for functions that do not check a square matrix)
  in_call,  ///< the function called (the k-medoids family: its input check reads it once)
};

class MatrixArg {
 public:
  /// Checks dtype, shape and, with SquareCheck::here, a square matrix's values, zero diagonal
  /// and symmetry (clir::detail::scan_square); throws clir::InputError (key @p key) naming
  /// what is wrong.
  MatrixArg(py::handle object, const char* key = "distances", SquareCheck check = SquareCheck::here);

  std::size_t size() const noexcept { return n_; }
  bool condensed() const noexcept { return condensed_; }
  bool single() const noexcept { return single_; }
  /// True when the caller's memory is used as it is.
  bool zero_copy() const noexcept { return zero_copy_; }

  /// Calls @p f with the view of the matrix (one of four types) and returns its result.
  template <class F>
  decltype(auto) visit(F&& f) const {
    if (condensed_) {
      if (single_) return f(CondensedDistanceView<float>(static_cast<const float*>(data_), n_));
      return f(CondensedDistanceView<double>(static_cast<const double*>(data_), n_));
    }
    if (single_) return f(DenseDistanceView<float>(static_cast<const float*>(data_), n_));
    return f(DenseDistanceView<double>(static_cast<const double*>(data_), n_));
  }

 private:
  py::array array_;
  const void* data_ = nullptr;
  std::size_t n_ = 0;
  bool condensed_ = true;
  bool single_ = false;
  bool zero_copy_ = true;
};

/// An owned condensed DistanceMatrix handed to NumPy without a copy: a 1-D array over its
/// storage that keeps the matrix alive.
template <std::floating_point T>
py::array_t<T> to_numpy(DistanceMatrix<T>&& matrix) {
  auto* owned = new std::vector<T>(std::move(matrix.condensed()));
  py::capsule keep(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owned->size())}, {static_cast<py::ssize_t>(sizeof(T))},
                        owned->data(), keep);
}

/// A distance matrix computed by `make(T{})` (T = float when @p single, else double) with the
/// GIL released, handed to NumPy without a copy.
template <class Make>
py::array compute_matrix(bool single, Make make) {
  if (single) {
    DistanceMatrix<float> d;
    {
      py::gil_scoped_release unlocked;
      d = make(float{});
    }
    return to_numpy(std::move(d));
  }
  DistanceMatrix<double> d;
  {
    py::gil_scoped_release unlocked;
    d = make(double{});
  }
  return to_numpy(std::move(d));
}

/// An owned vector handed to NumPy without a copy.
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& values) {
  auto* owned = new std::vector<T>(std::move(values));
  py::capsule keep(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owned->size())}, {static_cast<py::ssize_t>(sizeof(T))},
                        owned->data(), keep);
}

/// A read-only NumPy view of @p values, which live inside the Python object @p owner.
template <class T>
py::array readonly_view(const std::vector<T>& values, py::handle owner) {
  py::array out(py::dtype::of<T>(), {static_cast<py::ssize_t>(values.size())}, {static_cast<py::ssize_t>(sizeof(T))},
                values.data(), owner);
  out.attr("setflags")(py::arg("write") = false);
  return out;
}


/// (lat, lon) rows in degrees from an (n, 2) array; clir::InputError (key "points") otherwise.
std::vector<GeoPoint> to_points(py::handle points);

/// Labels from any integer sequence or array; clir::InputError (key @p key) for non-integers.
Labels to_labels(py::handle object, const char* key = "labels");

/// Item indices from any sequence of non-negative integers.
std::vector<std::size_t> to_indices(py::handle object, const char* key);

// ---- tables ----------------------------------------------------------------------------------

/// A clir::Table from Python columns: a mapping (dict, pandas DataFrame) of name → values;
/// floats (NaN or None = missing) become numeric columns, strings categorical ones. Row ids come
/// from @p ids, else the column `code`, else "0", "1", .... None means the built-in hromadas
/// with the derived war_history_index column (what the default criteria read).
Table to_table(py::handle data, py::handle ids = py::none());

}  // namespace clir::python

namespace clir::python {
// One function per part of the module, each in its own source file (compiled in parallel).
void init_errors(py::module_& m);
void init_data(py::module_& m);
void init_run(py::module_& m);
void init_distance(py::module_& m);
void init_cluster(py::module_& m);
void init_evaluate(py::module_& m);
void init_scoring(py::module_& m);
}  // namespace clir::python
