#pragma once
// The model interface. A model owns its parameters as named blocks, predicts batches,
// and adds the gradients of a batch's loss into a Gradients buffer; the trainer owns the loss and
// the update. Batches are processed as matrices (Eigen), dispatched once per batch.
//
// Thread safety: predict() and forwardBackward() are const and use only local buffers, so several
// threads may run them at once on the same model, each with its own Gradients.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/model_config.h"
#include "core/model/parameters.h"

namespace ll {

/// Given a batch's predictions, writes ∂loss/∂prediction for each (same length).
using LossGradient = std::function<void(std::span<const float> predictions, std::span<float> dLoss)>;

class Model {
 public:
  virtual ~Model() = default;

  const ModelConfig& config() const { return config_; }
  Parameters& parameters() { return parameters_; }
  const Parameters& parameters() const { return parameters_; }
  /// The model's learned parameters (bfm counts its FM parameters, not the posterior draws it keeps).
  virtual int64_t parameterCount() const { return parameters_.scalarCount(); }
  const Dataset& data() const { return *data_; }
  int32_t userCount() const { return data_->ratings.userCount; }
  int32_t itemCount() const { return data_->ratings.itemCount; }

  /// Draws the initial parameters from config().seed.
  void initialise() { parameters_.initialise(config_.seed); }

  /// Raw predictions ŷ for the pairs (users[s], items[s]); out has the same length.
  virtual void predict(std::span<const int32_t> users, std::span<const int32_t> items, std::span<float> out) const = 0;
  /// Raw predictions for the data set's own ratings at these indices (out has the same length):
  /// the same as predict() for their (user, item) pairs, except for a model that also reads the
  /// rating's context (bfm reads its day).
  virtual void predictStored(std::span<const uint32_t> ratings, std::span<float> out) const;
  /// Predicts the batch, asks lossGradient for ∂loss/∂ŷ, and adds ∂(Σ loss)/∂θ into gradients.
  virtual void forwardBackward(std::span<const int32_t> users, std::span<const int32_t> items,
                               const LossGradient& lossGradient, Gradients& gradients) const = 0;

  /// Objective terms besides the prediction loss (an autoencoder's reconstruction losses, dha's tie
  /// λ2‖U − g(R, X)‖²), shared out over the training pairs so that, summed over every training
  /// rating, each term counts once. For the batch's (users[s], items[s]) training pairs: returns the
  /// terms' value and, when gradients is given, adds scale · their gradient into it (scale: the
  /// weight the trainer gives each pair's prediction loss). None by default.
  virtual double auxiliaryObjective(std::span<const int32_t> users, std::span<const int32_t> items, float scale,
                                    Gradients* gradients) const;
  /// For models trained by alternation (dha, asdae: the free factors U, V with the networks fixed,
  /// then the networks with U, V fixed — the NRP paper §1): the blocks each phase of an epoch trains,
  /// in order. Empty (the default): one phase training every block.
  virtual std::vector<std::vector<int32_t>> trainingPhases() const { return {}; }

  /// The dimension of this model's user embedding (e.g. [p_u; b_u] for mf).
  virtual int32_t userEmbeddingDim() const = 0;
  virtual void userEmbedding(int32_t user, std::span<float> out) const = 0;
  /// The movie embedding used for projections (q_i, W x_i + d, T x_i); dimension 0 when the model has none.
  virtual int32_t itemEmbeddingDim() const { return 0; }
  virtual void itemEmbeddings(std::span<const int32_t> items, std::span<float> out) const;

  /// Per-coordinate posterior sd of userEmbeddings() / itemEmbeddings(), the same shapes; empty
  /// for models that keep no posterior (all but bfm).
  virtual std::vector<float> userEmbeddingSds() const { return {}; }
  virtual std::vector<float> itemEmbeddingSds() const { return {}; }

  /// users × userEmbeddingDim(), row-major.
  std::vector<float> userEmbeddings() const;
  /// items × itemEmbeddingDim(), row-major (every item of the data set).
  std::vector<float> itemEmbeddings() const;

  /// A prediction clipped to the rating range when config().clipPredictions.
  float clip(float prediction) const;

 protected:
  Model(ModelConfig config, std::shared_ptr<const Dataset> data);

  ModelConfig config_;
  std::shared_ptr<const Dataset> data_;
  Parameters parameters_;
};

/// Builds (uninitialised) the model config describes for this data set; globalMean is the mean
/// training rating (in implicit mode the logit of the positive rate), the starting value of output
/// biases. trainingRatings (indices into data->ratings) are the ratings the model may read as
/// input — nrp and autorec encode a user's rating row and a movie's rating column from them, so they
/// must be the training split, never the test ratings; those models throw std::invalid_argument
/// without them.
/// Throws InputError when the model cannot run on the data (e.g. item input "features" on a data
/// set without features).
std::unique_ptr<Model> makeModel(const ModelConfig& config, std::shared_ptr<const Dataset> data, float globalMean,
                                 std::span<const uint32_t> trainingRatings = {});

}  // namespace ll
