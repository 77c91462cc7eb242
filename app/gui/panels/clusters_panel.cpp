#include "app/gui/panels/clusters_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/gui/state/explore_state.h"
#include "app/gui/widgets/spinner.h"

namespace ll::gui {
namespace {

/// Features as horizontal bars around a shared zero: name, bar, value. maxAbs scales every bar
/// of the profile alike, so favourite and least-liked compare at a glance.
void featureBars(const std::vector<FeatureValue>& values, float maxAbs, ImU32 colour, float scale) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float available = ImGui::GetContentRegionAvail().x;
  const float nameWidth = available * 0.52f, valueWidth = 40.0f * scale;
  const float barSpace = std::max(20.0f * scale, available - nameWidth - valueWidth);
  const float line = ImGui::GetTextLineHeight();
  for (const FeatureValue& v : values) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::PushClipRect(start, ImVec2(start.x + nameWidth - 6.0f * scale, start.y + line), true);
    ImGui::TextUnformatted(v.name.c_str());
    ImGui::PopClipRect();
    const float length = maxAbs > 0.0f ? barSpace * std::fabs(v.value) / maxAbs : 0.0f;
    const ImVec2 barMin(start.x + nameWidth, start.y + 2.0f * scale);
    draw->AddRectFilled(barMin, ImVec2(barMin.x + std::max(length, 1.0f), start.y + line - 2.0f * scale), colour, 2.0f * scale);
    char text[32];
    std::snprintf(text, sizeof text, "%+.2f", static_cast<double>(v.value));
    draw->AddText(ImVec2(start.x + nameWidth + barSpace + 4.0f * scale, start.y), ImGui::GetColorU32(palette::kMuted), text);
    if (ImGui::IsMouseHoveringRect(start, ImVec2(start.x + nameWidth + barSpace + valueWidth, start.y + line))) {
      ImGui::SetTooltip("%s: ∂ŷ/∂x = %+.4f", v.name.c_str(), static_cast<double>(v.value));
    }
  }
}

void movieList(const ExploreState& explore, const std::vector<MovieScore>& movies) {
  const Dataset& data = *explore.dataset();
  for (const MovieScore& m : movies) {
    const Movie& movie = data.movies[static_cast<size_t>(m.item)];
    ImGui::Text("%.2f", static_cast<double>(m.score));
    ImGui::SameLine();
    if (movie.year > 0) {
      ImGui::Text("%s (%d)", movie.title.c_str(), movie.year);
    } else {
      ImGui::TextUnformatted(movie.title.c_str());
    }
  }
}

}  // namespace

ClustersPanel::ClustersPanel(PanelPlacement placement) : Panel("Clusters", placement) {}

void ClustersPanel::drawContent(const FrameContext& frame) {
  ExploreState& explore = *frame.explore;
  if (explore.dataset() == nullptr) {
    ImGui::TextDisabled("Load a data set and train a model to cluster its users.");
    return;
  }
  drawControls(frame, explore);
  const ClusterAnalysis* analysis = explore.clusters();
  if (analysis == nullptr) return;
  const float listWidth = 150.0f * frame.scale;
  if (ImGui::BeginChild("##clusterList", ImVec2(listWidth, 0), false)) drawClusterList(frame, explore, *analysis);
  ImGui::EndChild();
  ImGui::SameLine();
  if (ImGui::BeginChild("##clusterProfile", ImVec2(0, 0), false)) drawProfile(frame, explore, *analysis);
  ImGui::EndChild();
}

void ClustersPanel::drawControls(const FrameContext& frame, ExploreState& explore) {
  const float s = frame.scale;
  const bool running = explore.clustersRunning();
  ImGui::BeginDisabled(running);
  ImGui::SetNextItemWidth(120.0f * s);
  ImGui::SliderInt("k", &explore.clusterK, 2, 100);
  ImGui::SameLine();
  if (ImGui::Button("Run k-means")) explore.runClusters();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::Checkbox("Absolute", &absolute_);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Off: features ranked by what sets the cluster apart — its sensitivities minus the mean user's.\n"
                      "On: by the cluster's own sensitivities, where the part every user shares dominates.");
  }
  if (running) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) explore.cancelClusters();
    ImGui::SameLine();
    const double progress = explore.clusterProgress();
    widgets::progressBar(static_cast<float>(progress), ImVec2(-FLT_MIN, 0.0f), progress > 0.0 ? nullptr : "waiting");
  }
  if (!explore.clusterStatus().empty()) ImGui::TextDisabled("%s", explore.clusterStatus().c_str());
  if (const ClusterAnalysis* analysis = explore.clusters()) {
    const KMeansResult& k = analysis->kmeans;
    ImGui::TextDisabled("%d users in %d clusters · %zu iterations%s", k.rows, k.clusters, k.iterations.size(),
                        k.converged ? "" : " (iteration limit)");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", analysis->note.c_str());
    if (!analysis->profiles) ImGui::TextColored(palette::kWarning, "%s", analysis->note.c_str());
  } else if (!running && explore.clusterStatus().empty()) {
    ImGui::TextDisabled("Groups users by their vectors and shows what each group likes (K).");
  }
}

