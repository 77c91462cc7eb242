// What users and disks throw at the CLI: damaged files we wrote (exit 2, one line naming the file),
// a damaged cache (rebuilt silently), binary data (refused at once), destinations that cannot be
// written (exit 1, old files whole), and training that diverges (stops, keeps the last good state).
// The README's "Bad input" table quotes these tests.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::runCli;

const std::string kData = "synthetic:users=100,movies=150,ratings=4000";

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeFile(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

size_t lineCount(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class CliFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::freshTestDir("latentlens-faults");
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    std::error_code ignored;
    for (const auto& entry : fs::recursive_directory_iterator(dir_, ignored)) {
      if (entry.is_directory(ignored)) fs::permissions(entry.path(), fs::perms::all, fs::perm_options::add, ignored);
    }
    fs::remove_all(dir_);
  }

  // A small finished run in dir_/name: checkpoint, embeddings, results.
  fs::path trainedRun(const std::string& name) const {
    const fs::path out = dir_ / name;
    const auto trained = runCli("--quiet train --data " + kData + " --model mf --dim 4 --epochs 2 --threads 1 --out " + out.string());
    EXPECT_EQ(trained.exitCode, 0);
    return out;
  }

  static void expectOneLineNaming(const CommandResult& result, int exitCode, const std::string& file, const std::string& what) {
    EXPECT_EQ(result.exitCode, exitCode) << result.out;
    EXPECT_EQ(lineCount(result.out), 1u) << result.out;
    EXPECT_TRUE(contains(result.out, file)) << result.out;
    EXPECT_TRUE(contains(result.out, what)) << result.out;
  }

  fs::path dir_;
};

TEST_F(CliFaults, ADamagedCheckpointExitsTwoNamingTheFileAndTheDamage) {
  const std::string bytes = readFile(trainedRun("run") / "checkpoint.llckpt");
  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x08);
  const fs::path truncated = dir_ / "truncated.llckpt";
  const fs::path damaged = dir_ / "flipped.llckpt";
  writeFile(truncated, bytes.substr(0, bytes.size() / 2));
  writeFile(damaged, flipped);
  const std::string expected = "expected a LatentLens checkpoint (checkpoint.llckpt of a train run), found ";
  for (const std::string& command : std::vector<std::string>{"recommend --user 1 --checkpoint ", "neighbours --movie 1 --checkpoint ",
                                                             "clusters -k 3 --checkpoint ", "train --data " + kData + " --resume "}) {
    expectOneLineNaming(runCli(command + truncated.string(), true), 2, truncated.string(),
                        expected + "truncated or extended (size does not match its header)");
    expectOneLineNaming(runCli(command + damaged.string(), true), 2, damaged.string(), expected + "damaged (checksum mismatch)");
    expectOneLineNaming(runCli(command + (dir_ / "absent.llckpt").string(), true), 2, "absent.llckpt", expected + "no such file");
  }
}

TEST_F(CliFaults, ADamagedEmbeddingsFileExitsTwoNamingFileAndLine) {
  const fs::path run = trainedRun("run");
  std::string rows = readFile(run / "user_embeddings.tsv");
  const size_t third = rows.find('\n', rows.find('\n') + 1) + 1;
  writeFile(dir_ / "short.tsv", rows.substr(0, rows.find('\t', third)));  // row 3 cut after its id
  expectOneLineNaming(runCli("pdc --data " + kData + " --embeddings " + (dir_ / "short.tsv").string(), true), 2,
                      (dir_ / "short.tsv").string() + ":3: expected an id, a tab, then tab-separated numbers", "found \"");
  rows[third + rows.substr(third).find('.')] = ',';  // a number on line 3 made unreadable
  writeFile(dir_ / "flipped.tsv", rows);
  expectOneLineNaming(runCli("pdc --data " + kData + " --embeddings " + (dir_ / "flipped.tsv").string(), true),
                      2, (dir_ / "flipped.tsv").string() + ":3: expected a number in column", "found \"");
}

