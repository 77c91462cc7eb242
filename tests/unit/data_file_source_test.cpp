#include "core/data/file_source.h"

#include <sys/resource.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "tests/support/deflate_data.h"
#include "tests/support/test_dir.h"
#include "tests/support/fixtures.h"

namespace ll {
namespace {


std::string fixture(const std::string& relative) { return kFixtures + "/" + relative; }

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(DataFileSource, FolderOffersItsTopLevelFiles) {
  const FileSource files = FileSource::open(fixture("ml-100k"));
  EXPECT_FALSE(files.isSingleFile());
  EXPECT_EQ(files.names(), (std::vector<std::string>{"u.data", "u.genre", "u.item", "u.user", "u1.base", "u1.test",
                                                     "u2.base", "ua.base", "ua.test"}));
  EXPECT_TRUE(files.has("u.data"));
  EXPECT_FALSE(files.has("u3.test"));
  EXPECT_EQ(files.read("ua.test"), "4\t8\t2\t881250964\n1\t1\t5\t881250949\n");
  EXPECT_EQ(files.displayName("u.data"), fixture("ml-100k") + "/u.data");
}

TEST(DataFileSource, FolderSkipsDotFiles) {
  const FileSource files = FileSource::open(fixture("malformed/empty-folder"));
  EXPECT_TRUE(files.names().empty());
}

TEST(DataFileSource, FolderOffersGzFilesDecompressedUnderTheirPlainName) {
  const FileSource files = FileSource::open(fixture("archives/ml-1m-gz"));
  EXPECT_EQ(files.names(), (std::vector<std::string>{"movies.dat", "ratings.dat", "users.dat"}));
  const FileSource plain = FileSource::open(fixture("ml-1m"));
  EXPECT_EQ(files.read("ratings.dat"), plain.read("ratings.dat"));
  // Errors name the file as it is on disk.
  EXPECT_EQ(files.displayName("ratings.dat"), fixture("archives/ml-1m-gz") + "/ratings.dat.gz");
}

TEST(DataFileSource, ZipStripsTheCommonTopFolderAndInflatesGzEntries) {
  const FileSource zip = FileSource::open(fixture("archives/ml-100k.zip"));
  const FileSource folder = FileSource::open(fixture("ml-100k"));
  EXPECT_FALSE(zip.isSingleFile());
  EXPECT_EQ(zip.names(), folder.names());
  for (const auto& name : folder.names()) EXPECT_EQ(zip.read(name), folder.read(name)) << name;
  EXPECT_EQ(zip.displayName("u.item"), fixture("archives/ml-100k.zip") + ":ml-100k/u.item");
  EXPECT_EQ(zip.displayName("u.data"), fixture("archives/ml-100k.zip") + ":ml-100k/u.data.gz");
}

TEST(DataFileSource, SingleGzFileIsOfferedWithoutGz) {
  const FileSource files = FileSource::open(fixture("archives/header.csv.gz"));
  EXPECT_TRUE(files.isSingleFile());
  EXPECT_EQ(files.names(), (std::vector<std::string>{"header.csv"}));
  EXPECT_EQ(files.read("header.csv"), FileSource::open(fixture("triplets/header.csv")).read("header.csv"));
  EXPECT_EQ(files.displayName("header.csv"), fixture("archives/header.csv.gz"));
}

TEST(DataFileSource, SinglePlainFile) {
  const FileSource files = FileSource::open(fixture("triplets/plain.tsv"));
  EXPECT_TRUE(files.isSingleFile());
  EXPECT_EQ(files.names(), (std::vector<std::string>{"plain.tsv"}));
  EXPECT_EQ(files.read("plain.tsv"), "1\t10\t3\n1\t20\t4\n2\t10\t5\n");
  EXPECT_EQ(files.displayName("plain.tsv"), fixture("triplets/plain.tsv"));
}

TEST(DataFileSource, InMemoryFilesReadLikeAFolderOfThem) {
  const std::string gz = fixture("archives/ml-1m-gz");
  const FileSource folder = FileSource::open(gz);
  const FileSource memory = FileSource::inMemory(
      "in-memory", {{"movies.dat", readWholeFile(gz + "/movies.dat")},
                    {"ratings.dat.gz", readWholeFile(gz + "/ratings.dat.gz")},
                    {"users.dat", readWholeFile(gz + "/users.dat")},
                    {".DS_Store", "clutter"}});
  EXPECT_FALSE(memory.isSingleFile());
  EXPECT_EQ(memory.names(), folder.names());
  for (const auto& name : folder.names()) EXPECT_EQ(memory.read(name), folder.read(name)) << name;
  EXPECT_EQ(memory.displayName("ratings.dat"), "in-memory/ratings.dat.gz");
  EXPECT_EQ(parseDataset(memory, FeatureOptions{}).ratings.size(), 8u);
}

TEST(DataFileSource, InMemoryPlainFileWinsOverItsGzTwin) {
  const FileSource memory = FileSource::inMemory("m", {{"a.csv", "plain"}, {"a.csv.gz", "not even gzip"}});
  EXPECT_EQ(memory.names(), (std::vector<std::string>{"a.csv"}));
  EXPECT_EQ(memory.read("a.csv"), "plain");
}

// In-memory files are named like files on disk: text() must not map a file of the same name from
// the working folder.
TEST(DataFileSource, InMemoryFilesAreNeverTakenFromTheWorkingFolder) {
  const auto dir = testing::freshTestDir("ll-cwd");
  std::ofstream(dir / "ratings.csv") << "a file on disk\n";
  const FileSource memory = FileSource::inMemory("m", {{"ratings.csv", "1,2,3.5,0\n"}});
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  const std::string text(memory.text("ratings.csv").view());
  std::filesystem::current_path(previous);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(text, "1,2,3.5,0\n");
}

// Found by fuzz_zip_archive: a 2 KB archive whose header declares an entry of 4 GiB, which was
// reserved before a byte was read.
TEST(DataFileSource, AZipEntryIsNotGivenTheRoomItsHeaderClaims) {
  const FileSource zip = FileSource::open(fixture("fuzz-regressions/fuzz_zip_archive/entry-claims-4-gib.zip"));
  int read = 0;
  for (const auto& name : zip.names()) {
    try {
      EXPECT_LT(zip.read(name).capacity(), size_t{1} << 24) << name;
      ++read;
    } catch (const InputError&) {
    }
  }
  EXPECT_GT(read, 0);
}

TEST(DataFileSource, MissingPathIsAnInputError) {
  try {
    FileSource::open(fixture("no/such/place"));
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), fixture("no/such/place"));
    EXPECT_EQ(e.line(), 0);
    EXPECT_EQ(e.expected(), "an existing file, folder or archive");
    EXPECT_EQ(e.found(), "nothing at that path");
  }
}

