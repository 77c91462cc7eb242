#include "core/io/json_checksum.h"

#include <cstdio>

#include "core/io/checksum.h"

namespace ll {

std::string hex16(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

std::string documentChecksum(nlohmann::json document) {
  document.erase("checksum");
  return hex16(checksumOf(document.dump()));
}

}  // namespace ll
