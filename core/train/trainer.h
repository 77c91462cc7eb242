#pragma once
// Trains one model on one split, an epoch at a time: shuffled batches (the shuffle of epoch e is
// derived from (seed, e), so a resumed run repeats exactly what an uninterrupted one would),
// data-parallel batch gradients over a thread pool, the optimizer step, then evaluation,
// schedule, early stopping and the divergence guard. Synchronous: TrainingSession runs it on a
// worker thread; the CLI calls it directly.
//
// Implicit mode (TrainParams::implicit, Rendle et al. 2020): each batch of training ratings becomes
// positives plus sampled negatives (implicit_feedback.h) under the logistic loss; the epoch's
// validation score is the logistic loss on fixed validation examples, and it is what early stopping
// and the adaptive schedule watch (RMSE of logits against star ratings would mean nothing). Test
// ranking metrics (HR@K, NDCG@K, full-catalogue Recall@K/NDCG@K) are recorded every epoch in
// implicit mode and whenever the split is leave-last-out.
//
// A model trained by alternation (Model::trainingPhases(), dha and asdae) runs one pass over the
// shuffled training ratings per phase in each epoch, each pass training only its phase's blocks;
// the epoch's progress counts the batches of all its phases. Models with objective terms besides
// the prediction loss (Model::auxiliaryObjective) add them batch by batch, with the same scale.
//
// mf under per-sample SGD (optimizer sgd, batch 1) takes the block-partitioned fast path of
// blocked_mf_sgd.h instead of shuffled batches: its progress counts rounds, not batches, μ stays at
// the training mean, and its results do not depend on the thread count at all.
//
// bfm is sampled, not trained (gibbs_fm_sampler.h): an epoch is one Gibbs sweep, its progress
// counts the sweep's steps, and there is no optimizer, learning rate or early stopping. The sampler
// learns from every training rating — the training and validation shares merged, as a refit does
// (refit.h): with nothing to stop, a validation share would only be data thrown away — so a bfm
// run has no validation figures. Each epoch records ½·MSE of the sweep's draw on the training
// ratings as its loss, and as test figures the RMSE/MAE of the running mean of the (clipped)
// predictions over the draws after burn-in (during burn-in, of the current draw). The sampler's
// chain is not checkpointed: a bfm checkpoint loads for analyses but cannot go on sampling.
//
// Determinism: for a given seed and thread count, runs are identical. Every mini-batch is cut into
// a shard per thread whether or not the shards run in parallel (see trainer.cpp), so different
// thread counts sum a batch's gradient in a different order and differ in float rounding.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/data/split.h"
#include "core/eval/ranking_evaluation.h"
#include "core/model/model.h"
#include "core/train/blocked_mf_sgd.h"
#include "core/train/gibbs_fm_sampler.h"
#include "core/train/implicit_feedback.h"
#include "core/train/optimizer.h"
#include "core/train/train_params.h"
#include "core/train/training_history.h"
#include "core/util/thread_pool.h"

namespace ll {

enum class StopReason { None, EpochLimit, EarlyStopping, Diverged, Cancelled };
std::string_view stopReasonName(StopReason reason);

class Trainer {
 public:
  /// Builds and initialises the model (throws InputError when it cannot run on this data).
  Trainer(std::shared_ptr<const Dataset> data, Split split, const ModelConfig& modelConfig, const TrainParams& params);
  ~Trainer();

  /// Called after every batch with (batches done, batches in the epoch); returning false cancels
  /// the run there (the progress report is the cancellation point).
  using BatchProgress = std::function<bool(int64_t done, int64_t total)>;

  /// Runs the next epoch. Returns false when the run has ended (see stopReason()).
  bool runEpoch(const BatchProgress& progress = {});
  /// Lets a run that ended at its epoch limit go on to `epochs` (from the parameters it kept).
  void extendTo(int32_t epochs);
  /// Ends the run: restores the best parameters when early stopping tracked them.
  void finish(StopReason reason);

  bool done() const { return stopReason_ != StopReason::None; }
  StopReason stopReason() const { return stopReason_; }
  /// A sentence on why the run ended (empty while it runs).
  const std::string& stopMessage() const { return stopMessage_; }

