#include "core/exchange/npy_array.h"

#include <cstring>
#include <limits>

#include "core/data/input_error.h"
#include "core/data/input_limits.h"
#include "core/data/text/fields.h"
#include "core/io/atomic_file.h"
#include "core/io/mapped_file.h"

namespace ll {
namespace {

constexpr std::string_view kNpyMagic = "\x93NUMPY";
constexpr std::string_view kNpyExpected = "a .npy file of '<f4' or '<f8' values, one or two dimensions";

// The header's dict literal, read strictly: keys and strings in quotes, True/False, a tuple of
// integers; each of the three keys exactly once, nothing else.
class NpyHeaderParser {
 public:
  NpyHeaderParser(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  void parse(NpyArray& array) {
    bool sawDescr = false, sawOrder = false, sawShape = false;
    expect('{');
    while (true) {
      skipSpace();
      if (peek() == '}') break;
      const std::string key = quoted();
      expect(':');
      skipSpace();
      if (key == "descr" && !sawDescr) {
        sawDescr = true;
        const std::string descr = quoted();
        if (descr == "<f4") {
          array.float64 = false;
        } else if (descr == "<f8") {
          array.float64 = true;
        } else {
          fail("'descr' '<f4' or '<f8' (little-endian float32 or float64)", quoteInput(descr));
        }
      } else if (key == "fortran_order" && !sawOrder) {
        sawOrder = true;
        array.fortranOrder = boolean();
      } else if (key == "shape" && !sawShape) {
        sawShape = true;
        shape(array);
      } else {
        fail("the keys 'descr', 'fortran_order' and 'shape', each once", "key " + quoteInput(key));
      }
      skipSpace();
      if (peek() != ',') break;
      ++at_;
    }
    expect('}');
    skipSpace();
    if (at_ != text_.size()) fail("the header to end after its dict", quoteInput(text_.substr(at_)));
    if (!sawDescr || !sawOrder || !sawShape) fail("the keys 'descr', 'fortran_order' and 'shape'", quoteInput(text_));
  }

 private:
  [[noreturn]] void fail(const std::string& expected, const std::string& found) const {
    throw InputError(file_, 0, "a .npy header with " + expected, found);
  }
  char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
  void skipSpace() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\t')) ++at_;
  }
  void expect(char c) {
    skipSpace();
    if (peek() != c) fail(std::string("'") + c + "'", quoteInput(text_.substr(at_)));
    ++at_;
  }
  std::string quoted() {
    const char quote = peek();
    if (quote != '\'' && quote != '"') fail("a quoted key or string", quoteInput(text_.substr(at_)));
    const size_t end = text_.find(quote, at_ + 1);
    if (end == std::string_view::npos) fail("a closing quote", quoteInput(text_.substr(at_)));
    std::string value(text_.substr(at_ + 1, end - at_ - 1));
    at_ = end + 1;
    return value;
  }
  bool boolean() {
    for (const auto& [word, value] : {std::pair<std::string_view, bool>{"True", true}, {"False", false}}) {
      if (text_.substr(at_, word.size()) == word) {
        at_ += word.size();
        return value;
      }
    }
    fail("'fortran_order' True or False", quoteInput(text_.substr(at_)));
  }
  int64_t integer() {
    skipSpace();
    int64_t value = 0;
    const size_t start = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
      if (value > (std::numeric_limits<int64_t>::max() - 9) / 10) fail("a shape of plausible size", quoteInput(text_.substr(start)));
      value = value * 10 + (text_[at_++] - '0');
    }
    if (at_ == start) fail("a shape of whole numbers", quoteInput(text_.substr(start)));
    if (peek() == 'L') ++at_;  // Python 2 wrote long integers so
    return value;
  }
  void shape(NpyArray& array) {
    expect('(');
    std::vector<int64_t> sizes;
    skipSpace();
    while (peek() != ')') {
      sizes.push_back(integer());
      skipSpace();
      if (peek() == ',') {
        ++at_;
        skipSpace();
      } else if (peek() != ')') {
        fail("a shape tuple", quoteInput(text_.substr(at_)));
      }
    }
    ++at_;
    if (sizes.empty() || sizes.size() > 2) {
      fail("a shape of one or two dimensions (vectors or a matrix)", std::to_string(sizes.size()) + " dimensions");
    }
    array.dimensions = static_cast<int32_t>(sizes.size());
    array.rows = sizes[0];
    array.cols = sizes.size() == 2 ? sizes[1] : 1;
  }

