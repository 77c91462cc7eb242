#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "core/data/setting_error.h"
#include "core/eval/ranking_evaluation.h"
#include "core/train/evaluation.h"
#include "core/train/refit.h"
#include "core/util/random.h"
#include "core/util/thread_budget.h"

namespace ll {
namespace {

// Every mini-batch is cut into one shard per thread, each with its own gradient buffer, summed in
// shard order — so results depend on the thread count, never on how the shards ran. They run on
// the pool when a batch is worth handing over (which costs tens of microseconds: batch 256 of mf
// ran 4× slower on two threads than on one), else one after another on the calling thread. The
// first kTimedBatches batches run on the calling thread and are timed; from then on batches share
// the pool if their median took longer than kShareAboveSeconds.
constexpr int32_t kTimedBatches = 8;
constexpr double kShareAboveSeconds = 200e-6;

int32_t resolveThreads(int32_t requested) {
  if (requested < 0 || requested > kMaxThreads) {
    throw SettingError(Setting::Threads, "0 (all cores) to " + std::to_string(kMaxThreads) + " threads", std::to_string(requested));
  }
  return requested > 0 ? requested : threadBudget();
}

float meanRating(const Ratings& ratings, std::span<const uint32_t> indices) {
  if (indices.empty()) return 0.0f;
  double sum = 0.0;
  for (uint32_t k : indices) sum += ratings.value[k];
  return static_cast<float>(sum / static_cast<double>(indices.size()));
}

}  // namespace

std::string_view stopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::None: return "running";
    case StopReason::EpochLimit: return "epoch limit";
    case StopReason::EarlyStopping: return "early stopping";
    case StopReason::Diverged: return "diverged";
    case StopReason::Cancelled: return "cancelled";
  }
  return "?";
}

Trainer::Trainer(std::shared_ptr<const Dataset> data, Split split, const ModelConfig& modelConfig, const TrainParams& params)
    : data_(std::move(data)),
      split_(std::move(split)),
      params_(params),
      pool_(resolveThreads(params.threads)),
      learningRate_(params.learningRate),
      batchSize_(std::max(params.batchSize, 1)) {
  if (modelConfig.kind == ModelKind::BFM) split_ = refitSplit(split_);
  if (split_.train.empty()) throw InputError(data_->source, 0, "training ratings", "an empty training split");
  if (params.burnIn < 0) throw SettingError(Setting::BurnIn, "0 or more sweeps", std::to_string(params.burnIn));
  if (!(params.learningRate > 0.0f)) throw SettingError(Setting::LearningRate, "a positive learning rate", std::to_string(params.learningRate));
  initialOutput_ = meanRating(data_->ratings, split_.train);
  if (params_.implicit) {
    if (params_.negatives < 1) throw SettingError(Setting::Negatives, "at least 1 negative per positive", std::to_string(params_.negatives));
    params_.loss = LossKind::Logistic;
    implicit_ = ImplicitFeedback(data_->ratings, split_, params_.negatives, params_.seed);
    initialOutput_ = ImplicitFeedback::baseLogit(params_.negatives);
  }
  model_ = makeModel(modelConfig, data_, initialOutput_, split_.train);
  model_->initialise();
  // bfm has no optimizer: one over no blocks keeps no moments (nor checkpoints any).
  optimizer_ = std::make_unique<Optimizer>(modelConfig.kind == ModelKind::BFM ? Parameters{} : model_->parameters(), params_.optimizer);
  if (modelConfig.kind == ModelKind::BFM) {
    if (params_.implicit) throw SettingError(Setting::Model, "a model of ratings (bfm has no implicit mode)", "bfm with implicit feedback");
    auto& fm = static_cast<BayesianFm&>(*model_);
    sampler_ = std::make_unique<GibbsFmSampler>(data_->ratings, split_.train, fm,
                                                GibbsFmParams{.burnIn = params_.burnIn, .samples = params_.epochs, .seed = params_.seed});
    const Ratings& r = data_->ratings;
    std::vector<int32_t> users, items, days;
    for (uint32_t k : split_.test) {
      users.push_back(r.user[k]);
      items.push_back(r.item[k]);
      days.push_back(fm.design().dayOf(r, k));
    }
    sampler_->trackPredictions(std::move(users), std::move(items), std::move(days));
  } else if (BlockedMfSgd::applies(*model_, params_)) {
    blockedSgd_ = std::make_unique<BlockedMfSgd>(data_->ratings, split_.train, *model_, params_.seed);
  } else {
    for (int32_t k = 0; k < pool_.threads(); ++k) shardGradients_.emplace_back(model_->parameters());
  }
  copyParameters(lastGoodParameters_);
}

