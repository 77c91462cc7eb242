#pragma once
// bfm: a Bayesian factorization machine (Freudenthaler, Schmidt-Thieme & Rendle 2011, "Bayesian
// Factorization Machines"; the MCMC learner of libFM, Rendle 2012, "Factorization Machines with
// libFM", ACM TIST) over the feature groups of bfm_design.h, learned by the Gibbs sampler of
// core/train/gibbs_fm_sampler.h — this class only holds what the sampler publishes.
//
// For a rating (u, i, d), with the block sums S_e = Σ_{j∈x(e)} v_j x_j ∈ R^k and the within-block
// terms T_e = Σ_j w_j x_j + ½ Σ_f (S_ef² − Σ_j v_jf² x_j²) of each entity e ∈ {u, i, d}:
//   ŷ = w0 + T_u + T_i + T_d + S_u·S_i + S_u·S_d + S_i·S_d
// — the degree-2 FM over x = [x(u); x(i); x(d)], written by blocks.
//
// Prediction is the mean over kept posterior draws of each draw's prediction (each clipped to the
// rating range when clipPredictions), as libFM averages predictions rather than parameters (the
// FM is not linear in them). The sampler keeps up to maxDraws() evenly spaced draws after burn-in
// (thinned so that at most that many are held, however long the run); during burn-in the one
// draw held is the current one. A draw is stored as what prediction needs, (T_e, S_e) per user,
// movie and day plus w0: (users + movies + days) × (k + 1) floats. maxDraws() is 64, fewer when
// 64 draws would pass 256 MB (ML-100K at k = 32: about 2,840 entities × 33 × 4 B = 375 KB a draw,
// 24 MB for 64; those blocks go into checkpoints too). Fewer kept draws cost accuracy: with 30 of
// the 180 draws of a default run, test RMSE on the calibrated world's u1 was 0.0017 above the
// running mean over all 180. predictDistribution also gives the sd of the
// draws' predictions — the posterior sd of the predicted mean rating, without the noise 1/√α.
// Pairs without a date (predict(), recommendations) are predicted at the last training day.
//
// Embeddings (what every analysis reads): the posterior mean of the user's block sum S_u — the
// user-id factor plus the user-info factors plus |N(u)|^-½ Σ_{j∈N(u)} y_j, the user's effective
// vector in every interaction — and of the movie's S_i (movie-id factor + features' factors +
// raters' factors). S is linear in v, so its posterior mean is S of the posterior-mean factors.
// Their per-coordinate posterior sd over all draws after burn-in is kept beside them (0 during
// burn-in). parameterCount() counts the FM's parameters, 1 + columns × (k + 1), not the draws.

#include <cstdint>
#include <span>
#include <vector>

#include "core/model/bfm_design.h"
#include "core/model/model.h"

namespace ll {

class BayesianFm final : public Model {
 public:
  /// trainingRatings: indices into data->ratings the design reads (bfm_design.h).
  BayesianFm(const ModelConfig& config, std::shared_ptr<const Dataset> data, float globalMean,
             std::span<const uint32_t> trainingRatings);

  void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const override;
  void predictStored(std::span<const uint32_t> ratings, std::span<float> out) const override;
  /// The bfm is not trained by gradients: throws std::logic_error.
  void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items, const LossGradient& lossGradient,
                       Gradients& gradients) const override;

  int32_t userEmbeddingDim() const override { return config_.dim; }
  void userEmbedding(int32_t user, std::span<float> out) const override;
  int32_t itemEmbeddingDim() const override { return config_.dim; }
  void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const override;
  std::vector<float> userEmbeddingSds() const override;
  std::vector<float> itemEmbeddingSds() const override;
  int64_t parameterCount() const override;

  /// Mean and sd over the kept draws of the predictions for the data set's ratings at these
  /// indices (each at its own day); mean and sd have the same length as ratings.
  void predictDistribution(std::span<const uint32_t> ratings, std::span<float> mean, std::span<float> sd) const;
  /// The same for (user, item) pairs without a date (at the last training day, as predict()).
  void predictPairDistribution(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> mean,
                               std::span<float> sd) const;

  const BfmDesign& design() const { return design_; }
  int32_t maxDraws() const { return maxDraws_; }
  int32_t drawCount() const;

  // What the sampler publishes.
  /// Stores a draw in slot (< maxDraws()). terms: entities × (k + 1) per side, [T_e, S_e] rows.
  void storeDraw(int32_t slot, double w0, std::span<const float> userTerms, std::span<const float> movieTerms,
                 std::span<const float> dayTerms);
  /// Moves the draw in slot `from` to slot `to` (thinning).
  void moveDraw(int32_t from, int32_t to);
  void setDrawCount(int32_t count);
  /// Posterior means of w0, w (columns) and v (columns × k), and the embeddings' sd (entities × k).
  void setPosterior(double w0, std::span<const double> weights, std::span<const double> factors,
                    std::span<const float> userSd, std::span<const float> movieSd);

 private:
  float predictOne(int32_t user, int32_t item, int32_t day, float* sd) const;
  void blockSum(BfmSide side, int32_t entity, std::span<float> out) const;

  BfmDesign design_;
  int32_t maxDraws_ = 1;
  int32_t global_ = -1, weights_ = -1, factors_ = -1, userSd_ = -1, movieSd_ = -1, drawCount_ = -1, drawGlobal_ = -1;
  std::array<int32_t, kBfmSides> drawTerms_{};
};

}  // namespace ll
