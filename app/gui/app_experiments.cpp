// The App's side of the Experiments layout: its one panel over the whole work area, polling the
// sweep each frame, and the demo's sweep: with --demo --view experiments a small Table I-shaped
// grid runs as soon as the data is in, so one scripted screenshot shows the table and figures.

#include <cstdio>

#include "app/gui/app.h"
#include "app/gui/panels/experiments_panel.h"

namespace ll::gui {

void App::setUpExperiments() {
  frame_.experiments = &experiments_;
  if (config_.layout == "experiments") layout_ = Layout::Experiments;
  experimentPanels_.push_back(std::make_unique<ExperimentsPanel>(PanelPlacement{0.0f, 0.0f, 1.0f, 1.0f, 0.0f}));
}

std::vector<std::unique_ptr<Panel>>& App::layoutPanels() {
  switch (layout_) {
    case Layout::Explore: return explorePanels_;
    case Layout::Experiments: return experimentPanels_;
    case Layout::Cockpit: break;
  }
  return panels_;
}

void App::refreshExperiments() {
  experiments_.refresh();
  if (!config_.demo || config_.layout != "experiments" || demoSweepStarted_) return;
  if (frame_.dataset->phase != DatasetState::Phase::Ready) return;
  demoSweepStarted_ = true;
  ExperimentForm& form = experiments_.form;
  form.models = {ModelKind::UserBias, ModelKind::Linear, ModelKind::MF, ModelKind::Add, ModelKind::Tensor};
  form.dims = "2,4,8,16";
  form.folds = "3";
  form.epochs = 12;
  experiments_.run(frame_.dataset->dataset);
}

bool App::demoSweepPending() const {
  if (!config_.demo || config_.layout != "experiments") return false;
  return !demoSweepStarted_ || experiments_.running();
}

void App::reportExperiments() const {
  // Scripted runs say what the Experiments panel showed, for tests and for the record.
  if (layout_ != Layout::Experiments) return;
  const ExperimentResults* results = experiments_.results();
  std::printf("latentlens: experiments: %zu rows, %zu runs%s\n", results != nullptr ? results->rows.size() : size_t{0},
              results != nullptr ? results->outcomes.size() : size_t{0},
              experiments_.status().empty() ? "" : (" (" + experiments_.status() + ")").c_str());
}

}  // namespace ll::gui
