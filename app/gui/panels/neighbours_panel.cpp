#include "app/gui/panels/neighbours_panel.h"

#include <imgui_stdlib.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>

#include "app/gui/state/explore_state.h"
#include "app/gui/widgets/movie_text.h"

namespace ll::gui {
namespace {

constexpr int32_t kSearchResults = 8;

}  // namespace

NeighboursPanel::NeighboursPanel(PanelPlacement placement) : Panel("Neighbours", placement) {}

void NeighboursPanel::drawContent(const FrameContext& frame) {
  ExploreState& explore = *frame.explore;
  if (explore.dataset() == nullptr || explore.facts() == nullptr) {
    ImGui::TextDisabled("Load a data set to search its films.");
    return;
  }
  const ImGuiIO& io = ImGui::GetIO();
  // "/" jumps to the search field from anywhere (Help → Keyboard).
  if (!io.WantTextInput && !io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_SLASH, false)) focusSearch_ = true;
  drawSearch(frame, explore);
  drawNeighbours(frame, explore);
}

void NeighboursPanel::drawSearch(const FrameContext& frame, ExploreState& explore) {
  const Dataset& data = *explore.dataset();
  if (focusSearch_) {
    ImGui::SetWindowFocus();
    ImGui::SetKeyboardFocusHere();
    focusSearch_ = false;
  }
  ImGui::SetNextItemWidth(-FLT_MIN);
  const bool enter = ImGui::InputTextWithHint("##search", "Find a film by title  ( / )", &query_,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  if (query_.empty()) return;
  const std::vector<TitleMatch> matches = explore.searchTitles(query_, kSearchResults);
  if (enter && !matches.empty()) {
    explore.selectMovie(matches.front().item);
    query_.clear();
    return;
  }
  if (matches.empty()) {
    ImGui::TextDisabled("No title contains \"%s\".", query_.c_str());
    return;
  }
  const float rowHeight = ImGui::GetTextLineHeightWithSpacing();
  if (ImGui::BeginChild("##matches", ImVec2(0, rowHeight * static_cast<float>(matches.size()) + 6.0f * frame.scale), true)) {
    for (const TitleMatch& match : matches) {
      const Movie& movie = data.movies[static_cast<size_t>(match.item)];
      char label[320];
      std::snprintf(label, sizeof label, "%s##m%d", titleWithYear(movie).c_str(), match.item);
      if (ImGui::Selectable(label, match.item == explore.selectedMovie())) {
        explore.selectMovie(match.item);
        query_.clear();
      }
      ImGui::SameLine(ImGui::GetWindowWidth() - 110.0f * frame.scale);
      ImGui::TextDisabled("%lld ratings", static_cast<long long>(match.ratingCount));
    }
  }
  ImGui::EndChild();
}

void NeighboursPanel::drawNeighbours(const FrameContext& frame, ExploreState& explore) {
  const Dataset& data = *explore.dataset();
  const CatalogueFacts& facts = *explore.facts();
  const int32_t selected = explore.selectedMovie();
  if (selected < 0) {
    ImGui::TextDisabled("Search above, or click a film in the projection.");
    return;
  }
  const Movie& movie = data.movies[static_cast<size_t>(selected)];
  ImGui::PushFont(frame.fonts->heading);
  ImGui::TextUnformatted(titleWithYear(movie).c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%lld ratings · mean %.2f · %s", static_cast<long long>(facts.itemRatings[static_cast<size_t>(selected)]),
                      static_cast<double>(facts.itemMeanRating[static_cast<size_t>(selected)]),
                      genreNames(data, movie.genres).c_str());
  ImGui::SetNextItemWidth(90.0f * frame.scale);
  ImGui::SliderInt("k", &explore.neighbourCount, 1, 50);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f * frame.scale);
  ImGui::SliderInt("min ratings", &explore.minMovieRatings, 0, 500, "%d", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Rarely rated films have noisy vectors: hide them");
  ImGui::SameLine();
  drawExport(frame, explore);

  const std::vector<Neighbour>& list = explore.neighbours();
  if (explore.projection() == nullptr) {
    ImGui::TextDisabled("Neighbours need a model's movie vectors: train or load one.");
    return;
  }
  if (list.empty()) {
    ImGui::TextDisabled("No neighbours pass the filter.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("##neighbours", 4, flags, ImVec2(0, -FLT_MIN))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("film", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("cosine", ImGuiTableColumnFlags_WidthFixed, 70.0f * frame.scale);
    ImGui::TableSetupColumn("ratings", ImGuiTableColumnFlags_WidthFixed, 60.0f * frame.scale);
    ImGui::TableSetupColumn("genres", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableHeadersRow();
    int32_t clicked = -1;
    for (const Neighbour& n : list) {
      const Movie& other = data.movies[static_cast<size_t>(n.item)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      char label[320];
      std::snprintf(label, sizeof label, "%s##n%d", titleWithYear(other).c_str(), n.item);
      if (ImGui::Selectable(label, false, ImGuiSelectableFlags_SpanAllColumns)) clicked = n.item;
      ImGui::TableNextColumn();
      ImGui::Text("%.3f", static_cast<double>(n.similarity));
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(facts.itemRatings[static_cast<size_t>(n.item)]));
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", genreNames(data, other.genres).c_str());
    }
    ImGui::EndTable();
    if (clicked >= 0) explore.selectMovie(clicked);
  }
}

void NeighboursPanel::drawExport(const FrameContext& frame, ExploreState& explore) {
  // The path field takes what the row leaves beside the button.
  const float button = ImGui::CalcTextSize("Export CSV").x + ImGui::GetStyle().FramePadding.x * 2.0f;
  ImGui::SetNextItemWidth(std::max(80.0f * frame.scale, ImGui::GetContentRegionAvail().x - button - 8.0f * frame.scale));
  ImGui::InputText("##exportPath", &exportPath_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("CSV file for the list (written atomically)");
  ImGui::SameLine();
  ImGui::BeginDisabled(exportPath_.empty());
  if (ImGui::Button("Export CSV")) {
    const std::string error = explore.exportNeighbours(exportPath_);
    exportStatus_ = error.empty() ? "Saved " + exportPath_ : "Could not save: " + error;
  }
  ImGui::EndDisabled();
  if (!exportStatus_.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("%s", exportStatus_.c_str());
  }
}

}  // namespace ll::gui
