#include "app/gui/state/experiment_state.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "app/gui/state/setting_labels.h"
#include "app/gui/state/training_settings.h"
#include "app/gui/widgets/home_path.h"
#include "core/io/atomic_file.h"
#include "core/experiment/dot_product_learning_files.h"
#include "core/experiment/experiment_files.h"
#include "core/experiment/experiment_presets.h"
#include "core/experiment/experiment_runner.h"

namespace ll::gui {

ExperimentState::ExperimentState() = default;
ExperimentState::~ExperimentState() = default;  // the job's destructor cancels and joins

void ExperimentState::applyPreset(const std::string& name) {
  form.dotProduct = name == kDotProductLearningPreset;
  if (form.dotProduct) {
    dotProduct.form = DotProductForm::preset();
    return;
  }
  const ExperimentPreset& preset = findExperimentPreset(name);
  form.models = preset.models;
  form.dims = gridDimsText(preset.dims, preset.modelDims);
  form.folds = preset.folds;
  form.feedback = preset.feedback;
  form.presetTraining = preset.training;
  form.refit = preset.refit;
}

void ExperimentState::run(std::shared_ptr<const Dataset> data) {
  if (running()) return;
  if (form.dotProduct) {
    try {
      dotProduct.run();
      status_.clear();
    } catch (const std::exception& error) {
      status_ = describeForPanel(error);
    }
    return;
  }
  if (!data) {
    status_ = "Load a data set first.";
    return;
  }
  ExperimentGrid grid;
  grid.models = form.models;
  grid.feedback = form.feedback;
  grid.folds = form.folds;
  grid.recommended = TrainFieldSet::all();
  grid.presetTraining = form.presetTraining;
  grid.refit = form.refit;
  if (form.epochs > 0) {
    grid.train.epochs = form.epochs;
    grid.recommended.epochs = false;
  }
  grid.train.threads = form.threads > 0 ? form.threads : TrainingSettings::defaultThreads();
  try {
    GridDims dims = parseGridDims(form.dims);
    grid.dims = std::move(dims.all);
    grid.modelDims = std::move(dims.perModel);
    cells_ = static_cast<int32_t>(expandGrid(grid, *data).size());  // form errors show now, not from the worker
  } catch (const std::exception& error) {
    status_ = describeForPanel(error);
    return;
  }
  status_.clear();
  started_ = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(label_->mutex);
    label_->text = "starting";
  }
  job_ = std::make_unique<BackgroundJob<ExperimentResults>>(
      [data = std::move(data), grid, label = label_](const JobProgress& progress) {
        return runExperiment(data, grid, [&](const ExperimentProgress& p) {
          {
            std::lock_guard lock(label->mutex);
            label->text = p.label;
          }
          return progress(p.fraction);
        });
      });
}

void ExperimentState::cancel() {
  if (job_) job_->cancel();
  dotProduct.cancel();
}

void ExperimentState::refresh() {
  dotProduct.refresh(status_);
  if (!job_ || job_->state() == JobState::Running) return;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.0f s", elapsedSeconds());
  switch (job_->state()) {
    case JobState::Succeeded:
      results_ = job_->result();
      origin_ = "sweep of " + std::to_string(cells_) + " runs in " + seconds;
      break;
    case JobState::Cancelled: status_ = std::string("Cancelled after ") + seconds + "; the results shown are unchanged."; break;
    case JobState::Failed: status_ = "The sweep failed: " + job_->error(); break;
    case JobState::Running: break;
  }
  job_.reset();
}

double ExperimentState::progress() const { return job_ ? job_->progress() : dotProduct.progress(); }

double ExperimentState::elapsedSeconds() const {
  if (dotProduct.running()) return dotProduct.elapsedSeconds();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

double ExperimentState::etaSeconds() const {
  if (dotProduct.running()) return dotProduct.etaSeconds();
  const double fraction = progress();
  if (!job_ || fraction < 0.01) return -1.0;
  return elapsedSeconds() * (1.0 - fraction) / fraction;
}

std::string ExperimentState::currentLabel() const {
  if (dotProduct.running()) return "fig3: MLPs learning a dot product";
  std::lock_guard lock(label_->mutex);
  return label_->text;
}

void ExperimentState::save() {
  if (form.dotProduct) {
    if (dotProduct.results() == nullptr) {
      status_ = "Nothing to save yet: run fig3 or load its results.json.";
      return;
    }
    try {
      const std::filesystem::path path = expandHome(filePath);
      if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
      writeFileAtomically(path, path.extension() == ".json" ? dotProductLearningJson(*dotProduct.results())
                                                            : dotProductLearningCsv(*dotProduct.results()));
      status_ = "Saved " + path.string();
    } catch (const std::exception& error) {
      status_ = error.what();
    }
    return;
  }
  if (!results_) {
    status_ = "Nothing to save yet: run a sweep or load results.";
    return;
  }
  try {
    const std::filesystem::path path = expandHome(filePath);
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    saveExperimentResults(*results_, path);
    status_ = "Saved " + path.string();
  } catch (const std::exception& error) {
    status_ = error.what();
  }
}

void ExperimentState::load() {
  try {
    const std::filesystem::path path = expandHome(filePath);
    if (path.extension() == ".json") {
      const std::string text = readWholeFile(path);
      if (isDotProductLearningJson(text)) {
        dotProduct.show(parseDotProductLearningJson(text, path.string()), "loaded " + path.filename().string());
        form.dotProduct = true;
        status_.clear();
        return;
      }
    }
    results_ = std::make_shared<const ExperimentResults>(loadExperimentResults(path));
    form.dotProduct = false;
    origin_ = "loaded " + path.filename().string();
    status_.clear();
  } catch (const std::exception& error) {
    status_ = error.what();
  }
}

}  // namespace ll::gui
