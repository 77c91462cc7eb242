#include "app/gui/widgets/layout_controls.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/state/explore_state.h"
#include "core/data/dataset.h"

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

bool genreCombo(const char* label, int32_t& genre, const Dataset& data, float s) {
  ImGui::SetNextItemWidth(120.0f * s);
  bool changed = false;
  genre = std::clamp<int32_t>(genre, 0, static_cast<int32_t>(data.genreNames.size()) - 1);
  if (ImGui::BeginCombo(label, data.genreNames[static_cast<size_t>(genre)].c_str())) {
    for (size_t g = 0; g < data.genreNames.size(); ++g) {
      if (ImGui::Selectable(data.genreNames[g].c_str(), static_cast<int32_t>(g) == genre)) {
        genre = static_cast<int32_t>(g);
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

void axesParameters(AxesChoice& c, const Dataset* data, float s) {
  ImGui::TextUnformatted("Custom axes: from one genre's films to another's (their centroids)");
  if (data == nullptr || data->genreNames.size() < 2) {
    ImGui::TextDisabled("The data set has fewer than two genres.");
    return;
  }
  genreCombo("x from", c.from, *data, s);
  genreCombo("x to", c.to, *data, s);
  ImGui::Checkbox("y from genre to genre too (else PC1 of the rest)", &c.secondFromGenres);
  if (c.secondFromGenres) {
    genreCombo("y from", c.secondFrom, *data, s);
    genreCombo("y to", c.secondTo, *data, s);
  }
  if (c.from == c.to || (c.secondFromGenres && c.secondFrom == c.secondTo)) ImGui::TextDisabled("An axis needs two different genres.");
}

}  // namespace

void drawLayoutControls(ExploreState& explore, float s) {
  ProjectionOptions& o = explore.options;
  LayoutState& layouts = explore.layouts;
  ImGui::SetNextItemWidth(80.0f * s);
  ImGui::BeginDisabled(o.points != PointSet::Movies);
  int method = static_cast<int>(o.method);
  if (ImGui::Combo("##layout", &method, "PCA\0UMAP\0t-SNE\0axes\0PCA − popularity\0")) {
    o.method = static_cast<LayoutMethod>(method);
    // The first time, the parameters come first: nothing runs before they are seen.
    const bool none = layouts.frame() == nullptr || layouts.frame()->method != o.method;
    if (o.method != LayoutMethod::Pca && none && !layouts.running()) ImGui::OpenPopup("##layout-parameters");
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("How the movie embeddings are laid out: PCA (the comet), UMAP, t-SNE, axes from one genre to another,\n"
                      "or PCA after removing the direction most correlated with log rating count (the comet without its tail)");
  }
  if (o.method == LayoutMethod::Pca || o.points != PointSet::Movies) return;
  ImGui::SameLine();
  if (layouts.running()) {
    if (ImGui::Button("Stop")) layouts.cancel();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop the layout where it is");
  } else if (ImGui::Button(o.method == LayoutMethod::Umap   ? "UMAP…"
                           : o.method == LayoutMethod::Tsne ? "t-SNE…"
                           : o.method == LayoutMethod::Axes ? "axes…"
                                                            : "popularity…")) {
    ImGui::OpenPopup("##layout-parameters");
  }
  if (ImGui::BeginPopup("##layout-parameters")) {
    int32_t components = 2;
    if (o.method == LayoutMethod::Umap) {
      umapParameters(layouts.umap, s);
      components = layouts.umap.components;
    } else if (o.method == LayoutMethod::Tsne) {
      tsneParameters(layouts.tsne, s);
      components = layouts.tsne.components;
    } else if (o.method == LayoutMethod::Axes) {
      axesParameters(layouts.axes, explore.dataset(), s);
    } else {
      ImGui::TextUnformatted("PCA after removing the direction most correlated with log rating count:");
      ImGui::TextDisabled("the comet without its tail of rarely rated films");
    }
    if (ImGui::Button("Run")) {
      explore.runLayout();
      o.threeD = components == 3;
      ImGui::CloseCurrentPopup();
    }
    if (o.method == LayoutMethod::Umap || o.method == LayoutMethod::Tsne) {
      ImGui::SameLine();
      ImGui::TextDisabled("drawn as it forms");
    }
    ImGui::EndPopup();
  }
}

}  // namespace ll::gui
