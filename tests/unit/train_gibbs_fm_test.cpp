// bfm's Gibbs sampler: its draws follow the posterior where the posterior is known in closed form,
// and a run depends on its seed alone, not on the thread count.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <string>

#include "core/data/split.h"
#include "core/model/bayesian_fm.h"
#include "core/synth/synthetic_world.h"
#include "core/train/gibbs_fm_sampler.h"
#include "core/train/trainer.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

std::vector<uint32_t> allRatings(const Dataset& d) {
  std::vector<uint32_t> all(d.ratings.size());
  for (uint32_t k = 0; k < all.size(); ++k) all[k] = k;
  return all;
}

// With one group alone each rating has one feature of it, so the FM's pairwise part vanishes
// (½(S² − Σ v²x²) = 0 for a single term): ŷ = w0 + w_j, a linear model. With α and the prior
// (μ = 0, λ) held fixed, its posterior is Gaussian — precision A = α XᵀX + diag(0, λ, …, λ) (w0's
// prior is flat), mean A⁻¹ α Xᵀy — and the sampler's draws of (w0, w) must have that mean and
// covariance. A conditional with a wrong precision or mean shows as a variance or mean off by far
// more than the Monte-Carlo tolerance. Checked on the movie block and on the day block.
void expectClosedFormPosterior(BfmGroup group) {
  constexpr int64_t day = 86400;
  const auto data = std::make_shared<const Dataset>(testing::makeTinyDataset({{"a", "1", 5, 1 * day},
                                                                              {"a", "2", 3, 2 * day},
                                                                              {"b", "1", 4, 1 * day},
                                                                              {"b", "3", 1, 4 * day},
                                                                              {"c", "2", 2, 2 * day},
                                                                              {"c", "3", 2, 3 * day},
                                                                              {"d", "1", 4, 4 * day}}));
  const ModelConfig config{.kind = ModelKind::BFM, .dim = 2, .bfmGroups = bfmGroupBit(group)};
  const std::vector<uint32_t> train = allRatings(*data);
  BayesianFm model(config, data, 3.0f, train);
  model.initialise();
  constexpr double alpha = 2.0, lambda = 1.5;
  GibbsFmSampler sampler(data->ratings, train, model,
                         GibbsFmParams{.burnIn = 0, .samples = 1, .seed = 11, .fixedNoisePrecision = alpha, .fixedPriorPrecision = lambda});
  ThreadPool pool(1);

  const int32_t columns = model.design().columns;  // the group's columns alone
  ASSERT_EQ(columns, group == BfmGroup::Day ? 4 : data->ratings.itemCount);
  const auto column = [&](uint32_t k) { return group == BfmGroup::Day ? model.design().dayOf(data->ratings, k) : data->ratings.item[k]; };
  const int32_t n = columns + 1;  // w0, then w per column
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
  for (uint32_t k : train) {
    Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
    x(0) = 1.0;
    x(1 + column(k)) = 1.0;
    a += alpha * x * x.transpose();
    b += alpha * data->ratings.value[k] * x;
  }
  for (int32_t j = 1; j < n; ++j) a(j, j) += lambda;
  const Eigen::MatrixXd covariance = a.inverse();
  const Eigen::VectorXd mean = covariance * b;

  for (int32_t s = 0; s < 200; ++s) sampler.sweep(model, pool);  // burn-in
  constexpr int32_t kDraws = 20000;
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(n);
  Eigen::MatrixXd squares = Eigen::MatrixXd::Zero(n, n);
  for (int32_t s = 0; s < kDraws; ++s) {
    sampler.sweep(model, pool);
    Eigen::VectorXd theta(n);
    theta(0) = sampler.globalBias();
    for (int32_t j = 0; j < columns; ++j) theta(1 + j) = sampler.weights()[static_cast<size_t>(j)];
    sum += theta;
    squares += theta * theta.transpose();
  }
  const Eigen::VectorXd empiricalMean = sum / kDraws;
  const Eigen::MatrixXd empiricalCovariance = squares / kDraws - empiricalMean * empiricalMean.transpose();
  const std::string name(bfmGroupName(group));
  for (int32_t j = 0; j < n; ++j) {
    const double sd = std::sqrt(covariance(j, j));
    // The chain's draws are correlated (w0 against the w_j): a tolerance of 0.05 sd ≈ 7 standard
    // errors at an effective sample size of ~2,000.
    EXPECT_NEAR(empiricalMean(j), mean(j), 0.05 * sd) << name << " parameter " << j;
    EXPECT_NEAR(empiricalCovariance(j, j), covariance(j, j), 0.08 * covariance(j, j)) << name << " parameter " << j;
  }
  // A covariance, too: w0 trades off against every w_j.
  EXPECT_NEAR(empiricalCovariance(0, 1), covariance(0, 1), 0.1 * std::fabs(covariance(0, 1))) << name;
}

