#pragma once
// The split choice as a form: a combo of the --split forms and the numbers each one takes
// (official:K, ua, ub, kfold:K:I, random:F, users:F, last). It edits the --split text the App
// keeps (TrainingSettings::split), so the Training panel starts from whatever is chosen here.

#include <string>

#include "core/data/dataset_summary.h"

namespace ll::gui::widgets {

/// Draws the picker for a data set with this summary (kinds it cannot make are greyed, with the
/// reason on hover). Returns true when split changed. Text that does not parse (a
/// hand-edited settings file) is shown with its error and a button back to the default.
bool splitPicker(const char* id, std::string& split, const DatasetSummary& summary, float scale);

}  // namespace ll::gui::widgets
