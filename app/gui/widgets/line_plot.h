#pragma once
// Our line plot, drawn on ImGui's draw list (ImPlot is not packaged for Debian): several series
// read in place from the caller's arrays, "nice" ticks, a legend above the plot area (click an
// entry to hide its series), a hover read-out of the nearest point of every series under a
// vertical guide, auto-fit, optional log-y and bias-corrected smoothing, a marker at a given x,
// and export of the series to CSV or of the widget's pixels to PNG.
//
// A LinePlot object holds the view state of one plot (hidden series, toggles, export path); the
// panel that owns it calls draw() once per frame. The pure arithmetic is in plot_math.h.

#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

namespace ll::gui::widgets {

enum class LineStyle { Solid, Dashed };
enum class AxisScale { Linear, Log2 };

struct PlotSeries {
  std::string label;          ///< the series' name in the read-out and the CSV
  std::string legend;         ///< legend entry; series with the same entry share it and hide together
                              ///< (e.g. one entry per run); empty: the label
  std::span<const double> x;  ///< read in place, never copied; same length as y
  std::span<const double> y;  ///< NaN or ±inf: a gap in the line
  ImU32 colour = 0;
  LineStyle style = LineStyle::Solid;
  bool markers = false;       ///< a dot per point (short curves such as PDC-vs-threshold)
  std::string tooltip;        ///< shown when hovering the series' legend entry
};

struct PlotOptions {
  float height = 200.0f;          ///< plot area height in pixels, legend and ticks excluded (default: 200)
  std::string xLabel = "x";       ///< axis name, at the end of the x axis and in the read-out (default: x)
  std::string yLabel = "y";       ///< column name in the CSV export (default: y)
  AxisScale xScale = AxisScale::Linear;  ///< Log2 puts 1, 2, 4, 8, 16 at equal steps (default: linear)
  bool xInteger = false;          ///< no fractional x ticks: epochs (default: false)
  std::optional<double> markerX;  ///< a vertical marker, e.g. the best epoch (default: none)
  std::string markerLabel;        ///< text at the marker's top (default: none)
  std::string exportPath;         ///< default export path without extension (default: ~/latentlens-plot)
  /// What the line styles mean when legend entries are grouped, e.g. {Solid, "train"},
  /// {Dashed, "validation"}: drawn muted after the entries (default: none).
  std::vector<std::pair<LineStyle, std::string>> styleKey;
};

/// A request to save the screen rectangle [min, max) of the frame being built as a PNG; the App
/// reads it from the back buffer after rendering (see render/screenshot.h).
struct PlotPngRequest {
  std::string path;
  ImVec2 min;
  ImVec2 max;
};

class LinePlot {
 public:
  /// id: unique among the plots of a window. smoothing: initial EMA weight (0 = off). logY: the
  /// log-scale toggle's initial state.
  explicit LinePlot(std::string id, float smoothing = 0.0f, bool logY = false);

  /// Draws the plot with the full available width. Returns a PNG request on the frame after
  /// the user asked for one (so the options popup is not in the picture).
  std::optional<PlotPngRequest> draw(const char* title, std::span<const PlotSeries> series, const PlotOptions& options);

  /// Tells the plot how a PNG it requested turned out (shown in its options popup).
  void setExportStatus(std::string status) { status_ = std::move(status); }

 private:
  void drawTitleRow(const char* title);
  void drawLegend(std::span<const PlotSeries> series, const PlotOptions& options, float scale);
  void drawOptionsPopup(std::span<const PlotSeries> series, const PlotOptions& options);
  static const std::string& legendOf(const PlotSeries& s) { return s.legend.empty() ? s.label : s.legend; }
  bool isHidden(const PlotSeries& s) const { return hidden_.contains(legendOf(s)); }

  std::string id_;
  std::set<std::string> hidden_;
  bool logY_ = false;
  float smoothing_ = 0.0f;
  std::string exportPath_;  // as edited in the popup; empty until first shown
  std::string status_;
  bool pngPending_ = false;
};

}  // namespace ll::gui::widgets
