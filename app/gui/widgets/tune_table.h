#pragma once
// The table of a tune's configurations: trial, rung, epochs, learning rate, λ, batch, z,
// validation score, status. Sortable by any column (by score at first), the best row tinted
// and marked ◆, long tables clipped. Clicking a row selects it.

#include <cstdint>

#include "core/tune/tuner.h"

namespace ll::gui::widgets {

/// Draws the table in the space left (height 0: all of it). selectedTrial is the selected
/// trial's id (-1: none), updated on a click. Returns whether a row was double-clicked.
bool tuneTable(const TuneResult& result, int32_t& selectedTrial, float height = 0.0f);

}  // namespace ll::gui::widgets
