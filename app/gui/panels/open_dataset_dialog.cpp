#include "app/gui/panels/open_dataset_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <system_error>

#include "app/gui/widgets/number_format.h"
#include "app/gui/widgets/section.h"
#include "core/data/input_error.h"
#include "core/synth/synthetic_limits.h"
#include "core/synth/synthetic_world.h"

namespace ll::gui {
namespace {

namespace fs = std::filesystem;
constexpr const char* kTitle = "Open a data set";

std::string byteSize(uintmax_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

/// A labelled integer field in a two-column form table; the value stays in [lo, hi].
template <typename T>
void countField(const char* label, const char* id, T& value, T lo, T hi, const char* help) {
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", label);
  if (help != nullptr && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-FLT_MIN);
  const ImGuiDataType type = sizeof(T) == 8 ? ImGuiDataType_S64 : ImGuiDataType_S32;
  ImGui::InputScalar(id, type, &value);
  value = std::clamp(value, lo, hi);
}

enum class Marker { None, Folder, Dataset };

/// A full-width selectable row whose label starts with a marker in a fixed-width slot, so names
/// line up whether or not they are marked. Returns true when clicked (double clicks included).
bool markedSelectable(const char* id, Marker marker, const char* label, bool selected, ImGuiSelectableFlags flags) {
  const bool clicked = ImGui::Selectable(id, selected, flags | ImGuiSelectableFlags_AllowItemOverlap);
  ImGui::SameLine(0.0f, 0.0f);
  const float start = ImGui::GetCursorPosX();
  if (marker == Marker::Dataset) ImGui::TextColored(palette::kAccent, "●");
  if (marker == Marker::Folder) ImGui::TextDisabled("▸");
  if (marker != Marker::None) ImGui::SameLine(0.0f, 0.0f);
  ImGui::SetCursorPosX(start + ImGui::GetFontSize() * 1.3f);
  ImGui::TextUnformatted(label);
  return clicked;
}

}  // namespace

void OpenDatasetDialog::open(const std::vector<RecentDataset>& recent) {
  openRequested_ = true;
  std::error_code error;
  recentPresent_.clear();
  for (const RecentDataset& r : recent) recentPresent_.push_back(fs::exists(r.spec, error));
  if (!listing_.folder.empty()) {
    navigate(listing_.folder);  // re-read: the folder may have changed since
    return;
  }
  for (size_t k = 0; k < recent.size(); ++k) {
    if (recentPresent_[k]) {
      navigate(fs::path(recent[k].spec).parent_path());
      return;
    }
  }
  navigate(fs::current_path(error));
}

void OpenDatasetDialog::navigate(const fs::path& folder) {
  FolderListing next = listFolder(folder.empty() ? fs::path("/") : folder, showHidden_);
  if (!next.error.empty() && !listing_.folder.empty()) {
    pathError_ = next.folder.string() + ": " + next.error;  // stay where we were
    return;
  }
  listing_ = std::move(next);
  pathField_ = listing_.folder.string();
  pathError_ = listing_.error;
  if (choice_ == Choice::Path) {
    // A selection survives navigation only into the folder that holds it (a recent entry, a
    // typed file name): elsewhere Open would load something the listing does not show.
    selectedRow_ = -1;
    for (size_t k = 0; k < listing_.entries.size(); ++k) {
      if ((listing_.folder / listing_.entries[k].name).string() == selectedPath_) selectedRow_ = static_cast<int>(k);
    }
    if (selectedRow_ < 0) choice_ = Choice::None;
  }
}

void OpenDatasetDialog::selectPath(const std::string& path, int row) {
  choice_ = Choice::Path;
  selectedPath_ = path;
  selectedRow_ = row;
}

std::optional<OpenRequest> OpenDatasetDialog::draw(const FrameContext& frame, const std::vector<RecentDataset>& recent) {
  if (openRequested_) {
    openRequested_ = false;
    shown_ = true;
    ImGui::OpenPopup(kTitle);
  }
  if (!shown_) return std::nullopt;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 size(std::min(960.0f * frame.scale, viewport->WorkSize.x * 0.94f),
                    std::min(640.0f * frame.scale, viewport->WorkSize.y * 0.92f));
  ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kTitle, &shown_, ImGuiWindowFlags_NoSavedSettings)) {
    shown_ = false;
    return std::nullopt;
  }
  std::optional<OpenRequest> out;
  drawLocationBar(frame);

  // Places and listing share the height left above the footer (filter row, selection, buttons).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float footer = ImGui::GetTextLineHeightWithSpacing() + 2.0f * ImGui::GetFrameHeightWithSpacing() +
                       style.WindowPadding.y;
  const float height = std::max(ImGui::GetContentRegionAvail().y - footer, 120.0f * frame.scale);
  ImGui::BeginChild("places", ImVec2(260.0f * frame.scale, height), true);
  drawPlaces(frame, recent, out);
  ImGui::EndChild();
  ImGui::SameLine();
  drawListing(frame, height, out);
  drawFooter(frame, out);

  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) shown_ = false;
  if (out || !shown_) {
    shown_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return out;
}

