#include "app/gui/widgets/layout_controls.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/state/explore_state.h"

namespace ll::gui {

void drawLayoutControls(ExploreState& explore, float s) {
  ProjectionOptions& o = explore.options;
  ImGui::SetNextItemWidth(80.0f * s);
  ImGui::BeginDisabled(o.points != PointSet::Movies);
  int method = static_cast<int>(o.method);
  if (ImGui::Combo("##layout", &method, "PCA\0UMAP\0")) {
    o.method = static_cast<LayoutMethod>(method);
    // The first time, the parameters come first: nothing runs before they are seen.
    if (o.method == LayoutMethod::Umap && explore.layouts.umapFrame() == nullptr && !explore.layouts.umapRunning()) {
      ImGui::OpenPopup("##umap");
    }
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How the movie embeddings are laid out: PCA (the comet) or UMAP");
  if (o.method != LayoutMethod::Umap || o.points != PointSet::Movies) return;
  ImGui::SameLine();
  if (explore.layouts.umapRunning()) {
    if (ImGui::Button("Stop")) explore.layouts.cancelUmap();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop the layout where it is");
  } else if (ImGui::Button("UMAP…")) {
    ImGui::OpenPopup("##umap");
  }
  if (ImGui::BeginPopup("##umap")) {
    UmapParams& p = explore.layouts.umap;
    ImGui::TextUnformatted("UMAP of the movie embeddings");
    ImGui::SetNextItemWidth(120.0f * s);
    ImGui::SliderInt("neighbours", &p.neighbours, 2, 100);
    ImGui::SetNextItemWidth(120.0f * s);
    float minDist = static_cast<float>(p.minDist);
    if (ImGui::SliderFloat("min distance", &minDist, 0.0f, 0.99f, "%.2f")) p.minDist = minDist;
    ImGui::SetNextItemWidth(120.0f * s);
    ImGui::SliderInt("epochs (0: auto)", &p.epochs, 0, 1000);
    int metric = p.metric == NeighbourMetric::Cosine ? 1 : 0;
    ImGui::SetNextItemWidth(120.0f * s);
    if (ImGui::Combo("distance", &metric, "Euclidean\0cosine\0")) p.metric = metric == 1 ? NeighbourMetric::Cosine : NeighbourMetric::Euclidean;
    bool threeD = p.components == 3;
    if (ImGui::Checkbox("3 dimensions", &threeD)) p.components = threeD ? 3 : 2;
    int seed = static_cast<int>(p.seed);
    ImGui::SetNextItemWidth(120.0f * s);
    if (ImGui::InputInt("seed", &seed)) p.seed = static_cast<uint64_t>(std::max(seed, 0));
    if (ImGui::Button("Run")) {
      explore.runUmap();
      o.threeD = p.components == 3;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("drawn epoch by epoch as it forms");
    ImGui::EndPopup();
  }
}

}  // namespace ll::gui
