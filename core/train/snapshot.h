#pragma once
// What the worker thread publishes for the UI: an immutable picture of the run at a safe point
// (after an epoch, or when the run's state changes). Readers hold a shared_ptr<const Snapshot>
// and never wait for a batch.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/model/model_config.h"
#include "core/train/train_params.h"
#include "core/train/training_history.h"

namespace ll {

enum class RunState { Starting, Running, Paused, Finished, Failed };

struct Snapshot {
  uint64_t sequence = 0;  ///< increases with every publication
  RunState state = RunState::Starting;
  std::string message;    ///< why the run ended or failed; empty while it runs
  ModelConfig model;
  TrainParams train;
  int64_t parameterCount = 0;
  TrainingHistory history;                ///< every finished epoch of the run early stopping watched
  /// The refit after selection (refit.h): its planned length (0: none) and finished epochs, which
  /// record test figures only. Once it has finished, the embeddings are the refit model's.
  int32_t refitEpochs = 0;
  TrainingHistory refitHistory;
  bool refitted = false;  ///< the refit has finished: the model and embeddings are its
  std::vector<PdcPoint> pdc;              ///< PDC-vs-threshold of userEmbeddings
  // The embeddings, copied at the snapshot, each held on its own (never null): a reader that keeps
  // one side keeps only it — the replay keeps many epochs' movies, and with them it would otherwise
  // keep every epoch's users too (200k × 32 floats, 26 MB, on an ML-32M-sized world).
  using Vectors = std::shared_ptr<const std::vector<float>>;
  Vectors userEmbeddings = std::make_shared<const std::vector<float>>();  ///< users × userDim, row-major
  int32_t userDim = 0;
  /// items × itemDim, row-major (empty when the model has none)
  Vectors itemEmbeddings = std::make_shared<const std::vector<float>>();
  int32_t itemDim = 0;
};

/// Progress within the current epoch, published with relaxed atomics once per batch.
struct TrainingProgress {
  int32_t epoch = 0;           ///< the epoch being run (1-based)
  int64_t batchesDone = 0;
  int64_t batchesPerEpoch = 0;
  double ratingsPerSecond = 0.0;
  double etaSeconds = 0.0;     ///< to the end of the run at the epoch limit
};

}  // namespace ll