void OpenDatasetDialog::drawLocationBar(const FrameContext& frame) {
  const bool atRoot = listing_.folder == listing_.folder.root_path();
  ImGui::BeginDisabled(atRoot);
  if (ImGui::Button("↑ Up")) navigate(listing_.folder.parent_path());
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("The parent folder (Backspace)");
  ImGui::SameLine();
  if (ImGui::Button("Home")) navigate(homeFolder());
  ImGui::SameLine();
  const float checkboxWidth = ImGui::CalcTextSize("Hidden").x + ImGui::GetFrameHeight() + 3.0f * ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(-checkboxWidth);
  // Enter in the field goes there: a folder is listed, a file is selected in its folder.
  if (ImGui::InputText("##path", &pathField_, ImGuiInputTextFlags_EnterReturnsTrue)) {
    std::error_code error;
    const fs::path typed(pathField_.rfind("~/", 0) == 0 ? (homeFolder() / pathField_.substr(2)).string() : pathField_);
    if (fs::is_directory(typed, error)) {
      navigate(typed);
    } else if (fs::exists(typed, error)) {
      navigate(typed.parent_path());
      selectPath(fs::absolute(typed, error).lexically_normal().string(), -1);
    } else {
      pathError_ = "Nothing at " + pathField_;
    }
  }
  ImGui::SameLine();
  if (ImGui::Checkbox("Hidden", &showHidden_)) navigate(listing_.folder);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Also list names starting with a dot");
  if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_BACKSPACE, false) && !atRoot) {
    navigate(listing_.folder.parent_path());
  }
  (void)frame;
}

void OpenDatasetDialog::drawPlaces(const FrameContext& frame, const std::vector<RecentDataset>& recent,
                                   std::optional<OpenRequest>& out) {
  widgets::sectionHeading(*frame.fonts, "Built in", true);
  const ImGuiSelectableFlags flags = ImGuiSelectableFlags_AllowDoubleClick;
  if (markedSelectable("##synthetic", Marker::Dataset, "Synthetic world", choice_ == Choice::Synthetic, flags)) {
    choice_ = Choice::Synthetic;
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && syntheticError().empty()) out = pendingRequest();
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("A MovieLens-shaped world with planted structure, generated in memory");
  }
  if (choice_ == Choice::Synthetic) drawSyntheticFields(frame);

  widgets::sectionHeading(*frame.fonts, "Recent");
  if (recent.empty()) ImGui::TextDisabled("Data sets you open appear here.");
  for (size_t k = 0; k < recent.size(); ++k) {
    const RecentDataset& r = recent[k];
    const bool present = k < recentPresent_.size() && recentPresent_[k];
    const fs::path path(r.spec);
    std::string label = path.filename().string();
    if (r.minUserRatings > 1 || r.minItemRatings > 1) label += "  · k-core";
    ImGui::PushID(static_cast<int>(k));
    ImGui::BeginDisabled(!present);
    const bool selected = choice_ == Choice::Path && selectedPath_ == r.spec;
    if (ImGui::Selectable(label.c_str(), selected, flags)) {
      selectPath(r.spec, -1);
      filter_ = DatasetFilter{r.minUserRatings, r.minItemRatings};
      navigate(path.parent_path());
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) out = pendingRequest();
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(r.spec.c_str());
      if (!present) ImGui::TextColored(palette::kWarning, "missing: moved or deleted");
      if (r.minUserRatings > 1 || r.minItemRatings > 1) {
        ImGui::TextDisabled("k-core: ≥ %d per user, ≥ %d per movie", r.minUserRatings, r.minItemRatings);
      }
      if (!r.opened.empty()) ImGui::TextDisabled("opened %s", r.opened.c_str());
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
}

void OpenDatasetDialog::drawSyntheticFields(const FrameContext& frame) {
  ImGui::Indent(10.0f * frame.scale);
  if (ImGui::BeginTable("synthetic", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings)) {
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
    countField<int64_t>("Users", "##users", synthetic_.users, 0, kMaxUsers, "0: scaled from ratings (943 at 100,000)");
    countField<int64_t>("Movies", "##movies", synthetic_.movies, 0, kMaxMovies, "0: scaled from ratings (1,682 at 100,000)");
    countField<int64_t>("Ratings", "##ratings", synthetic_.ratings, 1, kMaxRatings, "Exactly this many; at least 20 per user");
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Seed");
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputScalar("##seed", ImGuiDataType_U64, &synthetic_.seed);
    ImGui::EndTable();
  }
  ImGui::Unindent(10.0f * frame.scale);
  if (const std::string error = syntheticError(); !error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kError);
    ImGui::TextWrapped("%s", error.c_str());
    ImGui::PopStyleColor();
  }
}