TEST(DataFileSource, ReadingAnAbsentNameIsAnInputError) {
  const FileSource files = FileSource::open(fixture("ml-1m"));
  try {
    files.read("u.item");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), fixture("ml-1m") + "/u.item");
    EXPECT_EQ(e.found(), "no such file");
  }
}

TEST(DataFileSource, TextNamedZipIsAnInputError) {
  try {
    FileSource::open(fixture("malformed/not-a-zip.zip"));
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), fixture("malformed/not-a-zip.zip"));
    EXPECT_EQ(e.expected(), "a readable .zip archive");
    EXPECT_FALSE(e.found().empty());
  }
}

TEST(DataFileSource, TruncatedGzipIsAnInputErrorOnRead) {
  const FileSource files = FileSource::open(fixture("malformed/corrupt.csv.gz"));
  try {
    files.read("corrupt.csv");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), fixture("malformed/corrupt.csv.gz"));
    EXPECT_EQ(e.line(), 0);
    EXPECT_EQ(e.expected(), "gzip-compressed data");
    EXPECT_TRUE(endsWith(e.found(), "(truncated?)")) << e.found();
  }
}

// Binary files given as data: refused on their first chunk with file, line and what was found.
class DataFileSourceBinary : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::freshTestDir("ll-binary");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return (dir_ / name).string();
  }

  // The error parsing `path` as a data set gives (none is a failure).
  static InputError parseError(const std::string& path) {
    try {
      parseDataset(FileSource::open(path), FeatureOptions{});
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << path << " parsed";
    return InputError("", 0, "", "");
  }

  std::filesystem::path dir_;
};

