#pragma once
// Runs latentlens-cli as a script would, for the integration tests (LATENTLENS_CLI is its path).

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace ll::testing {

struct CommandResult {
  int exitCode = -1;
  std::string out;
};

/// arguments is a shell-quoted string; stderr is merged into out when asked, else discarded.
/// shellPrefix runs first in the same shell, e.g. "ulimit -f 64; exec " to limit the CLI's files.
inline CommandResult runCli(const std::string& arguments, bool mergeStderr = false, const std::string& shellPrefix = "") {
  const std::string command =
      shellPrefix + std::string(LATENTLENS_CLI) + " " + arguments + (mergeStderr ? " 2>&1" : " 2>/dev/null");
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace ll::testing
