#pragma once
// How much text one data file may give, and the buffer that holds a file to it while the file is
// read chunk by chunk: a gzip bomb, a .zip entry whose header lies or a multi-gigabyte file is
// refused as soon as it passes the limit, never read whole first.
//
// Memory bound: one file's text never holds more than maxTextBytes; while its buffer grows the old
// buffer is briefly kept too, so at most twice that is resident. Compressed input is read through a
// 64 KiB buffer, never held whole.

#include <cstdint>
#include <string>
#include <string_view>

namespace ll {

struct InputLimits {
  /// The most bytes one file may hold: on disk and, when compressed, once inflated (default:
  /// 4 GiB; the largest MovieLens file, ml-32m's ratings.csv, is 0.9 GB).
  uint64_t maxTextBytes = uint64_t{4} << 30;
  /// The most bytes of text per compressed byte (default: 100). Deflate packs MovieLens files 3
  /// to 6 times and a run of one byte about 1000 times: only a bomb gets past 100, and is
  /// refused after ratioCheckedAbove bytes instead of after maxTextBytes. 0 turns the check off.
  uint64_t maxInflationRatio = 100;
  /// Text up to this size is not held to maxInflationRatio, so a small, very regular file is
  /// read (default: 64 MiB).
  uint64_t ratioCheckedAbove = uint64_t{64} << 20;
};

/// "33554432 bytes (32 MiB)": a size as errors show it.
std::string describeBytes(uint64_t bytes);

/// The text of one file, collected as it is read; throws InputError(file, 0, ...) the moment it
/// would pass the limits, before the bytes past them are stored.
class BoundedText {
 public:
  BoundedText(std::string file, const InputLimits& limits);

  /// Throws when a size known before reading (a file's, an archive entry's declared size) is
  /// past maxTextBytes; `whose` starts what was found: "a file of", "an entry that declares".
  void requireSizeWithinLimit(uint64_t bytes, std::string_view whose) const;
  /// Room for about `bytes` of text. The size comes from a header that may lie: capped at
  /// maxTextBytes.
  void reserve(uint64_t bytes);
  /// Appends bytes read as they are (not compressed).
  void append(std::string_view chunk);
  /// Appends bytes inflated so far from `compressedBytes` compressed bytes in all.
  void appendInflated(std::string_view chunk, uint64_t compressedBytes);

  const std::string& file() const { return file_; }
  std::string_view view() const { return text_; }
  std::string take() { return std::move(text_); }

 private:
  void requireRoomFor(size_t bytes, std::string_view expected) const;

  std::string file_;
  InputLimits limits_;
  std::string text_;
};

}  // namespace ll
