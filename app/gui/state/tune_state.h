#pragma once
// The state behind the Training panel's Tune section, owned by the App: the budget form, the
// search running as a BackgroundJob (its progress report is the cancellation point), the live
// table the worker publishes as it goes, and applying a trial's settings to the Training form.
// The UI thread polls in refresh() once per frame and never waits for the worker.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/gui/state/training_settings.h"
#include "core/data/dataset.h"
#include "core/tune/tuner.h"
#include "core/util/background_job.h"

namespace ll::gui {

struct TuneForm {
  float budgetMinutes = 2.0f;  ///< wall time of the search (default: 2)
  int32_t trials = 0;          ///< configurations at most; 0 = no limit (default: 0)
};

class TuneState {
 public:
  TuneState();
  ~TuneState();
  TuneState(const TuneState&) = delete;
  TuneState& operator=(const TuneState&) = delete;

  TuneForm form;

  /// Tunes the Training form's model on data (its split, seed, patience, threads, item input and
  /// activation; learning rate, λ, z and batch are searched). An error shows in status().
  void run(std::shared_ptr<const Dataset> data, const TrainingSettings& settings);
  void cancel();
  bool running() const { return job_ != nullptr; }
  /// Once per frame: collects a finished search.
  void refresh();

  double progress() const;
  /// Seconds left, from the elapsed time and the fraction done; negative while unknown.
  double etaSeconds() const;
  std::string currentLabel() const;
  /// The newest table: the running search's (published at most five times a second) or the last
  /// finished one's; null before any.
  std::shared_ptr<const TuneResult> table() const;
  const std::string& status() const { return status_; }

  /// Writes trial `index` of the table into the form: its model, optimizer, learning rate, λ,
  /// batch, z and the search's longest run as the epoch limit. False when there is no such trial.
  bool useSettings(size_t index, TrainingSettings& settings) const;

 private:
  struct Live {
    mutable std::mutex mutex;
    std::shared_ptr<const TuneResult> table;
    std::string label;
    std::chrono::steady_clock::time_point published;
  };

  std::unique_ptr<BackgroundJob<TuneResult>> job_;
  std::shared_ptr<Live> live_ = std::make_shared<Live>();
  std::shared_ptr<const TuneResult> finished_;
  std::chrono::steady_clock::time_point started_;
  std::string status_;
};

}  // namespace ll::gui
