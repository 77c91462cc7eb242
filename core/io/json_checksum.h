#pragma once
// Checksums of the JSON files we write (results, tune state): XXH3 of the document's dump without
// its own "checksum" member, as 16 hex digits.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace ll {

/// 16 lower-case hex digits.
std::string hex16(uint64_t value);

/// The checksum a document stores under "checksum" (that member left out of what is summed).
std::string documentChecksum(nlohmann::json document);

}  // namespace ll
