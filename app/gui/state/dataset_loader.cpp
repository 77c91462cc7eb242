#include "app/gui/state/dataset_loader.h"

#include <algorithm>
#include <exception>

#include "core/data/input_error.h"

namespace ll::gui {
namespace {

/// Thrown from the progress callback to unwind a superseded load; never leaves the worker.
struct LoadCancelled {};

/// Ratings per user and per movie, counted from the rating vectors (the CSR index may be absent).
void countActivity(const Ratings& ratings, DatasetState& state) {
  std::vector<int64_t> perUser(static_cast<size_t>(std::max(ratings.userCount, 0)), 0);
  std::vector<int64_t> perItem(static_cast<size_t>(std::max(ratings.itemCount, 0)), 0);
  for (size_t k = 0; k < ratings.size(); ++k) {
    if (ratings.user[k] >= 0 && ratings.user[k] < ratings.userCount) ++perUser[static_cast<size_t>(ratings.user[k])];
    if (ratings.item[k] >= 0 && ratings.item[k] < ratings.itemCount) ++perItem[static_cast<size_t>(ratings.item[k])];
  }
  state.perUserActivity = activityHistogram(perUser);
  state.perItemActivity = activityHistogram(perItem);
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

DatasetLoader::DatasetLoader(Listener onFinished)
    : onFinished_(std::move(onFinished)), state_(std::make_shared<const DatasetState>()) {}

DatasetLoader::~DatasetLoader() {
  for (Worker& worker : workers_) worker.thread.request_stop();
  workers_.clear();  // jthread joins
}

void DatasetLoader::load(const std::string& spec, LoadOptions options) {
  joinFinishedWorkers();
  for (Worker& worker : workers_) worker.thread.request_stop();

  const uint64_t generation = generation_.fetch_add(1) + 1;
  {
    std::lock_guard lock(progressMutex_);
    fraction_ = -1.0;
    stage_.clear();
    started_ = std::chrono::steady_clock::now();
  }
  auto loading = std::make_shared<DatasetState>();
  loading->phase = DatasetState::Phase::Loading;
  loading->spec = spec;
  loading->filter = DatasetFilter{options.minUserRatings, options.minItemRatings};
  publish(generation, std::move(loading));

  Worker worker;
  worker.finished = std::make_shared<std::atomic<bool>>(false);
  worker.thread = std::jthread([this, generation, spec, options = std::move(options),
                                finished = worker.finished](std::stop_token stop) mutable {
    run(stop, generation, std::move(spec), std::move(options));
    finished->store(true, std::memory_order_release);
  });
  workers_.push_back(std::move(worker));
}

LoadProgress DatasetLoader::progress() const {
  std::lock_guard lock(progressMutex_);
  return LoadProgress{fraction_, stage_, secondsSince(started_)};
}

void DatasetLoader::run(std::stop_token stop, uint64_t generation, std::string spec, LoadOptions options) {
  const auto start = std::chrono::steady_clock::now();
  auto outer = std::move(options.progress);
  // The progress report doubles as the cancellation point: a superseded load unwinds here.
  options.progress = [this, stop, generation, outer](double fraction, const char* stage) {
    if (stop.stop_requested()) throw LoadCancelled{};
    {
      std::lock_guard lock(progressMutex_);
      if (generation_.load() == generation) {
        fraction_ = fraction;
        stage_ = stage != nullptr ? stage : "";
      }
    }
    if (outer) outer(fraction, stage);
  };

  auto result = std::make_shared<DatasetState>();
  result->spec = spec;
  result->filter = DatasetFilter{options.minUserRatings, options.minItemRatings};
  try {
    LoadedDataset loaded = loadDataset(spec, options);
    result->dataset = std::move(loaded.dataset);
    result->noiseFloorRmse = loaded.noiseFloorRmse;
    result->summary = summarizeDataset(*result->dataset);
    countActivity(result->dataset->ratings, *result);
    result->phase = DatasetState::Phase::Ready;
  } catch (const LoadCancelled&) {
    return;
  } catch (const InputError& error) {
    result->phase = DatasetState::Phase::Failed;
    result->error = error.what();
    result->inputProblem = InputProblem{error.file(), error.line(), error.expected(), error.found()};
  } catch (const std::exception& error) {
    // Not an input problem (out of memory, a bug): still shown, never fatal for the app.
    result->phase = DatasetState::Phase::Failed;
    result->error = std::string("unexpected error: ") + error.what();
  }
  if (stop.stop_requested()) return;
  result->seconds = secondsSince(start);
  publish(generation, result);
  if (onFinished_ && generation_.load() == generation) onFinished_(*result);
}

void DatasetLoader::publish(uint64_t generation, std::shared_ptr<const DatasetState> state) {
  std::lock_guard lock(publishMutex_);
  if (generation_.load() != generation) return;  // superseded while finishing
  state_.store(std::move(state), std::memory_order_release);
}

void DatasetLoader::joinFinishedWorkers() {
  std::erase_if(workers_, [](const Worker& worker) { return worker.finished->load(std::memory_order_acquire); });
}

}  // namespace ll::gui
