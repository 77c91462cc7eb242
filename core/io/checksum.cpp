#include "core/io/checksum.h"

#include <cstring>

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

}  // namespace ll
