#pragma once
// Inflating .gz data (also zlib streams and concatenated gzip members) held in memory.

#include <string>
#include <string_view>

namespace ll {

/// The decompressed bytes; throws InputError(file, 0, ...) when the data is corrupt or truncated.
/// file is only used to name the input in the error.
std::string gunzip(std::string_view compressed, const std::string& file);

/// True when the bytes start like a gzip member (magic 1f 8b).
bool looksGzipped(std::string_view bytes);

}  // namespace ll
