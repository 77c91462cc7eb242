#include "core/data/gzip.h"

#include <zlib.h>

#include <algorithm>

#include "core/data/input_error.h"

namespace ll {
namespace {

// zlib counts in uInt: feed at most this many bytes per call.
constexpr size_t kMaxChunk = size_t{1} << 30;
const std::string kExpected = "gzip-compressed data";

}  // namespace

struct GzipInflater::Stream {
  z_stream z{};
  bool ok = false;
  char out[size_t{1} << 16];  // each call's text, checked against the limits before it is kept
};

GzipInflater::GzipInflater(BoundedText& text) : stream_(std::make_unique<Stream>()), text_(text) {
  // 15 + 32: any window size, gzip or zlib header detected automatically.
  stream_->ok = inflateInit2(&stream_->z, 15 + 32) == Z_OK;
  if (!stream_->ok) throw InputError(text_.file(), 0, kExpected, "zlib could not start");
}

GzipInflater::~GzipInflater() {
  if (stream_->ok) inflateEnd(&stream_->z);
}

void GzipInflater::feed(std::string_view compressed) {
  z_stream& z = stream_->z;
  while (!compressed.empty()) {
    const size_t piece = std::min(kMaxChunk, compressed.size());
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    z.avail_in = static_cast<uInt>(piece);
    compressed.remove_prefix(piece);
    // A full output buffer may leave text inside zlib even once all input is taken.
    bool outputPending = false;
    while (z.avail_in > 0 || outputPending) {
      const uInt inputBefore = z.avail_in;
      z.next_out = reinterpret_cast<Bytef*>(stream_->out);
      z.avail_out = sizeof stream_->out;
      const int status = inflate(&z, Z_NO_FLUSH);
      consumed_ += inputBefore - z.avail_in;
      const size_t produced = sizeof stream_->out - z.avail_out;
      if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
        throw InputError(text_.file(), 0, kExpected,
                         std::string("corrupt data (zlib: ") + (z.msg ? z.msg : "error") + ")");
      }
      const bool tookInput = inputBefore != z.avail_in;
      if (!tookInput && produced == 0 && status == Z_BUF_ERROR) {
        if (z.avail_in == 0) break;  // the pending output was already all out
        throw InputError(text_.file(), 0, kExpected, "corrupt data (zlib made no progress)");
      }
      text_.appendInflated(std::string_view(stream_->out, produced), consumed_);
      if (status == Z_STREAM_END) {
        // Another gzip member may follow (files made by concatenating .gz files).
        if (inflateReset(&z) != Z_OK) {
          throw InputError(text_.file(), 0, kExpected, "a member zlib could not restart on");
        }
        inMember_ = false;
        outputPending = false;
      } else {
        inMember_ = inMember_ || tookInput;
        outputPending = z.avail_out == 0;
      }
    }
  }
}

void GzipInflater::finish() {
  if (consumed_ == 0) throw InputError(text_.file(), 0, kExpected, "an empty file");
  if (inMember_) {
    throw InputError(text_.file(), 0, kExpected, "data that ends before the compressed stream does (truncated?)");
  }
}

bool looksGzipped(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view compressed, const std::string& file, const InputLimits& limits) {
  BoundedText text(file, limits);
  text.reserve(std::max<uint64_t>(uint64_t{compressed.size()} * 4, 1024));  // a guess: text packs 3 to 6 times
  GzipInflater inflater(text);
  inflater.feed(compressed);
  inflater.finish();
  return text.take();
}

}  // namespace ll
