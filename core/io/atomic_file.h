#pragma once
// Files we write land whole or not at all: written to a temporary name beside the target, flushed,
// then renamed over it.

#include <filesystem>
#include <string_view>

namespace ll {

/// Throws std::runtime_error naming the path when the file cannot be written.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

/// Reads a whole file; throws std::runtime_error naming the path when it cannot.
std::string readWholeFile(const std::filesystem::path& path);

}  // namespace ll
