// The extension module clir._clir; python/clir/__init__.py re-exports it in Python's idiom.
#include "common.hpp"

PYBIND11_MODULE(_clir, m) {
  m.doc() = "clir: community selection and clustering (compiled part; use `import clir`)";
  m.attr("__version__") = CLIR_VERSION_STRING;
  clir::python::init_errors(m);
  clir::python::init_data(m);
  clir::python::init_distance(m);
  clir::python::init_cluster(m);
  clir::python::init_evaluate(m);
  clir::python::init_scoring(m);
  clir::python::init_run(m);
}
