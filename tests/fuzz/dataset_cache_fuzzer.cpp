// Dataset cache entries (core/data/dataset_cache.h) with their envelope resealed
// (fuzz_inputs.h). A damaged entry must read as absent; one that decodes must be a data set that
// holds together, since loading trusts it as if just parsed.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/data/dataset_cache.h"
#include "tests/fuzz/dataset_checks.h"
#include "tests/fuzz/fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string entry = ll::fuzz::resealed(std::string_view(reinterpret_cast<const char*>(data), size), ll::PayloadChecksum::Blocks);
  const auto dataset = ll::decodeCacheEntry(entry, std::string(ll::fuzz::kCacheSourceState));
  if (dataset) ll::fuzz::requireUsableDataset(*dataset);
  return 0;
}
