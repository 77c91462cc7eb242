// Huge and hostile inputs (core/data/input_limits.h): a gzip bomb, a .zip entry whose header
// lies and a file past the limit are refused once the limit is reached, in memory bounded by it.

#include "core/data/input_limits.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include "core/data/file_source.h"
#include "core/data/gzip.h"
#include "core/data/input_error.h"
#include "tests/support/deflate_data.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

using testing::compress;
using testing::gzipOf;

constexpr uint64_t kMiB = uint64_t{1} << 20;

std::string repeated(std::string_view piece, uint64_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (uint64_t i = 0; i < times; ++i) out += piece;
  return out;
}

// A bomb is made of one 16 MiB segment repeated: a ratings line over and over, so that it passes as
// text and only the limits stop it, or NUL bytes. Deflate packs either about 700 times.
constexpr uint64_t kSegmentBytes = 16 * kMiB;
constexpr uint64_t kSegmentsIn10GiB = 640;
const std::string kBombLine = "1,1,5,0\n";

std::string segmentOf(std::string_view line) { return repeated(line, kSegmentBytes / line.size()); }

// 10 GiB as a .gz file of concatenated members (15 MB).
std::string gzipBomb(std::string_view line) {
  return repeated(gzipOf(segmentOf(line)), kSegmentsIn10GiB);
}

// value's `bytes` (at most 8) low bytes, little-endian as zip headers hold them.
void putLe(std::string& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

// A .zip archive of one deflated entry, `name`, holding `segments` × 16 MiB of ratings lines,
// whose headers declare `declaredSize` bytes (the truth or a lie).
std::string zipBomb(const std::string& name, uint64_t segments, uint32_t declaredSize) {
  const std::string segment = segmentOf(kBombLine);
  const std::string data =
      repeated(compress(segment, 1, -15, Z_FULL_FLUSH), segments) + compress("", 0, -15, Z_FINISH);
  const uLong segmentCrc = crc32(0, reinterpret_cast<const Bytef*>(segment.data()), static_cast<uInt>(segment.size()));
  uLong crc = 0;
  for (uint64_t i = 0; i < segments; ++i) crc = crc32_combine(crc, segmentCrc, static_cast<z_off_t>(kSegmentBytes));
  // The fields local and central headers share: version needed, flags, method, time, date, CRC, sizes.
  std::string shared;
  putLe(shared, 20, 2);
  putLe(shared, 0, 2);
  putLe(shared, 8, 2);
  putLe(shared, 0, 2);
  putLe(shared, 0x21, 2);
  putLe(shared, crc, 4);
  putLe(shared, data.size(), 4);
  putLe(shared, declaredSize, 4);
  putLe(shared, name.size(), 2);
  putLe(shared, 0, 2);  // no extra field
  std::string zip;
  putLe(zip, 0x04034b50, 4);
  zip += shared + name + data;
  const uint64_t centralOffset = zip.size();
  putLe(zip, 0x02014b50, 4);
  putLe(zip, 20, 2);  // made by
  zip += shared;
  putLe(zip, 0, 2 + 2 + 2);  // comment length, disk, internal attributes
  putLe(zip, 0, 4 + 4);      // external attributes, local header at 0
  zip += name;
  const uint64_t centralSize = zip.size() - centralOffset;
  putLe(zip, 0x06054b50, 4);
  putLe(zip, 0, 2 + 2);
  putLe(zip, 1, 2);
  putLe(zip, 1, 2);
  putLe(zip, centralSize, 4);
  putLe(zip, centralOffset, 4);
  putLe(zip, 0, 2);
  return zip;
}

// Resident memory, as the kernel counts it: the peak is reset at construction, so growth() is what
// the code under test added at most, whatever earlier tests in this process took.
class PeakMemory {
 public:
  PeakMemory() {
    std::ofstream("/proc/self/clear_refs") << "5";  // resets VmHWM to the current VmRSS
    start_ = field("VmRSS:");
    supported_ = field("VmHWM:") <= start_ + 4 * kMiB;
  }
  bool supported() const { return supported_; }
  uint64_t growth() const { return field("VmHWM:") - start_; }

 private:
  static uint64_t field(const std::string& name) {
    std::ifstream status("/proc/self/status");
    std::string key;
    uint64_t kib = 0;
    while (status >> key) {
      if (key == name && status >> kib) return kib << 10;
    }
    return 0;
  }
  uint64_t start_ = 0;
  bool supported_ = false;
};

class DataInputLimits : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::freshTestDir("ll-limits"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return (dir_ / name).string();
  }

  // The error reading `name` from `path` gives under `limits`, and the memory it took. How early
  // the read stopped is in the error itself (the bytes inflated); a wall-clock bound here failed
  // on a loaded machine and proved nothing the byte counts do not.
  InputError readError(const std::string& path, const std::string& name, const InputLimits& limits,
                       uint64_t memoryBound) const {
    const PeakMemory memory;
    try {
      FileSource::open(path, limits).read(name);
      ADD_FAILURE() << name << " was read whole";
    } catch (const InputError& e) {
      if (memory.supported()) {
        EXPECT_LT(memory.growth(), memoryBound) << "bytes more resident memory";
      }
      return e;
    }
    return InputError("", 0, "", "");
  }

  std::filesystem::path dir_;
};

const InputLimits k32MiB{.maxTextBytes = 32 * kMiB};
const std::string kPast32MiB = "more than 33554432 bytes (32 MiB)";

