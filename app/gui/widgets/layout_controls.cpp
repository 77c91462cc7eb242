#include "app/gui/widgets/layout_controls.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/state/explore_state.h"

namespace ll::gui {
namespace {

// What both methods take: the distance between embeddings, 2 or 3 dimensions, the seed.
void sharedParameters(NeighbourMetric& metric, int32_t& components, uint64_t& seed, float s) {
  int cosine = metric == NeighbourMetric::Cosine ? 1 : 0;
  ImGui::SetNextItemWidth(120.0f * s);
  if (ImGui::Combo("distance", &cosine, "Euclidean\0cosine\0")) metric = cosine == 1 ? NeighbourMetric::Cosine : NeighbourMetric::Euclidean;
  bool threeD = components == 3;
  if (ImGui::Checkbox("3 dimensions", &threeD)) components = threeD ? 3 : 2;
  int value = static_cast<int>(seed);
  ImGui::SetNextItemWidth(120.0f * s);
  if (ImGui::InputInt("seed", &value)) seed = static_cast<uint64_t>(std::max(value, 0));
}

void umapParameters(UmapParams& p, float s) {
  ImGui::TextUnformatted("UMAP of the movie embeddings");
  ImGui::SetNextItemWidth(120.0f * s);
  ImGui::SliderInt("neighbours", &p.neighbours, 2, 100);
  ImGui::SetNextItemWidth(120.0f * s);
  float minDist = static_cast<float>(p.minDist);
  if (ImGui::SliderFloat("min distance", &minDist, 0.0f, 0.99f, "%.2f")) p.minDist = minDist;
  ImGui::SetNextItemWidth(120.0f * s);
  ImGui::SliderInt("epochs (0: auto)", &p.epochs, 0, 1000);
  sharedParameters(p.metric, p.components, p.seed, s);
}

void tsneParameters(TsneParams& p, float s) {
  ImGui::TextUnformatted("t-SNE (Barnes-Hut) of the movie embeddings");
  ImGui::SetNextItemWidth(120.0f * s);
  float perplexity = static_cast<float>(p.perplexity);
  if (ImGui::SliderFloat("perplexity", &perplexity, 2.0f, 100.0f, "%.0f")) p.perplexity = perplexity;
  ImGui::SetNextItemWidth(120.0f * s);
  ImGui::SliderInt("iterations", &p.iterations, 250, 3000);
  ImGui::SetNextItemWidth(120.0f * s);
  float theta = static_cast<float>(p.theta);
  if (ImGui::SliderFloat("theta (0: exact)", &theta, 0.0f, 1.0f, "%.2f")) p.theta = theta;
  sharedParameters(p.metric, p.components, p.seed, s);
}

}  // namespace

void drawLayoutControls(ExploreState& explore, float s) {
  ProjectionOptions& o = explore.options;
  LayoutState& layouts = explore.layouts;
  ImGui::SetNextItemWidth(80.0f * s);
  ImGui::BeginDisabled(o.points != PointSet::Movies);
  int method = static_cast<int>(o.method);
  if (ImGui::Combo("##layout", &method, "PCA\0UMAP\0t-SNE\0")) {
    o.method = static_cast<LayoutMethod>(method);
    // The first time, the parameters come first: nothing runs before they are seen.
    const bool none = layouts.frame() == nullptr || layouts.frame()->method != o.method;
    if (o.method != LayoutMethod::Pca && none && !layouts.running()) ImGui::OpenPopup("##layout-parameters");
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How the movie embeddings are laid out: PCA (the comet), UMAP or t-SNE");
  if (o.method == LayoutMethod::Pca || o.points != PointSet::Movies) return;
  ImGui::SameLine();
  if (layouts.running()) {
    if (ImGui::Button("Stop")) layouts.cancel();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop the layout where it is");
  } else if (ImGui::Button(o.method == LayoutMethod::Umap ? "UMAP…" : "t-SNE…")) {
    ImGui::OpenPopup("##layout-parameters");
  }
  if (ImGui::BeginPopup("##layout-parameters")) {
    int32_t components = 2;
    if (o.method == LayoutMethod::Umap) {
      umapParameters(layouts.umap, s);
      components = layouts.umap.components;
    } else {
      tsneParameters(layouts.tsne, s);
      components = layouts.tsne.components;
    }
    if (ImGui::Button("Run")) {
      explore.runLayout();
      o.threeD = components == 3;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("drawn as it forms");
    ImGui::EndPopup();
  }
}

}  // namespace ll::gui
