#pragma once
// The Experiments results table: one row per (model, z) with mean ± sd over the folds, the z each
// model's validation score chose (*), and each row against the best row — the bootstrap interval
// over users of the compared metric, the corrected t-test's and the Wilcoxon test's p-values, the
// best row and the rows not distinguishable from it tinted, details in tooltips — with a legend
// line under it.

#include <imgui.h>

#include <string>

#include "core/experiment/experiment_results.h"

namespace ll::gui::widgets {

/// The colour of a model in the table and in the Experiments plots.
ImU32 modelColour(ModelKind kind);
/// "mf z=8", or "user-bias" for a model without z.
std::string rowName(const ResultRow& row);

/// Draws the table `height` pixels tall (it scrolls both ways, the model column frozen), then the
/// legend line when the rows were compared.
void experimentTable(const ExperimentResults& results, float height);

}  // namespace ll::gui::widgets
