#pragma once
// What went wrong, in words, for a catch (...) on a worker thread: an exception escaping a
// thread ends the program, so workers catch everything and report it instead.

#include <exception>
#include <string>

namespace ll {

/// The message of the exception being handled; call only inside a catch block.
inline std::string currentExceptionMessage() {
  try {
    throw;
  } catch (const std::exception& error) {
    return error.what();
  } catch (...) {
    return "an unexpected error of unknown type";
  }
}

}  // namespace ll
