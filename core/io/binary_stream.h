#pragma once
// Little-endian-as-the-host binary encoding for our own files (cache, checkpoints): plain values,
// vectors of plain values, strings. The reader checks every length against what is left, so a
// damaged file is an error, never an out-of-bounds read.

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ll {

/// Where putAlignedVector places values: a multiple of this many bytes into the file, which
/// suits every plain type (and starts each column on a cache line).
constexpr size_t kAlignedVectorBytes = 64;

class BinaryWriter {
 public:
  BinaryWriter() = default;
  /// origin: the offset in its file at which the bytes written will sit, for putAlignedVector.
  explicit BinaryWriter(size_t origin) : origin_(origin) {}

  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  template <class T>
  void putVector(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<uint64_t>(values.size());
    if (!values.empty()) bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  /// A vector whose values start at a multiple of kAlignedVectorBytes into the file, so that a
  /// reader of the mapped file can use them in place: the count (u64), the padding's length (u8),
  /// that many zero bytes, the values.
  template <class T>
  void putAlignedVector(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T> && kAlignedVectorBytes % alignof(T) == 0);
    put<uint64_t>(values.size());
    const size_t valuesAt = origin_ + bytes_.size() + sizeof(uint8_t);
    const auto padding = static_cast<uint8_t>((kAlignedVectorBytes - valuesAt % kAlignedVectorBytes) % kAlignedVectorBytes);
    put(padding);
    bytes_.append(padding, '\0');
    if (!values.empty()) bytes_.append(reinterpret_cast<const char*>(values.data()), values.size_bytes());
  }
  void putString(std::string_view text) {
    put<uint64_t>(text.size());
    bytes_.append(text);
  }
  void putStrings(const std::vector<std::string>& texts) {
    put<uint64_t>(texts.size());
    for (const auto& t : texts) putString(t);
  }
  const std::string& bytes() const { return bytes_; }
  std::string take() { return std::move(bytes_); }

 private:
  size_t origin_ = 0;
  std::string bytes_;
};

/// Thrown when the bytes end early, a length is implausible or a value impossible.
class TruncatedData : public std::runtime_error {
 public:
  TruncatedData() : std::runtime_error("data ends early or is damaged") {}
};

class BinaryReader {
 public:
  explicit BinaryReader(std::string_view bytes) : bytes_(bytes) {}

  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T> && !std::is_enum_v<T>, "read enums with getEnum");
    if constexpr (std::is_same_v<T, bool>) {
      // Only the bytes 0 and 1 are bools: copying any other into a bool is undefined.
      const auto byte = get<uint8_t>();
      if (byte > 1) throw TruncatedData();
      return byte == 1;
    } else {
      need(sizeof(T));
      T value;
      std::memcpy(&value, bytes_.data() + position_, sizeof(T));
      position_ += sizeof(T);
      return value;
    }
  }
  /// An enum written with put(): its underlying value, which must name one of the enumerators
  /// first (0) .. last, numbered without gaps.
  template <class E>
  E getEnum(E last) {
    static_assert(std::is_enum_v<E>);
    const auto value = get<std::underlying_type_t<E>>();
    if (value < 0 || value > static_cast<std::underlying_type_t<E>>(last)) throw TruncatedData();
    return static_cast<E>(value);
  }
  template <class T>
  std::vector<T> getVector() {
    const auto count = get<uint64_t>();
    if (count > remaining() / sizeof(T)) throw TruncatedData();
    std::vector<T> values(count);
    if (count > 0) std::memcpy(values.data(), bytes_.data() + position_, count * sizeof(T));  // data() may be null
    position_ += count * sizeof(T);
    return values;
  }
  /// The bytes of a vector of T written by putAlignedVector, as a view into the bytes read. They
  /// are aligned in memory when those bytes sit as in the file the writer's origin described
  /// (e.g. mapped), and need not be otherwise.
  template <class T>
  std::string_view getAlignedVectorBytes() {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto count = get<uint64_t>();
    const auto padding = get<uint8_t>();
    if (padding >= kAlignedVectorBytes) throw TruncatedData();
    need(padding);
    position_ += padding;
    if (count > remaining() / sizeof(T)) throw TruncatedData();
    const std::string_view bytes = bytes_.substr(position_, count * sizeof(T));
    position_ += count * sizeof(T);
    return bytes;
  }
  std::string getString() {
    const auto size = get<uint64_t>();
    need(size);
    std::string text(bytes_.substr(position_, size));
    position_ += size;
    return text;
  }
  std::vector<std::string> getStrings() {
    const auto count = get<uint64_t>();
    if (count > remaining() / sizeof(uint64_t)) throw TruncatedData();
    std::vector<std::string> texts;
    texts.reserve(count);
    for (uint64_t k = 0; k < count; ++k) texts.push_back(getString());
    return texts;
  }
  size_t remaining() const { return bytes_.size() - position_; }
  bool atEnd() const { return position_ == bytes_.size(); }

 private:
  void need(uint64_t n) const {
    if (n > remaining()) throw TruncatedData();
  }

  std::string_view bytes_;
  size_t position_ = 0;
};

}  // namespace ll
