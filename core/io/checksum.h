#pragma once
// A fast 64-bit checksum for our own files (cache, checkpoints) and for identifying data sets.
// Not cryptographic: it detects damage, not tampering.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace ll {

class Checksum {
 public:
  void update(const void* data, size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  template <class T>
  void update(std::span<const T> values) { update(values.data(), values.size_bytes()); }
  uint64_t value() const;

 private:
  uint64_t state_ = 0x243F6A8885A308D3ULL;
  uint64_t length_ = 0;
};

inline uint64_t checksumOf(std::string_view bytes) {
  Checksum c;
  c.update(bytes);
  return c.value();
}

/// A checksum for payloads of hundreds of MB (the data-set cache), at memory speed: the bytes are
/// cut into 4 MiB blocks, each hashed as four interleaved 8-byte lanes, the blocks spread over
/// `threads`; the block digests are then combined with Checksum. A different value from
/// checksumOf; the same for any thread count.
uint64_t blockChecksumOf(std::string_view bytes, int32_t threads);

}  // namespace ll
