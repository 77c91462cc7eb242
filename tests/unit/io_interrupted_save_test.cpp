// A save killed (SIGKILL) at any moment never leaves a damaged file where a good one was: a child
// process saves over a good file in a loop and is killed after random short delays; after every
// kill the file is the complete old or the complete new one, and it loads.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <random>
#include <thread>

#include "core/io/atomic_file.h"
#include "core/synth/synthetic_world.h"
#include "core/train/checkpoint.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

class InterruptedSave : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::freshTestDir("ll-interrupted");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Forks a child that calls saveOnce() until it is killed, kills it `kills` times at a uniformly
  // random moment within maxDelay of its start (the first save included), and calls
  // check(kill) after each. The child only saves: no test machinery runs in it.
  static void killWhileSaving(const std::function<void(uint64_t)>& saveOnce, Clock::duration maxDelay, int kills,
                              const std::function<void(int)>& check) {
    std::mt19937_64 random(20240611);
    for (int k = 0; k < kills; ++k) {
      int ready[2];
      ASSERT_EQ(::pipe(ready), 0);
      const pid_t child = ::fork();
      ASSERT_GE(child, 0);
      if (child == 0) {
        ::close(ready[0]);
        const char go = 1;
        if (::write(ready[1], &go, 1) != 1) ::_exit(3);
        for (uint64_t round = static_cast<uint64_t>(k);; ++round) saveOnce(round);
      }
      ::close(ready[1]);
      char go = 0;
      ASSERT_EQ(::read(ready[0], &go, 1), 1);
      ::close(ready[0]);
      std::this_thread::sleep_for(std::uniform_int_distribution<Clock::rep>(0, maxDelay.count())(random) * Clock::duration(1));
      ASSERT_EQ(::kill(child, SIGKILL), 0);
      int status = 0;
      ASSERT_EQ(::waitpid(child, &status, 0), child);
      ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child stopped by itself (status " << status << ")";
      check(k);
    }
  }

  static Clock::duration timeOf(const std::function<void()>& work) {
    const auto start = Clock::now();
    work();
    return Clock::now() - start;
  }

  static size_t entriesIn(const fs::path& dir) {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++count;
    return count;
  }

  fs::path dir_;
};

TEST_F(InterruptedSave, AKilledWriteLeavesTheOldOrTheNewFileWhole) {
  // Two versions of different sizes and contents, large enough that kills land mid-write.
  std::string versions[2] = {std::string(6 << 20, 'a'), std::string(4 << 20, 'b')};
  versions[0].replace(0, 9, "version 0");
  versions[1].replace(0, 9, "version 1");
  const fs::path path = dir_ / "results.bin";
  writeFileAtomically(path, versions[0]);
  const auto oneSave = timeOf([&] { writeFileAtomically(path, versions[0]); });

  killWhileSaving([&](uint64_t round) { writeFileAtomically(path, versions[round % 2]); }, 3 * oneSave, 40, [&](int kill) {
    const std::string now = readWholeFile(path);
    EXPECT_TRUE(now == versions[0] || now == versions[1]) << "after kill " << kill << ": " << now.size() << " bytes";
  });

  // Killed writers leave their temporaries; the next write to the same file removes them.
  writeFileAtomically(path, versions[1]);
  EXPECT_EQ(entriesIn(dir_), 1u);
  EXPECT_EQ(readWholeFile(path), versions[1]);
}

TEST_F(InterruptedSave, AKilledCheckpointSaveLeavesALoadableCheckpoint) {
  const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=400,movies=800,ratings=30000")).dataset);
  const SplitSpec spec = parseSplitSpec("random:0.2");
  ModelConfig config;
  config.kind = ModelKind::MF;
  config.dim = 64;
  TrainParams params;
  params.epochs = 5;
  params.threads = 1;
  Trainer afterOne(data, makeSplit(*data, spec), config, params);
  afterOne.runEpoch();
  Trainer afterTwo(data, makeSplit(*data, spec), config, params);
  afterTwo.runEpoch();
  afterTwo.runEpoch();
  const Trainer* trainers[2] = {&afterOne, &afterTwo};
  std::string expected[2];
  for (int v = 0; v < 2; ++v) {
    saveCheckpoint(dir_ / "reference.llckpt", *trainers[v], spec, {});
    expected[v] = readWholeFile(dir_ / "reference.llckpt");
  }
  fs::remove(dir_ / "reference.llckpt");

  const fs::path path = dir_ / "checkpoint.llckpt";
  saveCheckpoint(path, afterOne, spec, {});
  const auto oneSave = timeOf([&] { saveCheckpoint(path, afterOne, spec, {}); });

  killWhileSaving([&](uint64_t round) { saveCheckpoint(path, *trainers[round % 2], spec, {}); }, 3 * oneSave, 30,
                  [&](int kill) {
                    const std::string now = readWholeFile(path);
                    ASSERT_TRUE(now == expected[0] || now == expected[1]) << "after kill " << kill;
                    const size_t epochs = readCheckpointInfo(path).history.epochs.size();
                    EXPECT_EQ(epochs, now == expected[0] ? 1u : 2u);
                    EXPECT_EQ(loadModel(path, data)->parameterCount(), afterOne.model().parameterCount());
                  });
}

}  // namespace
}  // namespace ll
