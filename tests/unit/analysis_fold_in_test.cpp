// Fold-in: exact recovery of a planted user vector, ridge shrinkage, and on the synthetic world the
// pseudo-inverse's MSE peak near n ≈ k (Latent Spaces 2021 Table 2), which a ridge removes.
#include <gtest/gtest.h>

#include <cmath>

#include "core/analysis/fold_in.h"
#include "core/experiment/fold_in_experiment.h"
#include "core/synth/synthetic_world.h"
#include "core/util/random.h"

namespace ll {
namespace {

// An mf-shaped form: direction_i = [q_i; 1], offset_i = μ + b_i.
UserAffineForm randomForm(int32_t items, int32_t k, uint64_t seed) {
  Random random(seed);
  UserAffineForm form;
  form.items = items;
  form.dim = k + 1;
  form.biasCoordinate = k;
  for (int32_t i = 0; i < items; ++i) {
    form.offset.push_back(static_cast<float>(3.5 + 0.3 * random.normal()));
    for (int32_t f = 0; f < k; ++f) form.direction.push_back(static_cast<float>(random.normal()));
    form.direction.push_back(1.0f);
  }
  return form;
}

TEST(AnalysisFoldIn, RecoversAPlantedUserFromNoiselessRatings) {
  const UserAffineForm form = randomForm(100, 5, 1);
  const std::vector<float> truth = {0.5f, -1.0f, 0.25f, 0.0f, 2.0f, -0.3f};
  std::vector<int32_t> items;
  std::vector<float> ratings;
  for (int32_t i = 0; i < 12; ++i) {
    items.push_back(i * 7);
    ratings.push_back(form.predict(truth, i * 7));
  }
  const auto u = foldInUser(form, items, ratings);
  for (size_t f = 0; f < truth.size(); ++f) EXPECT_NEAR(u[f], truth[f], 1e-4);

  // Under-determined: the minimum-norm solution still fits the known ratings exactly.
  const auto few = foldInUser(form, std::span(items).first(3), std::span(ratings).first(3));
  for (size_t s = 0; s < 3; ++s) EXPECT_NEAR(form.predict(few, items[s]), ratings[s], 1e-4);

  // A ridge shrinks the factors (not the bias) and no longer fits exactly.
  FoldInParams ridge;
  ridge.ridge = 100.0;
  const auto shrunk = foldInUser(form, items, ratings, ridge);
  double norm = 0.0, truthNorm = 0.0;
  for (size_t f = 0; f < 5; ++f) {
    norm += shrunk[f] * shrunk[f];
    truthNorm += truth[f] * truth[f];
  }
  EXPECT_LT(norm, 0.5 * truthNorm);
  EXPECT_TRUE(foldInUser(form, {}, {}) == std::vector<float>(6, 0.0f));
}

TEST(AnalysisFoldIn, ThePseudoInversePeaksNearTheDimensionAndARidgeRemovesThePeak) {
  const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=800,movies=600,ratings=60000")).dataset);
  FoldInSweepParams sweep;
  sweep.dimensions = {4, 16};
  sweep.train.epochs = 12;
  sweep.train.threads = 2;
  sweep.train.pdcEachEpoch = false;
  sweep.split.fraction = 0.15;
  sweep.experiment.knownCounts = {1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 17, 18, 20, 24, 28, 34, 40};
  const auto plain = foldInSweep(data, sweep);
  sweep.experiment.foldIn.ridge = 1.0;
  const auto ridged = foldInSweep(data, sweep);
  ASSERT_EQ(plain.size(), 2u);

  std::printf("[ info ] fold-in MSE (held-out users; columns: n, then k=4 plain/ridge, k=16 plain/ridge, item-mean baseline)\n");
  for (size_t p = 0; p < plain[0].points.size(); ++p) {
    std::printf("[ info ] n=%2d  k=4 %7.3f %6.3f   k=16 %8.3f %6.3f   baseline %.3f  (users %d)\n", plain[0].points[p].known,
                plain[0].points[p].mse, ridged[0].points[p].mse, plain[1].points[p].mse, ridged[1].points[p].mse,
                plain[1].points[p].baselineMse, plain[1].points[p].users);
  }
  const auto mseAt = [](const FoldInCurve& curve, int32_t n) {
    for (const auto& point : curve.points) {
      if (point.known == n) return point.mse;
    }
    return std::nan("");
  };
  // k = 16: the unknown is [p_u; b_u] (17 numbers), so the square system is at n = 17.
  const double peak = std::max(mseAt(plain[1], 16), std::max(mseAt(plain[1], 17), mseAt(plain[1], 18)));
  EXPECT_GT(peak, 2.0 * mseAt(plain[1], 8));
  EXPECT_GT(peak, 2.0 * mseAt(plain[1], 34));
  // k = 4: the peak sits at n ≈ 5.
  const double smallPeak = std::max(mseAt(plain[0], 4), std::max(mseAt(plain[0], 5), mseAt(plain[0], 6)));
  EXPECT_GT(smallPeak, 1.5 * mseAt(plain[0], 2));
  EXPECT_GT(smallPeak, 1.5 * mseAt(plain[0], 12));
  // With the ridge the curve has no peak: n ≈ k is no worse than half as many ratings.
  const double ridgePeak = std::max(mseAt(ridged[1], 16), std::max(mseAt(ridged[1], 17), mseAt(ridged[1], 18)));
  EXPECT_LT(ridgePeak, 1.1 * mseAt(ridged[1], 8));
  EXPECT_LT(ridgePeak, 0.5 * peak);
}

TEST(AnalysisFoldIn, TheExperimentStopsWhenCancelled) {
  const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=100,movies=80,ratings=3000")).dataset);
  FoldInSweepParams sweep;
  sweep.dimensions = {2, 4};
  sweep.train.epochs = 2;
  sweep.train.threads = 1;
  int calls = 0;
  const auto curves = foldInSweep(data, sweep, [&](double) { return ++calls < 2; });
  ASSERT_FALSE(curves.empty());
  EXPECT_TRUE(curves.back().cancelled);
  sweep.split = parseSplitSpec("random:0.2");
  EXPECT_ANY_THROW(foldInSweep(data, sweep));
}

}  // namespace
}  // namespace ll
