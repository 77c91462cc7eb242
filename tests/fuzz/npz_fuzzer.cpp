// .npz archives (core/exchange/npz_archive.h) read from memory through libzip, the factor arrays
// of implicit and LightFM parsed: a damaged archive, entry or array ends in an InputError.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/data/input_error.h"
#include "core/exchange/npz_archive.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const ll::NpzArchive archive =
        ll::parseNpz(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.npz",
                     {"user_factors", "item_factors", "user_embeddings", "item_embeddings", "user_biases", "item_biases"});
    if (archive.arrays.size() > archive.keys.size()) std::abort();
  } catch (const ll::InputError&) {
  }
  return 0;
}