Trainer::~Trainer() = default;

int64_t Trainer::batchesPerEpoch() const {
  if (sampler_) return sampler_->steps();
  if (blockedSgd_) return blockedSgd_->rounds();
  const auto phases = static_cast<int64_t>(std::max<size_t>(model_->trainingPhases().size(), 1));
  return phases * ((static_cast<int64_t>(split_.train.size()) + batchSize_ - 1) / batchSize_);
}

std::vector<std::vector<float>> Trainer::copyParameters() const {
  std::vector<std::vector<float>> copy;
  copyParameters(copy);
  return copy;
}

void Trainer::copyParameters(std::vector<std::vector<float>>& into) const {
  const Parameters& p = model_->parameters();
  into.resize(static_cast<size_t>(p.count()));
  for (int32_t b = 0; b < p.count(); ++b) into[static_cast<size_t>(b)].assign(p[b].value.begin(), p[b].value.end());
}

std::unique_ptr<Model> Trainer::modelCopy() const {
  std::unique_ptr<Model> copy = makeModel(model_->config(), data_, initialOutput_, split_.train);
  Parameters& target = copy->parameters();
  const Parameters& source = model_->parameters();
  for (int32_t b = 0; b < target.count(); ++b) {
    if (inEpoch_) {
      target[b].value.assign(lastGoodParameters_[b].begin(), lastGoodParameters_[b].end());
    } else {
      target[b].value = source[b].value;
    }
  }
  return copy;
}

void Trainer::restore(const std::vector<std::vector<float>>& values) {
  Parameters& p = model_->parameters();
  for (int32_t b = 0; b < p.count(); ++b) p[b].value.assign(values[b].begin(), values[b].end());
}

void Trainer::applyBatch(std::span<const uint32_t> batch, int32_t epoch, int64_t batchIndex, double& lossSum) {
  Examples& examples = batchExamples_;
  batchUsers_.clear();
  batchItems_.clear();
  for (uint32_t k : batch) {
    batchUsers_.push_back(data_->ratings.user[k]);
    batchItems_.push_back(data_->ratings.item[k]);
  }
  if (params_.implicit) {
    implicit_.expandBatch(batch, epoch, batchIndex, examples);
  } else {
    const Ratings& r = data_->ratings;
    examples.clear();
    for (uint32_t k : batch) examples.add(r.user[k], r.item[k], r.value[k]);
  }
  // The mean over positives (each with its negatives, NCF's training instance), not over all
  // examples: dividing by 1 + m as well would weaken the data against the L2 penalty m-fold.
  const float scale = 1.0f / static_cast<float>(batch.size());
  std::vector<double> shardLoss(shardGradients_.size(), 0.0);
  const auto shardWork = [&](int32_t shard, size_t begin, size_t end) {
    const std::span<const int32_t> users = std::span<const int32_t>(examples.users).subspan(begin, end - begin);
    const std::span<const int32_t> items = std::span<const int32_t>(examples.items).subspan(begin, end - begin);
    const std::span<const float> targets = std::span<const float>(examples.targets).subspan(begin, end - begin);
    double loss = 0.0;
    model_->forwardBackward(users, items,
                            [&](std::span<const float> predictions, std::span<float> dLoss) {
                              for (size_t s = 0; s < predictions.size(); ++s) loss += lossValue(params_.loss, predictions[s], targets[s]);
                              lossGradient(params_.loss, predictions, targets, scale, dLoss);
                            },
                            shardGradients_[shard]);
    // A model's other objective terms are shared out over the training pairs: in implicit mode the
    // batch's ratings, not its sampled negatives, cut into shards in the same proportions.
    const size_t pairs = batchUsers_.size();
    const size_t pairBegin = begin * pairs / examples.size(), pairEnd = end * pairs / examples.size();
    model_->auxiliaryObjective(std::span<const int32_t>(batchUsers_).subspan(pairBegin, pairEnd - pairBegin),
                               std::span<const int32_t>(batchItems_).subspan(pairBegin, pairEnd - pairBegin), scale,
                               &shardGradients_[shard]);
    shardLoss[shard] = loss;
  };
  if (shareBatches_) {
    pool_.parallelFor(examples.size(), shardWork);
  } else {
    const auto started = std::chrono::steady_clock::now();
    pool_.sequentialFor(examples.size(), shardWork);
    if (pool_.threads() > 1 && !batchSharingDecided_) {
      timedBatchSeconds_.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      if (timedBatchSeconds_.size() == kTimedBatches) {
        std::nth_element(timedBatchSeconds_.begin(), timedBatchSeconds_.begin() + kTimedBatches / 2, timedBatchSeconds_.end());
        setBatchSharing(timedBatchSeconds_[kTimedBatches / 2] > kShareAboveSeconds);
      }
    }
  }
  Gradients& total = shardGradients_[0];
  for (size_t k = 1; k < shardGradients_.size(); ++k) {
    total.add(shardGradients_[k]);
    shardGradients_[k].clear();
  }
  optimizer_->step(model_->parameters(), total, learningRate_);
  total.clear();
  const double batchLoss = std::accumulate(shardLoss.begin(), shardLoss.end(), 0.0);
  // In implicit mode the epoch's mean is per example (a positive or a negative): lossSum adds the
  // batch's mean once per positive, as the epoch divides by the number of positives.
  lossSum += params_.implicit ? batchLoss / static_cast<double>(examples.size()) * static_cast<double>(batch.size())
                              : batchLoss;
}

