// Embedding files: they round-trip; a truncated, bit-flipped, duplicated or binary file is refused
// with file and line, never read half. (A TSV has no checksum: a flipped bit that leaves a valid
// number, or a cut exactly between rows, cannot be noticed — only its shape is checked.)
#include "core/exchange/embeddings_tsv.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;

class IoEmbeddingsTsv : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::freshTestDir("ll-embeddings");
    writeEmbeddingsTsv(good(), {{"7", "12", "alice", "003"}, {0.5f, -1.25f, 3e-5f, 1, 2, 3, -0.0f, 4.5f, 6, 7, 8, 9}, 3});
    bytes_ = readWholeFile(good());
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path good() const { return dir_ / "good.tsv"; }
  fs::path damaged(const std::string& content) const {
    std::ofstream(dir_ / "damaged.tsv", std::ios::binary | std::ios::trunc) << content;
    return dir_ / "damaged.tsv";
  }

  fs::path dir_;
  std::string bytes_;
};

TEST_F(IoEmbeddingsTsv, RoundTrips) {
  const EmbeddingTable table = readEmbeddingsTsv(good());
  EXPECT_EQ(table.ids, (std::vector<std::string>{"7", "12", "alice", "003"}));
  EXPECT_EQ(table.dim, 3);
  EXPECT_EQ(table.values[2], 3e-5f);
}

// A cut anywhere inside a row but its last number leaves that row shorter than the first one:
// refused on its line.
TEST_F(IoEmbeddingsTsv, ATruncatedRowIsRefusedOnItsLine) {
  size_t rowStart = bytes_.find('\n') + 1;
  for (int64_t line = 2; rowStart < bytes_.size(); ++line) {
    const size_t rowEnd = bytes_.find('\n', rowStart);
    const size_t lastTab = bytes_.rfind('\t', rowEnd);
    for (size_t cut = rowStart + 1; cut <= lastTab + 1; ++cut) {
      try {
        readEmbeddingsTsv(damaged(bytes_.substr(0, cut)));
        ADD_FAILURE() << "cut at " << cut << " accepted";
      } catch (const InputError& error) {
        EXPECT_EQ(error.file(), (dir_ / "damaged.tsv").string());
        EXPECT_EQ(error.line(), line) << "cut at " << cut << ": " << error.what();
      }
    }
    rowStart = rowEnd + 1;
  }
}

// Every single bit flip is either refused with file and line or leaves the table's shape.
TEST_F(IoEmbeddingsTsv, EveryBitFlipIsRefusedOrKeepsTheShape) {
  int refused = 0;
  int flips = 0;
  for (size_t position = 0; position < bytes_.size(); ++position) {
    for (int bit = 0; bit < 8; ++bit, ++flips) {
      std::string flipped = bytes_;
      flipped[position] = static_cast<char>(flipped[position] ^ (1 << bit));
      try {
        const EmbeddingTable table = readEmbeddingsTsv(damaged(flipped));
        EXPECT_EQ(table.ids.size(), 4u) << "byte " << position << " bit " << bit;
        EXPECT_EQ(table.dim, 3) << "byte " << position << " bit " << bit;
      } catch (const InputError& error) {
        ++refused;
        EXPECT_EQ(error.file(), (dir_ / "damaged.tsv").string());
      }
    }
  }
  EXPECT_GT(refused, flips / 2);  // most flips break a number or the row structure
}

TEST_F(IoEmbeddingsTsv, AnIdTwiceIsRefused) {
  try {
    readEmbeddingsTsv(damaged(bytes_ + "12\t1\t2\t3\n"));
    FAIL() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.line(), 5);
    EXPECT_EQ(error.expected(), "each id once");
    EXPECT_EQ(error.found(), "\"12\" again (first on line 2)");
  }
}

TEST_F(IoEmbeddingsTsv, BinaryAndMissingFilesAreRefused) {
  try {
    readEmbeddingsTsv(damaged(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0')));
    FAIL() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.found(), "a PNG image");
  }
  EXPECT_THROW(readEmbeddingsTsv(dir_ / "absent.tsv"), InputError);
  EXPECT_THROW(readEmbeddingsTsv(dir_), InputError);
}

}  // namespace
}  // namespace ll
