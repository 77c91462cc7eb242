#include "app/gui/panels/selection_panel.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "app/gui/state/explore_state.h"
#include "app/gui/widgets/movie_text.h"

namespace ll::gui {
namespace {

constexpr int32_t kTitleMatches = 500;  // a search selects at most this many films
constexpr int32_t kFoldInFilms = 20;    // Fold-in takes the most-rated of the selection

void featureRows(const char* title, const std::vector<FeatureShare>& shares, const Dataset& data, ImU32 colour, float scale) {
  ImGui::TextDisabled("%s", title);
  if (shares.empty()) {
    ImGui::TextDisabled("  none");
    return;
  }
  for (const FeatureShare& share : shares) {
    const std::string& name = data.features.names[static_cast<size_t>(share.feature)];
    ImGui::TextUnformatted(name.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("bar: share among the selected films; tick: among all films");
    ImGui::SameLine(130.0f * scale);
    // A bar for the selection's share beside the catalogue's (a tick), both out of the larger one.
    const float width = 60.0f * scale, height = ImGui::GetTextLineHeight() * 0.6f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const double top = std::max({share.selection, share.catalogue, 1e-9});
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float y = at.y + ImGui::GetTextLineHeight() * 0.2f;
    draw->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + width * static_cast<float>(share.selection / top), y + height), colour);
    const float tick = at.x + width * static_cast<float>(share.catalogue / top);
    draw->AddLine(ImVec2(tick, y - 2.0f * scale), ImVec2(tick, y + height + 2.0f * scale), ImGui::GetColorU32(ImGuiCol_Text), 1.5f * scale);
    ImGui::Dummy(ImVec2(width + 6.0f * scale, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextDisabled("%.0f %% vs %.0f %%", 100.0 * share.selection, 100.0 * share.catalogue);
  }
}

}  // namespace

SelectionPanel::SelectionPanel(PanelPlacement placement) : Panel("Selection", placement) {}

void SelectionPanel::drawContent(const FrameContext& frame) {
  ExploreState& explore = *frame.explore;
  if (explore.dataset() == nullptr || explore.facts() == nullptr) {
    ImGui::TextDisabled("Load a data set, then select films on the projection.");
    return;
  }
  drawActions(frame, explore);
  ImGui::Separator();
  drawSummary(frame, explore);
}

void SelectionPanel::drawActions(const FrameContext& frame, ExploreState& explore) {
  SelectionState& selection = explore.selection;
  const float s = frame.scale;
  ImGui::SetNextItemWidth(-90.0f * s);
  const bool enter = ImGui::InputTextWithHint("##select-titles", "Select films by title…", &query_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Select") || enter) && !query_.empty()) {
    const size_t found = explore.selectTitles(query_, kTitleMatches, ImGui::GetIO().KeyShift);
    status_ = std::to_string(found) + " films match \"" + query_ + "\"";
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Films whose titles contain the text (Shift: add them to the selection)");

  if (ImGui::Button("Picked + neighbours")) explore.selectPickedAndNeighbours();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The film picked in the projection and its %d nearest neighbours", explore.neighbourCount);
  ImGui::SameLine();
  ImGui::BeginDisabled(selection.empty());
  ImGui::Checkbox("Isolate", &selection.isolate);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Grey every film outside the selection");
  ImGui::SameLine();
  if (ImGui::Button("Clear")) selection.clear();
  ImGui::SameLine();
  if (ImGui::Button("→ Fold-in")) {
    const size_t sent = explore.sendSelectionToFoldIn(kFoldInFilms);
    status_ = std::to_string(sent) + " films rated 5 in Fold-in";
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Rate the %d most-rated selected films 5 as a new user (Fold-in panel)", kFoldInFilms);
  ImGui::SetNextItemWidth(-110.0f * s);
  ImGui::InputText("##selection-path", &exportPath_);
  ImGui::SameLine();
  if (ImGui::Button("Export CSV")) {
    const std::string error = selection.exportCsv(exportPath_);
    status_ = error.empty() ? std::to_string(selection.items().size()) + " films → " + exportPath_ : error;
  }
  ImGui::EndDisabled();
  if (!status_.empty()) ImGui::TextDisabled("%s", status_.c_str());
}

void SelectionPanel::drawSummary(const FrameContext& frame, ExploreState& explore) {
  const SelectionState& selection = explore.selection;
  if (selection.empty()) {
    ImGui::TextDisabled("No films selected. On the projection: pick \"box\" or \"lasso\" and drag;");
    ImGui::TextDisabled("Shift adds, Shift-click toggles a film; click a legend entry for its films.");
    return;
  }
  const FilmSelectionSummary* summary = selection.summary();
  if (summary == nullptr) {
    ImGui::TextDisabled("%zu films · summarising…", selection.items().size());
    return;
  }
  const Dataset& data = *explore.dataset();
  if (!ImGui::BeginChild("##selection-summary")) {
    ImGui::EndChild();
    return;
  }
  const float s = frame.scale;
  ImGui::Text("%d films", summary->films);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%lld ratings · mean %.2f (all films %.2f) · median film %.0f ratings (all %.0f)",
                     static_cast<long long>(summary->ratings), summary->meanRating, summary->catalogueMeanRating,
                     summary->medianRatingCount, summary->catalogueMedianRatingCount);
  ImGui::PopStyleColor();
  featureRows("More often than in the catalogue", summary->over, data, IM_COL32(46, 170, 120, 255), s);
  featureRows("Less often", summary->under, data, IM_COL32(215, 110, 40, 255), s);
  ImGui::TextDisabled("Most rated");
  const CatalogueFacts& facts = *explore.facts();
  for (const int32_t item : summary->mostRated) {
    const auto i = static_cast<size_t>(item);
    char label[320];
    std::snprintf(label, sizeof label, "%s##sel%d", titleWithYear(data.movies[i]).c_str(), item);
    if (ImGui::Selectable(label, item == explore.selectedMovie())) explore.selectMovie(item);
    ImGui::SameLine(ImGui::GetWindowWidth() - 150.0f * s);
    ImGui::TextDisabled("%lld · mean %.2f", static_cast<long long>(facts.itemRatings[i]), static_cast<double>(facts.itemMeanRating[i]));
  }
  ImGui::EndChild();
}

}  // namespace ll::gui
