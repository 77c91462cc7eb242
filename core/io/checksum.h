#pragma once
// The 64-bit checksum of our own files (cache, checkpoints, results) and of data sets: XXH3
// (xxHash, seed 0), so any tool with xxHash can check a value. Not cryptographic: it detects
// damage, not tampering.

#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

namespace ll {

/// XXH3 over bytes fed in pieces: the value is XXH3_64bits of their concatenation.
class Checksum {
 public:
  Checksum();
  void update(const void* data, size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  template <class T>
  void update(std::span<const T> values) { update(values.data(), values.size_bytes()); }
  uint64_t value() const;

 private:
  std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state_;
};

inline uint64_t checksumOf(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

/// A checksum for payloads of hundreds of MB (the data-set cache), at memory speed on all cores:
/// XXH3 of each 4 MiB block, the blocks spread over `threads`, then XXH3 of the block digests
/// (u64, in order, native byte order). A different value from checksumOf; the same for any
/// thread count.
uint64_t blockChecksumOf(std::string_view bytes, int32_t threads);

}  // namespace ll
