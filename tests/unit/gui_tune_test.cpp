// The Training panel's Tune state (free of ImGui): a search on a background job whose table and
// progress the UI polls, a stop that keeps the table, and "Use these settings" filling the form.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/gui/state/tune_state.h"
#include "core/synth/synthetic_world.h"

namespace ll::gui {
namespace {

std::shared_ptr<const Dataset> guiTuneWorld() {
  return std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:users=80,movies=100,ratings=3000")).dataset);
}

void waitFor(TuneState& tune) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (tune.running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    tune.refresh();
  }
}

TEST(GuiTune, UseTheseSettingsFillsTheTrainingFormWithTheBestTrial) {
  TrainingSettings settings;
  settings.chooseModel(ModelKind::MF);
  settings.threads = 1;
  settings.epochs = 6;
  settings.split = "random:0.2";
  TuneState tune;
  tune.form.trials = 9;
  tune.run(guiTuneWorld(), settings);
  ASSERT_TRUE(tune.running());
  waitFor(tune);
  ASSERT_FALSE(tune.running()) << tune.status();
  const std::shared_ptr<const TuneResult> table = tune.table();
  ASSERT_TRUE(table && table->best) << tune.status();
  EXPECT_EQ(table->trials.size(), 9u);
  EXPECT_NE(tune.status().find("9 configurations"), std::string::npos) << tune.status();

  TrainingSettings form;  // another model in the form: the tuned one comes back with its settings
  form.chooseModel(ModelKind::Tensor);
  ASSERT_TRUE(tune.useSettings(*table->best, form));
  const TrialSettings& best = table->trials[*table->best].settings;
  EXPECT_EQ(form.model, ModelKind::MF);
  EXPECT_EQ(form.optimizer, OptimizerKind::Sgd);
  EXPECT_EQ(form.learningRate, best.learningRate);
  EXPECT_EQ(form.l2, best.l2);
  EXPECT_EQ(form.batchSize, 1);
  EXPECT_EQ(form.dim, best.dim);
  EXPECT_EQ(form.epochs, 100);
  EXPECT_FALSE(tune.useSettings(table->trials.size(), form));
}

TEST(GuiTune, ABadSplitIsSaidAndStoppingKeepsTheTable) {
  TrainingSettings settings;
  settings.chooseModel(ModelKind::MF);
  settings.split = "nonsense";
  TuneState tune;
  tune.run(guiTuneWorld(), settings);
  EXPECT_FALSE(tune.running());
  EXPECT_NE(tune.status().find("nonsense"), std::string::npos) << tune.status();

  settings.split = "random:0.2";
  settings.threads = 1;
  tune.form.budgetMinutes = 10.0f;
  tune.run(guiTuneWorld(), settings);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (tune.running() && !tune.table() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    tune.refresh();
  }
  tune.cancel();
  waitFor(tune);
  EXPECT_NE(tune.status().find("Stopped"), std::string::npos) << tune.status();
  ASSERT_TRUE(tune.table());
  EXPECT_FALSE(tune.table()->trials.empty());
}

}  // namespace
}  // namespace ll::gui