bool Trainer::runBatches(int32_t epoch, const BatchProgress& progress, double& lossSum) {
  std::vector<uint32_t> order = split_.train;
  Random random = Random::derived(params_.seed, 0x5EED0000u + static_cast<uint64_t>(epoch));
  random.shuffle(order.begin(), order.end());
  const std::vector<std::vector<int32_t>> phases = model_->trainingPhases();
  const int64_t phaseBatches = (static_cast<int64_t>(order.size()) + batchSize_ - 1) / batchSize_;
  const int64_t batches = batchesPerEpoch();
  Parameters& parameters = model_->parameters();
  std::vector<bool> trainedByModel;  // the model's own choice, restored after the phases
  for (int32_t k = 0; k < parameters.count(); ++k) trainedByModel.push_back(parameters[k].trained);
  const auto restoreTrained = [&] {
    for (int32_t k = 0; k < parameters.count(); ++k) parameters[k].trained = trainedByModel[static_cast<size_t>(k)];
  };
  double phaseLossSum = 0.0;
  for (size_t phase = 0; phase < std::max<size_t>(phases.size(), 1); ++phase) {
    if (!phases.empty()) {
      for (int32_t k = 0; k < parameters.count(); ++k) parameters[k].trained = false;
      for (int32_t k : phases[phase]) parameters[k].trained = trainedByModel[static_cast<size_t>(k)];
    }
    double loss = 0.0;
    for (int64_t b = 0; b < phaseBatches; ++b) {
      const size_t begin = static_cast<size_t>(b) * batchSize_;
      const size_t end = std::min(order.size(), begin + batchSize_);
      applyBatch(std::span<const uint32_t>(order).subspan(begin, end - begin), epoch, b, loss);
      if (!std::isfinite(loss)) {
        restoreTrained();
        stopDiverged(epoch, loss);
        return false;
      }
      const int64_t done = static_cast<int64_t>(phase) * phaseBatches + b + 1;
      if (progress && !progress(done, batches)) {
        restoreTrained();
        restore(lastGoodParameters_);  // an epoch half done is no state to keep
        finish(StopReason::Cancelled);
        return false;
      }
    }
    phaseLossSum += loss;
  }
  restoreTrained();
  // The epoch's training loss: the mean over its phases (each a pass over the training ratings).
  lossSum = phaseLossSum / static_cast<double>(std::max<size_t>(phases.size(), 1));
  return true;
}