  const Model& model() const { return *model_; }
  Model& model() { return *model_; }
  const Split& split() const { return split_; }
  const std::shared_ptr<const Dataset>& dataset() const { return data_; }
  const TrainParams& params() const { return params_; }
  const TrainingHistory& history() const { return history_; }
  int32_t epochsDone() const { return static_cast<int32_t>(history_.epochs.size()); }
  /// Whether mini-batches run shared among the threads, as decided by timing the first batches
  /// (trainer.cpp). Results are the same either way: shards and their sum order are fixed.
  bool sharesBatches() const { return shareBatches_; }
  /// Fixes that choice instead of timing it (tests, benchmarks).
  void setBatchSharing(bool share) {
    shareBatches_ = share;
    batchSharingDecided_ = true;
  }
  float learningRate() const { return learningRate_; }
  int32_t batchSize() const { return batchSize_; }
  int64_t batchesPerEpoch() const;
  int32_t threads() const { return pool_.threads(); }

  /// Hands the model over (the trainer is unusable afterwards).
  std::unique_ptr<Model> releaseModel() { return std::move(model_); }
  /// An independent copy of the model at the last completed epoch (the current parameters
  /// between epochs), for analyses that run while training goes on. Call between batches.
  std::unique_ptr<Model> modelCopy() const;

  /// PDC of the current user embeddings on the test ratings.
  PdcResult testPdc() const;
  /// Ranking metrics of the test items under the current model (params().ranking); perUser, when
  /// given, receives each test user's share (ranking_evaluation.h).
  RankingMetrics testRanking(std::vector<UserRanking>* perUser = nullptr) const;
  /// Whether epochs record ranking metrics: implicit mode or the leave-last-out split.
  bool ranksItems() const;
  /// The value early stopping minimises: validation RMSE, or the validation loss in implicit mode.
  double stoppingValue(const EpochRecord& record) const;

 private:
  friend class CheckpointAccess;

  /// One epoch of shuffled batches; false when it diverged or was cancelled (the run has ended).
  bool runBatches(int32_t epoch, const BatchProgress& progress, double& lossSum);
  /// One epoch of the mf fast path; same contract.
  bool runBlockedSgd(int32_t epoch, const BatchProgress& progress, double& lossSum);
  /// One Gibbs sweep of bfm; same contract.
  bool runGibbsSweep(int32_t epoch, const BatchProgress& progress, double& lossSum);
  void stopDiverged(int32_t epoch, double lossSum);
  void applyBatch(std::span<const uint32_t> batch, int32_t epoch, int64_t batchIndex, double& lossSum);
  double implicitValidationLoss();
  EpochRecord evaluate(int32_t epoch, double trainLoss, double seconds);
  void adaptSchedule(const EpochRecord& record);
  void rememberBest();
  void restore(const std::vector<std::vector<float>>& values);
  std::vector<std::vector<float>> copyParameters() const;
  /// The same into kept storage: the copy of every epoch never sits beside the one it replaces.
  void copyParameters(std::vector<std::vector<float>>& into) const;

  std::shared_ptr<const Dataset> data_;
  Split split_;
  TrainParams params_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<Optimizer> optimizer_;
  mutable ThreadPool pool_;  // const evaluations (testRanking) run on it too; one caller thread at a time
  std::vector<Gradients> shardGradients_;
  std::unique_ptr<BlockedMfSgd> blockedSgd_;  // the mf fast path, when it applies
  std::unique_ptr<GibbsFmSampler> sampler_;   // bfm's sampler
  bool chainLost_ = false;                    // a bfm run restored from a checkpoint: its chain is gone
  ImplicitFeedback implicit_;  // built from the split in implicit mode: nothing to checkpoint
  Examples batchExamples_;     // reused buffer of the current batch's examples
  std::vector<int32_t> batchUsers_, batchItems_;  // the current batch's training pairs (for auxiliaryObjective)
  std::vector<double> timedBatchSeconds_;  // the first batches' times, run on the calling thread
  bool shareBatches_ = false;              // whether batches are worth handing to the pool's threads
  bool batchSharingDecided_ = false;

  float learningRate_;
  int32_t batchSize_;
  float initialOutput_ = 0.0f;  // what makeModel was given: a copy of the model is built the same way
  TrainingHistory history_;
  int32_t epochsSinceBest_ = 0;
  std::vector<std::vector<float>> bestParameters_;     // at history_.bestEpoch
  std::vector<std::vector<float>> lastGoodParameters_;  // at the end of the last epoch
  StopReason stopReason_ = StopReason::None;
  std::string stopMessage_;
  bool inEpoch_ = false;  // parameters are part-way through an epoch: checkpoints take lastGoodParameters_
};

}  // namespace ll
