// Maps winnow::ErrorKind to the Python exception classes winnow/__init__.py defines.
#include "errors.h"

#include <array>
#include <cstddef>

namespace py = pybind11;

namespace winnow::python {
namespace {

constexpr std::size_t kKinds = static_cast<std::size_t>(ErrorKind::kInternal) + 1;

// Strong references kept for the life of the process: a static py::object
// would drop its reference after the interpreter has gone.
std::array<PyObject*, kKinds> g_classes{};

PyObject* class_for(ErrorKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  PyObject* cls = index < kKinds ? g_classes[index] : nullptr;
  if (cls == nullptr) cls = g_classes[static_cast<std::size_t>(ErrorKind::kInternal)];
  return cls != nullptr ? cls : PyExc_RuntimeError;
}

}  // namespace

py::object error_object(const Error& error) {
  return py::reinterpret_borrow<py::object>(class_for(error.kind))(error.message);
}

void register_errors(py::module_& module) {
  module.def(
      "_register_errors",
      [](const py::sequence& classes) {
        if (classes.size() != kKinds) throw py::value_error("one exception class per ErrorKind expected");
        for (std::size_t i = 0; i < kKinds; ++i) {
          py::object cls = classes[i];
          Py_XDECREF(g_classes[i]);
          g_classes[i] = cls.release().ptr();
        }
      },
      "Internal: winnow/__init__.py hands over its exception classes, one per ErrorKind in order.");
  module.def(
      "_raise_error",
      [](int kind, const std::string& message) {
        if (kind < 0 || static_cast<std::size_t>(kind) >= kKinds) throw py::value_error("no such ErrorKind");
        throw NativeError(Error{static_cast<ErrorKind>(kind), message});
      },
      "For tests: raises the exception an Error of ErrorKind number `kind` becomes.");
  py::register_exception_translator([](std::exception_ptr pending) {
    try {
      if (pending) std::rethrow_exception(pending);
    } catch (const NativeError& e) {
      py::object instance = error_object(e.error());
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(instance.ptr())), instance.ptr());
    }
  });
}

}  // namespace winnow::python
