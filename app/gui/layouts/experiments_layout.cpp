#include "app/gui/layouts/experiments_layout.h"

#include <cstdio>
#include <string>

#include "app/gui/panels/experiments_panel.h"
#include "app/gui/widgets/experiment_table.h"

namespace ll::gui {

ExperimentsLayout::ExperimentsLayout() {
  panels_.push_back(std::make_unique<ExperimentsPanel>(PanelPlacement{0.0f, 0.0f, 1.0f, 1.0f, 0.0f}));
}

void ExperimentsLayout::refresh(const FrameContext&) { state_.refresh(); }

void ExperimentsLayout::report() const {
  // Scripted runs say what the Experiments panel showed, for tests and for the record.
  if (state_.form.dotProduct) {
    const DotProductLearningResults* fig3 = state_.dotProduct.results();
    std::printf("latentlens: experiments: fig3, %zu points%s\n", fig3 != nullptr ? fig3->points.size() : size_t{0},
                state_.status().empty() ? "" : (" (" + state_.status() + ")").c_str());
    return;
  }
  const ExperimentResults* results = state_.results();
  std::string comparison;
  if (results != nullptr) {
    int32_t same = 0;
    for (const ResultRow& row : results->rows) {
      if (row.significance.best) comparison = "; best " + widgets::rowName(row) + " on " + results->comparedOn;
      if (row.significance.indistinguishableFromBest(results->significance.alpha)) ++same;
    }
    if (!comparison.empty()) comparison += ", " + std::to_string(same) + " rows not distinguishable from it";
  }
  std::printf("latentlens: experiments: %zu rows, %zu runs%s%s\n", results != nullptr ? results->rows.size() : size_t{0},
              results != nullptr ? results->outcomes.size() : size_t{0}, comparison.c_str(),
              state_.status().empty() ? "" : (" (" + state_.status() + ")").c_str());
}

}  // namespace ll::gui
