#include "app/gui/panels/compare_panel.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/gui/render/theme.h"
#include "app/gui/state/explore_state.h"
#include "app/gui/state/run_library.h"
#include "app/gui/widgets/movie_text.h"
#include "app/gui/widgets/spinner.h"

namespace ll::gui {
namespace {

const RunRecord* runRecord(const RunLibrary& runs, int64_t id) {
  const auto found = std::find_if(runs.runs().begin(), runs.runs().end(), [id](const RunRecord& r) { return r.id == id; });
  return found == runs.runs().end() ? nullptr : &*found;
}

/// "#3 mf z=3": the run's name up to its first " · ".
std::string shortName(const RunLibrary& runs, int64_t id) {
  const RunRecord* run = runRecord(runs, id);
  if (run == nullptr) return "#" + std::to_string(id);
  return run->name.substr(0, run->name.find(" · "));
}

/// One header cell per run, in the run's colour.
void runHeaders(const RunLibrary& runs, const std::vector<int64_t>& ids) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableNextColumn();
  ImGui::TextDisabled("rank");
  for (const int64_t id : ids) {
    ImGui::TableNextColumn();
    const RunRecord* run = runRecord(runs, id);
    const ImVec4 colour = run != nullptr ? ImGui::ColorConvertU32ToFloat4(runColour(run->colour)) : palette::kMuted;
    ImGui::TextColored(colour, "%s", shortName(runs, id).c_str());
  }
}

/// A film cell: highlighted when every run lists it; a click selects it.
bool filmCell(const Dataset& data, int32_t item, bool inEvery, int column) {
  const Movie& movie = data.movies[static_cast<size_t>(item)];
  char label[320];
  std::snprintf(label, sizeof label, "%s %s##c%d_%d", inEvery ? "●" : " ", titleWithYear(movie).c_str(), column, item);
  if (inEvery) ImGui::PushStyleColor(ImGuiCol_Text, palette::kAccent);
  const bool clicked = ImGui::Selectable(label, false);
  if (inEvery) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s%s", titleWithYear(movie).c_str(), inEvery ? " — in every run's list" : "");
  return clicked;
}

/// Opens a table with a rank column and one column per run, its header in the run's colour.
bool beginRunTable(const char* id, const RunLibrary& runs, const std::vector<int64_t>& ids, float scale) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame;
  if (!ImGui::BeginTable(id, static_cast<int>(ids.size()) + 1, flags)) return false;
  ImGui::TableSetupColumn("rank", ImGuiTableColumnFlags_WidthFixed, 34.0f * scale);
  for (size_t r = 0; r < ids.size(); ++r) ImGui::TableSetupColumn(nullptr);
  runHeaders(runs, ids);
  return true;
}

/// One row per rank of the runs' film lists (entries with an `item`), films every run lists
/// highlighted; returns the film clicked, or −1.
template <class Entry, class InEvery>
int32_t filmRows(const Dataset& data, const std::vector<std::vector<Entry>>& lists, InEvery inEvery, int columnBase) {
  int32_t clicked = -1;
  size_t rows = 0;
  for (const auto& list : lists) rows = std::max(rows, list.size());
  for (size_t row = 0; row < rows; ++row) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%zu", row + 1);
    for (size_t r = 0; r < lists.size(); ++r) {
      ImGui::TableNextColumn();
      if (row >= lists[r].size()) continue;
      const int32_t item = lists[r][row].item;
      if (filmCell(data, item, inEvery(item), columnBase + static_cast<int>(r))) clicked = item;
    }
  }
  return clicked;
}

void overlapTable(const RunLibrary& runs, const std::vector<int64_t>& ids, const std::vector<ListPairOverlap>& pairs, float scale) {
  if (pairs.empty()) return;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerV;
  if (!ImGui::BeginTable("##overlap", 5, flags)) return;
  ImGui::TableSetupColumn("run", ImGuiTableColumnFlags_WidthFixed, 130.0f * scale);
  ImGui::TableSetupColumn("against", ImGuiTableColumnFlags_WidthFixed, 130.0f * scale);
  ImGui::TableSetupColumn("shared");
  ImGui::TableSetupColumn("Jaccard");
  ImGui::TableSetupColumn("Spearman ρ");
  ImGui::TableHeadersRow();
  for (const ListPairOverlap& p : pairs) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(shortName(runs, ids[static_cast<size_t>(p.a)]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(shortName(runs, ids[static_cast<size_t>(p.b)]).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", p.overlap.shared);
    ImGui::TableNextColumn();
    ImGui::Text("%.2f", p.overlap.jaccard);
    ImGui::TableNextColumn();
    if (p.overlap.spearman) {
      ImGui::Text("%+.2f", *p.overlap.spearman);
    } else {
      ImGui::TextDisabled("–");
    }
  }
  ImGui::EndTable();
}

}  // namespace

ComparePanel::ComparePanel(PanelPlacement placement) : Panel("Compare", placement) {}

void ComparePanel::drawContent(const FrameContext& frame) {
  ExploreState& explore = *frame.explore;
  if (explore.dataset() == nullptr || frame.runs == nullptr || frame.runModels == nullptr) {
    ImGui::TextDisabled("Load a data set and train a few runs to compare them.");
    return;
  }
  RunComparison& comparison = explore.comparison;
  drawRunPicker(frame, comparison);
  ImGui::Separator();
  drawNeighbours(frame, explore, comparison);
  ImGui::Separator();
  drawCluster(frame, explore, comparison);
}

void ComparePanel::drawRunPicker(const FrameContext& frame, RunComparison& comparison) {
  const Dataset* data = frame.explore->dataset();
  ImGui::TextUnformatted("Runs");
  ImGui::SameLine();
  ImGui::TextDisabled("(models this window trained or opened; tick two or more)");
  bool any = false;
  for (const RunRecord& run : frame.runs->runs()) {
    if (run.dataSource != data->source) continue;
    any = true;
    const RunModel* model = frame.runModels->find(run.id);
    const bool usable = model != nullptr && &model->model->data() == data;
    bool ticked = std::find(comparison.picked.begin(), comparison.picked.end(), run.id) != comparison.picked.end();
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(runColour(run.colour)));
    ImGui::BeginDisabled(!usable);
    char label[160];
    std::snprintf(label, sizeof label, "%s##pick%lld", shortName(*frame.runs, run.id).c_str(), static_cast<long long>(run.id));
    if (ImGui::Checkbox(label, &ticked)) {
      std::erase(comparison.picked, run.id);
      if (ticked) comparison.picked.push_back(run.id);
    }
    ImGui::EndDisabled();
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
      ImGui::SetTooltip("%s%s", run.name.c_str(),
                        usable ? "" : "\nIts model is not in memory: open its checkpoint (File → Open model…) to compare it.");
    }
    ImGui::SameLine();
  }
  if (!any) ImGui::TextDisabled("No run of this data set yet.");
  ImGui::NewLine();
}

