#include "app/gui/panels/data_panel.h"

#include <cstdio>
#include <string>

#include "app/gui/widgets/bar_chart.h"
#include "app/gui/widgets/number_format.h"
#include "app/gui/widgets/section.h"
#include "app/gui/widgets/spinner.h"
#include "app/gui/widgets/split_picker.h"

namespace ll::gui {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

DataPanel::DataPanel(PanelPlacement placement) : Panel("Data", placement) {}

void DataPanel::drawContent(const FrameContext& frame) {
  switch (frame.dataset->phase) {
    case DatasetState::Phase::Empty: drawEmpty(frame); break;
    case DatasetState::Phase::Loading: drawLoading(frame); break;
    case DatasetState::Phase::Failed: drawFailed(frame); break;
    case DatasetState::Phase::Ready: drawReady(frame); break;
  }
}

void DataPanel::drawEmpty(const FrameContext& frame) {
  widgets::sectionHeading(*frame.fonts, "No data set", true);
  ImGui::TextWrapped("Open one with File → Open… (Ctrl+O), drop a folder or file on the window, or start with "
                     "--data SPEC (a MovieLens folder or archive, a triplet file, or synthetic).");
  if (ImGui::Button("Open…")) frame.commands->showOpenDatasetDialog();
  ImGui::SameLine();
  if (ImGui::Button("Load the synthetic world")) frame.commands->openDataset("synthetic");
}

void DataPanel::drawLoading(const FrameContext& frame) {
  const DatasetState& state = *frame.dataset;
  const LoadProgress& progress = frame.loadProgress;
  widgets::sectionHeading(*frame.fonts, "Loading…", true);
  const float radius = ImGui::GetTextLineHeight() * 0.6f;
  widgets::spinner("load", radius, 3.0f * frame.scale, ImGui::GetColorU32(palette::kAccent));
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s", state.spec.c_str());
  char overlay[96];
  if (progress.stage.empty()) {
    std::snprintf(overlay, sizeof overlay, "%.1f s", progress.elapsedSeconds);
  } else {
    std::snprintf(overlay, sizeof overlay, "%s · %.1f s", progress.stage.c_str(), progress.elapsedSeconds);
  }
  widgets::progressBar(static_cast<float>(progress.fraction), ImVec2(-1.0f, 0.0f), overlay);
  ImGui::TextDisabled("Large data sets are parsed once, then served from the binary cache.");
}

void DataPanel::drawFailed(const FrameContext& frame) {
  const DatasetState& state = *frame.dataset;
  widgets::sectionHeading(*frame.fonts, "Could not load the data set", true);
  if (const std::optional<InputProblem>& problem = state.inputProblem) {
    // The parts apart, so a long path does not hide the line number or what was found.
    if (widgets::beginPropertyTable("problem", 100.0f * frame.scale)) {
      widgets::propertyRow("Opened", "%s", state.spec.c_str());
      widgets::propertyRow("File", "%s", problem->file.c_str());
      if (problem->line > 0) {
        widgets::propertyRow("Line", "%s", groupedNumber(problem->line).c_str());
      } else {
        widgets::propertyRow("Line", "(the file as a whole)");
      }
      widgets::propertyRow("Expected", "%s", problem->expected.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("Found");
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, palette::kError);
      ImGui::TextWrapped("%s", problem->found.c_str());
      ImGui::PopStyleColor();
      widgets::endPropertyTable();
    }
  } else {
    ImGui::TextDisabled("Opened");
    ImGui::SameLine();
    ImGui::TextWrapped("%s", state.spec.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kError);
    ImGui::TextWrapped("%s", state.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  if (ImGui::Button("Retry")) frame.commands->openDataset(state.spec, state.filter);
  ImGui::SameLine();
  if (ImGui::Button("Open…")) frame.commands->showOpenDatasetDialog();
  ImGui::SameLine();
  if (ImGui::Button("Load the synthetic world")) frame.commands->openDataset("synthetic");
}

void DataPanel::drawReady(const FrameContext& frame) {
  drawOverview(frame);
  drawSplit(frame);
  drawDistribution(frame);
  drawActivity(frame);
  drawFeatures(frame);
}

void DataPanel::drawOverview(const FrameContext& frame) {
  const DatasetSummary& s = frame.dataset->summary;
  widgets::sectionHeading(*frame.fonts, "Data set", true);
  if (!widgets::beginPropertyTable("overview", 130.0f * frame.scale)) return;
  widgets::propertyRow("Format", "%s", s.format.c_str());
  widgets::propertyRow("Source", "%s", s.source.c_str());
  widgets::propertyRow("Users", "%s", groupedNumber(s.users).c_str());
  widgets::propertyRow("Movies", "%s rated · %s listed but unrated", groupedNumber(s.items).c_str(),
                       groupedNumber(s.listedUnrated).c_str());
  widgets::propertyRow("Ratings", "%s", groupedNumber(s.ratings).c_str());
  widgets::propertyRow("Sparsity", "%s empty (density %s)", percent(1.0 - s.density).c_str(),
                       percent(s.density).c_str());
  widgets::propertyRow("Rating scale", "%g – %g, mean %.3f, sd %.3f", static_cast<double>(s.minRating),
                       static_cast<double>(s.maxRating), s.meanRating, s.ratingSd);
  widgets::propertyRow("Spread of means", "sd %.3f over users, %.3f over movies", s.userMeanSd, s.itemMeanSd);
  widgets::propertyRow("Popularity–rating", "corr(log rating count, mean rating) %.2f over movies",
                       s.popularityMeanCorrelation);
  if (s.hasTimestamps) {
    widgets::propertyRow("Rated", "%d – %d", s.firstYear, s.lastYear);
  } else {
    widgets::propertyRow("Rated", "no timestamps");
  }
  if (!s.officialTestSets.empty()) {
    widgets::propertyRow("Official splits", "%s", joined(s.officialTestSets).c_str());
  }
  if (const std::optional<double>& floor = frame.dataset->noiseFloorRmse) {
    widgets::propertyRow("Noise floor", "RMSE %.3f: the best any model can reach on this world", *floor);
  }
  if (const DatasetFilter& filter = frame.dataset->filter; filter.active()) {
    widgets::propertyRow("k-core", "≥ %d ratings per user, ≥ %d per movie", filter.minUserRatings,
                         filter.minItemRatings);
  }
  widgets::endPropertyTable();
}

void DataPanel::drawSplit(const FrameContext& frame) {
  widgets::sectionHeading(*frame.fonts, "Split");
  // The App's one split setting: the Training panel starts its runs from it.
  ImGui::BeginDisabled(frame.training->active());
  widgets::splitPicker("split", frame.settings->split, frame.dataset->summary, frame.scale);
  ImGui::EndDisabled();
  if (frame.training->active()) ImGui::TextDisabled("A run is under way: a new split applies to the next one.");
}

void DataPanel::drawDistribution(const FrameContext& frame) {
  const DatasetSummary& s = frame.dataset->summary;
  widgets::sectionHeading(*frame.fonts, "Ratings");
  widgets::BarChartStyle style;
  style.height = 100.0f * frame.scale;
  widgets::barChart("histogram", s.histogram.labels, s.histogram.counts, style);
}

void DataPanel::drawActivity(const FrameContext& frame) {
  widgets::sectionHeading(*frame.fonts, "Ratings per user and per movie");
  // Wide panels (large monitors) show the histograms beside the quantiles, narrow ones below.
  const bool wide = ImGui::GetContentRegionAvail().x > 900.0f * frame.scale;
  if (wide && ImGui::BeginTable("activityLayout", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings)) {
    ImGui::TableSetupColumn("quantiles", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("histograms", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableNextColumn();
    drawActivityTable(frame);
    ImGui::TableNextColumn();
    drawActivityHistograms(frame);
    ImGui::EndTable();
    return;
  }
  drawActivityTable(frame);
  drawActivityHistograms(frame);
}

void DataPanel::drawActivityTable(const FrameContext& frame) {
  const DatasetSummary& s = frame.dataset->summary;
  const int columns = showMeans_ ? 6 : 5;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("activity", columns, flags)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    for (const char* name : {"min", "median", "90 %", "max"}) {
      ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    if (showMeans_) ImGui::TableSetupColumn("mean", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    auto row = [&](const char* label, const CountQuantiles& q) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextDisabled("%s", label);
      for (int64_t value : {q.min, q.median, q.p90, q.max}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(groupedNumber(value).c_str());
      }
      if (showMeans_) {
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", q.mean);
      }
    };
    row("per user", s.perUser);
    row("per movie", s.perItem);
    ImGui::EndTable();
  }
  ImGui::Checkbox("Show means", &showMeans_);
}

void DataPanel::drawActivityHistograms(const FrameContext& frame) {
  // Two small log-binned histograms side by side: how long the tails of the activity are.
  const DatasetState& state = *frame.dataset;
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("activityHistograms", 2, flags)) return;
  auto chart = [&](const char* id, const char* title, const ActivityHistogram& h, const char* noun) {
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", title);
    widgets::BarChartStyle style;
    style.height = 70.0f * frame.scale;
    style.showValues = false;  // bars are narrow; counts are in the hover text
    style.countNoun = noun;
    style.hoverLabels = &h.ranges;
    widgets::barChart(id, h.labels, h.entities, style);
  };
  chart("perUserHistogram", "Users by ratings (log bins)", state.perUserActivity, "users");
  chart("perItemHistogram", "Movies by ratings (log bins)", state.perItemActivity, "movies");
  ImGui::EndTable();
}

void DataPanel::drawFeatures(const FrameContext& frame) {
  const DatasetSummary& s = frame.dataset->summary;
  widgets::sectionHeading(*frame.fonts, "Item features");
  if (!widgets::beginPropertyTable("features", 130.0f * frame.scale)) return;
  widgets::propertyRow("Features", "%s", groupedNumber(s.featureCount).c_str());
  widgets::propertyRow("Built from", "%s (%d genre one-hots + %d more)", s.featureSource.c_str(), s.genreFeatures,
                       s.featureCount - s.genreFeatures);
  if (s.featureUncoveredItems > 0) {
    widgets::propertyRow("Uncovered", "%s movies have no genome or tag features",
                         groupedNumber(s.featureUncoveredItems).c_str());
  }
  widgets::propertyRow("Catalogue", "%s of %s movies titled", groupedNumber(s.titledItems).c_str(),
                       groupedNumber(s.items).c_str());
  widgets::propertyRow("User info", "%s", s.hasUserInfo ? "age, gender, occupation, zip" : "none");
  widgets::endPropertyTable();
}

}  // namespace ll::gui
