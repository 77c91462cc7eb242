// The pieces of `tune` without training: the search space and its proposals (deterministic,
// within bounds, log-scaled, covering every choice), the rung schedule and promotions, and the
// search loop on a made-up objective — promotions, bounds, the state file and resume.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <map>
#include <set>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "core/tune/halving_search.h"
#include "core/tune/scrambled_halton.h"
#include "core/tune/tune_files.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

TEST(TuneSpace, ProposalsAreDeterministicAndDifferBySeed) {
  const ScrambledHalton a(4, 7), b(4, 7), c(4, 8);
  for (uint64_t i = 0; i < 50; ++i) {
    EXPECT_EQ(a.point(i), b.point(i));
    for (double u : a.point(i)) {
      EXPECT_GE(u, 0.0);
      EXPECT_LT(u, 1.0);
    }
  }
  EXPECT_NE(a.point(3), c.point(3));
}

TEST(TuneSpace, EachCoordinateStratifiesLikeHalton) {
  // The first b^m points put exactly one coordinate value in each interval [j/b^m, (j+1)/b^m):
  // digit scrambling keeps the van der Corput property.
  const ScrambledHalton sequence(2, 3);
  std::set<int> base2, base3;
  for (uint64_t i = 0; i < 64; ++i) base2.insert(static_cast<int>(sequence.point(i)[0] * 64));
  for (uint64_t i = 0; i < 27; ++i) base3.insert(static_cast<int>(sequence.point(i)[1] * 27));
  EXPECT_EQ(base2.size(), 64u);
  EXPECT_EQ(base3.size(), 27u);
}

TEST(TuneSpace, SettingsStayInBoundsOnALogScaleAndCoverEveryChoice) {
  for (const auto& [kind, implicit] : {std::pair{ModelKind::MF, false}, std::pair{ModelKind::Tensor, false},
                                       std::pair{ModelKind::MF, true}, std::pair{ModelKind::UserBias, false}}) {
    const SearchSpace space = searchSpace(kind, implicit);
    const ScrambledHalton sequence(space.coordinates(), 1);
    std::set<int32_t> dims, batches;
    int belowMiddle = 0;
    const int n = 300;
    for (int i = 0; i < n; ++i) {
      const TrialSettings s = settingsAt(space, sequence.point(static_cast<uint64_t>(i)));
      EXPECT_EQ(s.optimizer, space.optimizer);
      EXPECT_GE(s.learningRate, space.learningRate.low * 0.999);
      EXPECT_LE(s.learningRate, space.learningRate.high * 1.001);
      EXPECT_GE(s.l2, space.l2.low * 0.999);
      EXPECT_LE(s.l2, space.l2.high * 1.001);
      if (s.learningRate < std::sqrt(space.learningRate.low * space.learningRate.high)) ++belowMiddle;
      dims.insert(s.dim);
      batches.insert(s.batchSize);
    }
    EXPECT_NEAR(belowMiddle / static_cast<double>(n), 0.5, 0.05) << "log-uniform: half below the geometric middle";
    if (space.dims.empty()) {
      EXPECT_EQ(dims, std::set<int32_t>{0});
    } else {
      EXPECT_EQ(dims, std::set<int32_t>(space.dims.begin(), space.dims.end()));
    }
    EXPECT_EQ(batches, std::set<int32_t>(space.batchSizes.begin(), space.batchSizes.end()));
  }
}

TEST(TuneSpace, SgdModelsSearchPerSampleSgdAndOthersAdam) {
  const SearchSpace mf = searchSpace(ModelKind::MF, false);
  EXPECT_EQ(mf.optimizer, OptimizerKind::Sgd);
  EXPECT_EQ(mf.batchSizes, std::vector<int32_t>{1});
  EXPECT_EQ(mf.maxEpochs, 100);
  EXPECT_EQ(searchSpace(ModelKind::MF, true).optimizer, OptimizerKind::Adam);
  EXPECT_EQ(searchSpace(ModelKind::FM, false).maxEpochs, 30);
  EXPECT_TRUE(searchSpace(ModelKind::Linear, false).dims.empty());
  // Rounded to 3 significant digits: the printed flags are exactly the settings tried.
  const ScrambledHalton sequence(mf.coordinates(), 5);
  for (uint64_t i = 0; i < 40; ++i) {
    const TrialSettings s = settingsAt(mf, sequence.point(i));
    for (const float value : {s.learningRate, s.l2}) {
      char text[32];
      std::snprintf(text, sizeof text, "%.3g", static_cast<double>(value));
      EXPECT_EQ(std::stof(text), value) << text;
    }
  }
}

