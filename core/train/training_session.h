#pragma once
// A training run on its own worker thread. The worker owns the Trainer (and so the model); it
// publishes an immutable Snapshot after every epoch and on every state change, and progress
// atomics after every batch. Commands (pause, resume, step one epoch, stop) go the other way
// through atomics and a condition variable. Work that needs the trainer standing still (a
// checkpoint, a copy of the model for the analyses) is queued and run by the worker at its next
// safe point: between epochs, or while paused. No call here waits for a batch to finish except
// the destructor and wait().

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/data/split.h"
#include "core/train/refit.h"
#include "core/train/snapshot.h"
#include "core/train/trainer.h"

namespace ll {

class TrainingSession {
 public:
  /// Builds the trainer on the worker thread (a bad configuration ends in state Failed with the
  /// message) and starts running unless startPaused. With Refit::AfterSelection, a run that ends
  /// by early stopping or its epoch limit goes on to a refit on all training ratings (refit.h):
  /// until that finishes, checkpoints and model copies are of the selected model; a refit
  /// stopped part-way is dropped and the selected model kept.
  TrainingSession(std::shared_ptr<const Dataset> data, SplitSpec split, SplitParams splitParams, ModelConfig model,
                  TrainParams train, bool startPaused = false, Refit refit = Refit::Skip);
  /// Stops the run and joins the worker.
  ~TrainingSession();
  TrainingSession(const TrainingSession&) = delete;
  TrainingSession& operator=(const TrainingSession&) = delete;

  void pause();
  void resume();
  /// While paused: run to the end of an epoch (the current one if paused mid-epoch), then pause again.
  void step();
  /// Ends the run at the next batch; the trainer keeps its last complete epoch.
  void stop();
  /// Blocks until the run has ended.
  void wait();

  /// The newest snapshot (never null).
  std::shared_ptr<const Snapshot> snapshot() const;
  TrainingProgress progress() const;

  /// Saves a checkpoint at the next safe point, on the worker thread (after the run has ended: at
  /// once, on the calling thread). done(ok, error) is called on the thread that saved. Saved while
  /// paused mid-epoch, it holds the last completed epoch.
  void requestCheckpoint(std::filesystem::path path, std::function<void(bool, std::string)> done);
  /// Hands over an independent copy of the model at the last completed epoch, at the next safe
  /// point (after the run has ended: at once, on the calling thread). done(model, epochs, error)
  /// is called on the thread that copied; model is null when there is none (error says why).
  using ModelHandOver = std::function<void(std::shared_ptr<const Model>, size_t epochs, std::string error)>;
  void requestModel(ModelHandOver done);

 private:
  void run(std::shared_ptr<const Dataset> data, ModelConfig model, bool startPaused);
  /// The epoch loop of run(), once the trainer exists.
  void train(bool startPaused);
  /// Runs trainer_ until it ends or a stop; true when it ended by itself.
  bool runEpochs();
  /// After the selection: the refit, when asked for and it applies.
  void refitSelection();
  /// The trainer whose model checkpoints and copies take: the selection while a refit runs.
  const Trainer& settledTrainer() const;
  void publish(RunState state, const std::string& message);
  /// The batch progress callback: records progress, honours pause and stop.
  bool keepGoing(int64_t done, int64_t total);
  /// Blocks while paused (serving checkpoint requests); false when a stop was requested.
  bool waitUntilAllowedToRun();
  /// Queues work for the worker's next safe point, or runs it here when the worker has ended.
  void atSafePoint(std::function<void()> task);
  /// Runs the queued safe-point work (worker thread, trainer standing still).
  void serviceSafePoint();
  void saveNow(const std::filesystem::path& path, const std::function<void(bool, std::string)>& done);
  void copyModelNow(const ModelHandOver& done);
  /// After this, safe-point work runs on the calling thread.
  void markWorkerDone();

  SplitSpec splitSpec_;
  SplitParams splitParams_;
  TrainParams trainParams_;
  Refit refit_;
  std::unique_ptr<Trainer> trainer_;   // the run under way; touched only by the worker after construction
  std::unique_ptr<Trainer> selected_;  // the selection, while trainer_ is its refit
  bool refitDone_ = false;             // trainer_ is a finished refit: checkpoints rebuild its split
  std::string refitNote_;              // why a refit was dropped, for the run's message

  mutable std::mutex snapshotMutex_;
  std::shared_ptr<const Snapshot> snapshot_;
  uint64_t sequence_ = 0;

  std::mutex commandMutex_;
  std::condition_variable commandChanged_;
  bool paused_ = false;
  int32_t stepsAllowed_ = 0;
  bool runningStep_ = false;  // an epoch granted by step() is under way
  bool workerDone_ = false;   // the worker returned; trainer_ is no longer written
  std::vector<std::function<void()>> safePointTasks_;
  // Written under commandMutex_ (so a stop cannot fall between the worker's check and its wait),
  // read without it once per batch.
  std::atomic<bool> stopRequested_{false};
  std::atomic<int32_t> progressEpoch_{0};
  std::atomic<int64_t> progressDone_{0};
  std::atomic<int64_t> progressTotal_{0};
  std::atomic<double> ratingsPerSecond_{0.0};
  std::atomic<double> etaSeconds_{0.0};
  std::chrono::steady_clock::time_point epochStart_;  // worker only

  std::thread worker_;
};

}  // namespace ll
