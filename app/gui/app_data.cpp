// The App's side of opening data sets and of the UI scale:
//   - File → Open… and Ctrl+O (the built-in browser, panels/open_dataset_dialog.*),
//   - folders and files dropped on the window,
//   - the recent list, recorded when a load succeeds,
//   - the UI scale: View → UI scale, else the monitor's content scale, followed when the window
//     moves to a monitor of another DPI.
// GLFW reports drops and scale changes inside glfwPollEvents; both are queued and handled when
// the main-thread queue drains, between frames, where rebuilding the font atlas is safe.

#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdio>
#include <filesystem>

#include "app/gui/app.h"
#include "app/gui/state/split_form.h"

namespace ll::gui {

void App::setUpDataSide() {
  if (std::string problem = recent_.load(); !problem.empty()) notice_ = problem;
  // The window outlives the App but is only polled from run(), so these never fire after ~App.
  window_.setDropHandler([this](std::vector<std::string> paths) {
    queue_.post([this, paths = std::move(paths)] { openDroppedPaths(paths); });
  });
  window_.setContentScaleHandler([this](float scale) { queue_.post([this, scale] { applyUiScale(scale); }); });
  applyUiScale(window_.contentScale());
  if (config_.openDialog) openDialog_.open(recent_.entries());
}

void App::openDataset(const std::string& spec, DatasetFilter filter) {
  LoadOptions options;
  options.minUserRatings = filter.minUserRatings;
  options.minItemRatings = filter.minItemRatings;
  loader_.load(spec, std::move(options));
}

void App::showOpenDatasetDialog() { openDialog_.open(recent_.entries()); }

void App::handleOpenShortcut() {
  const ImGuiIO& io = ImGui::GetIO();
  // 1.86 keys are GLFW key codes; a dialog already open keeps the keyboard.
  if (!io.KeyCtrl || !ImGui::IsKeyPressed(GLFW_KEY_O, false)) return;
  if (ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
  showOpenDatasetDialog();
}

void App::buildOpenDatasetDialog() {
  if (std::optional<OpenRequest> request = openDialog_.draw(frame_, recent_.entries())) {
    openDataset(request->spec, request->filter);
  }
}

void App::openDroppedPaths(const std::vector<std::string>& paths) {
  if (paths.empty()) return;
  openDataset(paths.front());
  if (paths.size() > 1) {
    notice_ = "Dropped " + std::to_string(paths.size()) + " items: opening the first, " +
              std::filesystem::path(paths.front()).filename().string();
  }
}

void App::recordOpenedDataset() {
  if (frame_.dataset == recordedDataset_) return;
  recordedDataset_ = frame_.dataset;
  const DatasetState& state = *frame_.dataset;
  if (state.phase != DatasetState::Phase::Ready) return;
  const std::string error = recent_.add(state.spec, state.filter.minUserRatings, state.filter.minItemRatings);
  if (!error.empty()) notice_ = "Could not save the recent list: " + error;
  // The split belongs to the App, not to a data set: one the new data set cannot make (official
  // folds, timestamps) falls back to its default rather than failing at Start.
  if (const std::optional<SplitForm> form = splitFormFromText(settings_.split)) {
    const std::string reason =
        splitUnavailableReason(*form, state.summary.officialTestSets, state.summary.hasTimestamps);
    if (!reason.empty()) {
      notice_ = "Split " + settings_.split + " reset to the data set's default: " + reason;
      settings_.split.clear();
    }
  }
}

void App::buildUiScaleMenu() {
  if (!ImGui::BeginMenu("UI scale")) return;
  const float current = config_.uiScale > 0.0f ? config_.uiScale : view_.uiScale;
  for (float choice : kUiScaleChoices) {
    char label[48];
    if (choice > 0.0f) {
      std::snprintf(label, sizeof label, "%.0f %%", static_cast<double>(choice) * 100.0);
    } else {
      std::snprintf(label, sizeof label, "Auto (%.0f %%)", static_cast<double>(contentScale_) * 100.0);
    }
    if (ImGui::MenuItem(label, nullptr, current == choice)) {
      view_.uiScale = choice;
      config_.uiScale = 0.0f;  // the menu overrides --ui-scale from now on
      if (std::string problem = saveViewSettings(dataFile(config_.dataDirectory, "view.json"), view_);
          !problem.empty()) {
        notice_ = "Could not save the UI scale: " + problem;
      }
      // Fonts in use by this frame must not be freed under it: rebuild before the next one.
      queue_.post([this] { applyUiScale(contentScale_); });
    }
  }
  ImGui::EndMenu();
}

void App::applyUiScale(float contentScale) {
  contentScale_ = contentScale;
  const float choice = config_.uiScale > 0.0f ? config_.uiScale : view_.uiScale;
  const float scale = effectiveUiScale(choice, contentScale_);
  if (scale == scale_) return;
  scale_ = scale;
  frame_.scale = scale;
  applyDarkTheme(scale_);
  fonts_ = loadFonts(scale_);
  imgui_.reloadFontsTexture();
}

}  // namespace ll::gui
