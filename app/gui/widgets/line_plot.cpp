// Sections: scales · series drawing · hover read-out · legend and options · draw().

#include "app/gui/widgets/line_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <vector>

#include <imgui_stdlib.h>

#include "app/gui/render/theme.h"
#include "app/gui/widgets/home_path.h"
#include "app/gui/widgets/plot_math.h"
#include "core/io/atomic_file.h"

namespace ll::gui::widgets {
namespace {

// ---- scales -------------------------------------------------------------------------------------

/// Maps data to screen on one axis; log axes work in log space so equal ratios are equal steps.
struct Axis {
  double lo = 0.0, hi = 1.0;  // data range shown
  bool log2 = false, log10 = false;
  float screenLo = 0.0f, screenHi = 1.0f;  // screen coordinates of lo and hi

  double transform(double v) const { return log2 ? std::log2(v) : log10 ? std::log10(v) : v; }
  float toScreen(double v) const {
    const double t = (transform(v) - transform(lo)) / (transform(hi) - transform(lo));
    return screenLo + static_cast<float>(t) * (screenHi - screenLo);
  }
  double fromScreen(float s) const {
    const double t = transform(lo) + (s - screenLo) / (screenHi - screenLo) * (transform(hi) - transform(lo));
    return log2 ? std::exp2(t) : log10 ? std::pow(10.0, t) : t;
  }
  bool usable(double v) const { return std::isfinite(v) && (!(log2 || log10) || v > 0.0); }
};

/// Widens [lo, hi] by a share of its span on each side (in log space for log axes), and opens up
/// a single value so one epoch still shows.
void pad(Axis& axis, double share) {
  const bool logarithmic = axis.log2 || axis.log10;
  double a = axis.transform(axis.lo), b = axis.transform(axis.hi);
  if (b - a <= std::abs(a) * 1e-9) {
    const double half = logarithmic ? 0.15 : std::max(std::abs(a) * 0.05, 0.5);
    a -= half;
    b += half;
  } else {
    const double span = b - a;
    a -= span * share;
    b += span * share;
  }
  auto back = [&](double t) { return axis.log2 ? std::exp2(t) : axis.log10 ? std::pow(10.0, t) : t; };
  axis.lo = back(a);
  axis.hi = back(b);
}

std::string formatValue(double v) {
  char text[32];
  if (!std::isfinite(v)) return "–";
  if (v == std::round(v) && std::abs(v) < 1e9) {  // epochs, thresholds
    std::snprintf(text, sizeof text, "%.0f", v);
    return text;
  }
  std::snprintf(text, sizeof text, std::abs(v) >= 1000.0 || (v != 0.0 && std::abs(v) < 0.001) ? "%.4g" : "%.4f", v);
  return text;
}

// ---- series drawing -----------------------------------------------------------------------------

void strokeDashed(ImDrawList* draw, const std::vector<ImVec2>& points, ImU32 colour, float thickness, float dash) {
  // Walks the polyline, drawing every other dash-long piece, carrying the phase across vertices.
  bool on = true;
  float left = dash;
  for (size_t i = 1; i < points.size(); ++i) {
    ImVec2 a = points[i - 1];
    const ImVec2 b = points[i];
    float length = std::hypot(b.x - a.x, b.y - a.y);
    while (length > 0.0f) {
      const float piece = std::min(left, length);
      const float t = piece / length;
      const ImVec2 c(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
      if (on) draw->AddLine(a, c, colour, thickness);
      a = c;
      length -= piece;
      left -= piece;
      if (left <= 0.0f) {
        on = !on;
        left = on ? dash : dash * 0.6f;
      }
    }
  }
}

void strokeSeries(ImDrawList* draw, const Axis& x, const Axis& y, std::span<const double> xs,
                  std::span<const double> ys, ImU32 colour, LineStyle style, float thickness, float scale) {
  std::vector<ImVec2> run;
  auto flush = [&] {
    if (run.size() >= 2) {
      if (style == LineStyle::Dashed) {
        strokeDashed(draw, run, colour, thickness, 7.0f * scale);
      } else {
        draw->AddPolyline(run.data(), static_cast<int>(run.size()), colour, ImDrawFlags_None, thickness);
      }
    }
    run.clear();
  };
  const size_t n = std::min(xs.size(), ys.size());
  for (size_t i = 0; i < n; ++i) {
    if (!x.usable(xs[i]) || !y.usable(ys[i])) {
      flush();
      continue;
    }
    run.emplace_back(x.toScreen(xs[i]), y.toScreen(ys[i]));
  }
  flush();
}

ImU32 withAlpha(ImU32 colour, float alpha) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(colour);
  c.w *= alpha;
  return ImGui::GetColorU32(c);
}

}  // namespace

LinePlot::LinePlot(std::string id, float smoothing, bool logY) : id_(std::move(id)), logY_(logY), smoothing_(smoothing) {}

// ---- legend and options -------------------------------------------------------------------------

void LinePlot::drawTitleRow(const char* title) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title);
  const char* button = "…";
  const float width = ImGui::CalcTextSize(button).x + ImGui::GetStyle().FramePadding.x * 2.0f;
  // Right-aligned in the space available (a table cell's, not the window's).
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - width));
  if (ImGui::Button(button)) ImGui::OpenPopup("options");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Log scale, smoothing, export (or right-click the plot)");
}

