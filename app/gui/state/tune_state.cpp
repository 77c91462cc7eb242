#include "app/gui/state/tune_state.h"

#include <cstdio>

#include "app/gui/state/setting_labels.h"

namespace ll::gui {
namespace {

constexpr double kPublishEverySeconds = 0.2;

}  // namespace

TuneState::TuneState() = default;
TuneState::~TuneState() = default;  // the job's destructor cancels and joins

void TuneState::run(std::shared_ptr<const Dataset> data, const TrainingSettings& settings) {
  if (running()) return;
  if (!data) {
    status_ = "Load a data set first.";
    return;
  }
  TuneParams params;
  try {
    params.model = settings.modelConfig();
    params.train = settings.trainParams();
    params.split = settings.splitSpec(*data);
    params.splitParams = settings.splitParams();
  } catch (const std::exception& error) {
    status_ = describeForPanel(error);
    return;
  }
  params.train.implicit = false;  // the Training form trains on ratings
  params.seed = settings.seed;
  params.budgetSeconds = std::max(0.05, static_cast<double>(form.budgetMinutes)) * 60.0;
  params.maxTrials = form.trials;
  status_.clear();
  started_ = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(live_->mutex);
    live_->table.reset();
    live_->label = "starting";
  }
  job_ = std::make_unique<BackgroundJob<TuneResult>>([data = std::move(data), params, live = live_](const JobProgress& progress) {
    return runTune(
        data, params,
        [&](const TuneProgress& p) {
          {
            std::lock_guard lock(live->mutex);
            live->label = p.label;
          }
          return progress(p.fraction);
        },
        [&](const TuneResult& result, const TuneUpdate&) {
          const auto now = std::chrono::steady_clock::now();
          std::lock_guard lock(live->mutex);
          if (live->table && std::chrono::duration<double>(now - live->published).count() < kPublishEverySeconds) return;
          live->table = std::make_shared<const TuneResult>(result);  // a copy: the worker goes on with its own
          live->published = now;
        });
  });
}

void TuneState::cancel() {
  if (job_) job_->cancel();
}

void TuneState::refresh() {
  if (!job_ || job_->state() == JobState::Running) return;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  char text[160];
  switch (job_->state()) {
    case JobState::Succeeded: {
      finished_ = job_->result();
      std::snprintf(text, sizeof text, "%zu configurations in %.0f s (%s).", finished_->trials.size(), seconds,
                    finished_->ended == "budget" ? "budget spent" : finished_->ended.c_str());
      status_ = text;
      break;
    }
    case JobState::Cancelled:
      std::snprintf(text, sizeof text, "Stopped after %.0f s; the table shows the configurations tried until then.", seconds);
      status_ = text;
      {
        std::lock_guard lock(live_->mutex);
        finished_ = live_->table;
      }
      break;
    case JobState::Failed: status_ = "Tuning failed: " + job_->error(); break;
    case JobState::Running: break;
  }
  job_.reset();
}

double TuneState::progress() const { return job_ ? job_->progress() : 0.0; }

double TuneState::etaSeconds() const {
  const double fraction = progress();
  if (!job_ || fraction < 0.01) return -1.0;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  return elapsed * (1.0 - fraction) / fraction;
}

std::string TuneState::currentLabel() const {
  std::lock_guard lock(live_->mutex);
  return live_->label;
}

std::shared_ptr<const TuneResult> TuneState::table() const {
  if (!job_) return finished_;
  std::lock_guard lock(live_->mutex);
  return live_->table;
}

bool TuneState::useSettings(size_t index, TrainingSettings& settings) const {
  const std::shared_ptr<const TuneResult> shown = table();
  if (!shown || index >= shown->trials.size()) return false;
  const TrialSettings& s = shown->trials[index].settings;
  settings.model = shown->model;  // directly: chooseModel would load the recommendation over what follows
  settings.optimizer = s.optimizer;
  settings.learningRate = s.learningRate;
  settings.l2 = s.l2;
  settings.batchSize = s.batchSize;
  if (s.dim > 0) settings.dim = s.dim;
  settings.epochs = shown->rungEpochs.back();
  return true;
}

}  // namespace ll::gui