void ClustersPanel::drawClusterList(const FrameContext& frame, ExploreState& explore, const ClusterAnalysis& analysis) {
  const bool biases = analysis.profiles.has_value();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##clusters", biases ? 3 : 2, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("size");
  if (biases) ImGui::TableSetupColumn("bias");
  ImGui::TableHeadersRow();
  for (int32_t c = 0; c < analysis.kmeans.clusters; ++c) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    char label[16];
    std::snprintf(label, sizeof label, "%d", c + 1);
    if (ImGui::Selectable(label, c == explore.selectedCluster(), ImGuiSelectableFlags_SpanAllColumns)) {
      explore.selectCluster(c);
    }
    ImGui::TableNextColumn();
    ImGui::Text("%d", analysis.kmeans.sizes[static_cast<size_t>(c)]);
    if (biases) {
      ImGui::TableNextColumn();
      ImGui::Text("%+.2f", static_cast<double>(analysis.profiles->clusters[static_cast<size_t>(c)].taste(absolute_).bias));
    }
  }
  ImGui::EndTable();
  (void)frame;
}

void ClustersPanel::drawProfile(const FrameContext& frame, const ExploreState& explore, const ClusterAnalysis& analysis) {
  const int32_t c = explore.selectedCluster();
  if (c < 0) {
    ImGui::TextDisabled("Pick a cluster.");
    return;
  }
  ImGui::PushFont(frame.fonts->heading);
  ImGui::Text("Cluster %d", c + 1);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("%d users", analysis.kmeans.sizes[static_cast<size_t>(c)]);
  if (!analysis.profiles) {
    ImGui::TextWrapped("Favourite features and movies need the model, not only its embeddings.");
    return;
  }
  const ClusterProfiles& profiles = *analysis.profiles;
  const ClusterProfile& p = profiles.clusters[static_cast<size_t>(c)];
  const ClusterTaste& taste = p.taste(absolute_);
  ImGui::SameLine();
  ImGui::TextDisabled("· bias %+.3f%s", static_cast<double>(taste.bias), absolute_ ? "" : " vs the mean user");
  if (profiles.sensitivity != SensitivityKind::None) {
    float maxAbs = 0.0f;
    for (const auto& v : taste.favourite) maxAbs = std::max(maxAbs, std::fabs(v.value));
    for (const auto& v : taste.least) maxAbs = std::max(maxAbs, std::fabs(v.value));
    if (profiles.sensitivity == SensitivityKind::Estimated) {
      ImGui::TextDisabled("Estimated: a regression of the cluster's predicted ratings on the movie features, R² %.2f",
                          taste.r2);
    }
    // Favourite and least-liked side by side: one bar scale, compared at a glance.
    if (ImGui::BeginTable("##features", 2, ImGuiTableFlags_SizingStretchSame)) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(palette::kMuted, "%s%s", absolute_ ? "Favourite features" : "Likes more than most",
                         profiles.sensitivity == SensitivityKind::Approximate ? " (approx.)" : "");
      featureBars(taste.favourite, maxAbs, IM_COL32(0, 158, 115, 255), frame.scale);
      ImGui::TableNextColumn();
      ImGui::TextColored(palette::kMuted, "%s", absolute_ ? "Least liked" : "Likes less than most");
      featureBars(taste.least, maxAbs, IM_COL32(213, 94, 0, 255), frame.scale);
      ImGui::EndTable();
    }
  } else {
    ImGui::TextDisabled("No movie features to rank: the data set has none, or the model shifts only the bias.");
  }
  if (p.membersAveraged > 0) {
    ImGui::TextColored(palette::kMuted, "Top movies (mean prediction of %d members)", p.membersAveraged);
  } else {
    ImGui::TextColored(palette::kMuted, "Top movies");
  }
  movieList(explore, p.top);
  ImGui::TextColored(palette::kMuted, "Bottom movies");
  movieList(explore, p.bottom);
  if (!profiles.note.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", profiles.note.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace ll::gui
