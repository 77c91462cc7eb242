#include "app/gui/panels/foldin_panel.h"

#include <imgui_stdlib.h>

#include <cmath>
#include <cstdio>

#include "app/gui/state/explore_state.h"
#include "app/gui/widgets/movie_text.h"
#include "app/gui/widgets/spinner.h"

namespace ll::gui {
namespace {

constexpr int32_t kFilmChoices = 4;

/// Five small buttons from the cursor on; the current rating's are lit. Returns the star
/// clicked, or 0.
int starButtons(int32_t item, float current) {
  int clicked = 0;
  for (int star = 1; star <= 5; ++star) {
    if (star > 1) ImGui::SameLine(0.0f, 2.0f);
    // Lit stars in amber with dark digits, the rest in the quiet frame colour.
    const bool lit = current >= static_cast<float>(star) - 0.25f;
    ImGui::PushStyleColor(ImGuiCol_Button, lit ? palette::kWarning : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::PushStyleColor(ImGuiCol_Text, lit ? ImVec4(0.1f, 0.1f, 0.1f, 1.0f) : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    char label[24];
    std::snprintf(label, sizeof label, "%d##s%d_%d", star, item, star);
    if (ImGui::SmallButton(label)) clicked = star;
    ImGui::PopStyleColor(2);
  }
  return clicked;
}

}  // namespace

FoldInPanel::FoldInPanel(PanelPlacement placement) : Panel("Fold-in", placement) {}

void FoldInPanel::drawContent(const FrameContext& frame) {
  ExploreState& explore = *frame.explore;
  if (explore.dataset() == nullptr || explore.facts() == nullptr) {
    ImGui::TextDisabled("Load a data set and train a model to fold in a new user.");
    return;
  }
  drawRatingSearch(frame, explore);
  // The ratings and their predictions side by side, so both fit the panel's height.
  if (ImGui::BeginChild("##ratings", ImVec2(ImGui::GetContentRegionAvail().x * 0.5f, 0), false)) {
    drawRatings(frame, explore);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  if (ImGui::BeginChild("##predictions", ImVec2(0, 0), false)) drawPredictions(frame, explore);
  ImGui::EndChild();
}

void FoldInPanel::drawRatingSearch(const FrameContext& frame, ExploreState& explore) {
  const Dataset& data = *explore.dataset();
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##rateSearch", "Rate a film as the new user: type a title", &query_);
  if (query_.empty()) return;
  for (const TitleMatch& match : explore.searchTitles(query_, kFilmChoices)) {
    const Movie& movie = data.movies[static_cast<size_t>(match.item)];
    ImGui::AlignTextToFramePadding();
    const float titleWidth = ImGui::GetContentRegionAvail().x - 130.0f * frame.scale;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::PushClipRect(start, ImVec2(start.x + titleWidth, start.y + ImGui::GetFrameHeight()), true);
    ImGui::TextUnformatted(titleWithYear(movie).c_str());
    ImGui::PopClipRect();
    ImGui::SameLine(titleWidth);
    if (const int star = starButtons(match.item, 0.0f); star > 0) {
      explore.setFoldInRating(match.item, static_cast<float>(star));
      query_.clear();
    }
  }
}

void FoldInPanel::drawRatings(const FrameContext& frame, ExploreState& explore) {
  const Dataset& data = *explore.dataset();
  const float s = frame.scale;
  ImGui::TextColored(palette::kMuted, "The new user's ratings (%zu)", explore.foldInRatings.size());
  int32_t remove = -1;
  for (const FoldInRating& r : explore.foldInRatings) {
    const float titleWidth = ImGui::GetContentRegionAvail().x - 162.0f * s;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::AlignTextToFramePadding();
    ImGui::PushClipRect(start, ImVec2(start.x + titleWidth, start.y + ImGui::GetFrameHeight()), true);
    ImGui::TextUnformatted(titleWithYear(data.movies[static_cast<size_t>(r.item)]).c_str());
    ImGui::PopClipRect();
    ImGui::SameLine(titleWidth);
    if (const int star = starButtons(r.item, r.rating); star > 0) explore.setFoldInRating(r.item, static_cast<float>(star));
    ImGui::SameLine();
    char label[24];
    std::snprintf(label, sizeof label, "x##rm%d", r.item);
    if (ImGui::SmallButton(label)) remove = r.item;
  }
  if (remove >= 0) explore.setFoldInRating(remove, 0.0f);

  ImGui::Checkbox("ridge", &explore.foldInRidge);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Off: the plain pseudo-inverse (minimum norm; unstable near n = dimension)");
  ImGui::SameLine();
  ImGui::BeginDisabled(!explore.foldInRidge);
  ImGui::SetNextItemWidth(110.0f * s);
  ImGui::SliderFloat("λ", &explore.foldInLambda, 0.001f, 100.0f, "%.3g", ImGuiSliderFlags_Logarithmic);
  ImGui::EndDisabled();
  ImGui::SetNextItemWidth(80.0f * s);
  ImGui::SliderInt("min ratings", &explore.minMovieRatings, 0, 500, "%d", ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Films with fewer ratings are left out of the favourites (and of neighbours and cluster lists):\n"
                      "their vectors rest on a few ratings and their predictions overshoot");
  }
  ImGui::SameLine();
  ImGui::Checkbox("shrink", &explore.shrinkRanking);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Rank by the prediction pulled toward the mean rating by the film's rating count,\n"
                      "μ + (ŷ − μ)·n/(n + κ), κ = %.0f; the list still shows the prediction",
                      static_cast<double>(explore.rankingShrinkage));
  }
  ImGui::SetNextItemWidth(80.0f * s);
  ImGui::SliderInt("top", &explore.foldInCount, 1, 30);
  ImGui::SameLine();
  ImGui::BeginDisabled(explore.foldInRatings.empty() || explore.foldInRunning());
  if (ImGui::Button("Predict")) explore.runFoldIn();
  ImGui::EndDisabled();
  if (explore.foldInRunning()) {
    ImGui::SameLine();
    widgets::spinner("##foldin", 6.0f * s, 2.0f * s, ImGui::GetColorU32(palette::kAccent));
  }
  if (!explore.foldInStatus().empty()) ImGui::TextWrapped("%s", explore.foldInStatus().c_str());
}

void FoldInPanel::drawPredictions(const FrameContext& frame, const ExploreState& explore) {
  const FoldInResult* result = explore.foldIn();
  if (result == nullptr || result->top.empty()) {
    ImGui::TextDisabled("Rate a few films, then Predict: the\nmodel's favourites for this user\nappear here.");
    return;
  }
  const Dataset& data = *explore.dataset();
  double norm = 0.0;
  for (float v : result->user) norm += static_cast<double>(v) * v;
  ImGui::TextColored(palette::kMuted, "Predicted favourites");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Unrated films ranked for the folded-in user vector (‖u‖ = %.2f, %zu dimensions)", std::sqrt(norm),
                      result->user.size());
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##predictions", 3, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("film", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("pred.", ImGuiTableColumnFlags_WidthFixed, 40.0f * frame.scale);
  ImGui::TableSetupColumn("ratings", ImGuiTableColumnFlags_WidthFixed, 48.0f * frame.scale);
  ImGui::TableHeadersRow();
  for (const auto& [item, rating] : result->top) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(titleWithYear(data.movies[static_cast<size_t>(item)]).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%.2f", static_cast<double>(rating));
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%lld", static_cast<long long>(explore.facts()->itemRatings[static_cast<size_t>(item)]));
  }
  ImGui::EndTable();
}

}  // namespace ll::gui
