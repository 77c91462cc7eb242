#pragma once
// The one way our file code reports a failed system call: "<path>: <what> (<strerror>)".

#include <filesystem>

namespace ll {

/// Throws std::runtime_error("<path>: <what> (<the text of error, an errno value>)").
[[noreturn]] void throwSystemFailure(const std::filesystem::path& path, const char* what, int error);

}  // namespace ll
