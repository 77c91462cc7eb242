#pragma once
// The App's handle on the current training run: starts a TrainingSession (which trains on its
// own worker thread), forwards pause/resume/step/stop, and once per frame loads the newest
// snapshot and progress. It never waits for the worker. When a run ends, refresh() hands back
// a RunRecord once, for the run library.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/state/run_curves.h"
#include "app/gui/state/run_library.h"
#include "app/gui/state/training_settings.h"
#include "core/data/dataset.h"
#include "core/train/training_session.h"

namespace ll::gui {

/// What the panels see of the current run, refreshed once per frame.
struct TrainingView {
  enum class Phase { Idle, Running, Paused, Ended };
  Phase phase = Phase::Idle;       ///< Idle: no run yet in this session of the app
  std::shared_ptr<const Snapshot> snapshot;  ///< null while Idle
  TrainingProgress progress;
  const RunCurves* curves = nullptr;  ///< the live run's curves (null while Idle)
  std::string name;                ///< "#4 tensor z=8 · both · adam"
  int colour = 0;                  ///< run palette index, the same the library will give it
  double elapsedSeconds = 0.0;
  bool stopRequested = false;      ///< Stop pressed; the worker ends at its next batch
  bool active() const { return phase == Phase::Running || phase == Phase::Paused; }
};

class TrainingController {
 public:
  TrainingController() = default;
  ~TrainingController();  // stops the run and joins its worker (at most one batch)
  TrainingController(const TrainingController&) = delete;
  TrainingController& operator=(const TrainingController&) = delete;

  /// UI thread. Starts a run on data with settings (no run may be active). The name and colour
  /// are those the run will keep in the library. Returns an empty string or why it cannot start
  /// (a split that does not parse); configuration errors the trainer finds end the run as Failed.
  std::string start(std::shared_ptr<const Dataset> data, const TrainingSettings& settings, std::string name,
                    int colour);
  void pause();
  void resume();
  void step();
  void stop();
  /// Saves a checkpoint at the worker's next safe point; done runs on the worker thread.
  /// Returns false when there is no active run to save from.
  bool requestCheckpoint(const std::filesystem::path& path, std::function<void(bool, std::string)> done);
  /// A copy of the model for the analyses (Explore), handed over in memory: made at the worker's
  /// next safe point while the run is active, at once on this thread after it ended. done runs
  /// on the thread that made it. Returns false when there is no run.
  bool requestModel(TrainingSession::ModelHandOver done);

  /// At exit: stops an active run, waits for its worker (at most a batch and an evaluation)
  /// and returns it like refresh() does, so a run cut short by quitting is still kept.
  std::optional<RunRecord> stopAndWait();

  /// UI thread, once per frame: loads the newest snapshot and progress. Returns the finished run
  /// once, the first time its end is seen (not for runs that failed before their first epoch).
  std::optional<RunRecord> refresh();
  const TrainingView& view() const { return view_; }

 private:
  RunRecord finishedRecord() const;

  std::unique_ptr<TrainingSession> session_;
  TrainingView view_;
  RunCurves curves_;
  uint64_t seenSequence_ = 0;
  bool endReported_ = false;
  TrainingSettings settings_;  // of the current run, as started
  std::string dataSource_;
  std::string split_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace ll::gui
