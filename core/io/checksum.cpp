#include "core/io/checksum.h"

#include <new>
#include <vector>

#include "core/util/thread_pool.h"

namespace ll {

Checksum::Checksum() : state_(XXH3_createState(), XXH3_freeState) {
  if (!state_) throw std::bad_alloc();
  XXH3_64bits_reset(state_.get());
}

void Checksum::update(const void* data, size_t size) { XXH3_64bits_update(state_.get(), data, size); }

uint64_t Checksum::value() const { return XXH3_64bits_digest(state_.get()); }

uint64_t blockChecksumOf(std::string_view bytes, int32_t threads) {
  constexpr size_t kBlockBytes = size_t{4} << 20;
  const size_t blocks = (bytes.size() + kBlockBytes - 1) / kBlockBytes;
  std::vector<uint64_t> digests(blocks);
  ThreadPool pool(blocks > 1 ? threads : 1);
  pool.parallelFor(blocks, [&](int32_t, size_t begin, size_t end) {
    for (size_t b = begin; b < end; ++b) digests[b] = checksumOf(bytes.substr(b * kBlockBytes, kBlockBytes));
  });
  return checksumOf(std::string_view(reinterpret_cast<const char*>(digests.data()), digests.size() * sizeof(uint64_t)));
}

}  // namespace ll
