#include "core/io/versioned_file.h"

#include <cerrno>
#include <fstream>
#include <system_error>

#include "core/io/binary_stream.h"
#include "core/io/checksum.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

struct Header {
  uint32_t version = 0;
  uint64_t payloadSize = 0;
  uint64_t checksum = 0;
};

// Checks the kind and the version; the size and checksum are for the caller to check.
Header readHeader(std::string_view bytes, std::string_view magic, FormatVersions versions) {
  if (bytes.empty()) throw DamagedFile("an empty file");
  if (bytes.size() < kSealedHeaderBytes) {
    if (magic.substr(0, bytes.size()) == bytes.substr(0, magic.size())) throw DamagedFile("truncated (shorter than its header)");
  }
  if (bytes.size() < kSealedHeaderBytes || bytes.substr(0, 8) != magic) {
    throw DamagedFile("another kind of file (it does not start with \"" + std::string(magic) + "\")");
  }
  BinaryReader header(bytes.substr(8, kSealedHeaderBytes - 8));
  const auto fileVersion = header.get<uint32_t>();
  Header h;
  h.version = fileVersion;
  h.payloadSize = header.get<uint64_t>();
  h.checksum = header.get<uint64_t>();
  if (fileVersion < versions.oldest || fileVersion > versions.newest) {
    // Versions only grow: which side is older tells the user whether to rebuild or to upgrade.
    const std::string readable = versions.oldest == versions.newest
                                     ? "format version " + std::to_string(versions.newest)
                                     : "format versions " + std::to_string(versions.oldest) + " to " + std::to_string(versions.newest);
    throw DamagedFile(std::string("a file written by ") + (fileVersion < versions.oldest ? "an older" : "a newer") +
                      " version of LatentLens (format version " + std::to_string(fileVersion) + "; this version reads " +
                      readable + ")");
  }
  return h;
}

void checkSize(const Header& h, uint64_t payloadBytes) {
  if (h.payloadSize != payloadBytes) throw DamagedFile("truncated or extended (size does not match its header)");
}

uint64_t payloadChecksum(std::string_view payload, PayloadChecksum kind) {
  return kind == PayloadChecksum::Blocks ? blockChecksumOf(payload, hardwareThreads()) : checksumOf(payload);
}

void checkChecksum(const Header& h, std::string_view payload, PayloadChecksum kind) {
  if (payloadChecksum(payload, kind) != h.checksum) throw DamagedFile("damaged (checksum mismatch)");
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
  uint32_t fileVersion = 0;
  return openVersioned(bytes, magic, FormatVersions{version, version}, fileVersion, checksum);
}

std::string_view openVersioned(std::string_view bytes, std::string_view magic, FormatVersions versions,
                               uint32_t& fileVersion, PayloadChecksum checksum) {
  const Header h = readHeader(bytes, magic, versions);
  fileVersion = h.version;
  checkSize(h, bytes.size() - kSealedHeaderBytes);
  const std::string_view payload = bytes.substr(kSealedHeaderBytes);
  checkChecksum(h, payload, checksum);
  return payload;
}

std::string readVersionedFile(const std::filesystem::path& path, std::string_view magic, uint32_t version) {
  uint32_t fileVersion = 0;
  return readVersionedFile(path, magic, FormatVersions{version, version}, fileVersion);
}

std::string readVersionedFile(const std::filesystem::path& path, std::string_view magic, FormatVersions versions,
                              uint32_t& fileVersion) {
  const auto cannot = [&path](const char* what) {
    return std::system_error(errno, std::generic_category(), path.string() + ": " + what);
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) throw cannot("cannot open");
  std::string header(kSealedHeaderBytes, '\0');
  in.read(header.data(), kSealedHeaderBytes);
  header.resize(static_cast<size_t>(in.gcount()));
  const Header h = readHeader(header, magic, versions);
  fileVersion = h.version;
  // The size is checked against the file before anything that large is allocated.
  std::error_code error;
  const uintmax_t fileSize = std::filesystem::file_size(path, error);
  if (error) throw std::system_error(error, path.string() + ": cannot size");
  checkSize(h, fileSize - kSealedHeaderBytes);
  std::string payload(h.payloadSize, '\0');
  if (!in.read(payload.data(), static_cast<std::streamsize>(payload.size()))) throw cannot("cannot read");
  checkChecksum(h, payload, PayloadChecksum::Sequential);
  return payload;
}

}  // namespace ll
