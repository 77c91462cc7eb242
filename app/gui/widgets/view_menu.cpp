#include "app/gui/widgets/view_menu.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/state/explore_state.h"

namespace ll::gui {
namespace {

const char* methodName(LayoutMethod method) {
  switch (method) {
    case LayoutMethod::Pca: return "PCA";
    case LayoutMethod::Umap: return "UMAP";
    case LayoutMethod::Tsne: return "t-SNE";
    case LayoutMethod::Axes: return "axes";
    case LayoutMethod::PcaWithoutPopularity: return "PCA − popularity";
  }
  return "PCA";
}

}  // namespace

void ViewMenu::draw(ExploreState& explore, const ProjectionCamera& camera, float s) {
  if (ImGui::Button("Views…")) ImGui::OpenPopup("##views");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save the view on screen by name, or restore one saved on this data set");
  if (!ImGui::BeginPopup("##views")) return;
  const Dataset* data = explore.dataset();
  ImGui::SetNextItemWidth(160.0f * s);
  ImGui::InputText("##view-name", &name_);
  ImGui::SameLine();
  ImGui::BeginDisabled(data == nullptr || name_.empty());
  if (ImGui::Button("Save")) {
    const std::string error = explore.views.save(explore.captureView(name_, camera));
    status_ = error.empty() ? "saved \"" + name_ + "\"" : error;
  }
  ImGui::EndDisabled();
  if (data != nullptr) {
    const std::vector<SavedView> views = explore.views.list(data->source);
    if (views.empty()) ImGui::TextDisabled("No views saved on this data set yet.");
    for (const SavedView& view : views) {
      ImGui::PushID(view.name.c_str());
      if (ImGui::SmallButton("Restore")) {
        const std::string error = explore.applyView(view);
        status_ = error.empty() ? "restored \"" + view.name + "\"" : error;
      }
      ImGui::SameLine();
      if (ImGui::SmallButton("Delete")) status_ = explore.views.remove(view.name);
      ImGui::SameLine();
      ImGui::Text("%s", view.name.c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("%s · %s · %zu selected", methodName(view.options.method), view.run.c_str(), view.selection.size());
      ImGui::PopID();
    }
    if (explore.views.unreadable() > 0) ImGui::TextDisabled("%d saved views could not be read", explore.views.unreadable());
  }
  if (!status_.empty()) ImGui::TextDisabled("%s", status_.c_str());
  ImGui::EndPopup();
}

}  // namespace ll::gui
