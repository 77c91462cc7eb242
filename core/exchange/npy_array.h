#pragma once
// NumPy's .npy format (numpy.lib.format): the magic "\x93NUMPY", a version byte pair (1.0, 2.0 or
// 3.0), a little-endian header length (2 bytes in 1.0, 4 after), then a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }
// padded with spaces to a newline, then the data. Only what factor files hold is accepted: little-
// endian float32 ('<f4') or float64 ('<f8'), one or two dimensions, C or Fortran order, and exactly
// the bytes the shape needs. Everything else is an InputError naming what was found.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ll {

struct NpyArray {
  int64_t rows = 0;            ///< shape[0]
  int64_t cols = 1;            ///< shape[1]; 1 for a one-dimensional array
  int32_t dimensions = 2;      ///< 1 or 2, as the header's shape says
  bool float64 = false;        ///< the file held '<f8' (values are narrowed to float here)
  bool fortranOrder = false;   ///< the file held columns one after another
  std::vector<float> values;   ///< rows × cols, row-major whatever the file's order
};

/// Parses a whole .npy file's bytes; file names it in errors (line 0: the file as a whole).
NpyArray parseNpy(std::string_view bytes, const std::string& file);
/// Reads path (held to the default input limits) and parses it.
NpyArray readNpy(const std::filesystem::path& path);

/// The bytes of a version 1.0 .npy file holding values (rows × cols, row-major) as '<f4' in C
/// order; cols 0 writes a one-dimensional array of `rows` values.
std::string npyBytes(const std::vector<float>& values, int64_t rows, int64_t cols);
/// Writes npyBytes atomically.
void writeNpy(const std::filesystem::path& path, const std::vector<float>& values, int64_t rows, int64_t cols);

}  // namespace ll
