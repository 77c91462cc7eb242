#pragma once
// How to train. The CLI's defaults are these defaults.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/data/setting_error.h"
#include "core/eval/pair_distance_correlation.h"
#include "core/eval/ranking_metrics.h"
#include "core/train/loss.h"
#include "core/train/optimizer.h"

namespace ll {

enum class Schedule {
  Constant,  ///< learning rate and batch size stay as given
  Adaptive,  ///< Latent Spaces 2021: when the validation loss rises, halve both; otherwise grow both by 1%
};

std::string_view scheduleName(Schedule schedule);
/// "constant" or "adaptive"; throws SettingError(Setting::Schedule) otherwise.
Schedule parseSchedule(std::string_view name);

/// The most threads a run accepts (a checkpoint or an option asking for more is refused).
constexpr int32_t kMaxThreads = 256;

struct TrainParams {
  int32_t epochs = 30;            ///< at most this many epochs; for bfm, Gibbs sweeps (samples) (default: 30)
  float learningRate = 0.005f;    ///< (default: 0.005)
  int32_t batchSize = 256;        ///< ratings per update; 1 is per-sample SGD (default: 256)
  OptimizerParams optimizer;      ///< kind and L2 (default: adam, λ = 0)
  Schedule schedule = Schedule::Constant;  ///< (default: constant)
  int32_t minBatchSize = 32;      ///< the adaptive schedule never cuts the batch below this (default: 32)
  int32_t patience = 3;           ///< stop after this many epochs without a better validation RMSE (validation loss in implicit mode); 0 = never (default: 3)
  int32_t threads = 0;            ///< threads for batches and evaluation, 0…kMaxThreads; 0 = all cores (default: 0)
  uint64_t seed = 1;              ///< shuffling of each epoch (default: 1)
  LossKind loss = LossKind::Squared;  ///< (default: squared error)
  bool pdcEachEpoch = true;       ///< compute PDC of the user embeddings on the test ratings every epoch (default: true)
  PdcParams pdc;                  ///< thresholds and distances of that PDC
  /// Rendle et al. 2020's implicit-feedback protocol: every training rating is a positive (target
  /// 1, its value ignored), each with `negatives` items the user did not rate in training (target
  /// 0), logistic loss; early stopping watches the validation loss (positives and fixed sampled
  /// negatives) instead of RMSE. Ranking metrics are computed every epoch (default: false)
  bool implicit = false;
  int32_t negatives = 4;          ///< m: sampled negatives per positive in implicit mode, redrawn every epoch (default: 4)
  /// HR@K/NDCG@K against sampled negatives and full-catalogue Recall@K/NDCG@K of the test items,
  /// every epoch in implicit mode or with the leave-last-out split (split name "last")
  RankingParams ranking;
  /// bfm: sweeps before predictions and posterior means start averaging (default: 20)
  int32_t burnIn = 20;
};

/// The optimizer settings in a few words, e.g. "adam lr 0.005 batch 256 l2 0.001 ≤30 epochs".
std::string describeOptimization(const TrainParams& params);

}  // namespace ll
