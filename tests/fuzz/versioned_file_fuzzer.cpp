// The envelope of our binary files (core/io/versioned_file.h): any bytes are either refused with
// DamagedFile or opened to a payload that seals back to exactly those bytes.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/io/versioned_file.h"
#include "tests/fuzz/fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  try {
    const std::string_view payload = ll::openVersioned(file, ll::fuzz::kEnvelopeMagic, ll::fuzz::kEnvelopeVersion);
    if (ll::sealVersioned(ll::fuzz::kEnvelopeMagic, ll::fuzz::kEnvelopeVersion, payload) != file) std::abort();
  } catch (const ll::DamagedFile&) {
  }
  return 0;
}
