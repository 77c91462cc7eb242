// Refit after selection: the plan scales the chosen epoch, the refit trains on training and
// validation shares for exactly that long, and nothing it does depends on a test rating.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/synth/synthetic_world.h"
#include "core/train/refit.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> refitWorld() {
  static const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:ratings=6000")).dataset);
  return data;
}

TrainParams quickTraining() {
  TrainParams params;
  params.epochs = 12;
  params.learningRate = 0.02f;
  params.patience = 2;
  params.pdcEachEpoch = false;
  params.threads = 1;
  return params;
}

std::unique_ptr<Trainer> trainToTheEnd(std::shared_ptr<const Dataset> data, const Split& split, TrainParams params) {
  auto trainer = std::make_unique<Trainer>(std::move(data), split, ModelConfig{.kind = ModelKind::MF, .dim = 4}, params);
  while (trainer->runEpoch()) {
  }
  return trainer;
}

TEST(TrainRefit, TheSplitMergesTrainingAndValidationAndKeepsTheTest) {
  const Split split = makeSplit(*refitWorld(), parseSplitSpec("random:0.2"), SplitParams{.seed = 3, .validationFraction = 0.1});
  const Split merged = refitSplit(split);
  EXPECT_EQ(merged.train.size(), split.train.size() + split.validation.size());
  EXPECT_TRUE(std::is_sorted(merged.train.begin(), merged.train.end()));
  EXPECT_TRUE(merged.validation.empty());
  EXPECT_EQ(merged.test, split.test);
  for (uint32_t k : split.validation) EXPECT_TRUE(std::binary_search(merged.train.begin(), merged.train.end(), k));
  for (uint32_t k : split.test) EXPECT_FALSE(std::binary_search(merged.train.begin(), merged.train.end(), k));
}

TEST(TrainRefit, ItsSplitParametersRebuildTheMergedSplit) {
  for (const char* spec : {"random:0.2", "kfold:5:2", "official:1"}) {
    const auto data = refitWorld();  // the world has official folds, as ML-100K
    const SplitParams params{.seed = 7, .validationFraction = 0.15};
    const Split merged = refitSplit(makeSplit(*data, parseSplitSpec(spec), params));
    const Split rebuilt = makeSplit(*data, parseSplitSpec(spec), refitSplitParams(params));
    EXPECT_EQ(rebuilt.train, merged.train) << spec;
    EXPECT_EQ(rebuilt.test, merged.test) << spec;
    EXPECT_TRUE(rebuilt.validation.empty()) << spec;
  }
}

TEST(TrainRefit, TrainsForTheChosenEpochScaledByTheSizeRatio) {
  const Split split = makeSplit(*refitWorld(), parseSplitSpec("random:0.2"), SplitParams{.seed = 3, .validationFraction = 0.25});
  const auto selected = trainToTheEnd(refitWorld(), split, quickTraining());
  const RefitPlan plan = planRefit(*selected);
  ASSERT_TRUE(plan.applies) << plan.reason;
  const double ratio = static_cast<double>(split.train.size() + split.validation.size()) / static_cast<double>(split.train.size());
  EXPECT_NEAR(ratio, 4.0 / 3.0, 0.01);
  EXPECT_EQ(plan.epochs, std::lround(selected->history().bestEpoch * ratio));
  const auto refit = makeRefitTrainer(*selected, plan);
  while (refit->runEpoch()) {
  }
  EXPECT_EQ(refit->epochsDone(), plan.epochs);
  EXPECT_EQ(refit->stopReason(), StopReason::EpochLimit);
  EXPECT_EQ(refit->split().train.size(), split.train.size() + split.validation.size());
}

TEST(TrainRefit, NeverReadsATestRating) {
  const auto data = refitWorld();
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"), SplitParams{.seed = 3, .validationFraction = 0.1});
  // The same data with every test rating turned upside down.
  Dataset flipped = *data;
  for (uint32_t k : split.test) flipped.ratings.value[k] = data->maxRating + data->minRating - flipped.ratings.value[k];
  const auto flippedData = std::make_shared<const Dataset>(std::move(flipped));
  const auto refitOf = [](std::shared_ptr<const Dataset> d, const Split& s) {
    const auto selected = trainToTheEnd(d, s, quickTraining());
    const RefitPlan plan = planRefit(*selected);
    EXPECT_TRUE(plan.applies) << plan.reason;
    auto refit = makeRefitTrainer(*selected, plan);
    while (refit->runEpoch()) {
    }
    return refit;
  };
  const auto a = refitOf(data, split);
  const auto b = refitOf(flippedData, split);
  ASSERT_EQ(a->epochsDone(), b->epochsDone());
  const Parameters& pa = a->model().parameters();
  const Parameters& pb = b->model().parameters();
  for (int32_t block = 0; block < pa.count(); ++block) EXPECT_EQ(pa[block].value, pb[block].value) << pa[block].name;
  // Whereas the test figures do see the change: the flip was real.
  EXPECT_NE(a->history().epochs.back().test.rmse, b->history().epochs.back().test.rmse);
}

TEST(TrainRefit, DoesNotApplyWithoutAChoiceOrUnderTheAdaptiveSchedule) {
  const auto data = refitWorld();
  const Split noValidation = makeSplit(*data, parseSplitSpec("random:0.2"), SplitParams{.seed = 3, .validationFraction = 0.0});
  TrainParams params = quickTraining();
  params.epochs = 2;
  EXPECT_FALSE(planRefit(*trainToTheEnd(data, noValidation, params)).applies);
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"), SplitParams{.seed = 3, .validationFraction = 0.1});
  params.schedule = Schedule::Adaptive;
  const RefitPlan adaptive = planRefit(*trainToTheEnd(data, split, params));
  EXPECT_FALSE(adaptive.applies);
  EXPECT_NE(adaptive.reason.find("adaptive"), std::string::npos);
}

}  // namespace
}  // namespace ll
