// The app's run list and recent list when two windows share them: what one window adds or
// deletes is never undone by the other's next save, and ids stay unique across windows.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include "app/gui/state/recent_datasets.h"
#include "app/gui/state/run_library.h"
#include "tests/support/test_dir.h"

namespace ll::gui {
namespace {

namespace fs = std::filesystem;

class GuiSharedLists : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = ll::testing::freshTestDir("ll-shared-lists"); }
  void TearDown() override { fs::remove_all(dir_); }

  static RunRecord finishedRun(const std::string& name) {
    RunRecord run;
    run.name = name;
    run.outcome = "finished";
    EpochRecord epoch;
    epoch.epoch = 1;
    epoch.validation.rmse = 0.9;
    run.history.epochs.push_back(epoch);
    return run;
  }

  static std::set<std::string> namesIn(const RunLibrary& library) {
    std::set<std::string> names;
    for (const RunRecord& run : library.runs()) names.insert(run.name);
    return names;
  }

  fs::path dir_;
};

TEST_F(GuiSharedLists, RunsAddedInTwoWindowsAreAllKeptWithDistinctIds) {
  const fs::path file = dir_ / "runs.json";
  RunLibrary first(file), second(file);
  ASSERT_EQ(first.load(), "");
  ASSERT_EQ(second.load(), "");
  const int64_t firstId = first.add(finishedRun("from the first window")).id;
  const int64_t secondId = second.add(finishedRun("from the second window")).id;
  EXPECT_NE(firstId, secondId);
  EXPECT_EQ(namesIn(second), (std::set<std::string>{"from the first window", "from the second window"}));
  first.save();  // the first window closes: its save keeps the second window's run
  RunLibrary later(file);
  ASSERT_EQ(later.load(), "");
  EXPECT_EQ(namesIn(later), (std::set<std::string>{"from the first window", "from the second window"}));
  EXPECT_EQ(later.nextId(), std::max(firstId, secondId) + 1);
}

TEST_F(GuiSharedLists, ARunDeletedInOneWindowStaysDeletedWhenTheOtherSaves) {
  const fs::path file = dir_ / "runs.json";
  RunLibrary first(file);
  ASSERT_EQ(first.load(), "");
  const int64_t doomed = first.add(finishedRun("doomed")).id;
  first.add(finishedRun("kept"));
  RunLibrary second(file);
  ASSERT_EQ(second.load(), "");
  second.remove(doomed);
  first.runs().back().shown = false;  // a tick in the first window, saved when it closes
  first.save();
  EXPECT_EQ(namesIn(first), std::set<std::string>{"kept"});
  RunLibrary later(file);
  ASSERT_EQ(later.load(), "");
  EXPECT_EQ(namesIn(later), std::set<std::string>{"kept"});
  EXPECT_FALSE(later.runs().front().shown);
}

TEST_F(GuiSharedLists, WindowsAddingRunsAtTheSameMomentLoseNone) {
  const fs::path file = dir_ / "runs.json";
  constexpr int kRunsPerWindow = 25;
  auto window = [&](const std::string& name) {
    RunLibrary library(file);
    library.load();
    for (int k = 0; k < kRunsPerWindow; ++k) library.add(finishedRun(name + std::to_string(k)));
  };
  std::thread first(window, "a"), second(window, "b");
  first.join();
  second.join();
  RunLibrary later(file);
  ASSERT_EQ(later.load(), "");
  EXPECT_EQ(later.runs().size(), 2u * kRunsPerWindow);
  std::set<int64_t> ids;
  for (const RunRecord& run : later.runs()) ids.insert(run.id);
  EXPECT_EQ(ids.size(), 2u * kRunsPerWindow);
}

TEST_F(GuiSharedLists, DataSetsOpenedInTwoWindowsAreBothRecent) {
  const fs::path file = dir_ / "recent.json";
  RecentDatasets first(file), second(file);
  ASSERT_EQ(first.load(), "");
  ASSERT_EQ(second.load(), "");
  ASSERT_EQ(first.add("/data/ml-100k", 0, 1), "");
  ASSERT_EQ(second.add("/data/ml-1m", 0, 1), "");
  ASSERT_EQ(second.entries().size(), 2u);
  EXPECT_EQ(second.entries()[0].spec, "/data/ml-1m");
  EXPECT_EQ(second.entries()[1].spec, "/data/ml-100k");
  RecentDatasets later(file);
  ASSERT_EQ(later.load(), "");
  EXPECT_EQ(later.entries().size(), 2u);
}

}  // namespace
}  // namespace ll::gui
