// How a winnow::Error becomes a Python exception of the matching winnow.Error subclass.
#pragma once

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <utility>

#include "winnow/result.h"

namespace winnow::python {

// Thrown by the bindings for a failed Result; the translator registered by
// register_errors() raises it as the Python class registered for its kind.
class NativeError : public std::runtime_error {
 public:
  explicit NativeError(Error error) : std::runtime_error(error.message), error_(std::move(error)) {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

// The value of `result`, or NativeError. Call it with the GIL held or not.
template <class T>
T take(Result<T>&& result) {
  if (!result) throw NativeError(result.error());
  return std::move(result).value();
}

// The exception instance for `error` (an instance of the registered class), for
// values that carry an error without raising it (fetch responses). Needs the GIL.
pybind11::object error_object(const Error& error);

// Adds _register_errors(classes) to the module: winnow/__init__.py hands over
// its exception classes, one per ErrorKind in declaration order, and installs
// the translator for NativeError.
void register_errors(pybind11::module_& module);

}  // namespace winnow::python
