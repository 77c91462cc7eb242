#include "app/gui/panels/curves_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/gui/state/run_library.h"
#include "app/gui/widgets/number_format.h"

namespace ll::gui {

/// One run as the plots draw it this frame: pointers into curves that outlive the frame.
struct CurvesPanel::PlottedRun {
  std::string tag;   // "" when it is the only run drawn, else "#3"
  std::string name;  // full name, for tooltips
  ImU32 colour = 0;
  const RunCurves* curves = nullptr;
};

namespace {

constexpr const char* kValidationLossHelp =
    "validation loss = ½·RMSE² on the validation ratings, the same scale as the train loss\n"
    "(the mean ½(ŷ − y)² over the epoch's batches, measured while the weights moved);\n"
    "for implicit feedback, both are the logistic loss over positives and sampled negatives.";

std::vector<widgets::PlotSeries> perEpochPair(const std::vector<CurvesPanel::PlottedRun>& runs,
                                              const std::vector<double> RunCurves::*first, const char* firstName,
                                              const std::vector<double> RunCurves::*second, const char* secondName,
                                              const char* help) {
  std::vector<widgets::PlotSeries> series;
  for (const auto& run : runs) {
    const RunCurves& c = *run.curves;
    // Several runs: one legend entry per run (its colour), the line styles explained once.
    const std::string legend = runs.size() > 1 ? run.tag : std::string();
    series.push_back({run.tag + " " + firstName, legend, c.epoch, c.*first, run.colour, widgets::LineStyle::Solid,
                      false, run.name + "\n" + help});
    series.push_back({run.tag + " " + secondName, legend, c.epoch, c.*second, run.colour, widgets::LineStyle::Dashed,
                      false, run.name + "\n" + help});
  }
  return series;
}

}  // namespace

CurvesPanel::CurvesPanel(PanelPlacement placement)
    : Panel("Curves", placement),
      plots_{widgets::LinePlot("loss"), widgets::LinePlot("rmse"), widgets::LinePlot("mae"), widgets::LinePlot("pdc")} {}

void CurvesPanel::drawContent(const FrameContext& frame) {
  drawRunList(frame);

  std::vector<PlottedRun> runs;
  const TrainingView& live = *frame.training;
  if (live.active() && live.curves != nullptr) {
    runs.push_back({"", live.name + " (running)", runColour(live.colour), live.curves});
  }
  for (const RunRecord& run : frame.runs->runs()) {
    if (run.shown) runs.push_back({"", run.name, runColour(run.colour), &run.curves});
  }
  // Tags only when several runs share a plot; one run reads best with plain names.
  if (runs.size() > 1) {
    for (auto& run : runs) run.tag = run.name.substr(0, run.name.find(' '));
  }
  drawPlots(frame, runs);
}

void CurvesPanel::drawRunList(const FrameContext& frame) {
  std::vector<RunRecord>& runs = frame.runs->runs();
  const TrainingView& live = *frame.training;
  const int rows = static_cast<int>(runs.size()) + (live.active() ? 1 : 0);
  char header[64];
  std::snprintf(header, sizeof header, "Runs (%d)###runs", rows);
  if (!ImGui::CollapsingHeader(header, ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (rows == 0) {
    ImGui::TextDisabled("Finished and stopped runs are kept here (and across restarts) to compare their curves.");
    return;
  }
  const float rowHeight = ImGui::GetFrameHeight();
  const float height = rowHeight * (static_cast<float>(std::min(rows, 4)) + 1.3f);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("runlist", 7, flags, ImVec2(0.0f, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("show");
  ImGui::TableSetupColumn("run", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("epochs");
  ImGui::TableSetupColumn("val RMSE");
  ImGui::TableSetupColumn("test RMSE");
  ImGui::TableSetupColumn("");
  ImGui::TableHeadersRow();

  // The test figure is the refit's when the run was refitted after selection.
  auto metrics = [](const TrainingHistory& history, const TrainingHistory& refit) {
    ImGui::TableNextColumn();
    if (refit.epochs.empty()) {
      ImGui::Text("%zu", history.epochs.size());
    } else {
      ImGui::Text("%zu+%zu", history.epochs.size(), refit.epochs.size());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("epochs of the selection, then of the refit on all training ratings");
    }
    const EpochRecord* best = history.best();
    ImGui::TableNextColumn();
    if (best) ImGui::Text("%.4f", best->validation.rmse);
    ImGui::TableNextColumn();
    if (const EpochRecord* refitted = refit.last()) {
      ImGui::Text("%.4f", refitted->test.rmse);
      if (ImGui::IsItemHovered() && best) {
        ImGui::SetTooltip("after the refit; the selected epoch %d tested %.4f", best->epoch, best->test.rmse);
      }
    } else if (best) {
      ImGui::Text("%.4f", best->test.rmse);
    }
  };
  if (live.active()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(runColour(live.colour)), " ●");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(live.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(palette::kAccent, live.phase == TrainingView::Phase::Paused ? "paused" : "running");
    metrics(live.snapshot->history, live.snapshot->refitted ? live.snapshot->refitHistory : TrainingHistory{});
    ImGui::TableNextColumn();
  }
  int64_t deleteId = 0;
  for (RunRecord& run : runs) {
    ImGui::PushID(static_cast<int>(run.id));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    // The checkbox's check mark takes the run's colour, so the tick doubles as the legend swatch.
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(runColour(run.colour)));
    ImGui::Checkbox("##shown", &run.shown);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Overlay this run's curves");
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(run.name.c_str());
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s\ndata %s · split %s\n%s parameters · %s\n%s", run.name.c_str(), run.dataSource.c_str(),
                        run.split.c_str(), groupedNumber(run.parameterCount).c_str(), run.created.c_str(),
                        run.message.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", run.outcome.c_str());
    metrics(run.history, run.refitHistory);
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("×")) deleteId = run.id;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Delete this run from the list");
    ImGui::PopID();
  }
  ImGui::EndTable();
  // After the loop: deleting inside it would invalidate the vector being iterated.
  if (deleteId != 0) frame.commands->deleteRun(deleteId);
}

void CurvesPanel::drawPlots(const FrameContext& frame, const std::vector<PlottedRun>& runs) {
  // The best-epoch marker belongs to one run: the live one, else the first ticked.
  const RunCurves* primary = runs.empty() ? nullptr : runs.front().curves;
  widgets::PlotOptions perEpoch;
  perEpoch.xLabel = "epoch";
  perEpoch.xInteger = true;
  if (primary != nullptr && primary->bestEpoch > 0) {
    perEpoch.markerX = primary->bestEpoch;
    perEpoch.markerLabel = "best " + std::to_string(primary->bestEpoch);
  }

  // Two plots per row, the rows equally high; what the titles, legends and ticks took last
  // frame is set aside first (an estimate on the first frame).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float estimate = ImGui::GetFrameHeightWithSpacing() + 3.0f * ImGui::GetTextLineHeightWithSpacing();
  const float overhead = (rowOverhead_[0] > 0.0f ? rowOverhead_[0] : estimate) +
                         (rowOverhead_[1] > 0.0f ? rowOverhead_[1] : estimate) + 4.0f * style.CellPadding.y +
                         style.ItemSpacing.y;
  const float plotHeight = std::max(110.0f * frame.scale, (ImGui::GetContentRegionAvail().y - overhead) * 0.5f);
  std::array<float, 2> measured{};

  const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_NoSavedSettings |
                                ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("plots", 2, flags)) return;
  auto place = [&](PlotIndex index, const char* title, const std::vector<widgets::PlotSeries>& series,
                   widgets::PlotOptions options, const char* file) {
    ImGui::TableNextColumn();
    options.height = plotHeight;
    options.exportPath = std::string("~/latentlens-runs/plots/") + file;
    widgets::LinePlot& plot = plots_[index];
    const float top = ImGui::GetCursorScreenPos().y;
    auto request = plot.draw(title, series, options);
    float& row = measured[static_cast<size_t>(index) / 2];
    row = std::max(row, ImGui::GetCursorScreenPos().y - top - plotHeight);
    if (request) {
      frame.commands->savePngOfRegion(request->path, request->min, request->max,
                                      [&plot, path = request->path](const std::string& error) {
                                        plot.setExportStatus(error.empty() ? "Saved " + path : error);
                                      });
    }
  };

  const bool grouped = runs.size() > 1;
  widgets::PlotOptions lossOptions = perEpoch;
  lossOptions.yLabel = "loss";
  if (grouped) lossOptions.styleKey = {{widgets::LineStyle::Solid, "train"}, {widgets::LineStyle::Dashed, "validation"}};
  place(kLoss, "Loss", perEpochPair(runs, &RunCurves::trainLoss, "train", &RunCurves::validationLoss,
                                    "validation", kValidationLossHelp),
        lossOptions, "loss");
  widgets::PlotOptions rmseOptions = perEpoch;
  rmseOptions.yLabel = "rmse";
  if (grouped) rmseOptions.styleKey = {{widgets::LineStyle::Solid, "validation"}, {widgets::LineStyle::Dashed, "test"}};
  place(kRmse, "RMSE", perEpochPair(runs, &RunCurves::validationRmse, "validation", &RunCurves::testRmse, "test",
                                    "root mean squared error of the predicted ratings"),
        rmseOptions, "rmse");
  widgets::PlotOptions maeOptions = perEpoch;
  maeOptions.yLabel = "mae";
  if (grouped) maeOptions.styleKey = rmseOptions.styleKey;
  place(kMae, "MAE", perEpochPair(runs, &RunCurves::validationMae, "validation", &RunCurves::testMae, "test",
                                  "mean absolute error of the predicted ratings"),
        maeOptions, "mae");

  std::vector<widgets::PlotSeries> pdc;
  for (const auto& run : runs) {
    const RunCurves& c = *run.curves;
    const std::string epoch = c.pdcEpoch > 0 ? "epoch " + std::to_string(c.pdcEpoch) : "no epoch yet";
    const std::string label = run.tag.empty() ? "PDC (" + epoch + ")" : run.tag + " (" + epoch + ")";
    pdc.push_back({label, {}, c.pdcThreshold, c.pdc, run.colour, widgets::LineStyle::Solid, true,
                   run.name + "\nPair-Distance Correlation of the user embeddings on the test ratings: for user pairs\n"
                              "with at least t co-rated movies, the correlation of rating distance and embedding\n"
                              "distance. A finished run shows its best epoch, a live run its newest one."});
  }
  widgets::PlotOptions pdcOptions;
  pdcOptions.xLabel = "min co-rated";
  pdcOptions.yLabel = "pdc";
  pdcOptions.xScale = widgets::AxisScale::Log2;
  place(kPdc, "PDC vs co-rating threshold", pdc, pdcOptions, "pdc");
  ImGui::EndTable();
  rowOverhead_ = measured;
}

}  // namespace ll::gui
