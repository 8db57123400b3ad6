#include "common.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "clir/cluster/detail/checks.hpp"
#include "clir/data/builtin.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/scoring/default_criteria.hpp"

namespace clir::python {

std::string type_name(py::handle value) { return py::cast<std::string>(py::type::handle_of(value).attr("__name__")); }

void throw_unknown_option(const std::string& function, const std::string& key, const std::vector<std::string>& known) {
  const std::string near = closest_match(key, known);
  throw ConfigError(key, function + "() has no option '" + key + "'" +
                             (near.empty() ? std::string() : "; did you mean '" + near + "'?"),
                    known);
}

void throw_out_of_range(const std::string& keyword, const std::string& expected, py::handle value) {
  std::string shown = py::cast<std::string>(py::repr(value));
  if (shown.size() > 80) shown = shown.substr(0, 77) + "...";  // a matrix given where a number goes
  throw ConfigError(keyword, "expected " + expected + ", got " + shown);
}

MatrixArg::MatrixArg(py::handle object, const char* key, SquareCheck check) {
  array_ = py::array::ensure(object);
  if (!array_) throw InputError("expected a NumPy array of distances, got " + type_name(object), {.key = key});
  const auto dtype = array_.dtype();
  if (dtype.is(py::dtype::of<float>())) {
    single_ = true;
  } else if (!dtype.is(py::dtype::of<double>())) {
    throw InputError("expected float32 or float64 distances, got dtype " + dtype_name(dtype) +
                         " (convert with .astype(numpy.float64))",
                     {.key = key});
  }
  if (array_.ndim() == 1) {
    const auto m = static_cast<std::size_t>(array_.shape(0));
    const auto n = static_cast<std::size_t>(std::llround((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(m))) / 2.0));
    if (n * (n - 1) / 2 != m)
      throw InputError("a condensed distance vector holds n(n-1)/2 entries (scipy's pdist order); " +
                           std::to_string(m) + " is not of that form",
                       {.key = key});
    n_ = n;
    condensed_ = true;
  } else if (array_.ndim() == 2) {
    if (array_.shape(0) != array_.shape(1))
      throw InputError("expected a square distance matrix, got " + std::to_string(array_.shape(0)) + " x " +
                           std::to_string(array_.shape(1)),
                       {.key = key});
    n_ = static_cast<std::size_t>(array_.shape(0));
    condensed_ = false;
  } else {
    throw InputError("expected a condensed vector or a square matrix, got an array with " +
                         std::to_string(array_.ndim()) + " dimensions",
                     {.key = key});
  }
  // A symmetric matrix in Fortran order is the same matrix in C order: no copy either.
  const bool contiguous = (array_.flags() & py::array::c_style) ||
                          (!condensed_ && (array_.flags() & py::array::f_style));
  if (!contiguous) {
    array_ = py::array::ensure(array_, py::array::c_style);
    zero_copy_ = false;
  }
  data_ = array_.data();
  if (!condensed_ && check == SquareCheck::here) {
    // The library's check of a square matrix (clir::detail::scan_square), which the k-medoids
    // functions run themselves as their input check (SquareCheck::in_call): one read either way.
    py::gil_scoped_release unlocked;
    const unsigned threads = detail::effective_threads(0, n_);
    if (single_) detail::scan_square(static_cast<const float*>(data_), n_, true, threads, key);
    else detail::scan_square(static_cast<const double*>(data_), n_, true, threads, key);
  }
}

py::array readonly_labels(const Labels& values, py::handle owner) { return readonly_view(values, owner); }

py::array index_view(const std::vector<std::size_t>& values, py::handle owner) {
  static_assert(sizeof(std::size_t) == sizeof(std::int64_t));
  py::array out(py::dtype::of<std::int64_t>(), {static_cast<py::ssize_t>(values.size())},
                {static_cast<py::ssize_t>(sizeof(std::int64_t))}, values.data(), owner);
  out.attr("setflags")(py::arg("write") = false);
  return out;
}

