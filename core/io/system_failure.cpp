#include "core/io/system_failure.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace ll {

void throwSystemFailure(const std::filesystem::path& path, const char* what, int error) {
  throw std::runtime_error(path.string() + ": " + what + " (" + std::strerror(error) + ")");
}

}  // namespace ll