TEST(TuneHalving, RungsGrowByTheReductionFactorUpToTheLongestRun) {
  EXPECT_EQ(rungEpochs({100, 3, 27, 0}), (std::vector<int32_t>{4, 12, 36, 100}));
  EXPECT_EQ(rungEpochs({30, 3, 27, 0}), (std::vector<int32_t>{1, 3, 9, 30}));
  EXPECT_EQ(rungEpochs({100, 3, 1, 0}), (std::vector<int32_t>{100}));
  EXPECT_EQ(rungEpochs({100, 2, 8, 10}), (std::vector<int32_t>{10, 20, 40, 100}));
  EXPECT_EQ(rungEpochs({5, 3, 27, 0}), (std::vector<int32_t>{1, 3, 5}));
  EXPECT_THROW(rungEpochs({100, 1, 27, 0}), InputError);
  EXPECT_THROW(rungEpochs({10, 3, 27, 11}), InputError);
  EXPECT_EQ(rungSizes(27, 3, 4), (std::vector<int32_t>{27, 9, 3, 1}));
  EXPECT_EQ(rungSizes(5, 3, 3), (std::vector<int32_t>{5, 1, 1}));
}

TEST(TuneHalving, PromotesTheBestThirdWithTiesToTheLowerIndex) {
  const std::vector<std::optional<double>> scores = {0.9, 0.8, std::nullopt, 0.7, 0.8, 1.0, 0.95, 0.85, 0.6};
  EXPECT_EQ(promoted(scores, 3), (std::vector<size_t>{8, 3, 1}));
  EXPECT_EQ(promoted(std::vector<std::optional<double>>{std::nullopt, 2.0}, 3), std::vector<size_t>{1});
  EXPECT_EQ(promoted(std::vector<std::optional<double>>{std::nullopt}, 3), std::vector<size_t>{0});
}

// A made-up objective: the distance of log(lr) from log(0.01), plus a part that shrinks with
// epochs alike for every configuration — successive halving must keep the closest ones.
class FakeRunner final : public TrialRunner {
 public:
  std::optional<RungResult> advance(const TrialRecord& trial, int32_t epochs, const StepProgress& progress) override {
    ++steps;
    if (cancelAtStep > 0 && steps >= cancelAtStep) return std::nullopt;
    if (progress && !progress(1.0)) return std::nullopt;
    trained[trial.id] = epochs;
    RungResult r;
    r.epochs = epochs;
    r.score = distance(trial.settings) + 1.0 / epochs;
    r.bestEpoch = epochs;
    return r;
  }
  void release(int32_t id) override { released.insert(id); }
  static double distance(const TrialSettings& s) { return std::fabs(std::log(s.learningRate / 0.01)); }

  int steps = 0;
  int cancelAtStep = 0;
  std::map<int32_t, int32_t> trained;
  std::set<int32_t> released;
};

TuneResult fakeShape(const TuneParams& params) {
  TuneResult result;
  result.space = searchSpace(ModelKind::MF, false);
  result.rungEpochs = rungEpochs(params.halving);
  result.scoreName = "validation RMSE";
  result.identity = R"({"test":"fake","seed":)" + std::to_string(params.seed) + "}";
  return result;
}

TEST(TuneHalving, KeepsTheBestConfigurationsOfAMadeUpObjective) {
  TuneParams params;
  params.halving = {27, 3, 27, 0};
  params.maxTrials = 54;
  TuneResult result = fakeShape(params);
  FakeRunner runner;
  int decisions = 0;
  runHalvingSearch(params, result, runner, {}, [&](const TuneResult&, const TuneUpdate& u) {
    if (u.kind == TuneUpdate::Kind::RungDecided) ++decisions;
  });
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(result.ended, "trials");
  ASSERT_EQ(result.trials.size(), 54u);
  EXPECT_EQ(decisions, 8);                 // 2 brackets × 4 rungs
  EXPECT_EQ(result.steps, 2 * (27 + 9 + 3 + 1));
  for (int32_t bracket = 0; bracket < 2; ++bracket) {
    std::vector<const TrialRecord*> members;
    for (const TrialRecord& t : result.trials) {
      if (t.bracket == bracket) members.push_back(&t);
    }
    std::sort(members.begin(), members.end(), [](const TrialRecord* a, const TrialRecord* b) {
      return FakeRunner::distance(a->settings) < FakeRunner::distance(b->settings);
    });
    for (size_t k = 0; k < members.size(); ++k) {
      const size_t expectedRungs = k == 0 ? 4 : k < 3 ? 3 : k < 9 ? 2 : 1;
      EXPECT_EQ(members[k]->rungs.size(), expectedRungs) << "rank " << k << " of bracket " << bracket;
      EXPECT_EQ(members[k]->status, k == 0 ? TrialStatus::Finished : TrialStatus::Pruned);
      EXPECT_TRUE(runner.released.count(members[k]->id));
    }
  }
  ASSERT_TRUE(result.best);
  double closest = 1e9;
  for (const TrialRecord& t : result.trials) closest = std::min(closest, FakeRunner::distance(t.settings));
  EXPECT_DOUBLE_EQ(FakeRunner::distance(result.trials[*result.best].settings), closest);
}