std::vector<GeoPoint> to_points(py::handle points) {
  auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(points);
  if (!a || a.ndim() != 2 || a.shape(1) != 2)
    throw InputError("expected an (n, 2) array of latitude, longitude in degrees", {.key = "points"});
  std::vector<GeoPoint> out(static_cast<std::size_t>(a.shape(0)));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = {a.data()[2 * i], a.data()[2 * i + 1]};
  return out;
}

Labels to_labels(py::handle object, const char* key) {
  py::array a = py::array::ensure(object);
  if (!a || a.ndim() != 1) throw InputError("expected a 1-D sequence of integer labels", {.key = key});
  if (a.size() > 0 && a.dtype().kind() != 'i' && a.dtype().kind() != 'u')
    throw InputError("expected integer labels, got dtype " + dtype_name(a.dtype()), {.key = key});
  auto ints = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
  Labels out(static_cast<std::size_t>(ints.size()));
  for (py::ssize_t i = 0; i < ints.size(); ++i) {
    const std::int64_t v = ints.data()[i];
    if (v < INT32_MIN || v > INT32_MAX) throw InputError("label " + std::to_string(v) + " is out of range", {.key = key});
    out[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(v);
  }
  return out;
}

std::vector<std::size_t> to_indices(py::handle object, const char* key) {
  const Labels values = to_labels(object, key);
  std::vector<std::size_t> out;
  out.reserve(values.size());
  for (auto v : values) {
    if (v < 0) throw InputError("index " + std::to_string(v) + " is negative", {.key = key});
    out.push_back(static_cast<std::size_t>(v));
  }
  return out;
}

Table to_table(py::handle data, py::handle ids) {
  if (data.is_none()) return with_war_history(builtin_hromadas().table);
  if (!py::hasattr(data, "items"))
    throw InputError("expected a mapping of column name to values (a dict or a pandas DataFrame), got " +
                         type_name(data),
                     {.key = "data"});
  py::module_ np = py::module_::import("numpy");
  std::vector<std::pair<std::string, py::array>> columns;
  for (py::handle item : py::iter(data.attr("items")())) {
    auto pair = py::reinterpret_borrow<py::tuple>(item);
    columns.emplace_back(py::cast<std::string>(py::str(pair[0])), np.attr("asarray")(pair[1]));
  }
  std::vector<std::string> row_ids;
  auto as_strings = [](const py::array& a) {
    std::vector<std::string> out;
    for (py::handle v : a) out.push_back(v.is_none() ? std::string() : py::cast<std::string>(py::str(v)));
    return out;
  };
  if (!ids.is_none()) {
    row_ids = as_strings(np.attr("asarray")(ids));
  } else {
    for (const auto& [name, values] : columns)
      if (name == "code") row_ids = as_strings(values);
  }
  const std::size_t rows = columns.empty() ? row_ids.size() : static_cast<std::size_t>(py::len(columns[0].second));
  if (row_ids.empty())
    for (std::size_t i = 0; i < rows; ++i) row_ids.push_back(std::to_string(i));
  Table table(row_ids);
  for (auto& [name, values] : columns) {
    if (name == "code" && ids.is_none()) continue;
    if (values.ndim() != 1) throw InputError("expected a 1-D column", {.key = name});
    const char kind = values.dtype().kind();
    bool text = kind == 'U' || kind == 'S';
    if (kind == 'O') {
      text = true;
      for (py::handle v : values)
        if (!v.is_none() && !py::isinstance<py::str>(v)) text = false;
    }
    if (text) {
      table.add_categorical(name, as_strings(values));
      continue;
    }
    if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b' && kind != 'O')
      throw InputError("column of dtype " + dtype_name(values.dtype()) +
                           " is neither numbers nor text",
                       {.key = name});
    std::vector<std::optional<double>> cells;
    for (py::handle v : values) {
      if (v.is_none()) {
        cells.emplace_back();
        continue;
      }
      const double x = py::cast<double>(py::float_(py::reinterpret_borrow<py::object>(v)));
      cells.push_back(std::isnan(x) ? std::nullopt : std::optional<double>(x));
    }
    table.add_numeric(name, cells);
  }
  return table;
}

}  // namespace clir::python
