#include "core/data/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

#include "core/data/input_error.h"

namespace ll {
namespace {

// zlib counts in uInt: feed and drain at most this many bytes per call.
constexpr size_t kMaxChunk = size_t{1} << 30;

class Inflater {
 public:
  Inflater() {
    // 15 + 32: any window size, gzip or zlib header detected automatically.
    ok_ = inflateInit2(&stream_, 15 + 32) == Z_OK;
  }
  ~Inflater() {
    if (ok_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

}  // namespace

bool looksGzipped(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view compressed, const std::string& file) {
  const std::string expected = "gzip-compressed data";
  if (compressed.empty()) throw InputError(file, 0, expected, "an empty file");
  Inflater inflater;
  if (!inflater.ok()) throw InputError(file, 0, expected, "zlib could not start");
  z_stream& z = inflater.stream();

  std::string out;
  out.resize(std::max<size_t>(compressed.size() * 4, 1024));
  size_t produced = 0;
  size_t consumed = 0;
  while (true) {
    if (z.avail_in == 0 && consumed < compressed.size()) {
      const size_t chunk = std::min(kMaxChunk, compressed.size() - consumed);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data() + consumed));
      z.avail_in = static_cast<uInt>(chunk);
      consumed += chunk;
    }
    if (produced == out.size()) out.resize(out.size() * 2);
    const size_t room = std::min(kMaxChunk, out.size() - produced);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    z.avail_out = static_cast<uInt>(room);
    const int status = inflate(&z, Z_NO_FLUSH);
    produced += room - z.avail_out;
    if (status == Z_STREAM_END) {
      // Another gzip member may follow (files made by concatenating .gz files).
      const size_t remainingInput = z.avail_in + (compressed.size() - consumed);
      if (remainingInput == 0) break;
      if (inflateReset(&z) != Z_OK) throw InputError(file, 0, expected, "a member zlib could not restart on");
      continue;
    }
    if (status == Z_BUF_ERROR && z.avail_in == 0 && consumed == compressed.size()) {
      throw InputError(file, 0, expected, "data that ends before the compressed stream does (truncated?)");
    }
    if (status != Z_OK && status != Z_BUF_ERROR) {
      throw InputError(file, 0, expected, std::string("corrupt data (zlib: ") + (z.msg ? z.msg : "error") + ")");
    }
  }
  out.resize(produced);
  return out;
}

}  // namespace ll