void LinePlot::drawLegend(std::span<const PlotSeries> series, const PlotOptions& options, float scale) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float swatch = 16.0f * scale;
  const float lineHeight = ImGui::GetTextLineHeight();
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  bool first = true;
  // Places an item of the given width on the legend's line, wrapping when it does not fit.
  auto placeItem = [&](float width) {
    if (!first) {
      ImGui::SameLine(0.0f, style.ItemSpacing.x * 2.0f);
      if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    }
    first = false;
    return ImGui::GetCursorScreenPos();
  };
  auto sample = [&](ImVec2 origin, ImU32 colour, LineStyle lineStyle) {
    const float mid = origin.y + lineHeight * 0.5f;
    const std::vector<ImVec2> points = {ImVec2(origin.x, mid), ImVec2(origin.x + swatch, mid)};
    if (lineStyle == LineStyle::Dashed) {
      strokeDashed(ImGui::GetWindowDrawList(), points, colour, 2.0f * scale, 4.0f * scale);
    } else {
      ImGui::GetWindowDrawList()->AddLine(points[0], points[1], colour, 2.0f * scale);
    }
  };

  std::set<std::string> drawn;
  for (const PlotSeries& s : series) {
    const std::string& entry = legendOf(s);
    if (!drawn.insert(entry).second) continue;  // grouped: the first series of the entry stands for all
    const float width = swatch + style.ItemInnerSpacing.x + ImGui::CalcTextSize(entry.c_str()).x;
    const ImVec2 origin = placeItem(width);
    ImGui::PushID(entry.c_str());
    if (ImGui::InvisibleButton("entry", ImVec2(width, lineHeight))) {
      if (isHidden(s)) {
        hidden_.erase(entry);
      } else {
        hidden_.insert(entry);
      }
    }
    ImGui::PopID();
    const bool hidden = isHidden(s);
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s%sClick to %s.", s.tooltip.c_str(), s.tooltip.empty() ? "" : "\n", hidden ? "show" : "hide");
    }
    const bool grouped = !s.legend.empty() && !options.styleKey.empty();
    sample(origin, hidden ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : s.colour,
           grouped ? LineStyle::Solid : s.style);
    ImGui::GetWindowDrawList()->AddText(ImVec2(origin.x + swatch + style.ItemInnerSpacing.x, origin.y),
                                        ImGui::GetColorU32(hidden ? ImGuiCol_TextDisabled : ImGuiCol_Text),
                                        entry.c_str());
  }
  const ImU32 muted = ImGui::GetColorU32(palette::kMuted);
  for (const auto& [lineStyle, text] : options.styleKey) {
    const float width = swatch + style.ItemInnerSpacing.x + ImGui::CalcTextSize(text.c_str()).x;
    const ImVec2 origin = placeItem(width);
    ImGui::Dummy(ImVec2(width, lineHeight));
    sample(origin, muted, lineStyle);
    ImGui::GetWindowDrawList()->AddText(ImVec2(origin.x + swatch + style.ItemInnerSpacing.x, origin.y), muted,
                                        text.c_str());
  }
}

