#include "core/io/versioned_file.h"

#include <cstring>

#include "core/io/binary_stream.h"
#include "core/io/checksum.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

uint64_t payloadChecksum(std::string_view payload, PayloadChecksum kind) {
  return kind == PayloadChecksum::Blocks ? blockChecksumOf(payload, hardwareThreads()) : checksumOf(payload);
}

}  // namespace

std::string sealVersioned(std::string_view magic, uint32_t version, std::string_view payload, PayloadChecksum checksum) {
  if (magic.size() != 8) throw std::invalid_argument("sealVersioned: magic must have 8 characters");
  BinaryWriter header;
  for (char c : magic) header.put(c);
  header.put(version);
  header.put<uint64_t>(payload.size());
  header.put(payloadChecksum(payload, checksum));
  std::string bytes = header.take();
  bytes.append(payload);
  return bytes;
}

std::string_view openVersioned(std::string_view bytes, std::string_view magic, uint32_t version,
                               PayloadChecksum checksum) {
  constexpr size_t kHeaderSize = 8 + 4 + 8 + 8;
  if (bytes.size() < kHeaderSize || bytes.substr(0, 8) != magic) {
    throw DamagedFile("not a " + std::string(magic.substr(0, magic.find('\0'))) + " file");
  }
  BinaryReader header(bytes.substr(8, kHeaderSize - 8));
  const auto fileVersion = header.get<uint32_t>();
  const auto size = header.get<uint64_t>();
  const auto stored = header.get<uint64_t>();
  if (fileVersion != version) {
    throw DamagedFile("format version " + std::to_string(fileVersion) + ", this program reads version " +
                      std::to_string(version));
  }
  if (size != bytes.size() - kHeaderSize) throw DamagedFile("truncated or extended (size does not match its header)");
  const std::string_view payload = bytes.substr(kHeaderSize);
  if (payloadChecksum(payload, checksum) != stored) throw DamagedFile("damaged (checksum mismatch)");
  return payload;
}

}  // namespace ll