void OpenDatasetDialog::drawListing(const FrameContext& frame, float height, std::optional<OpenRequest>& out) {
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("listing", 3, flags, ImVec2(0.0f, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthFixed, 110.0f * frame.scale);
  ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, 80.0f * frame.scale);
  ImGui::TableHeadersRow();
  if (!listing_.error.empty()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(palette::kError, "Cannot read this folder: %s", listing_.error.c_str());
  } else if (listing_.entries.empty()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("(empty folder)");
  }
  std::optional<fs::path> enter;  // navigation waits until the clipper is done with this listing
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(listing_.entries.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const BrowserEntry& entry = listing_.entries[static_cast<size_t>(row)];
      const std::string path = (listing_.folder / entry.name).string();
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(row);
      const ImGuiSelectableFlags rowFlags = ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick;
      const Marker marker = entry.looksLikeDataset ? Marker::Dataset : entry.isFolder ? Marker::Folder : Marker::None;
      const std::string label = entry.isFolder ? entry.name + "/" : entry.name;
      if (markedSelectable("##row", marker, label.c_str(), row == selectedRow_, rowFlags)) {
        selectPath(path, row);
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
          // A plain folder is entered; a data set (folder or archive) or any file is opened.
          if (entry.isFolder && !entry.looksLikeDataset) {
            enter = listing_.folder / entry.name;
          } else {
            out = pendingRequest();
          }
        }
      }
      ImGui::TableNextColumn();
      if (entry.looksLikeDataset) {
        ImGui::TextColored(palette::kAccent, "%s", entry.kind.c_str());
      } else {
        ImGui::TextDisabled("%s", entry.kind.c_str());
      }
      ImGui::TableNextColumn();
      if (!entry.isFolder) ImGui::TextDisabled("%s", byteSize(entry.bytes).c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  if (enter) navigate(*enter);
}

void OpenDatasetDialog::drawFooter(const FrameContext& frame, std::optional<OpenRequest>& out) {
  if (!pathError_.empty()) {
    ImGui::TextColored(palette::kError, "%s", pathError_.c_str());
  } else if (listing_.folderIsDataset) {
    ImGui::TextColored(palette::kAccent, "●");
    ImGui::SameLine();
    ImGui::TextDisabled("This folder is an %s data set: Open with nothing selected loads it.", listing_.folderFormat.c_str());
  } else {
    ImGui::TextColored(palette::kAccent, "●");
    ImGui::SameLine();
    ImGui::TextDisabled("marks data sets. Double-click a folder to enter it, a data set to open it.");
  }

  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("k-core filter");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Drop users and movies with fewer ratings, repeatedly, until none is left (0: off)");
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("min ratings per user");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f * frame.scale);
  ImGui::InputInt("##minUser", &filter_.minUserRatings, 0, 0);
  ImGui::SameLine();
  ImGui::TextUnformatted("per movie");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90.0f * frame.scale);
  ImGui::InputInt("##minItem", &filter_.minItemRatings, 0, 0);
  filter_.minUserRatings = std::clamp(filter_.minUserRatings, 0, 1000000);
  filter_.minItemRatings = std::clamp(filter_.minItemRatings, 0, 1000000);

  const std::optional<OpenRequest> pending = pendingRequest();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Selection");
  ImGui::SameLine();
  const float buttons = 2.0f * 110.0f * frame.scale + ImGui::GetStyle().ItemSpacing.x;
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - buttons - ImGui::GetStyle().ItemSpacing.x);
  if (pending) {
    ImGui::TextUnformatted(pending->spec.c_str());
  } else {
    ImGui::TextDisabled("select a data set, or the synthetic world");
  }
  ImGui::PopTextWrapPos();
  ImGui::SameLine(ImGui::GetContentRegionMax().x - buttons);
  if (ImGui::Button("Cancel", ImVec2(110.0f * frame.scale, 0.0f))) shown_ = false;
  ImGui::SameLine();
  ImGui::BeginDisabled(!pending);
  if (ImGui::Button("Open", ImVec2(110.0f * frame.scale, 0.0f))) out = pending;
  ImGui::EndDisabled();
  if (pending && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_ENTER, false)) out = pending;
}

std::optional<OpenRequest> OpenDatasetDialog::pendingRequest() const {
  switch (choice_) {
    case Choice::Synthetic:
      if (!syntheticError().empty()) return std::nullopt;
      return OpenRequest{syntheticSpec(synthetic_), filter_};
    case Choice::Path: return OpenRequest{selectedPath_, filter_};
    case Choice::None: break;
  }
  if (listing_.folderIsDataset) return OpenRequest{listing_.folder.string(), filter_};
  return std::nullopt;
}

std::string OpenDatasetDialog::syntheticError() const {
  try {
    parseSyntheticSpec(syntheticSpec(synthetic_));
    return {};
  } catch (const InputError& error) {
    return "Expected " + error.expected() + ", found " + error.found();
  } catch (const std::exception& error) {
    return error.what();
  }
}

}  // namespace ll::gui