void LinePlot::drawOptionsPopup(std::span<const PlotSeries> series, const PlotOptions& options) {
  if (!ImGui::BeginPopup("options")) return;
  ImGui::Checkbox("Log scale (y)", &logY_);
  ImGui::SetNextItemWidth(160.0f * ImGui::GetFontSize() / 15.0f);
  ImGui::SliderFloat("Smoothing", &smoothing_, 0.0f, 0.95f, smoothing_ <= 0.0f ? "off" : "%.2f");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Exponential moving average, bias-corrected so early epochs are not pulled toward 0;\n"
                      "the raw curve stays visible, faint.");
  }
  ImGui::Separator();
  ImGui::TextDisabled("Export (path without extension)");
  ImGui::SetNextItemWidth(320.0f * ImGui::GetFontSize() / 15.0f);
  ImGui::InputText("##path", &exportPath_);
  if (ImGui::Button("Save CSV")) {
    std::vector<plot::CsvSeries> csv;
    for (const PlotSeries& s : series) {
      if (!isHidden(s)) csv.push_back({s.label, s.x, s.y});
    }
    const std::filesystem::path path = expandHome(exportPath_ + ".csv");
    try {
      std::error_code ignored;
      if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
      writeFileAtomically(path, plot::csvText(csv, options.xLabel, options.yLabel));
      status_ = "Saved " + path.string();
    } catch (const std::exception& error) {
      status_ = error.what();
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Save PNG")) {
    pngPending_ = true;
    status_.clear();
    ImGui::CloseCurrentPopup();
  }
  if (!status_.empty()) ImGui::TextWrapped("%s", status_.c_str());
  ImGui::EndPopup();
}

// ---- draw ---------------------------------------------------------------------------------------

