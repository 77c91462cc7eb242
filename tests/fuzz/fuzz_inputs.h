#pragma once
// What the fuzz targets and the seed maker share: the data sets that checkpoints are resumed on,
// the source state cache entries are stored under, and the envelope fix-up that lets mutations
// reach the decoders behind a checksum.

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "core/data/dataset.h"
#include "core/io/versioned_file.h"
#include "core/synth/synthetic_world.h"

namespace ll::fuzz {

/// The small world checkpoint seeds are trained on and checkpoint inputs are resumed on.
inline std::shared_ptr<const Dataset> checkpointWorld() {
  return std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:seed=3,users=8,movies=24,ratings=170")).dataset);
}

/// The source state cache-entry seeds are stored under and cache inputs are decoded against.
constexpr std::string_view kCacheSourceState = "fuzz-cache-entry\n";

/// The envelope target's own kind of file: its seeds are sealed with these.
constexpr std::string_view kEnvelopeMagic = "LL-FUZZ!";
constexpr uint32_t kEnvelopeVersion = 1;

/// Binary files we write carry their payload's size and checksum (core/io/versioned_file.h), so
/// nearly every mutation of a seed would stop there. The checkpoint and cache targets rewrite
/// them to match before decoding, keeping the magic and version the input has; the envelope
/// itself has a target of its own. checksum is the kind's (cache entries use Blocks).
inline std::string resealed(std::string_view file, PayloadChecksum checksum = PayloadChecksum::Sequential) {
  constexpr size_t kMagicSize = 8;
  constexpr size_t kHeaderSize = kMagicSize + sizeof(uint32_t) + 2 * sizeof(uint64_t);
  if (file.size() < kHeaderSize) return std::string(file);
  uint32_t version = 0;
  std::memcpy(&version, file.data() + kMagicSize, sizeof version);
  return sealVersioned(file.substr(0, kMagicSize), version, file.substr(kHeaderSize), checksum);
}

}  // namespace ll::fuzz
