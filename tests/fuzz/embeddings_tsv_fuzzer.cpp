// Embedding files (core/exchange/embeddings_tsv.h), as `pdc --embeddings` and `neighbours --embeddings`
// read them: refused with an InputError, or a table of rows × dim values with an id per row.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/data/input_error.h"
#include "core/exchange/embeddings_tsv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const ll::EmbeddingTable table =
        ll::parseEmbeddingsTsv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.tsv");
    if (table.dim < 1 || table.values.size() != table.ids.size() * static_cast<size_t>(table.dim)) std::abort();
  } catch (const ll::InputError&) {
  }
  return 0;
}
