// What panels and menus ask the App for (AppCommands), and the state behind it:
//   - opening data sets: File → Open… and Ctrl+O (the built-in browser), folders and files
//     dropped on the window, the recent list (recorded when a load succeeds);
//   - training: starting and steering the run (also by keyboard), taking in the newest snapshot
//     each frame, keeping ended runs in the library;
//   - PNGs of screen regions, read back after rendering;
//   - the UI scale: View → UI scale, else the monitor's content scale, followed when the window
//     moves to a monitor of another DPI.
// GLFW reports drops and scale changes inside glfwPollEvents; both are queued and handled when
// the main-thread queue drains, between frames, where rebuilding the font atlas is safe.

#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "app/gui/app.h"
#include "app/gui/render/screenshot.h"
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
  if (!config_.factorsPath.empty()) modelFiles_.openFactors(config_.factorsPath);
}

void App::openDataset(const std::string& spec, DatasetFilter filter) {
  LoadOptions options;
  options.minUserRatings = filter.minUserRatings;
  options.minItemRatings = filter.minItemRatings;
  options.threads = settings_.threads;  // the one thread setting: by default a core is left to the UI
  loader_.load(spec, std::move(options));
}

void App::showOpenDatasetDialog() { openDialog_.open(recent_.entries()); }

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

void App::startTraining() {
  const DatasetState& data = *loader_.latest();
  if (data.phase != DatasetState::Phase::Ready) {
    trainingError_ = "Load a data set first.";
    return;
  }
  if (tune_.running()) {
    trainingError_ = "Tuning is under way: stop it or wait for it first.";
    return;
  }
  const std::string name = "#" + std::to_string(runs_.nextId()) + " " + settings_.describe();
  trainingError_ = training_.start(data.dataset, settings_, name, runs_.nextColour());
  // Start is the moment the form becomes "the settings I used": keep them for the next launch.
  if (trainingError_.empty() && !config_.demo) {
    if (std::string error = saveTrainingSettings(dataFile(config_.dataDirectory, "settings.json"), settings_);
        !error.empty()) {
      notice_ = "Could not save the settings: " + error;
    }
  }
}

void App::pauseTraining() { training_.pause(); }
void App::resumeTraining() { training_.resume(); }
void App::stepTraining() { training_.step(); }
void App::stopTraining() { training_.stop(); }

void App::deleteRun(int64_t id) {
  runs_.remove(id);
  runModels_.forget(id);
  if (!runs_.lastError().empty()) notice_ = "Could not save the run list: " + runs_.lastError();
}

void App::refreshTraining() {
  if (std::optional<RunRecord> ended = training_.refresh()) {
    const RunRecord& kept = runs_.add(std::move(*ended));
    // The ended run's model, for comparing runs (the copy may be made on the worker's last safe point).
    training_.requestModel([this, id = kept.id](std::shared_ptr<const Model> model, size_t, const std::string&) {
      queue_.post([this, id, model = std::move(model)] { runModels_.keep(id, model); });
    });
    notice_ = runs_.lastError().empty() ? "Run " + kept.name.substr(0, kept.name.find(' ')) + " kept in the run list"
                                        : "Could not save the run list: " + runs_.lastError();
  }
}

void App::handleTrainingShortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  // Typing in a field, or a dialog open, owns the keyboard.
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
  if (ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
  const TrainingView& run = training_.view();
  // 1.86 keys are GLFW key codes (the named ImGuiKey API arrived in 1.87).
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) {
    if (run.phase == TrainingView::Phase::Running && !run.stopRequested) {
      pauseTraining();
    } else if (run.phase == TrainingView::Phase::Paused && !run.stopRequested) {
      resumeTraining();
    } else if (!run.active()) {
      startTraining();
    }
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_S, false) && run.active()) stepTraining();
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) && run.active()) stopTraining();
}

void App::savePngOfRegion(const std::string& path, ImVec2 min, ImVec2 max,
                          std::function<void(const std::string&)> status) {
  pngRequests_.push_back({path, min, max, std::move(status)});
}

void App::savePendingPngs() {
  if (pngRequests_.empty()) return;
  // ImGui works in window coordinates; the framebuffer may be denser (HiDPI).
  const ImVec2 density = ImGui::GetIO().DisplayFramebufferScale;
  const FramebufferSize size = window_.framebufferSize();
  for (PngRequest& request : pngRequests_) {
    const int x = static_cast<int>(std::floor(request.min.x * density.x));
    const int y = static_cast<int>(std::floor(request.min.y * density.y));
    const int w = static_cast<int>(std::ceil(request.max.x * density.x)) - x;
    const int h = static_cast<int>(std::ceil(request.max.y * density.y)) - y;
    const std::string error = saveBackBufferRegionPng(request.path, x, y, w, h, size.width, size.height);
    notice_ = error.empty() ? "Saved " + request.path : "Could not save " + request.path + ": " + error;
    if (request.status) request.status(error);
  }
  pngRequests_.clear();
}

}  // namespace ll::gui
