#pragma once
// .npy and .npz files made by hand from numpy.lib.format's documented layout, for the readers'
// tests and fuzz seeds: the magic, the version, the header length, a dict literal padded with
// spaces to a newline, then the raw little-endian values; .npz entries through libzip.

#include <zip.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ll::testing {

/// values are given row-major; fortran lays them out column by column as numpy would.
/// shape "(3, 2)" or "(4,)"; descr "<f4", "<f8" (or anything, for malformed headers).
inline std::string npyFile(const std::vector<double>& values, int64_t rows, int64_t cols, const std::string& descr = "<f4",
                           bool fortran = false, int major = 1, const std::string& shape = "") {
  std::string header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + (shape.empty() ? "(" + std::to_string(rows) + ", " + std::to_string(cols) + ")" : shape) + ", }";
  const size_t lengthBytes = major == 1 ? 2 : 4;
  header.append((64 - (6 + 2 + lengthBytes + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(major);
  bytes += '\0';
  for (size_t k = 0; k < lengthBytes; ++k) bytes += static_cast<char>((header.size() >> (8 * k)) & 0xff);
  bytes += header;
  const bool wide = descr == "<f8";
  for (int64_t k = 0; k < rows * cols; ++k) {
    const int64_t source = fortran ? (k % rows) * cols + k / rows : k;  // k-th stored value
    const double value = values[static_cast<size_t>(source)];
    if (wide) {
      bytes.append(reinterpret_cast<const char*>(&value), 8);
    } else {
      const auto narrow = static_cast<float>(value);
      bytes.append(reinterpret_cast<const char*>(&narrow), 4);
    }
  }
  return bytes;
}

/// Writes an .npz at path: entries "<key>.npy" as numpy.savez (stored) or savez_compressed (deflated).
inline void writeNpz(const std::filesystem::path& path, const std::map<std::string, std::string>& arrays, bool compressed) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!archive) throw std::runtime_error("cannot create " + path.string());
  for (const auto& [key, bytes] : arrays) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    const zip_int64_t index = zip_file_add(archive, (key + ".npy").c_str(), source, ZIP_FL_OVERWRITE);
    if (index < 0) throw std::runtime_error("cannot add " + key);
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), compressed ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace ll::testing
