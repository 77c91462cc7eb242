// publishFolder: two writers of one folder at the same moment (the benchmark's world generator,
// `synth --out`) both succeed when they write the same thing, and never see or damage each
// other's half-written files; anything else at the destination is refused, named, and untouched.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/io/atomic_file.h"
#include "core/io/publish_folder.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;

class IoPublishFolder : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::freshTestDir("ll-publish"); }
  void TearDown() override { fs::remove_all(dir_); }

  // Everything beside the destination: a staging folder left there is a leak.
  size_t entriesIn(const fs::path& folder) const {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++count;
    return count;
  }

  fs::path dir_;
};

// A folder of a few files, the last naming its writer, so a mix of two writers' files shows.
void writeWorld(const fs::path& staging, const std::string& writer) {
  for (int k = 0; k < 20; ++k) writeFileAtomically(staging / ("part" + std::to_string(k) + ".csv"), std::string(4096, 'a' + k));
  writeFileAtomically(staging / "writer.txt", writer);
}

TEST_F(IoPublishFolder, TwoWritersOfTheSameFolderAtOnceBothSucceedAndOneFolderIsWhole) {
  const fs::path world = dir_ / "world";
  // Both writers are inside fill at once before either publishes: the race of two benchmark runs.
  std::barrier bothFilling(2);
  Publication outcome[2];
  std::string failure[2];
  auto writer = [&](int w) {
    bool arrived = false;
    try {
      outcome[w] = publishFolder(world, "synthetic:users=10 v1", [&](const fs::path& staging) {
        writeFileAtomically(staging / "first.csv", "x");
        arrived = true;
        bothFilling.arrive_and_wait();
        writeWorld(staging, std::to_string(w));
      });
    } catch (const std::exception& e) {
      failure[w] = e.what();
      if (!arrived) bothFilling.arrive_and_drop();  // failed before the barrier: the other goes on alone
    }
  };
  std::thread first(writer, 0), second(writer, 1);
  first.join();
  second.join();
  ASSERT_EQ(failure[0], "");
  ASSERT_EQ(failure[1], "");
  ASSERT_NE(outcome[0], outcome[1]) << "exactly one writer puts its folder in place";
  const int winner = outcome[0] == Publication::Published ? 0 : 1;
  EXPECT_EQ(readWholeFile(world / "writer.txt"), std::to_string(winner));
  EXPECT_EQ(readWholeFile(world / "part19.csv"), std::string(4096, 'a' + 19));
  EXPECT_EQ(readWholeFile(world / kFolderStampName), "synthetic:users=10 v1");
  EXPECT_EQ(entriesIn(dir_), 1u) << "a staging folder was left behind";
}

TEST_F(IoPublishFolder, TwoWritersOfDifferentFoldersAtOnceOneWinsTheOtherIsToldWhatItFound) {
  const fs::path world = dir_ / "world";
  std::barrier bothFilling(2);
  std::string failure[2];
  auto writer = [&](int w) {
    bool arrived = false;
    try {
      publishFolder(world, "seed=" + std::to_string(w), [&](const fs::path& staging) {
        arrived = true;
        bothFilling.arrive_and_wait();
        writeWorld(staging, std::to_string(w));
      });
    } catch (const std::runtime_error& e) {
      failure[w] = e.what();
      if (!arrived) bothFilling.arrive_and_drop();
    }
  };
  std::thread first(writer, 0), second(writer, 1);
  first.join();
  second.join();
  ASSERT_TRUE(failure[0].empty() != failure[1].empty()) << failure[0] << " / " << failure[1];
  const int winner = failure[0].empty() ? 0 : 1, loser = 1 - winner;
  EXPECT_EQ(readWholeFile(world / "writer.txt"), std::to_string(winner));
  EXPECT_EQ(readWholeFile(world / kFolderStampName), "seed=" + std::to_string(winner));
  EXPECT_NE(failure[loser].find(world.string() + ": cannot put the folder in place"), std::string::npos) << failure[loser];
  EXPECT_NE(failure[loser].find("stamped 'seed=" + std::to_string(loser) + "', found a folder stamped 'seed=" +
                                std::to_string(winner) + "'"),
            std::string::npos)
      << failure[loser];
  EXPECT_EQ(entriesIn(dir_), 1u);
}

TEST_F(IoPublishFolder, AFolderWithTheSameStampIsNotWrittenAgain) {
  const fs::path world = dir_ / "world";
  EXPECT_EQ(publishFolder(world, "v1", [](const fs::path& staging) { writeWorld(staging, "first"); }), Publication::Published);
  bool filled = false;
  EXPECT_EQ(publishFolder(world / "", "v1", [&](const fs::path&) { filled = true; }), Publication::AlreadyThere);
  EXPECT_FALSE(filled);
  EXPECT_EQ(readWholeFile(world / "writer.txt"), "first");
}

TEST_F(IoPublishFolder, AnEmptyFolderIsReplacedOtherContentsAreRefusedAndKept) {
  const fs::path empty = dir_ / "empty";
  fs::create_directories(empty);
  EXPECT_EQ(publishFolder(empty, "v1", [](const fs::path& staging) { writeWorld(staging, "w"); }), Publication::Published);
  EXPECT_EQ(readWholeFile(empty / "writer.txt"), "w");

  const fs::path mine = dir_ / "mine";
  fs::create_directories(mine);
  writeFileAtomically(mine / "notes.txt", "keep me");
  try {
    publishFolder(mine, "v1", [](const fs::path& staging) { writeWorld(staging, "w"); });
    ADD_FAILURE() << "a folder of other files was replaced";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("expected nothing there, an empty folder or one stamped 'v1', found a folder of other files"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(readWholeFile(mine / "notes.txt"), "keep me");
  EXPECT_EQ(entriesIn(mine), 1u);

  const fs::path file = dir_ / "file";
  writeFileAtomically(file, "a file");
  EXPECT_THROW(publishFolder(file, "v1", [](const fs::path& staging) { writeWorld(staging, "w"); }), std::runtime_error);
  EXPECT_EQ(readWholeFile(file), "a file");
  EXPECT_EQ(entriesIn(dir_), 3u) << "a staging folder was left behind";
}

TEST_F(IoPublishFolder, AFailedFillLeavesNothingBehind) {
  const fs::path world = dir_ / "world";
  EXPECT_THROW(publishFolder(world, "v1",
                             [](const fs::path& staging) {
                               writeWorld(staging, "w");
                               throw std::runtime_error("disk full");
                             }),
               std::runtime_error);
  EXPECT_EQ(entriesIn(dir_), 0u);
}

TEST_F(IoPublishFolder, TheStagingFolderOfAKilledWriterIsRemovedByTheNextOne) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(0);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);  // its pid now names no process
  const fs::path abandoned = dir_ / ("world.partial-" + std::to_string(child) + "-00000000deadbeef");
  fs::create_directories(abandoned);
  writeFileAtomically(abandoned / "ratings.csv", "half");
  const fs::path alive = dir_ / ("world.partial-" + std::to_string(::getpid()) + "-0000000000000001");
  fs::create_directories(alive);

  publishFolder(dir_ / "world", "v1", [](const fs::path& staging) { writeWorld(staging, "w"); });
  EXPECT_FALSE(fs::exists(abandoned));
  EXPECT_TRUE(fs::exists(alive)) << "a writer still running keeps its staging folder";
}

}  // namespace
}  // namespace ll