const std::string kExpectedText = "a text file (MovieLens or user item rating triplets)";

TEST_F(DataFileSourceBinary, AStreamedTextReadsTheFileAgainAfterItsPagesAreReleased) {
  std::string bytes;
  for (int k = 0; k < 100000; ++k) bytes += std::to_string(k) + "\n";
  const FileSource files = FileSource::open(write("lines.txt", bytes));
  FileText text = files.text("lines.txt", MappedFile::Access::Streamed);
  ASSERT_EQ(text.view(), bytes);
  text.releaseBefore(bytes.size() / 2);
  EXPECT_EQ(text.view(), bytes);  // dropped pages fault back in from the file
  text.releaseBefore(bytes.size() + 4096);
  EXPECT_EQ(text.view(), bytes);
}

// Past one 16 MiB release step, so the count and the parse both drop pages behind them; the last
// line has no newline.
TEST_F(DataFileSourceBinary, ATripletsFileParsedWhileStreamedKeepsEveryRating) {
  constexpr int kLines = 2000000;
  std::string bytes;
  bytes.reserve(size_t{24} << 20);
  for (int k = 0; k < kLines; ++k) {
    bytes += std::to_string(k % 997) + " " + std::to_string(k % 1009) + " " + std::to_string(k % 5 + 1);
    if (k + 1 < kLines) bytes += "\n";
  }
  ASSERT_GT(bytes.size(), size_t{16} << 20);
  const Dataset d = parseTriplets(FileSource::open(write("big.txt", bytes)));
  ASSERT_EQ(d.ratings.size(), static_cast<size_t>(kLines));
  double sum = 0.0;
  for (const float v : d.ratings.value) sum += v;
  EXPECT_EQ(sum, 3.0 * kLines);
  for (const int k : {0, 1000000, kLines - 1}) {
    EXPECT_EQ(d.userIds[static_cast<size_t>(d.ratings.user[static_cast<size_t>(k)])], std::to_string(k % 997));
    EXPECT_EQ(d.itemIds[static_cast<size_t>(d.ratings.item[static_cast<size_t>(k)])], std::to_string(k % 1009));
    EXPECT_EQ(d.ratings.value[static_cast<size_t>(k)], static_cast<float>(k % 5 + 1));
  }
}

