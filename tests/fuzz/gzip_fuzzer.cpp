// Inflating .gz files and entries (core/data/gzip.h): corrupt or truncated data must end in an
// InputError, never in a bad read or a hang.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/data/gzip.h"
#include "core/data/input_error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    ll::gunzip(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.gz");
  } catch (const ll::InputError&) {
  }
  return 0;
}
