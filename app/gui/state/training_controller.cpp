#include "app/gui/state/training_controller.h"

#include "app/gui/state/local_time.h"

namespace ll::gui {

TrainingController::~TrainingController() = default;

std::string TrainingController::start(std::shared_ptr<const Dataset> data, const TrainingSettings& settings,
                                      std::string name, int colour) {
  if (view_.active()) return "a run is already under way: stop it first";
  if (!data) return "no data set is loaded";
  SplitSpec split;
  try {
    split = settings.splitSpec(*data);
  } catch (const std::exception& error) {
    return error.what();
  }
  // The previous session's worker has ended (its run was reported), so this join is immediate.
  session_.reset();
  settings_ = settings;
  dataSource_ = data->source;
  split_ = split.text();
  session_ = std::make_unique<TrainingSession>(std::move(data), split, settings.splitParams(), settings.modelConfig(),
                                               settings.trainParams(), /*startPaused=*/false,
                                               settings.refit ? Refit::AfterSelection : Refit::Skip);
  started_ = std::chrono::steady_clock::now();
  seenSequence_ = 0;
  endReported_ = false;
  curves_ = RunCurves();
  view_ = TrainingView();
  view_.phase = TrainingView::Phase::Running;
  view_.name = std::move(name);
  view_.colour = colour;
  view_.curves = &curves_;
  view_.snapshot = session_->snapshot();
  return {};
}

void TrainingController::pause() {
  if (view_.active()) session_->pause();
}

void TrainingController::resume() {
  if (view_.active()) session_->resume();
}

void TrainingController::step() {
  if (view_.active()) session_->step();
}

void TrainingController::stop() {
  if (!view_.active()) return;
  session_->stop();
  view_.stopRequested = true;
}

bool TrainingController::requestCheckpoint(const std::filesystem::path& path,
                                           std::function<void(bool, std::string)> done) {
  // After the end the worker has returned and would never serve the request.
  if (!view_.active() || view_.stopRequested) return false;
  session_->requestCheckpoint(path, std::move(done));
  return true;
}

bool TrainingController::requestModel(TrainingSession::ModelHandOver done) {
  if (!session_) return false;
  session_->requestModel(std::move(done));
  return true;
}

std::optional<RunRecord> TrainingController::stopAndWait() {
  if (!view_.active()) return std::nullopt;
  stop();
  session_->wait();
  return refresh();
}

std::optional<RunRecord> TrainingController::refresh() {
  if (!session_) return std::nullopt;
  view_.snapshot = session_->snapshot();
  view_.progress = session_->progress();
  const Snapshot& s = *view_.snapshot;
  if (s.sequence != seenSequence_) {
    seenSequence_ = s.sequence;
    curves_ = buildRunCurves(s.history, false);
  }
  switch (s.state) {
    case RunState::Starting:
    case RunState::Running: view_.phase = TrainingView::Phase::Running; break;
    case RunState::Paused: view_.phase = TrainingView::Phase::Paused; break;
    case RunState::Finished:
    case RunState::Failed: view_.phase = TrainingView::Phase::Ended; break;
  }
  if (view_.phase != TrainingView::Phase::Ended) {
    view_.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    return std::nullopt;
  }
  if (endReported_) return std::nullopt;
  endReported_ = true;
  if (s.history.epochs.empty()) return std::nullopt;  // nothing to compare: a bad configuration
  return finishedRecord();
}

RunRecord TrainingController::finishedRecord() const {
  const Snapshot& s = *view_.snapshot;
  RunRecord run;
  run.name = view_.name;
  run.created = localTimeNow();
  run.outcome = s.state == RunState::Failed ? "failed" : view_.stopRequested ? "stopped" : "finished";
  run.message = s.message;
  run.dataSource = dataSource_;
  run.split = split_;
  run.settings = settings_;
  run.parameterCount = s.parameterCount;
  run.history = s.history;
  run.refitHistory = s.refitHistory;
  run.colour = view_.colour;
  return run;
}

}  // namespace ll::gui