bool Trainer::runBlockedSgd(int32_t epoch, const BatchProgress& progress, double& lossSum) {
  const BlockedMfSgd::EpochOutcome outcome =
      blockedSgd_->runEpoch(*model_, epoch, learningRate_, params_.optimizer.l2, pool_, progress);
  lossSum = outcome.lossSum;
  if (!outcome.finite) {
    stopDiverged(epoch, lossSum);
    return false;
  }
  if (outcome.cancelled) {
    restore(lastGoodParameters_);
    finish(StopReason::Cancelled);
    return false;
  }
  return true;
}

bool Trainer::runGibbsSweep(int32_t epoch, const BatchProgress& progress, double& lossSum) {
  if (chainLost_) {
    stopReason_ = StopReason::Cancelled;
    stopMessage_ = "a bfm run cannot go on from a checkpoint (its Gibbs chain is not saved); train it again with more samples";
    return false;
  }
  const GibbsFmSampler::SweepOutcome outcome = sampler_->sweep(static_cast<BayesianFm&>(*model_), pool_, progress);
  lossSum = 0.5 * outcome.trainSse;
  if (outcome.cancelled) {
    restore(lastGoodParameters_);
    finish(StopReason::Cancelled);
    chainLost_ = true;  // the sweep stopped half way
    return false;
  }
  if (!outcome.finite) {
    stopDiverged(epoch, lossSum);
    return false;
  }
  return true;
}

void Trainer::stopDiverged(int32_t epoch, double lossSum) {
  restore(lastGoodParameters_);
  stopReason_ = StopReason::Diverged;
  stopMessage_ = "diverged in epoch " + std::to_string(epoch) + " (the loss became " +
                 (std::isnan(lossSum) ? "NaN" : "infinite") + "); kept the parameters of epoch " +
                 std::to_string(epoch - 1) + "; try a lower learning rate";
}

bool Trainer::runEpoch(const BatchProgress& progress) {
  if (done()) return false;
  struct EpochFlag {
    bool& flag;
    explicit EpochFlag(bool& f) : flag(f) { flag = true; }
    ~EpochFlag() { flag = false; }
  } inEpoch(inEpoch_);
  const int32_t epoch = epochsDone() + 1;
  const auto start = std::chrono::steady_clock::now();
  double lossSum = 0.0;
  const bool ran = sampler_       ? runGibbsSweep(epoch, progress, lossSum)
                   : blockedSgd_ ? runBlockedSgd(epoch, progress, lossSum)
                                 : runBatches(epoch, progress, lossSum);
  if (!ran) return false;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EpochRecord record = evaluate(epoch, lossSum / static_cast<double>(split_.train.size()), seconds);
  if (!model_->parameters().allFinite()) {
    restore(lastGoodParameters_);
    stopReason_ = StopReason::Diverged;
    stopMessage_ = "diverged in epoch " + std::to_string(epoch) + " (a parameter became NaN or infinite); kept epoch " +
                   std::to_string(epoch - 1);
    return false;
  }
  history_.epochs.push_back(record);
  copyParameters(lastGoodParameters_);

  if (!split_.validation.empty()) {
    const EpochRecord* best = history_.best();
    if (!best || stoppingValue(record) < stoppingValue(*best)) {
      history_.bestEpoch = epoch;
      rememberBest();
      epochsSinceBest_ = 0;
    } else {
      ++epochsSinceBest_;
    }
  }
  adaptSchedule(record);
  if (params_.patience > 0 && !split_.validation.empty() && epochsSinceBest_ >= params_.patience) {
    finish(StopReason::EarlyStopping);
    return false;
  }
  if (epoch >= params_.epochs) {
    finish(StopReason::EpochLimit);
    return false;
  }
  return true;
}

