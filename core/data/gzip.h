#pragma once
// Inflating .gz data (also zlib streams and concatenated gzip members), fed in pieces as it is
// read, into a BoundedText: a bomb is refused once its text passes the limits, never inflated whole.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/data/input_limits.h"

namespace ll {

class GzipInflater {
 public:
  /// Inflates into text, which must outlive this and names the input in errors.
  explicit GzipInflater(BoundedText& text);
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  /// Inflates the next piece of the compressed data; throws InputError when it is corrupt or its
  /// text passes the limits.
  void feed(std::string_view compressed);
  /// Throws InputError when the data was empty or ended inside a member (truncated).
  void finish();

 private:
  struct Stream;  // zlib's state and an output buffer, kept out of this header
  std::unique_ptr<Stream> stream_;
  BoundedText& text_;
  uint64_t consumed_ = 0;  // compressed bytes inflated so far, over all members
  bool inMember_ = false;  // a member has started and not yet ended
};

/// The decompressed bytes of data held whole; throws InputError(file, 0, ...) when it is corrupt,
/// truncated or inflates past the limits. file is only used to name the input in the error.
std::string gunzip(std::string_view compressed, const std::string& file, const InputLimits& limits = {});

/// True when the bytes start like a gzip member (magic 1f 8b).
bool looksGzipped(std::string_view bytes);

}  // namespace ll