TEST_F(CliFaults, ADamagedManifestGivenAsConfigExitsTwoNamingTheFile) {
  const std::string manifest = readFile(trainedRun("run") / "manifest.json");
  writeFile(dir_ / "truncated.json", manifest.substr(0, manifest.size() / 2));
  expectOneLineNaming(runCli("train --config " + (dir_ / "truncated.json").string(), true), 2, (dir_ / "truncated.json").string(),
                      ": expected a JSON configuration (a manifest.json or an object of option → value), found ");
}

// Points the CLIs this process starts at another cache folder, for one scope.
class CacheFolderForChildren {
 public:
  explicit CacheFolderForChildren(const fs::path& folder) {
    if (const char* previous = std::getenv("XDG_CACHE_HOME")) previous_ = previous;
    ::setenv("XDG_CACHE_HOME", folder.c_str(), 1);
  }
  ~CacheFolderForChildren() {
    if (previous_) {
      ::setenv("XDG_CACHE_HOME", previous_->c_str(), 1);
    } else {
      ::unsetenv("XDG_CACHE_HOME");
    }
  }
  CacheFolderForChildren(const CacheFolderForChildren&) = delete;
  CacheFolderForChildren& operator=(const CacheFolderForChildren&) = delete;

 private:
  std::optional<std::string> previous_;
};

TEST_F(CliFaults, ADamagedCacheIsRebuiltSilently) {
  const CacheFolderForChildren cache(dir_ / "cache");
  const std::string info = "info --data " + std::string(LATENTLENS_FIXTURES_DIR) + "/ml-100k --json";
  const auto first = runCli(info, true);
  ASSERT_EQ(first.exitCode, 0) << first.out;
  std::vector<fs::path> entries;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "cache")) {
    if (entry.is_regular_file()) entries.push_back(entry.path());
  }
  ASSERT_EQ(entries.size(), 1u);
  const std::string good = readFile(entries.front());
  std::string flipped = good;
  flipped[good.size() / 3] = static_cast<char>(flipped[good.size() / 3] ^ 0x40);
  for (const std::string& damage : {good.substr(0, good.size() / 2), flipped}) {
    writeFile(entries.front(), damage);
    const auto again = runCli(info, true);
    EXPECT_EQ(again.exitCode, 0);
    EXPECT_EQ(again.out, first.out);  // the same answer, and not a word about the cache
    EXPECT_EQ(readFile(entries.front()), good);
  }
}

