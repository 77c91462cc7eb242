#pragma once
// The Gibbs sampler of a Bayesian factorization machine (bayesian_fm.h): libFM's MCMC (Rendle 2012,
// "Factorization Machines with libFM", ACM TIST §4.3; Freudenthaler, Schmidt-Thieme & Rendle 2011),
// worked on the block design of bfm_design.h.
//
// Model: y = ŷ(x) + ε, ε ~ N(0, 1/α); w0 flat; w_j ~ N(μ_w[g], 1/λ_w[g]) and v_jf ~ N(μ_v[g,f],
// 1/λ_v[g,f]) for a column j of group g; hyperpriors (libFM's defaults) α ~ Gamma(α₀/2, β₀/2) and
// λ ~ Gamma(α₀/2, β₀/2), μ | λ ~ N(μ₀, 1/(γ₀λ)), with α₀ = β₀ = γ₀ = 1, μ₀ = 0. No learning rate,
// no regularisation constant: the hyperparameters are sampled too.
//
// One sweep (= one "epoch"): α; w0; the hyperparameters of w, then every w_j; those of v, then for
// each factor f every v_jf — each drawn from its Gaussian conditional given everything else. ŷ is
// linear in any single parameter θ, ŷ = g + θh, so with the residuals e = y − ŷ of the training
// ratings the conditional is N(m/p, 1/p), p = λ + α Σ h², m = λμ + α Σ h (e + θh). Per block
// entity (a user, a movie, a day) the sampler keeps what those sums need over the entity's ratings
// — count, Σ e, Σ e·c, Σ c, Σ c² with c the other blocks' sum for factor f — so a column costs
// O(entities it touches), not O(ratings), and a sweep O(k · (ratings + block entries)).
//
// Threads: the id group's parameters (one column per user, movie or day, touching that entity
// alone) are conditionally independent given the rest and are drawn in parallel; so are the
// per-entity sums and the per-rating residual updates. The other groups (implicit, features, user
// info, which couple many entities) are drawn in column order on the calling thread. Standard
// normals are drawn sequentially from a stream derived from (seed, sweep) before each parallel
// step, and every parallel step writes per-entity or per-rating values only: a run depends on
// its seed alone, not on the thread count.
//
// Never reads a rating outside `train`: the tracked predictions (test figures) are given as
// (user, item, day) only, without their values.

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/data/ratings.h"
#include "core/model/bayesian_fm.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"

namespace ll {

struct GibbsFmParams {
  int32_t burnIn = 20;     ///< sweeps before the posterior averages start (default: 20)
  int32_t samples = 200;   ///< sweeps the run plans, for thinning the kept draws evenly (default: 200)
  uint64_t seed = 1;       ///< the chain's random stream (default: 1)
  /// > 0: hold the noise precision α at this value instead of sampling it (default: 0, sampled)
  double fixedNoisePrecision = 0.0;
  /// > 0: hold every prior precision λ at this value and every prior mean μ at 0 instead of
  /// sampling them — with α fixed too, the posterior of a linear model is a known Gaussian, which
  /// is how the tests check the sampler (default: 0, sampled)
  double fixedPriorPrecision = 0.0;
};

class GibbsFmSampler {
 public:
  /// train: indices into ratings the sampler learns from (their values are read); model: built on
  /// the same training ratings, its initial factors v ~ N(0, initSd²) drawn from params.seed.
  GibbsFmSampler(const Ratings& ratings, std::span<const uint32_t> train, BayesianFm& model, const GibbsFmParams& params);

  /// Ratings whose predictions are averaged over the draws (the test share): users, items and
  /// days, same length; their values are never given.
  void trackPredictions(std::vector<int32_t> users, std::vector<int32_t> items, std::vector<int32_t> days);

  /// Called after each step of a sweep with (steps done, steps in the sweep); false cancels.
  using Progress = std::function<bool(int64_t done, int64_t total)>;

  struct SweepOutcome {
    double trainSse = 0.0;  ///< Σ (y − ŷ)² over the training ratings under the sweep's draw (unclipped)
    bool cancelled = false;
    bool finite = true;
  };