TEST(TuneHalving, ABudgetStopsProposingAndEndsGracefully) {
  TuneParams params;
  params.halving = {27, 3, 27, 0};
  params.budgetSeconds = 1e-9;  // spent before the first step
  TuneResult result = fakeShape(params);
  FakeRunner runner;
  runHalvingSearch(params, result, runner);
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(result.ended, "budget");
  EXPECT_EQ(result.steps, 0);
  EXPECT_FALSE(result.best);

  TuneParams single;  // no bound: one bracket
  single.halving = {9, 3, 9, 0};
  TuneResult one = fakeShape(single);
  FakeRunner runnerOne;
  runHalvingSearch(single, one, runnerOne);
  EXPECT_EQ(one.ended, "bracket");
  EXPECT_EQ(one.trials.size(), 9u);
}

TEST(TuneHalving, AKilledSearchResumedFromItsStateEndsAsAnUninterruptedOne) {
  const auto dir = testing::freshTestDir("latentlens-tune");
  TuneParams params;
  params.halving = {27, 3, 9, 0};
  params.maxTrials = 20;
  TuneResult whole = fakeShape(params);
  FakeRunner straight;
  runHalvingSearch(params, whole, straight);

  params.saveEverySeconds = 0.0;  // a state after every step: each kill point below is one a real kill could hit
  for (int stopAt : {1, 9, 20}) {
    params.stateFile = dir / ("state-" + std::to_string(stopAt) + ".json");
    TuneResult first = fakeShape(params);
    FakeRunner killed;
    killed.cancelAtStep = stopAt;
    runHalvingSearch(params, first, killed);
    EXPECT_EQ(first.ended, "cancelled");
    EXPECT_FALSE(first.complete);

    TuneResult resumed = fakeShape(params);
    if (std::filesystem::exists(params.stateFile)) loadTuneState(params.stateFile, resumed);  // as runTune does
    FakeRunner again;
    runHalvingSearch(params, resumed, again);
    EXPECT_TRUE(resumed.complete);
    ASSERT_EQ(resumed.trials.size(), whole.trials.size());
    for (size_t t = 0; t < whole.trials.size(); ++t) {
      EXPECT_EQ(resumed.trials[t].settings, whole.trials[t].settings);
      EXPECT_EQ(resumed.trials[t].status, whole.trials[t].status) << "trial " << t << ", stopped at step " << stopAt;
      ASSERT_EQ(resumed.trials[t].rungs.size(), whole.trials[t].rungs.size());
      for (size_t k = 0; k < whole.trials[t].rungs.size(); ++k) {
        EXPECT_EQ(resumed.trials[t].rungs[k].score, whole.trials[t].rungs[k].score);
      }
    }
    EXPECT_EQ(resumed.best, whole.best);
    EXPECT_EQ(resumed.steps, whole.steps);
    EXPECT_EQ(again.steps + stopAt - 1, straight.steps) << "no recorded step is trained twice";
  }
}

TEST(TuneHalving, AStateOfAnotherSearchOrADamagedOneIsRefused) {
  const auto dir = testing::freshTestDir("latentlens-tune");
  TuneParams params;
  params.halving = {9, 3, 9, 0};
  params.stateFile = dir / "state.json";
  TuneResult result = fakeShape(params);
  FakeRunner runner;
  runHalvingSearch(params, result, runner);

  TuneParams other = params;
  other.seed = 2;
  TuneResult shape = fakeShape(other);
  try {
    loadTuneState(params.stateFile, shape);
    FAIL() << "another seed's state was accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("seed: 2 here, 1 in the state"), std::string::npos) << error.what();
  }
  std::string text = readWholeFile(params.stateFile);
  text[text.find("\"steps\"") + 9] ^= 1;
  writeFileAtomically(params.stateFile, text);
  TuneResult again = fakeShape(params);
  EXPECT_THROW(loadTuneState(params.stateFile, again), InputError);
}

}  // namespace
}  // namespace ll
