#include "core/data/file_source.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/io/atomic_file.h"

namespace ll {
namespace {

const std::string kFixtures = LATENTLENS_FIXTURES_DIR;

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

}  // namespace
}  // namespace ll
