// Reads Python page input as bytes; see input_bytes.h.
#include "input_bytes.h"

namespace py = pybind11;

namespace winnow::python {

InputBytes::InputBytes(const py::handle& data) {
  PyObject* object = data.ptr();
  if (PyBytes_Check(object)) {
    view_ = std::string_view(PyBytes_AS_STRING(object), static_cast<std::size_t>(PyBytes_GET_SIZE(object)));
    return;
  }
  if (PyUnicode_Check(object)) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(object, &size);
    if (utf8 == nullptr) throw py::error_already_set();  // lone surrogates: UnicodeEncodeError
    view_ = std::string_view(utf8, static_cast<std::size_t>(size));
    is_text_ = true;
    return;
  }
  if (PyObject_CheckBuffer(object)) {
    Py_buffer buffer;
    if (PyObject_GetBuffer(object, &buffer, PyBUF_SIMPLE) != 0) throw py::error_already_set();  // not contiguous
    copy_.assign(static_cast<const char*>(buffer.buf), static_cast<std::size_t>(buffer.len));
    PyBuffer_Release(&buffer);
    view_ = copy_;
    return;
  }
  throw py::type_error(std::string("expected bytes or str, got ") + Py_TYPE(object)->tp_name);
}

}  // namespace winnow::python
