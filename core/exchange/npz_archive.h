#pragma once
// NumPy's .npz files (numpy.savez, numpy.savez_compressed): a .zip archive with one .npy file per
// array, named "<key>.npy", stored or deflated. Read through libzip, each entry held to the input
// limits (core/data/input_limits.h) as it is inflated, then parsed as .npy (npy_array.h).

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/exchange/npy_array.h"

namespace ll {

struct NpzArchive {
  std::vector<std::string> keys;          ///< every array the archive holds ("<key>.npy" entries), in order
  std::map<std::string, NpyArray> arrays; ///< the wanted ones that it holds, parsed
};

/// Opens the archive at path and parses the arrays named in wanted (keys without ".npy"); the
/// others are listed, not read, so an implicit model's scalar parameters never need parsing.
/// Throws InputError when the archive or a wanted entry is damaged or past the limits.
NpzArchive readNpz(const std::filesystem::path& path, const std::vector<std::string>& wanted);
/// The same from the archive's bytes; file names it in errors.
NpzArchive parseNpz(std::string_view bytes, const std::string& file, const std::vector<std::string>& wanted);

/// One array of an archive to write: its key and its .npy file's bytes (npy_array.h, npyBytes).
struct NpzEntry {
  std::string key;
  std::string npy;
};
/// The bytes of an .npz as numpy.savez writes it: one stored (uncompressed) "<key>.npy" per entry,
/// in order. Throws std::runtime_error when libzip fails.
std::string npzBytes(const std::vector<NpzEntry>& entries);
/// Writes npzBytes atomically.
void writeNpz(const std::filesystem::path& path, const std::vector<NpzEntry>& entries);

}  // namespace ll