  std::string_view text_;
  const std::string& file_;
  size_t at_ = 0;
};

uint32_t npyHeaderLength(std::string_view bytes) {
  uint32_t value = 0;
  for (size_t i = bytes.size(); i-- > 0;) value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  return value;
}

// A double as the float nearest it; past float's range, an infinity of its sign (a plain cast
// would be undefined there).
float npyNarrowed(double value) {
  if (value > static_cast<double>(std::numeric_limits<float>::max())) return std::numeric_limits<float>::infinity();
  if (value < -static_cast<double>(std::numeric_limits<float>::max())) return -std::numeric_limits<float>::infinity();
  return static_cast<float>(value);
}

template <typename T>
T npyValue(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

}  // namespace

NpyArray parseNpy(std::string_view bytes, const std::string& file) {
  if (bytes.substr(0, kNpyMagic.size()) != kNpyMagic) {
    throw InputError(file, 0, std::string(kNpyExpected), bytes.empty() ? "an empty file" : "no NUMPY magic at its start");
  }
  if (bytes.size() < 10) throw InputError(file, 0, std::string(kNpyExpected), "a file cut inside its header");
  const auto major = static_cast<uint8_t>(bytes[6]);
  const auto minor = static_cast<uint8_t>(bytes[7]);
  if (major < 1 || major > 3 || minor != 0) {
    throw InputError(file, 0, ".npy format version 1.0, 2.0 or 3.0", "version " + std::to_string(major) + "." + std::to_string(minor));
  }
  const size_t lengthBytes = major == 1 ? 2 : 4;
  if (bytes.size() < 8 + lengthBytes) throw InputError(file, 0, std::string(kNpyExpected), "a file cut inside its header");
  const uint64_t headerLength = npyHeaderLength(bytes.substr(8, lengthBytes));
  const uint64_t dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > bytes.size()) throw InputError(file, 0, std::string(kNpyExpected), "a header longer than the file");
  std::string_view header = bytes.substr(8 + lengthBytes, headerLength);
  if (header.empty() || header.back() != '\n') throw InputError(file, 0, "a .npy header ending in a newline", quoteInput(header));

  NpyArray array;
  NpyHeaderParser(header, file).parse(array);
  const uint64_t itemBytes = array.float64 ? 8 : 4;
  const uint64_t dataBytes = bytes.size() - dataStart;
  const auto rows = static_cast<uint64_t>(array.rows);
  const auto cols = static_cast<uint64_t>(array.cols);
  // Checked without overflow: rows × cols × itemBytes must be exactly what follows the header.
  const bool fits = cols == 0 || rows <= dataBytes / itemBytes / cols;
  if (!fits || rows * cols * itemBytes != dataBytes) {
    throw InputError(file, 0, std::to_string(array.rows) + " × " + std::to_string(array.cols) + " values of " + std::to_string(itemBytes) +
                                  " bytes after the header (its shape)",
                     std::to_string(dataBytes) + " bytes");
  }
  array.values.resize(rows * cols);
  if (array.values.empty()) return array;  // (2^62, 0) holds nothing: never walk its rows
  const char* data = bytes.data() + dataStart;
  for (uint64_t r = 0; r < rows; ++r) {
    for (uint64_t c = 0; c < cols; ++c) {
      const uint64_t source = array.fortranOrder ? c * rows + r : r * cols + c;
      const char* at = data + source * itemBytes;
      array.values[r * cols + c] = array.float64 ? npyNarrowed(npyValue<double>(at)) : npyValue<float>(at);
    }
  }
  return array;
}

NpyArray readNpy(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw InputError(path.string(), 0, std::string(kNpyExpected), "no such file");
  const uint64_t size = std::filesystem::file_size(path, error);
  if (!error) BoundedText(path.string(), InputLimits{}).requireSizeWithinLimit(size, "a file of");
  try {
    const MappedFile mapped(path);
    return parseNpy(mapped.bytes(), path.string());
  } catch (const InputError&) {
    throw;
  } catch (const std::runtime_error& failure) {
    throw InputError(path.string(), 0, "a readable file", failure.what());
  }
}

std::string npyBytes(const std::vector<float>& values, int64_t rows, int64_t cols) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) +
                       (cols > 0 ? ", " + std::to_string(cols) + "), }" : ",), }");
  // As numpy pads it: magic, version and length, then the header to a multiple of 64 bytes.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string bytes(kNpyMagic);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  return bytes;
}

void writeNpy(const std::filesystem::path& path, const std::vector<float>& values, int64_t rows, int64_t cols) {
  writeFileAtomically(path, npyBytes(values, rows, cols));
}

}  // namespace ll
