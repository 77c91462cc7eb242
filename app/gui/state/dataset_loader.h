#pragma once
// Loads a data set on a worker thread and publishes the result as an immutable DatasetState.
// The UI thread reads latest() and progress() once per frame and never waits: a load in flight
// shows as Phase::Loading. Starting a new load supersedes the old one (its result is dropped;
// it is asked to stop at its next progress report).

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/gui/state/activity_histogram.h"
#include "core/data/dataset_summary.h"
#include "core/data/dataset.h"
#include "core/load/load.h"

namespace ll::gui {

/// The k-core filter a data set is opened with (LoadOptions' two fields, kept with the state so
/// Retry and the recent list repeat it).
struct DatasetFilter {
  int32_t minUserRatings = 0;  ///< (default: 0, off)
  int32_t minItemRatings = 0;  ///< (default: 0, off)
  bool active() const { return minUserRatings > 1 || minItemRatings > 1; }
};

/// InputError's parts, so the Data panel can show file, line, expected and found apart.
struct InputProblem {
  std::string file;
  int64_t line = 0;  ///< 1-based; 0: the file as a whole
  std::string expected;
  std::string found;
};

struct DatasetState {
  enum class Phase { Empty, Loading, Ready, Failed };
  Phase phase = Phase::Empty;
  std::string spec;                         ///< what was asked for (--data, or a folder opened)
  DatasetFilter filter;                     ///< the k-core filter asked for with it
  std::shared_ptr<const Dataset> dataset;   ///< set when Ready
  DatasetSummary summary;                   ///< filled when Ready
  std::optional<double> noiseFloorRmse;     ///< the synthetic world's best reachable RMSE, when Ready
  ActivityHistogram perUserActivity;        ///< users by ratings count, when Ready
  ActivityHistogram perItemActivity;        ///< movies by ratings count, when Ready
  std::string error;                        ///< when Failed: InputError::what(), as the core wrote it
  std::optional<InputProblem> inputProblem; ///< when Failed on bad input (not on other errors)
  double seconds = 0.0;                     ///< wall time of the load (and summary), when finished
};

struct LoadProgress {
  double fraction = -1.0;  ///< in [0, 1]; negative until the loader first reports
  std::string stage;       ///< short stage name from the loader, may be empty
  double elapsedSeconds = 0.0;
};

class DatasetLoader {
 public:
  /// Called on the worker thread right after a finished load is published (Ready or Failed).
  /// Use it to wake the UI (post to the main-thread queue, glfwPostEmptyEvent); keep it short.
  using Listener = std::function<void(const DatasetState&)>;

  explicit DatasetLoader(Listener onFinished);
  ~DatasetLoader();  // asks the current load to stop and joins every worker
  DatasetLoader(const DatasetLoader&) = delete;
  DatasetLoader& operator=(const DatasetLoader&) = delete;

  /// UI thread. Publishes Phase::Loading at once, then loads in the background.
  void load(const std::string& spec, LoadOptions options = {});

  /// Any thread; never null.
  std::shared_ptr<const DatasetState> latest() const { return state_.load(std::memory_order_acquire); }
  LoadProgress progress() const;

 private:
  struct Worker {
    std::jthread thread;
    std::shared_ptr<std::atomic<bool>> finished;
  };

  void run(std::stop_token stop, uint64_t generation, std::string spec, LoadOptions options);
  void publish(uint64_t generation, std::shared_ptr<const DatasetState> state);
  void joinFinishedWorkers();

  Listener onFinished_;
  std::atomic<std::shared_ptr<const DatasetState>> state_;
  std::atomic<uint64_t> generation_{0};

  mutable std::mutex progressMutex_;  // guards the three fields below
  double fraction_ = -1.0;
  std::string stage_;
  std::chrono::steady_clock::time_point started_;

  std::mutex publishMutex_;  // serialises publish() so a superseded load cannot overwrite a newer one
  std::vector<Worker> workers_;  // UI thread only; the last one is the current load
};

}  // namespace ll::gui
