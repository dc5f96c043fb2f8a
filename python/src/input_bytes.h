// Page or text input from Python (bytes, bytearray, memoryview or str) as bytes C++ can read without the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

namespace winnow::python {

// The bytes of `data`. A bytes object is read in place (it is immutable and
// the caller keeps it alive); a str is its UTF-8 form (cached inside the str);
// any other buffer is copied, since another thread could change it while the
// GIL is released. `is_text` says whether `data` was a str. Raises TypeError
// for anything else, ValueError for a str that is not valid Unicode.
class InputBytes {
 public:
  explicit InputBytes(const pybind11::handle& data);
  std::string_view view() const { return view_; }
  bool is_text() const { return is_text_; }

 private:
  std::string copy_;
  std::string_view view_;
  bool is_text_ = false;
};

}  // namespace winnow::python
