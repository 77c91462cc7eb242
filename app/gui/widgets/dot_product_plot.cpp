#include "app/gui/widgets/dot_product_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/render/palettes.h"
#include "app/gui/render/theme.h"

namespace ll::gui::widgets {
namespace {

std::string signedMeanSd(const MeanSd& m) {
  if (!m.defined()) return "—";
  char text[40];
  std::snprintf(text, sizeof text, "%+.4f ± %.4f", m.mean, m.sd);
  return text;
}

double meanOrGap(const MeanSd& m) { return m.defined() ? m.mean : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

void dotProductTable(const DotProductLearningResults& results, float height) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##fig3Results", 9, flags, ImVec2(0.0f, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // Widths from sample contents: auto-fit would need frames the results may not have had yet.
  const std::pair<const char*, const char*> columns[] = {
      {"d", "0000"},        {"h", "0000"},          {"M", "000000"},          {"params", "0000000"},     {"repeats", "repeats"},
      {"fresh error", "+0.0000 ± 0.0000"}, {"test error", "+0.0000 ± 0.0000"}, {"dot RMSE", "dot RMSE"}, {"MLP RMSE", "MLP RMSE"}};
  for (const auto& [name, sample] : columns) {
    ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(sample).x);
  }
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(results.points.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const DotProductLearningPoint& p = results.points[static_cast<size_t>(row)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", p.dim);
      ImGui::TableNextColumn();
      ImGui::Text("%d", p.hidden);
      ImGui::TableNextColumn();
      ImGui::Text("%d", p.users);
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(p.parameters));
      ImGui::TableNextColumn();
      ImGui::Text("%d", p.repeats);
      for (const MeanSd* error : {&p.freshError, &p.testError}) {
        ImGui::TableNextColumn();
        const bool large = error->defined() && error->mean > 0.01;
        if (large) ImGui::PushStyleColor(ImGuiCol_Text, palette::kWarning);
        ImGui::TextUnformatted(signedMeanSd(*error).c_str());
        if (large) ImGui::PopStyleColor();
      }
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", p.dotTestRmse.mean);
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", p.mlpTestRmse.mean);
    }
  }
  ImGui::EndTable();
}

std::optional<PlotPngRequest> DotProductPlot::draw(const DotProductLearningResults& results, float height) {
  // One series pair per (d, h), its points in the order of M; the plot reads these in place.
  std::vector<std::pair<int32_t, int32_t>> curves;
  for (const DotProductLearningPoint& p : results.points) {
    if (std::find(curves.begin(), curves.end(), std::pair{p.dim, p.hidden}) == curves.end()) curves.emplace_back(p.dim, p.hidden);
  }
  std::vector<std::vector<double>> xs, ys;
  xs.reserve(2 * curves.size() + 2);
  ys.reserve(2 * curves.size() + 2);
  std::vector<PlotSeries> series;
  double lowest = std::numeric_limits<double>::infinity(), highest = 0.0;
  for (size_t c = 0; c < curves.size(); ++c) {
    const auto [d, h] = curves[c];
    const std::string legend = "d=" + std::to_string(d) + " h=" + std::to_string(h);
    const ImU32 colour = categoryColour(static_cast<int>(c) % kCategoryColours);
    for (bool fresh : {true, false}) {
      std::vector<double>& x = xs.emplace_back();
      std::vector<double>& y = ys.emplace_back();
      for (const DotProductLearningPoint& p : results.points) {
        if (p.dim != d || p.hidden != h) continue;
        x.push_back(p.users);
        y.push_back(meanOrGap(fresh ? p.freshError : p.testError));
        lowest = std::min(lowest, static_cast<double>(p.users));
        highest = std::max(highest, static_cast<double>(p.users));
      }
      series.push_back({legend + (fresh ? " fresh" : " test"), legend, x, y, colour,
                        fresh ? LineStyle::Solid : LineStyle::Dashed, true,
                        "RMSE(MLP) − RMSE(dot), mean over the repeats; solid: fresh embeddings, dashed: the test pairs"});
    }
  }
  if (std::isfinite(lowest)) {
    for (double level : {0.01, 0.001}) {
      xs.push_back({lowest, highest});
      ys.push_back({level, level});
      const std::string name = level > 0.005 ? "0.01 (very significant)" : "0.001 (significant)";
      series.push_back({name, {}, xs.back(), ys.back(), ImGui::GetColorU32(palette::kMuted), LineStyle::Dashed, false,
                        "Rendle et al. 2020 §4.1: an RMSE difference of 0.01 is very large on Netflix / ML 10M, 0.001 "
                        "a published improvement"});
    }
  }
  PlotOptions options;
  options.height = height;
  options.xLabel = "users M";
  options.yLabel = "RMSE(MLP) - RMSE(dot)";
  options.xScale = AxisScale::Log2;
  options.exportPath = "~/latentlens-experiments/fig3";
  options.styleKey = {{LineStyle::Solid, "fresh"}, {LineStyle::Dashed, "test"}};
  return plot_.draw("Approximation error of an MLP learning a dot product (Rendle et al. 2020 Fig. 3)", series, options);
}

}  // namespace ll::gui::widgets