TEST_F(CliFaults, BinaryDataFailsAtOnceWithOneLine) {
  writeFile(dir_ / "photo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(100000, 'x'));
  expectOneLineNaming(runCli("info --data " + (dir_ / "photo.png").string(), true), 2, (dir_ / "photo.png").string(),
                      ": expected a text file (MovieLens or user item rating triplets), found a PNG image");

  const fs::path huge = dir_ / "ratings.csv";
  writeFile(huge, "1,");
  std::error_code error;
  fs::resize_file(huge, uintmax_t{2} << 30, error);
  if (error) GTEST_SKIP() << "cannot make a 2 GB sparse file here: " << error.message();
  const auto start = std::chrono::steady_clock::now();
  const auto result = runCli("info --data " + huge.string(), true);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  expectOneLineNaming(result, 2, huge.string() + ":1: expected a text file", "found binary data (a NUL byte at column 3)");
  EXPECT_LT(seconds, 1.0);
}

TEST_F(CliFaults, AFolderWithoutDataSaysWhatItExpected) {
  fs::create_directories(dir_ / "docs");
  writeFile(dir_ / "docs" / "README.md", "notes\n");
  expectOneLineNaming(runCli("info --data " + (dir_ / "docs").string(), true), 2, (dir_ / "docs").string(),
                      "expected u.data (ml-100k), ratings.dat (ml-1m), ratings.csv (ml-latest) or exactly one ratings file "
                      "(triplets), found 1 file: README.md (documentation, not ratings)");
}

TEST_F(CliFaults, AnOutputUnderAFileExitsOne) {
  writeFile(dir_ / "file", "x");
  expectOneLineNaming(runCli("train --data " + kData + " --epochs 1 --out " + (dir_ / "file" / "run").string(), true), 1,
                      (dir_ / "file" / "run").string(), ": cannot create the output folder (Not a directory)");
}

// A full disk, simulated by a file size limit (no root, no mount): the save fails with a clear
// error and the previous checkpoint stays whole, with no temporary file beside it.
TEST_F(CliFaults, AFullDiskExitsOneAndKeepsTheOldCheckpoint) {
  const fs::path run = trainedRun("run");
  const std::string old = readFile(run / "checkpoint.llckpt");
  const auto result = runCli("--quiet train --data " + kData + " --model mf --dim 48 --epochs 2 --threads 1 --out " + run.string(), true,
                             "ulimit -f 64; exec ");  // 32 or 64 KB, whichever the shell's block: the old checkpoint fits, the new does not
  expectOneLineNaming(result, 1, (run / "checkpoint.llckpt").string(), ": cannot write (File too large)");
  EXPECT_EQ(readFile(run / "checkpoint.llckpt"), old);
  for (const auto& entry : fs::directory_iterator(run)) EXPECT_FALSE(contains(entry.path().filename().string(), ".tmp")) << entry.path();
}

TEST_F(CliFaults, AReadOnlyOutputFolderExitsOneBeforeTrainingAndKeepsItsFiles) {
  // Root writes anywhere: then the CLI runs as nobody.
  const std::string asUser = ::geteuid() == 0 ? "exec setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  if (!asUser.empty() && runCli("--version", false, asUser).exitCode != 0) GTEST_SKIP() << "cannot run the CLI as nobody here";
  const fs::path run = trainedRun("run");
  const std::string old = readFile(run / "checkpoint.llckpt");
  fs::permissions(run, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write, fs::perm_options::remove);
  const auto result = runCli("train --data " + kData + " --model mf --dim 4 --epochs 2 --out " + run.string(), true, asUser);
  expectOneLineNaming(result, 1, run.string(), ": cannot write into the output folder (Permission denied)");
  EXPECT_FALSE(contains(result.out, "epoch"));  // refused before training
  EXPECT_EQ(readFile(run / "checkpoint.llckpt"), old);
}

TEST_F(CliFaults, ADeviceOrPipeIsNeverReplaced) {
  const fs::path run = trainedRun("run");
  const fs::path pipe = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0644), 0);
  expectOneLineNaming(runCli("--quiet project --checkpoint " + (run / "checkpoint.llckpt").string() + " --out " + pipe.string(), true),
                      1, pipe.string(), ": cannot replace (not a regular file)");
  EXPECT_TRUE(fs::is_fifo(pipe));
}

TEST_F(CliFaults, DivergingTrainingStopsWithTheLastGoodStateAndSaysWhy) {
  const fs::path out = dir_ / "diverged";
  const auto result = runCli("train --data " + kData + " --model mf --dim 4 --epochs 5 --optimizer sgd --lr 1e6 --threads 1 --out " +
                                 out.string(),
                             true);
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.out, "latentlens-cli: diverged in epoch 1 (the loss became NaN); kept the parameters of epoch 0; "
                                   "try a lower learning rate\n"))
      << result.out;
  const auto results = nlohmann::json::parse(readFile(out / "results.json"));
  EXPECT_EQ(results["stop"], "diverged");
  EXPECT_TRUE(results["rmse"].is_number());  // the kept state predicts finite ratings
  const auto recommended = runCli("recommend --checkpoint " + (out / "checkpoint.llckpt").string() + " --user 1 -n 3 --json");
  ASSERT_EQ(recommended.exitCode, 0);
  const auto items = nlohmann::json::parse(recommended.out)["items"];
  ASSERT_FALSE(items.empty());
  for (const auto& item : items) EXPECT_TRUE(item["score"].is_number());
}

}  // namespace
}  // namespace ll