TEST_F(DataInputLimits, AGzipBombIsRefusedAtTheSizeLimitInMemoryBoundedByIt) {
  const std::string path = write("ratings.csv.gz", gzipBomb(kBombLine));
  const InputError error = readError(path, "ratings.csv", k32MiB, 32 * kMiB + 64 * kMiB);
  EXPECT_EQ(error.file(), path);
  EXPECT_EQ(error.line(), 0);
  EXPECT_EQ(error.expected(), "a decompressed size of at most 33554432 bytes (32 MiB)");
  EXPECT_EQ(error.found(), kPast32MiB);
}

TEST_F(DataInputLimits, AGzipBombIsRefusedByItsRatioLongBeforeTheDefaultSizeLimit) {
  const std::string path = write("ratings.csv.gz", gzipBomb(kBombLine));
  const InputLimits defaults;
  const InputError error = readError(path, "ratings.csv", defaults, 2 * defaults.ratioCheckedAbove + 64 * kMiB);
  EXPECT_EQ(error.file(), path);
  EXPECT_EQ(error.expected(), "at most 100 bytes of text per compressed byte");
  EXPECT_NE(error.found().find(", a decompression bomb"), std::string::npos) << error.found();
}

TEST_F(DataInputLimits, AGzipBombOfNulBytesIsRefusedAsBinaryOnItsFirstChunk) {
  const std::string path = write("ratings.csv.gz", gzipBomb(std::string(1, '\0')));
  const InputError error = readError(path, "ratings.csv", InputLimits{}, 2 * kMiB + 64 * kMiB);
  EXPECT_EQ(error.file(), path);
  EXPECT_EQ(error.found(), "binary data (a NUL byte at column 1)");
}

TEST_F(DataInputLimits, AZipEntryDeclaringMoreThanTheLimitIsRefusedBeforeItIsInflated) {
  const uint64_t segments = 192;  // 3 GiB in 5 MB
  const std::string path = write("ml-latest.zip", zipBomb("ratings.csv", segments, uint32_t{3} << 30));
  const InputError error = readError(path, "ratings.csv", k32MiB, 64 * kMiB);
  EXPECT_EQ(error.file(), path + ":ratings.csv");
  EXPECT_EQ(error.line(), 0);
  EXPECT_EQ(error.expected(), "a size of at most 33554432 bytes (32 MiB)");
  EXPECT_EQ(error.found(), "an entry that declares 3221225472 bytes (3 GiB)");
}

TEST_F(DataInputLimits, AZipEntryWhoseHeaderUnderstatesItsSizeIsRefusedAtTheLimit) {
  const uint64_t segments = kSegmentsIn10GiB;  // declared as 1000 bytes
  const std::string path = write("ml-latest.zip", zipBomb("ratings.csv", segments, 1000));
  const InputError error = readError(path, "ratings.csv", k32MiB, 32 * kMiB + 64 * kMiB);
  EXPECT_EQ(error.file(), path + ":ratings.csv");
  EXPECT_EQ(error.expected(), "a decompressed size of at most 33554432 bytes (32 MiB)");
  EXPECT_EQ(error.found(), kPast32MiB);
}

TEST_F(DataInputLimits, APlainFilePastTheLimitIsRefusedBeforeItIsReadOrMapped) {
  const std::string text = repeated("1,2,3.5,1112486027\n", 1000);
  const std::string path = write("ratings.csv", text);
  const FileSource files = FileSource::open(path, InputLimits{.maxTextBytes = text.size() - 1});
  for (const bool mapped : {false, true}) {
    try {
      if (mapped) {
        files.text("ratings.csv");
      } else {
        files.read("ratings.csv");
      }
      ADD_FAILURE() << (mapped ? "mapped" : "read");
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), path);
      EXPECT_EQ(e.expected(), "a size of at most 18999 bytes (18.6 KiB)");
      EXPECT_EQ(e.found(), "a file of 19000 bytes (18.6 KiB)");
    }
  }
}

TEST_F(DataInputLimits, TextOfExactlyTheLimitIsRead) {
  const std::string text = repeated("1,2,3.5,1112486027\n", 1000);
  const InputLimits exactly{.maxTextBytes = text.size()};
  EXPECT_EQ(FileSource::open(write("plain.csv", text), exactly).read("plain.csv"), text);
  EXPECT_EQ(FileSource::open(write("mapped.csv", text), exactly).text("mapped.csv").view(), text);
  EXPECT_EQ(FileSource::open(write("packed.csv.gz", gzipOf(text)), exactly).read("packed.csv"), text);
  EXPECT_THROW(gunzip(gzipOf(text), "text.gz", InputLimits{.maxTextBytes = text.size() - 1}), InputError);
}

// Files are inflated as they are read, 64 KiB at a time: members and zlib's own output must
// survive every cut between chunks.
TEST_F(DataInputLimits, AGzipFileIsInflatedAcrossReadChunksAndMembers) {
  std::mt19937 random(18);
  std::string text;
  while (text.size() < 3 * kMiB) {
    text += std::to_string(random() % 1000) + "," + std::to_string(random() % 5000) + ",4.5," +
            std::to_string(1100000000 + random() % 100000000) + "\n";
  }
  const size_t half = text.rfind('\n', text.size() / 2) + 1;
  const std::string gz = gzipOf(std::string_view(text).substr(0, half)) + gzipOf(std::string_view(text).substr(half));
  ASSERT_GT(gz.size(), 4 * (size_t{64} << 10));
  EXPECT_EQ(FileSource::open(write("ratings.csv.gz", gz)).read("ratings.csv"), text);
  try {
    FileSource::open(write("cut.csv.gz", gz.substr(0, gz.size() - 100))).read("cut.csv");
    ADD_FAILURE() << "a cut file was read";
  } catch (const InputError& e) {
    EXPECT_EQ(e.found(), "data that ends before the compressed stream does (truncated?)");
  }
}

}  // namespace
}  // namespace ll
