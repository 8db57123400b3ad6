// clir's exceptions as Python exceptions deriving from ValueError, with the same message.
#include "common.hpp"

namespace clir::python {

void init_errors(py::module_& m) {
  static py::exception<Error> error(m, "Error", PyExc_ValueError);
  static py::exception<InputError> input(m, "InputError", error.ptr());
  static py::exception<ConfigError> config(m, "ConfigError", error.ptr());
  static py::exception<Infeasible> infeasible(m, "Infeasible", error.ptr());
  static py::exception<LimitReached> limit(m, "LimitReached", error.ptr());
  error.doc() = "Base of every error clir raises on purpose; a ValueError.";
  input.doc() = "Bad data: the message names the file, line, column or key and what was expected.";
  config.doc() = "Bad options or scenario: the message names the key and the allowed values.";
  infeasible.doc() = "Constraints that cannot all hold: the message names them and what to relax.";
  limit.doc() = "A solver stopped at its time (or iteration) limit without an answer: the message names the option to raise.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      input(e.what());
    } catch (const ConfigError& e) {
      config(e.what());
    } catch (const Infeasible& e) {
      infeasible(e.what());
    } catch (const LimitReached& e) {
      limit(e.what());
    } catch (const Error& e) {
      error(e.what());
    }
  });
}

}  // namespace clir::python
