// .npy files (core/exchange/npy_array.h), as `--embeddings X.npy` and .npz entries are parsed: the
// header's dict literal, the version's length field, the shape against the bytes that follow.
// Refused with an InputError, or an array whose values fill its shape.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/data/input_error.h"
#include "core/exchange/npy_array.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const ll::NpyArray array = ll::parseNpy(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.npy");
    if (array.rows < 0 || array.cols < 0 || array.values.size() != static_cast<size_t>(array.rows * array.cols)) std::abort();
    if (array.dimensions != 1 && array.dimensions != 2) std::abort();
  } catch (const ll::InputError&) {
  }
  return 0;
}