EpochRecord Trainer::evaluate(int32_t epoch, double trainLoss, double seconds) {
  EpochRecord record;
  record.epoch = epoch;
  record.trainLoss = trainLoss;
  record.learningRate = learningRate_;
  record.batchSize = batchSize_;
  record.seconds = seconds;
  record.ratingsPerSecond = seconds > 0 ? static_cast<double>(split_.train.size()) / seconds : 0.0;
  if (params_.implicit) {
    record.validationLoss = implicitValidationLoss();
  } else if (sampler_) {
    const std::vector<double>& means = sampler_->trackedMeans();
    std::vector<float> predictions(means.begin(), means.end()), truth;
    for (uint32_t k : split_.test) truth.push_back(data_->ratings.value[k]);
    record.test = ratingErrors(predictions, truth);
  } else {
    record.validation = evaluateRatings(*model_, split_.validation, &pool_);
    record.test = evaluateRatings(*model_, split_.test, &pool_);
    record.validationLoss = 0.5 * record.validation.rmse * record.validation.rmse;
  }
  if (ranksItems() && !split_.test.empty()) record.ranking = testRanking();
  if (params_.pdcEachEpoch && !split_.test.empty()) record.pdc = testPdc().points;
  return record;
}

double Trainer::implicitValidationLoss() {
  const Examples& v = implicit_.validation();
  if (v.size() == 0) return 0.0;
  std::vector<float> scores(v.size());
  std::vector<double> shardLoss(static_cast<size_t>(pool_.threads()), 0.0);
  pool_.parallelFor(v.size(), [&](int32_t shard, size_t begin, size_t end) {
    const size_t n = end - begin;
    model_->predict(std::span<const int32_t>(v.users).subspan(begin, n), std::span<const int32_t>(v.items).subspan(begin, n),
                    std::span<float>(scores).subspan(begin, n));
    for (size_t k = begin; k < end; ++k) shardLoss[shard] += lossValue(LossKind::Logistic, scores[k], v.targets[k]);
  });
  return std::accumulate(shardLoss.begin(), shardLoss.end(), 0.0) / static_cast<double>(v.size());
}

PdcResult Trainer::testPdc() const {
  return pairDistanceCorrelation(data_->ratings, split_.test, model_->userEmbeddings(), model_->userEmbeddingDim(), params_.pdc, &pool_);
}

RankingMetrics Trainer::testRanking(std::vector<UserRanking>* perUser) const {
  return evaluateRanking(*model_, split_.test, params_.ranking, &pool_, perUser);
}

bool Trainer::ranksItems() const { return params_.implicit || split_.name == "last"; }

double Trainer::stoppingValue(const EpochRecord& record) const {
  return params_.implicit ? record.validationLoss : record.validation.rmse;
}

void Trainer::adaptSchedule(const EpochRecord& record) {
  if (params_.schedule != Schedule::Adaptive || history_.epochs.size() < 2) return;
  const EpochRecord& previous = history_.epochs[history_.epochs.size() - 2];
  if (stoppingValue(record) > stoppingValue(previous)) {
    learningRate_ *= 0.5f;
    batchSize_ = std::max(params_.minBatchSize, batchSize_ / 2);
  } else {
    learningRate_ *= 1.01f;
    batchSize_ = static_cast<int32_t>(std::ceil(batchSize_ * 1.01));
  }
}

void Trainer::rememberBest() { copyParameters(bestParameters_); }

void Trainer::extendTo(int32_t epochs) {
  if (epochs <= params_.epochs) return;
  params_.epochs = epochs;
  if (stopReason_ == StopReason::EpochLimit) {
    stopReason_ = StopReason::None;
    stopMessage_.clear();
  }
}

void Trainer::finish(StopReason reason) {
  if (done()) return;
  stopReason_ = reason;
  const bool restoreBest = !bestParameters_.empty() && history_.bestEpoch != epochsDone();
  if (restoreBest) restore(bestParameters_);
  switch (reason) {
    case StopReason::EarlyStopping:
      stopMessage_ = std::string("early stopping: validation ") + (params_.implicit ? "loss" : "RMSE") +
                     " did not improve for " + std::to_string(params_.patience) +
                     " epochs; kept epoch " + std::to_string(history_.bestEpoch);
      break;
    case StopReason::EpochLimit:
      stopMessage_ = "reached " + std::to_string(params_.epochs) + " epochs";
      if (restoreBest) stopMessage_ += "; kept the best epoch " + std::to_string(history_.bestEpoch);
      break;
    case StopReason::Cancelled:
      stopMessage_ = "stopped by request after " + std::to_string(epochsDone()) + " epochs";
      if (restoreBest) stopMessage_ += "; kept the best epoch " + std::to_string(history_.bestEpoch);
      break;
    default: break;
  }
}

}  // namespace ll