TEST_F(DataFileSourceBinary, AnImageIsRefusedByItsSignature) {
  const std::string png = write("ratings.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(5000, '\x42'));
  const InputError error = parseError(png);
  EXPECT_EQ(error.file(), png);
  EXPECT_EQ(error.line(), 0);
  EXPECT_EQ(error.expected(), kExpectedText);
  EXPECT_EQ(error.found(), "a PNG image");
  // In a folder it is the one candidate ratings file, and refused the same way.
  std::filesystem::create_directories(dir_ / "folder");
  std::filesystem::copy_file(png, dir_ / "folder" / "photo.png");
  write("folder/README.md", "about this data\n");
  EXPECT_EQ(parseError((dir_ / "folder").string()).found(), "a PNG image");
}

TEST_F(DataFileSourceBinary, RandomBytesAreRefusedAtTheirFirstNulByte) {
  std::mt19937 random(7);
  std::string bytes(1 << 20, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  bytes[0] = 'x';  // no known signature: the NUL byte gives it away
  const size_t nul = bytes.find('\0');
  ASSERT_LT(nul, size_t{64} << 10);
  const std::string before = bytes.substr(0, nul);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t column = before.rfind('\n') == std::string::npos ? nul + 1 : nul - before.rfind('\n');
  const InputError error = parseError(write("urandom.bin", bytes));
  EXPECT_EQ(error.line(), line);
  EXPECT_EQ(error.expected(), kExpectedText);
  EXPECT_EQ(error.found(), "binary data (a NUL byte at column " + std::to_string(column) + ")");
}

TEST_F(DataFileSourceBinary, A2GbSparseFileIsRefusedAtOnceWithoutReadingIt) {
  const auto path = dir_ / "huge.csv";
  std::ofstream(path).put('u');
  std::error_code error;
  std::filesystem::resize_file(path, uintmax_t{2} << 30, error);
  if (error) GTEST_SKIP() << "cannot make a 2 GB sparse file here: " << error.message();
  rusage before{};
  ::getrusage(RUSAGE_SELF, &before);
  const InputError refused = parseError(path.string());
  rusage after{};
  ::getrusage(RUSAGE_SELF, &after);
  EXPECT_EQ(refused.line(), 1);
  EXPECT_EQ(refused.found(), "binary data (a NUL byte at column 2)");
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 64 << 10) << "KB more resident memory";  // nowhere near 2 GB
}

// ratings.csv of ml-latest is mapped rather than read (FileSource::text): checked the same way.
TEST_F(DataFileSourceBinary, A2GbSparseRatingsCsvIsRefusedBeforeItIsMapped) {
  const auto folder = dir_ / "ml-latest";
  std::filesystem::create_directories(folder);
  std::filesystem::copy_file(fixture("ml-latest/movies.csv"), folder / "movies.csv");
  std::ofstream(folder / "ratings.csv").put('u');
  std::error_code error;
  std::filesystem::resize_file(folder / "ratings.csv", uintmax_t{2} << 30, error);
  if (error) GTEST_SKIP() << "cannot make a 2 GB sparse file here: " << error.message();
  rusage before{};
  ::getrusage(RUSAGE_SELF, &before);
  const InputError refused = parseError(folder.string());
  rusage after{};
  ::getrusage(RUSAGE_SELF, &after);
  EXPECT_EQ(refused.file(), (folder / "ratings.csv").string());
  EXPECT_EQ(refused.found(), "binary data (a NUL byte at column 2)");
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 64 << 10) << "KB more resident memory";  // nowhere near 2 GB
}

TEST_F(DataFileSourceBinary, AGzipRatingsCsvWithoutGzInItsNameIsInflated) {
  std::filesystem::create_directories(dir_ / "ml-latest");
  for (const auto& item : std::filesystem::directory_iterator(fixture("ml-latest"))) {
    std::filesystem::copy_file(item.path(), dir_ / "ml-latest" / item.path().filename());
  }
  const std::string ratings = readWholeFile(fixture("ml-latest/ratings.csv"));
  std::ofstream(dir_ / "ml-latest" / "ratings.csv", std::ios::binary | std::ios::trunc) << testing::gzipOf(ratings);
  const FileSource files = FileSource::open(dir_ / "ml-latest");
  EXPECT_EQ(files.text("ratings.csv").view(), ratings);
  EXPECT_EQ(parseDataset(files, FeatureOptions{}).ratings.size(),
            parseDataset(FileSource::open(fixture("ml-latest")), FeatureOptions{}).ratings.size());
}

TEST_F(DataFileSourceBinary, AGzipFileWithoutGzInItsNameIsInflated) {
  std::filesystem::create_directories(dir_ / "ml-1m");
  std::filesystem::copy_file(fixture("archives/ml-1m-gz/ratings.dat.gz"), dir_ / "ml-1m" / "ratings.dat");
  const FileSource files = FileSource::open(dir_ / "ml-1m");
  EXPECT_EQ(files.read("ratings.dat"), FileSource::open(fixture("ml-1m")).read("ratings.dat"));
}

}  // namespace
}  // namespace ll
