#pragma once
// Compressed test inputs made on the spot with zlib: .gz files, and deflate data for .zip entries.

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ll::testing {

/// Deflates `piece` repeated `times` times; windowBits as deflateInit2 takes them (31: a gzip
/// member, -15: raw deflate). flush ends the data: Z_FINISH closes the stream, Z_FULL_FLUSH leaves
/// it open at a point nothing after refers back past, so the output can itself be repeated.
inline std::string compress(std::string_view piece, uint64_t times, int windowBits, int flush) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out;
  char buffer[1 << 16];
  for (uint64_t i = 0; i < times || times == 0; ++i) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
    z.avail_in = static_cast<uInt>(times == 0 ? 0 : piece.size());
    const bool last = i + 1 >= times;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      deflate(&z, last ? flush : Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - z.avail_out);
    } while (z.avail_out == 0 || z.avail_in > 0);
    if (last) break;
  }
  deflateEnd(&z);
  return out;
}

/// text as one gzip member: the bytes of a .gz file.
inline std::string gzipOf(std::string_view text) { return compress(text, 1, 15 + 16, Z_FINISH); }

}  // namespace ll::testing