  /// One Gibbs sweep; then publishes into the model (its posterior means, embedding sds and kept
  /// draws). A cancelled sweep leaves the sampler unusable.
  SweepOutcome sweep(BayesianFm& model, ThreadPool& pool, const Progress& progress = {});

  int32_t sweeps() const { return sweeps_; }
  int32_t drawsAveraged() const { return std::max(0, sweeps_ - params_.burnIn); }
  int64_t steps() const { return 2 + k_; }
  double noisePrecision() const { return alpha_; }
  /// The current draw: w0, w (columns), and v_jf at f·columns + j.
  double globalBias() const { return w0_; }
  std::span<const double> weights() const { return w_; }
  std::span<const double> factors() const { return v_; }
  /// Per tracked rating: the mean of the (clipped, when the model clips) predictions over the draws
  /// after burn-in; during burn-in, the current draw's.
  const std::vector<double>& trackedMeans() const { return trackedMeans_; }

 private:
  struct Side {
    const BfmTable* table = nullptr;
    int32_t entities = 0;
    std::vector<int64_t> rowOffsets;  // the training rows of each entity (CSR)
    std::vector<int32_t> rows;
    std::vector<int32_t> entityOf;    // per training row
    std::vector<double> linear;       // L_e = Σ_j w_j x_j
    std::vector<double> sums;         // S: k × entities, factor-major
    // Per-entity sums of the current step.
    std::vector<double> count, a1, a2, res, res1, before, squaresBefore;
    std::vector<double> change;       // per pass: how the entity's within-block term moved; after a sweep: T_e
  };

  void recomputeState(ThreadPool& pool);
  void drawNoisePrecision(Random& random);
  void drawGlobalBias(Random& random);
  void drawWeightHyperparameters(Random& random);
  void drawFactorHyperparameters(Random& random);
  void linearPass(int32_t side, Random& random, ThreadPool& pool);
  void factorPass(int32_t side, int32_t f, Random& random, ThreadPool& pool);
  double factorSquares(int32_t side, int32_t entity, int32_t f) const;
  double otherSum(int32_t side, int32_t row, int32_t f) const;
  /// T_e = L_e + ½ Σ_f (S_ef² − Σ_j v_jf² x_j²) from the current sums.
  double entityTerm(int32_t side, int32_t entity) const;
  double predictRow(int32_t user, int32_t item, int32_t day, const std::array<const double*, kBfmSides>& terms) const;
  void publish(BayesianFm& model, ThreadPool& pool);
  /// [T_e, S_e] per entity of a side, as BayesianFm stores a draw.
  std::vector<float> drawTerms(int32_t side) const;

  GibbsFmParams params_;
  const BfmDesign& design_;
  int32_t k_ = 0;
  int32_t columns_ = 0;
  float minRating_ = 1.0f, maxRating_ = 5.0f;
  bool clip_ = true;

  // Training rows.
  std::vector<float> y_;
  std::vector<double> residual_;
  std::array<Side, kBfmSides> sides_;

  // The current draw.
  double w0_ = 0.0;
  std::vector<double> w_;  // columns
  std::vector<double> v_;  // k × columns, factor-major
  double alpha_ = 1.0;
  std::vector<double> muW_, lambdaW_;  // per group
  std::vector<double> muV_, lambdaV_;  // groups × k
  std::vector<double> normals_;        // drawn before each pass
  std::vector<int32_t> columnGroup_;   // per column

  // Posterior sums over the draws after burn-in.
  int32_t sweeps_ = 0;
  double sumW0_ = 0.0;
  std::vector<double> sumW_, sumV_;
  std::array<std::vector<double>, 2> sumS_, sumSquaresS_;  // users, movies: entities × k
  int32_t kept_ = 0;
  int32_t stride_ = 1;

  // Tracked predictions.
  std::vector<int32_t> trackedUsers_, trackedItems_, trackedDays_;
  std::vector<double> trackedSums_, trackedMeans_;
};

}  // namespace ll