TEST(GibbsFm, LinearPartMatchesTheClosedFormPosterior) {
  expectClosedFormPosterior(BfmGroup::Movie);
  expectClosedFormPosterior(BfmGroup::Day);
}

// The noise precision α is sampled from its conditional: on ratings drawn with a known noise sd
// around a model the FM can fit, its draws settle near 1/sd².
TEST(GibbsFm, NoisePrecisionSettlesAtTheNoiseLevel) {
  std::vector<testing::TinyRating> rows;
  Random random(3);
  constexpr double noiseSd = 0.5;
  for (int32_t u = 0; u < 40; ++u) {
    for (int32_t i = 0; i < 30; ++i) {
      const double value = 3.0 + 0.05 * (u % 7) - 0.04 * (i % 5) + noiseSd * random.normal();
      rows.push_back({std::to_string(u), std::to_string(i), static_cast<float>(value), 1000 + i});
    }
  }
  const auto data = std::make_shared<const Dataset>(testing::makeTinyDataset(rows));
  const ModelConfig config{.kind = ModelKind::BFM, .dim = 2, .clipPredictions = false,
                           .bfmGroups = bfmGroupBit(BfmGroup::User) | bfmGroupBit(BfmGroup::Movie)};
  const std::vector<uint32_t> train = allRatings(*data);
  BayesianFm model(config, data, 3.0f, train);
  model.initialise();
  GibbsFmSampler sampler(data->ratings, train, model, GibbsFmParams{.burnIn = 0, .samples = 1, .seed = 5});
  ThreadPool pool(2);
  double sum = 0.0;
  for (int32_t s = 0; s < 150; ++s) {
    sampler.sweep(model, pool);
    if (s >= 50) sum += sampler.noisePrecision();
  }
  EXPECT_NEAR(sum / 100.0, 1.0 / (noiseSd * noiseSd), 0.6);  // 4 ± 0.6: the FM takes up a little noise
}

TrainParams bfmParams(int32_t threads, uint64_t seed) {
  TrainParams p;
  p.epochs = 6;
  p.burnIn = 2;
  p.threads = threads;
  p.seed = seed;
  p.pdcEachEpoch = false;
  return p;
}

// Parallel steps write per-entity or per-rating values only and their normals are drawn in order
// beforehand: the same seed gives the same draws on 1, 2 or 3 threads, bit for bit.
TEST(GibbsFm, ARunDependsOnItsSeedAloneNotOnTheThreadCount) {
  const auto data = std::make_shared<const Dataset>(generateSyntheticWorld(parseSyntheticSpec("synthetic:ratings=4000")).dataset);
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  const ModelConfig config{.kind = ModelKind::BFM, .dim = 4};
  const auto run = [&](int32_t threads, uint64_t seed) {
    auto trainer = std::make_unique<Trainer>(data, split, config, bfmParams(threads, seed));
    while (trainer->runEpoch()) {
    }
    return trainer;
  };
  const auto one = run(1, 7);
  for (const int32_t threads : {2, 3}) {
    const auto other = run(threads, 7);
    const Parameters& a = one->model().parameters();
    const Parameters& b = other->model().parameters();
    for (int32_t k = 0; k < a.count(); ++k) EXPECT_EQ(a[k].value, b[k].value) << threads << " threads, block " << a[k].name;
    EXPECT_EQ(one->history().last()->test.rmse, other->history().last()->test.rmse);
  }
  const auto reseeded = run(2, 8);
  const Parameters& a = one->model().parameters();
  EXPECT_NE(a[a.find("factors")].value, reseeded->model().parameters()[a.find("factors")].value);
}

}  // namespace
}  // namespace ll
