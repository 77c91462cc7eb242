#include "core/io/checksum.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/util/thread_pool.h"

namespace ll {
namespace {

constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;

uint64_t mix(uint64_t h) {
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 29;
  return h;
}

}  // namespace

void Checksum::update(const void* data, size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  uint64_t h = state_;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    h = (h ^ word) * kMultiplier;
    h ^= h >> 32;
  }
  if (i < size) {
    uint64_t word = 0;
    std::memcpy(&word, bytes + i, size - i);
    h = (h ^ word ^ (static_cast<uint64_t>(size - i) << 56)) * kMultiplier;
    h ^= h >> 32;
  }
  state_ = h;
  length_ += size;
}

uint64_t Checksum::value() const { return mix(state_ ^ (length_ * kMultiplier)); }

namespace {

constexpr size_t kBlockBytes = size_t{4} << 20;

// Four independent multiply chains: one chain waits on its multiply's latency, four fill the pipe.
uint64_t blockDigest(const unsigned char* bytes, size_t size) {
  uint64_t lane[4] = {0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL, 0x082EFA98EC4E6C89ULL};
  size_t i = 0;
  for (; i + 32 <= size; i += 32) {
    for (int l = 0; l < 4; ++l) {
      uint64_t word;
      std::memcpy(&word, bytes + i + 8 * l, 8);
      lane[l] = (lane[l] ^ word) * kMultiplier;
      lane[l] ^= lane[l] >> 32;
    }
  }
  Checksum tail;  // the last < 32 bytes, and the lanes, through the sequential checksum
  tail.update(bytes + i, size - i);
  tail.update(lane, sizeof lane);
  return tail.value();
}

}  // namespace

uint64_t blockChecksumOf(std::string_view bytes, int32_t threads) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t blocks = (bytes.size() + kBlockBytes - 1) / kBlockBytes;
  std::vector<uint64_t> digests(blocks);
  ThreadPool pool(blocks > 1 ? threads : 1);
  pool.parallelFor(blocks, [&](int32_t, size_t begin, size_t end) {
    for (size_t b = begin; b < end; ++b) {
      const size_t offset = b * kBlockBytes;
      digests[b] = blockDigest(data + offset, std::min(kBlockBytes, bytes.size() - offset));
    }
  });
  Checksum combined;
  combined.update(std::span<const uint64_t>(digests));
  combined.update(&blocks, sizeof blocks);
  return combined.value();
}

}  // namespace ll