std::optional<PlotPngRequest> LinePlot::draw(const char* title, std::span<const PlotSeries> series,
                                             const PlotOptions& options) {
  ImGui::PushID(id_.c_str());
  const float scale = ImGui::GetFontSize() / 15.0f;  // the theme's body size at scale 1
  if (exportPath_.empty()) exportPath_ = options.exportPath.empty() ? "~/latentlens-plot" : options.exportPath;
  const ImVec2 widgetMin = ImGui::GetCursorScreenPos();
  // A PNG is taken on the frame after the request, when the popup has closed; no hover then.
  const bool shooting = pngPending_ && !ImGui::IsPopupOpen("options");

  drawTitleRow(title);
  drawLegend(series, options, scale);

  // Smoothed copies only when smoothing is on; otherwise the caller's arrays are drawn directly.
  const bool smooth = smoothing_ > 0.0f;
  std::vector<std::vector<double>> smoothed(series.size());
  auto drawnY = [&](size_t k) -> std::span<const double> {
    return smooth && !series[k].markers ? std::span<const double>(smoothed[k]) : series[k].y;
  };
  Axis x{.log2 = options.xScale == AxisScale::Log2};
  Axis y{.log10 = logY_};
  double xLo = std::numeric_limits<double>::infinity(), xHi = -xLo, yLo = xLo, yHi = -xLo;
  for (size_t k = 0; k < series.size(); ++k) {
    const PlotSeries& s = series[k];
    if (isHidden(s)) continue;
    if (smooth && !s.markers) smoothed[k] = plot::smoothEma(s.y, smoothing_);
    const size_t n = std::min(s.x.size(), s.y.size());
    for (size_t i = 0; i < n; ++i) {
      if (!x.usable(s.x[i]) || !y.usable(s.y[i])) continue;
      xLo = std::min(xLo, s.x[i]);
      xHi = std::max(xHi, s.x[i]);
      yLo = std::min(yLo, s.y[i]);
      yHi = std::max(yHi, s.y[i]);
    }
  }
  const bool hasData = xLo <= xHi;
  if (hasData) {
    x.lo = xLo, x.hi = xHi, y.lo = yLo, y.hi = yHi;
    pad(x, x.log2 ? 0.05 : 0.02);  // room for the end markers of short log2 curves
    pad(y, 0.08);
  }

  // Canvas: y tick labels on the left, x tick labels underneath.
  const float lineHeight = ImGui::GetTextLineHeight();
  const std::vector<plot::Tick> yTicks =
      !hasData ? std::vector<plot::Tick>{}
      : logY_  ? plot::log10Ticks(y.lo, y.hi, std::max(2, static_cast<int>(options.height / (lineHeight * 2.2f))))
               : plot::linearTicks(y.lo, y.hi, std::max(2, static_cast<int>(options.height / (lineHeight * 2.5f))));
  float labelWidth = ImGui::CalcTextSize("0.00").x;
  for (const plot::Tick& t : yTicks) labelWidth = std::max(labelWidth, ImGui::CalcTextSize(t.label.c_str()).x);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f * scale);
  const ImVec2 canvasSize(width, options.height + lineHeight + 6.0f * scale);
  ImGui::InvisibleButton("canvas", canvasSize);
  const bool hovered = ImGui::IsItemHovered() && !shooting;
  if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) ImGui::OpenPopup("options");
  const ImVec2 plotMin(origin.x + labelWidth + 8.0f * scale, origin.y + 2.0f * scale);
  const ImVec2 plotMax(origin.x + width - 4.0f * scale, origin.y + options.height);
  x.screenLo = plotMin.x, x.screenHi = plotMax.x;
  y.screenLo = plotMax.y, y.screenHi = plotMin.y;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 grid = ImGui::GetColorU32(ImVec4(1, 1, 1, 0.06f));
  const ImU32 axisColour = ImGui::GetColorU32(ImGuiCol_Separator);
  const ImU32 muted = ImGui::GetColorU32(palette::kMuted);
  draw->AddRectFilled(plotMin, plotMax, ImGui::GetColorU32(ImVec4(0, 0, 0, 0.18f)), 2.0f * scale);
  if (!hasData) {
    const char* empty = "waiting for the first epoch";
    const ImVec2 size = ImGui::CalcTextSize(empty);
    draw->AddText(ImVec2((plotMin.x + plotMax.x - size.x) * 0.5f, (plotMin.y + plotMax.y - size.y) * 0.5f), muted,
                  empty);
  } else {
    for (const plot::Tick& t : yTicks) {
      const float sy = y.toScreen(t.value);
      draw->AddLine(ImVec2(plotMin.x, sy), ImVec2(plotMax.x, sy), grid);
      const ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
      draw->AddText(ImVec2(plotMin.x - 6.0f * scale - size.x, sy - size.y * 0.5f), muted, t.label.c_str());
    }
    // X ticks first; the axis name goes at the right end of the tick row when it fits there
    // (a tick is worth more than the name, which the title usually says already).
    const float tickY = plotMax.y + 3.0f * scale;
    const std::vector<plot::Tick> xTicks =
        x.log2 ? plot::log2Ticks(x.lo, x.hi)
               : plot::linearTicks(x.lo, x.hi, std::max(2, static_cast<int>((plotMax.x - plotMin.x) / (70.0f * scale))),
                                   options.xInteger);
    float ticksRight = -std::numeric_limits<float>::infinity();
    for (const plot::Tick& t : xTicks) {
      const float sx = x.toScreen(t.value);
      draw->AddLine(ImVec2(sx, plotMin.y), ImVec2(sx, plotMax.y), grid);
      const ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
      const float left = std::clamp(sx - size.x * 0.5f, plotMin.x, origin.x + width - size.x);
      if (left < ticksRight + 4.0f * scale) continue;  // would overlap its neighbour
      draw->AddText(ImVec2(left, tickY), muted, t.label.c_str());
      ticksRight = left + size.x;
    }
    const ImVec2 nameSize = ImGui::CalcTextSize(options.xLabel.c_str());
    if (plotMax.x - nameSize.x > ticksRight + 12.0f * scale) {
      draw->AddText(ImVec2(plotMax.x - nameSize.x, tickY), muted, options.xLabel.c_str());
    }
    draw->AddLine(ImVec2(plotMin.x, plotMax.y), plotMax, axisColour);

    draw->PushClipRect(plotMin, plotMax, true);
    if (options.markerX && x.usable(*options.markerX) && *options.markerX >= x.lo && *options.markerX <= x.hi) {
      const float sx = x.toScreen(*options.markerX);
      const ImU32 markerColour = ImGui::GetColorU32(palette::kWarning);
      strokeDashed(draw, {ImVec2(sx, plotMin.y), ImVec2(sx, plotMax.y)}, withAlpha(markerColour, 0.7f), 1.0f * scale,
                   4.0f * scale);
      if (!options.markerLabel.empty()) {
        const ImVec2 size = ImGui::CalcTextSize(options.markerLabel.c_str());
        const float left = sx + size.x + 8.0f * scale < plotMax.x ? sx + 4.0f * scale : sx - size.x - 4.0f * scale;
        draw->AddText(ImVec2(left, plotMin.y + 2.0f * scale), markerColour, options.markerLabel.c_str());
      }
    }
    const float thickness = 2.0f * scale;
    for (size_t k = 0; k < series.size(); ++k) {
      const PlotSeries& s = series[k];
      if (isHidden(s)) continue;
      if (smooth && !s.markers) {
        strokeSeries(draw, x, y, s.x, s.y, withAlpha(s.colour, 0.28f), s.style, 1.0f * scale, scale);
      }
      strokeSeries(draw, x, y, s.x, drawnY(k), s.colour, s.style, thickness, scale);
      if (!s.markers) continue;
      for (size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
        if (x.usable(s.x[i]) && y.usable(s.y[i])) {
          draw->AddCircleFilled(ImVec2(x.toScreen(s.x[i]), y.toScreen(s.y[i])), 3.5f * scale, s.colour);
        }
      }
    }

    // Hover read-out: a guide at the nearest point's x, a ring on each series' nearest point.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && mouse.x >= plotMin.x && mouse.x <= plotMax.x) {
      const double target = x.fromScreen(mouse.x);
      struct Hit { size_t series; size_t index; };
      std::vector<Hit> hits;
      double guide = std::numeric_limits<double>::quiet_NaN();
      for (size_t k = 0; k < series.size(); ++k) {
        if (isHidden(series[k])) continue;
        const size_t i = plot::nearestIndex(series[k].x, drawnY(k), target);
        if (i >= series[k].x.size() || !y.usable(drawnY(k)[i])) continue;
        hits.push_back({k, i});
        if (!std::isfinite(guide) || std::abs(series[k].x[i] - target) < std::abs(guide - target)) guide = series[k].x[i];
      }
      if (!hits.empty()) {
        const float gx = x.toScreen(guide);
        draw->AddLine(ImVec2(gx, plotMin.y), ImVec2(gx, plotMax.y), ImGui::GetColorU32(ImVec4(1, 1, 1, 0.35f)));
        ImGui::BeginTooltip();
        ImGui::TextDisabled("%s %s", options.xLabel.c_str(), formatValue(guide).c_str());
        for (const Hit& h : hits) {
          const PlotSeries& s = series[h.series];
          const double value = drawnY(h.series)[h.index];
          draw->AddCircle(ImVec2(x.toScreen(s.x[h.index]), y.toScreen(value)), 4.5f * scale, s.colour, 0, 1.5f * scale);
          ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.colour), "■");
          ImGui::SameLine();
          if (s.x[h.index] == guide) {
            ImGui::Text("%s  %s", s.label.c_str(), formatValue(value).c_str());
          } else {
            ImGui::Text("%s  %s  (at %s)", s.label.c_str(), formatValue(value).c_str(),
                        formatValue(s.x[h.index]).c_str());
          }
        }
        if (smooth) ImGui::TextDisabled("smoothed values (weight %.2f)", smoothing_);
        ImGui::EndTooltip();
      }
    }
    draw->PopClipRect();
  }

  drawOptionsPopup(series, options);
  std::optional<PlotPngRequest> request;
  if (shooting) {
    pngPending_ = false;
    request = PlotPngRequest{expandHome(exportPath_ + ".png").string(), widgetMin,
                             ImVec2(origin.x + width, origin.y + canvasSize.y)};
    status_ = "Saving " + request->path + "…";
  }
  ImGui::PopID();
  return request;
}

}  // namespace ll::gui::widgets
