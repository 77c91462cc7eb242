#include "app/gui/layouts/experiments_layout.h"

#include <cstdio>

#include "app/gui/panels/experiments_panel.h"

namespace ll::gui {

ExperimentsLayout::ExperimentsLayout() {
  panels_.push_back(std::make_unique<ExperimentsPanel>(PanelPlacement{0.0f, 0.0f, 1.0f, 1.0f, 0.0f}));
}

void ExperimentsLayout::refresh(const FrameContext&) { state_.refresh(); }

void ExperimentsLayout::report() const {
  // Scripted runs say what the Experiments panel showed, for tests and for the record.
  const ExperimentResults* results = state_.results();
  std::printf("latentlens: experiments: %zu rows, %zu runs%s\n", results != nullptr ? results->rows.size() : size_t{0},
              results != nullptr ? results->outcomes.size() : size_t{0},
              state_.status().empty() ? "" : (" (" + state_.status() + ")").c_str());
}

}  // namespace ll::gui
