#pragma once
// The envelope of every binary file we write (cache entries, checkpoints):
//   magic (8 bytes) · format version (u32) · payload size (u64) · payload checksum (u64) · payload
// so that a file of another kind, another version, a truncated or a damaged one is recognised.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ll {

/// The envelope's size: where the payload starts in a sealed file.
constexpr size_t kSealedHeaderBytes = 8 + 4 + 8 + 8;

/// Why a file could not be opened: wrong kind, other version, truncated, checksum mismatch.
class DamagedFile : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Which checksum a kind of file carries: checksumOf (checkpoints), or blockChecksumOf on all
/// cores for payloads of hundreds of MB (the data-set cache). Part of a kind's format version.
enum class PayloadChecksum { Sequential, Blocks };

/// magic must be exactly 8 characters.
std::string sealVersioned(std::string_view magic, uint32_t version, std::string_view payload,
                          PayloadChecksum checksum = PayloadChecksum::Sequential);

/// The format versions a reader accepts, oldest to newest: a kind of file may keep reading older
/// versions whose layout the newer one only extends or reinterprets in part.
struct FormatVersions {
  uint32_t oldest = 0;
  uint32_t newest = 0;
};

/// Returns the payload (a view into bytes); throws DamagedFile saying what is wrong (for another
/// version: whether an older or a newer LatentLens wrote the file).
std::string_view openVersioned(std::string_view bytes, std::string_view magic, uint32_t version,
                               PayloadChecksum checksum = PayloadChecksum::Sequential);
/// The same accepting any of versions; fileVersion receives the file's.
std::string_view openVersioned(std::string_view bytes, std::string_view magic, FormatVersions versions,
                               uint32_t& fileVersion, PayloadChecksum checksum = PayloadChecksum::Sequential);

/// Reads a sealed file (sequential checksum) and returns its checked payload. The header is checked before the rest is
/// read, so a file of another kind (a 2 GB video given as a checkpoint) is refused at once.
/// Throws DamagedFile saying what is wrong, std::system_error naming the path when it cannot read.
std::string readVersionedFile(const std::filesystem::path& path, std::string_view magic, uint32_t version);
/// The same accepting any of versions; fileVersion receives the file's.
std::string readVersionedFile(const std::filesystem::path& path, std::string_view magic, FormatVersions versions,
                              uint32_t& fileVersion);

}  // namespace ll
