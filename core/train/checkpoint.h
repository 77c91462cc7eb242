#pragma once
// Checkpoints: a whole training run at an epoch boundary — model configuration and parameters,
// optimizer moments, schedule state, early-stopping state and history, and what data and split it
// was trained on — versioned, checksummed and written atomically. Resuming one continues exactly
// as the uninterrupted run would have.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/data/dataset.h"
#include "core/data/split.h"
#include "core/model/model.h"
#include "core/train/trainer.h"

namespace ll {

/// What a checkpoint says about its run, readable without the data set.
struct CheckpointInfo {
  std::string programVersion;
  ModelConfig model;
  TrainParams train;
  SplitSpec split;
  SplitParams splitParams;
  uint64_t dataChecksum = 0;
  std::string dataSource;
  int32_t users = 0;
  int32_t items = 0;
  int64_t ratings = 0;
  TrainingHistory history;
  std::string stopMessage;
};

/// Writes the trainer's run (call between epochs). Throws std::runtime_error when it cannot write.
void saveCheckpoint(const std::filesystem::path& path, const Trainer& trainer, const SplitSpec& split,
                    const SplitParams& splitParams);

/// The bytes saveCheckpoint writes, in the given format version: today's, or 3 or 4 as an older
/// LatentLens wrote them (without bfm's fields; a bfm run cannot be written so). Throws
/// std::invalid_argument otherwise. For tests of what older files do.
std::string encodeCheckpoint(const Trainer& trainer, const SplitSpec& split, const SplitParams& splitParams,
                             uint32_t formatVersion);

/// Reads the description. Throws InputError (file, expected, found) when the file is absent,
/// unreadable, of another kind or version, truncated or damaged; so do the functions below.
CheckpointInfo readCheckpointInfo(const std::filesystem::path& path);
/// The same from a checkpoint's bytes; file names it in errors.
CheckpointInfo decodeCheckpointInfo(std::string_view bytes, const std::string& file);

/// Rebuilds the trainer of a checkpoint on its data set, ready to run the next epoch.
/// Throws InputError when the data set is not the one it was trained on.
std::unique_ptr<Trainer> resumeTrainer(const std::filesystem::path& path, std::shared_ptr<const Dataset> data);
/// The same from a checkpoint's bytes; file names it in errors.
std::unique_ptr<Trainer> decodeCheckpoint(std::string_view bytes, const std::string& file,
                                          std::shared_ptr<const Dataset> data);

/// Just the trained model, for analyses (recommend, neighbours, clusters, …).
std::unique_ptr<Model> loadModel(const std::filesystem::path& path, std::shared_ptr<const Dataset> data);

}  // namespace ll
