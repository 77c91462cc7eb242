#include "core/io/temporary_name.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <random>

namespace ll {

std::string uniqueTemporaryTag() {
  std::random_device entropy;
  const uint64_t random = (static_cast<uint64_t>(entropy()) << 32) ^ entropy();
  char digits[17];
  std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(random));
  return std::to_string(::getpid()) + "-" + digits;
}

bool temporaryWriterIsGone(std::string_view tag) {
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), pid);
  const bool ours = error == std::errc() && end != tag.data() + tag.size() && *end == '-' && pid > 0;
  return ours && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace ll
