// Two CLI runs writing one place at the same moment, as two scripts (or two scripts/bench runs)
// start them: two `synth --out` into one folder, two loads of one new data set into an empty
// cache. Both runs are started together from two threads.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::runCli;

// Runs the command lines at once (stderr merged): each thread waits until all are ready, then
// starts its CLI. shellPrefix as in runCli (e.g. an environment variable).
std::vector<CommandResult> runTogether(const std::vector<std::string>& commands, const std::string& shellPrefix = "") {
  std::vector<CommandResult> results(commands.size());
  std::latch ready(static_cast<std::ptrdiff_t>(commands.size()));
  std::vector<std::thread> threads;
  for (size_t k = 0; k < commands.size(); ++k) {
    threads.emplace_back([&, k] {
      ready.arrive_and_wait();
      results[k] = runCli(commands[k], true, shellPrefix);
    });
  }
  for (auto& thread : threads) thread.join();
  return results;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> namesIn(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class CliConcurrent : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::freshTestDir("latentlens-concurrent"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string synth(const fs::path& out, int seed) const {
    return "--quiet synth --out " + out.string() + " --format ml-latest --users 1500 --movies 1200 --ratings 150000 --seed " +
           std::to_string(seed);
  }

  fs::path dir_;
};

TEST_F(CliConcurrent, TwoSynthsOfOneWorldIntoOneFolderBothSucceedAndLeaveOneWholeFolder) {
  const fs::path world = dir_ / "world";
  const auto runs = runTogether({synth(world, 4), synth(world, 4)});
  EXPECT_EQ(runs[0].exitCode, 0) << runs[0].out;
  EXPECT_EQ(runs[1].exitCode, 0) << runs[1].out;
  EXPECT_EQ(namesIn(dir_), std::vector<std::string>{"world"}) << "a staging folder was left beside it";
  for (const std::string& name : namesIn(world)) EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
  const auto info = runCli("info --no-cache --data " + world.string() + " --json");
  ASSERT_EQ(info.exitCode, 0) << info.out;
  EXPECT_EQ(nlohmann::json::parse(info.out)["ratings"], 150000);
}

// Before folders were published whole, both runs succeeded and the folder mixed their files.
TEST_F(CliConcurrent, TwoSynthsOfDifferentWorldsIntoOneFolderOneWinsTheOtherSaysWhatItFound) {
  const fs::path world = dir_ / "world";
  const auto runs = runTogether({synth(world, 4), synth(world, 5)});
  ASSERT_NE(runs[0].exitCode == 0, runs[1].exitCode == 0) << runs[0].out << " / " << runs[1].out;
  const int winner = runs[0].exitCode == 0 ? 0 : 1;
  const CommandResult& lost = runs[1 - winner];
  EXPECT_EQ(lost.exitCode, 1);
  EXPECT_EQ(std::count(lost.out.begin(), lost.out.end(), '\n'), 1) << lost.out;
  EXPECT_NE(lost.out.find(world.string() + ": cannot put the folder in place"), std::string::npos) << lost.out;
  EXPECT_NE(lost.out.find("found a folder stamped"), std::string::npos) << lost.out;

  // The folder is the winner's world, every file of it: the same bytes as that world written alone.
  const fs::path alone = dir_ / "alone";
  ASSERT_EQ(runCli(synth(alone, 4 + winner)).exitCode, 0);
  for (const std::string& name : namesIn(alone)) {
    if (name != "manifest.json") {
      EXPECT_TRUE(readFile(world / name) == readFile(alone / name)) << name << " differs";
    }
  }
  EXPECT_EQ(namesIn(world), namesIn(alone));
}

TEST_F(CliConcurrent, TwoLoadsOfANewDataSetIntoAnEmptyCacheBothSucceedAndLeaveOneEntry) {
  const fs::path world = dir_ / "world";
  ASSERT_EQ(runCli(synth(world, 4)).exitCode, 0);
  const fs::path cache = dir_ / "cache";
  const std::string info = "--quiet info --json --data " + world.string();
  const auto runs = runTogether({info, info}, "XDG_CACHE_HOME=" + cache.string() + " ");
  ASSERT_EQ(runs[0].exitCode, 0) << runs[0].out;
  ASSERT_EQ(runs[1].exitCode, 0) << runs[1].out;
  EXPECT_EQ(nlohmann::json::parse(runs[0].out)["checksum"], nlohmann::json::parse(runs[1].out)["checksum"]);
  const std::vector<std::string> entries = namesIn(cache / "latentlens");
  ASSERT_EQ(entries.size(), 1u) << "temporaries left in the cache";
  EXPECT_EQ(fs::path(entries[0]).extension(), ".lldata");
}

}  // namespace
}  // namespace ll
