#pragma once
// Section headings and label/value rows shared by panels, so every panel reads the same way.

#include <imgui.h>

#include "app/gui/render/theme.h"

namespace ll::gui::widgets {

/// A heading in the heading font with a rule under it; adds space above unless it is first.
void sectionHeading(const Fonts& fonts, const char* text, bool first = false);

/// Starts a two-column label/value table; returns false when clipped (then skip rows and end).
bool beginPropertyTable(const char* id, float labelWidth);
/// One row: label in muted text, value formatted printf-style. Call between begin/end.
void propertyRow(const char* label, const char* valueFormat, ...) IM_FMTARGS(2);
void endPropertyTable();

}  // namespace ll::gui::widgets
