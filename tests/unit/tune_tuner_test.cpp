// `tune` with real training on a tiny synthetic world: deterministic for a seed, blind to the test
// ratings, and a killed run resumed from its state ends exactly as an uninterrupted one.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/data/input_error.h"
#include "core/synth/synthetic_world.h"
#include "core/tune/tune_files.h"
#include "core/tune/tuner.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> tinyTuneWorld() {
  return std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:users=80,movies=100,ratings=3000")).dataset);
}

TuneParams quickTune() {
  TuneParams params;
  params.model.kind = ModelKind::MF;
  params.split = parseSplitSpec("random:0.2");
  params.train.threads = 1;
  params.halving = {6, 3, 9, 0};  // rungs at 1, 3 and 6 epochs
  params.maxTrials = 12;
  return params;
}

std::vector<std::optional<double>> allScores(const TuneResult& result) {
  std::vector<std::optional<double>> scores;
  for (const TrialRecord& t : result.trials) {
    for (const RungResult& r : t.rungs) scores.push_back(r.score);
  }
  return scores;
}

TEST(TuneRun, IsDeterministicForASeed) {
  const auto data = tinyTuneWorld();
  const TuneResult a = runTune(data, quickTune());
  const TuneResult b = runTune(data, quickTune());
  EXPECT_TRUE(a.complete);
  EXPECT_EQ(a.ended, "trials");
  ASSERT_EQ(a.trials.size(), 12u);
  EXPECT_EQ(a.rungEpochs, (std::vector<int32_t>{1, 3, 6}));
  EXPECT_EQ(allScores(a), allScores(b));
  ASSERT_TRUE(a.best);
  EXPECT_EQ(a.best, b.best);
  EXPECT_EQ(a.trials[*a.best].status, TrialStatus::Finished);
  EXPECT_EQ(a.scoreName, "validation RMSE");

  TuneParams other = quickTune();
  other.seed = 2;
  EXPECT_NE(runTune(data, other).trials[0].settings, a.trials[0].settings);
}

TEST(TuneRun, NeverReadsATestRating) {
  const auto data = tinyTuneWorld();
  const TuneParams params = quickTune();
  SplitParams splitParams = params.splitParams;
  splitParams.seed = params.seed;
  const Split split = makeSplit(*data, params.split, splitParams);
  ASSERT_FALSE(split.test.empty());
  EXPECT_TRUE(tuningSplit(split).test.empty());
  EXPECT_EQ(tuningSplit(split).validation, split.validation);

  // The same data with every test rating turned upside down: nothing the search sees changes,
  // through redrawn validation shares too.
  Dataset poisoned = *data;
  for (uint32_t k : split.test) poisoned.ratings.value[k] = 6.0f - poisoned.ratings.value[k];
  TuneParams repeated = params;
  repeated.validationRepeats = 2;
  const TuneResult clean = runTune(data, repeated);
  const TuneResult dirty = runTune(std::make_shared<const Dataset>(std::move(poisoned)), repeated);
  EXPECT_EQ(allScores(clean), allScores(dirty));
}

TEST(TuneRun, RedrawnValidationKeepsTheTestRatingsAndTheShare) {
  const auto data = tinyTuneWorld();
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"), {.seed = 1, .validationFraction = 0.1});
  const Split redrawn = redrawValidation(split, 0.1, 1, 1);
  EXPECT_EQ(redrawn.test, split.test);
  EXPECT_EQ(redrawn.validation.size(), split.validation.size());
  EXPECT_NE(redrawn.validation, split.validation);
  std::vector<uint32_t> before = split.train, after = redrawn.train;
  before.insert(before.end(), split.validation.begin(), split.validation.end());
  after.insert(after.end(), redrawn.validation.begin(), redrawn.validation.end());
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  EXPECT_EQ(before, after);  // the same training ratings, dealt again
  EXPECT_TRUE(std::is_sorted(redrawn.train.begin(), redrawn.train.end()));
  EXPECT_EQ(redrawValidation(split, 0.1, 1, 2).validation, redrawValidation(split, 0.1, 1, 2).validation);
  EXPECT_NE(redrawValidation(split, 0.1, 1, 2).validation, redrawn.validation);
}

TEST(TuneRun, RepeatsRankByTheMeanOverValidationDraws) {
  const auto data = tinyTuneWorld();
  TuneParams params = quickTune();
  params.maxTrials = 3;
  const TuneResult once = runTune(data, params);
  params.validationRepeats = 3;
  const TuneResult thrice = runTune(data, params);
  const TuneResult again = runTune(data, params);
  ASSERT_EQ(thrice.trials.size(), 3u);
  EXPECT_EQ(thrice.trials[0].settings, once.trials[0].settings);
  EXPECT_NE(allScores(thrice), allScores(once));
  EXPECT_EQ(allScores(thrice), allScores(again));
  EXPECT_NE(thrice.identity, once.identity);
  params.validationRepeats = 0;
  EXPECT_THROW(runTune(data, params), InputError);
}

TEST(TuneRun, AKilledRunResumedEndsAsAnUninterruptedOne) {
  const auto data = tinyTuneWorld();
  const auto dir = testing::freshTestDir("latentlens-tune-run");
  const TuneResult straight = runTune(data, quickTune());

  TuneParams params = quickTune();
  params.stateFile = dir / "tune-state.json";
  params.saveEverySeconds = 1e9;  // written only when the run ends (here: cancelled)
  int trained = 0;
  const TuneResult killed = runTune(
      data, params, [&](const TuneProgress&) { return trained < 7; },
      [&](const TuneResult&, const TuneUpdate& u) { trained += u.kind == TuneUpdate::Kind::Trained; });
  EXPECT_EQ(killed.ended, "cancelled");
  EXPECT_EQ(killed.steps, 7);

  params.keepTrainersBytes = 0;  // and every promoted trial trains again from the start
  const TuneResult resumed = runTune(data, params);
  EXPECT_TRUE(resumed.resumed);
  EXPECT_TRUE(resumed.complete);
  EXPECT_EQ(allScores(resumed), allScores(straight));
  EXPECT_EQ(resumed.best, straight.best);
  EXPECT_EQ(resumed.steps, straight.steps);

  TuneParams another = params;
  another.seed = 3;
  EXPECT_THROW(runTune(data, another), InputError);
}

TEST(TuneRun, ImplicitModeRanksByTheValidationLoss) {
  TuneParams params = quickTune();
  params.train.implicit = true;
  params.split = parseSplitSpec("last");
  params.maxTrials = 3;
  const TuneResult result = runTune(tinyTuneWorld(), params);
  EXPECT_EQ(result.scoreName, "validation loss");
  EXPECT_EQ(result.space.optimizer, OptimizerKind::Adam);
  ASSERT_TRUE(result.best);
  EXPECT_GT(*result.trials[*result.best].score(), 0.0);
}

}  // namespace
}  // namespace ll