void ComparePanel::drawNeighbours(const FrameContext& frame, ExploreState& explore, RunComparison& comparison) {
  const Dataset& data = *explore.dataset();
  const int32_t film = explore.selectedMovie();
  if (film < 0 || explore.facts() == nullptr) {
    ImGui::TextDisabled("Select a film (Neighbours panel or the map) to compare its neighbours.");
    return;
  }
  ImGui::PushFont(frame.fonts->heading);
  ImGui::TextUnformatted(titleWithYear(data.movies[static_cast<size_t>(film)]).c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("neighbours with ≥ %d ratings;", explore.minMovieRatings);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f * frame.scale);
  ImGui::SliderInt("films per list", &comparison.count, 1, 30);

  const NeighbourComparison& lists =
      comparison.neighbours(*frame.runModels, &data, film, explore.minMovieRatings, explore.facts()->itemRatings);
  const std::vector<int64_t>& runs = comparison.neighbourRuns();
  if (runs.size() < 2) {
    ImGui::TextDisabled("Tick at least two runs with movie vectors.");
    return;
  }
  int32_t clicked = -1;
  if (beginRunTable("##lists", *frame.runs, runs, frame.scale)) {
    clicked = filmRows(data, lists.lists, [&](int32_t item) { return lists.inEveryList(item); }, 0);
    ImGui::EndTable();
  }
  ImGui::PushID("neighbours");
  overlapTable(*frame.runs, runs, lists.pairs, frame.scale);
  ImGui::PopID();
  if (clicked >= 0) explore.selectMovie(clicked);
}

void ComparePanel::drawCluster(const FrameContext& frame, ExploreState& explore, RunComparison& comparison) {
  const ClusterAnalysis* clusters = explore.clusters();
  const int32_t cluster = explore.selectedCluster();
  if (clusters == nullptr || cluster < 0) {
    ImGui::TextDisabled("Pick a user cluster in the Clusters panel to compare its favourites across the runs.");
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::Text("Cluster %d (%d users)", cluster + 1, clusters->kmeans.sizes[static_cast<size_t>(cluster)]);
  ImGui::SameLine();
  if (comparison.clusterRunning()) {
    widgets::progressBar(static_cast<float>(comparison.clusterProgress()), ImVec2(160.0f * frame.scale, 0.0f), "profiling");
  } else if (ImGui::Button("Compare its favourites")) {
    comparison.compareCluster(*frame.runModels, explore.dataset(), clusters->kmeans.assignment, clusters->kmeans.clusters,
                              cluster, explore.rareMovieRule());
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("The same users under each run: their centroid in that run's space, its top films and distinctive features");
  }
  if (!comparison.clusterStatus().empty()) ImGui::TextColored(palette::kWarning, "%s", comparison.clusterStatus().c_str());
  const ClusterAcrossRuns* result = comparison.cluster();
  if (result == nullptr) return;
  if (result->cluster != cluster) {
    ImGui::TextDisabled("(showing cluster %d: press the button for the one picked now)", result->cluster + 1);
  }
  const Dataset& data = *explore.dataset();
  int32_t clicked = -1;
  if (beginRunTable("##clusterFilms", *frame.runs, result->runs, frame.scale)) {
    clicked = filmRows(data, result->films, [&](int32_t item) { return result->filmInEveryList(item); }, 100);
    size_t featureRows = 0;
    for (const auto& list : result->features) featureRows = std::max(featureRows, list.size());
    if (featureRows > 0) {
      ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
      ImGui::TableNextColumn();
      for (size_t r = 0; r < result->features.size(); ++r) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("distinctive features");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", result->notes[r].c_str());
      }
    }
    for (size_t row = 0; row < featureRows; ++row) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      for (size_t r = 0; r < result->features.size(); ++r) {
        ImGui::TableNextColumn();
        if (row >= result->features[r].size()) continue;
        const FeatureValue& f = result->features[r][row];
        if (result->featureInEveryList(f.feature)) {
          ImGui::TextColored(palette::kAccent, "● %s", f.name.c_str());
        } else {
          ImGui::Text("  %s", f.name.c_str());
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %+.3f (against the mean user)", f.name.c_str(), static_cast<double>(f.value));
      }
    }
    ImGui::EndTable();
  }
  ImGui::PushID("cluster");
  overlapTable(*frame.runs, result->runs, result->pairs, frame.scale);
  ImGui::PopID();
  if (clicked >= 0) explore.selectMovie(clicked);
}

}  // namespace ll::gui
