#pragma once
// A labelled vertical bar chart for a handful of bins (rating histograms): ImGui's
// PlotHistogram has no axis labels, and reading "how many 4-star ratings" needs them.

#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

namespace ll::gui::widgets {

struct BarChartStyle {
  float height = 140.0f;     ///< plot area height in pixels, labels excluded (default: 140)
  bool showValues = true;    ///< count above each bar when it fits (default: true)
  const char* countNoun = "ratings";  ///< what the counts count, in the hover text (default: "ratings")
  /// Longer bin names for the hover text ("4–7 ratings"), one per bin; null: the labels (default: null)
  const std::vector<std::string>* hoverLabels = nullptr;
};

/// Draws bars for counts with one label per bar underneath; hovering a bar shows its count and
/// share. Takes the full available width. labels.size() must equal counts.size().
void barChart(const char* id, const std::vector<std::string>& labels, const std::vector<int64_t>& counts,
              const BarChartStyle& style = {});

}  // namespace ll::gui::widgets
