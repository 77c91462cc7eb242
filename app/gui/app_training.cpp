// The App's side of training: starting and steering the run (the commands panels issue and the
// keyboard shortcuts), taking in the newest snapshot each frame, keeping ended runs, the demo's
// automatic start, and plot PNGs read back after rendering.

#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cmath>

#include "app/gui/app.h"
#include "app/gui/render/screenshot.h"

namespace ll::gui {
namespace {

constexpr size_t kDemoEpochs = 5;  // scripted demo runs wait for this many epochs (or the run's end)

}  // namespace

void App::startTraining() {
  const DatasetState& data = *loader_.latest();
  if (data.phase != DatasetState::Phase::Ready) {
    trainingError_ = "Load a data set first.";
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
  if (!runs_.lastError().empty()) notice_ = "Could not save the run list: " + runs_.lastError();
}

void App::refreshTraining() {
  if (std::optional<RunRecord> ended = training_.refresh()) {
    const RunRecord& kept = runs_.add(std::move(*ended));
    notice_ = runs_.lastError().empty() ? "Run " + kept.name.substr(0, kept.name.find(' ')) + " kept in the run list"
                                        : "Could not save the run list: " + runs_.lastError();
  }
  // The Experiments demo runs a sweep instead (app_experiments.cpp): no run competes with it.
  if (config_.demo && config_.layout != "experiments" && !demoStarted_ && frame_.dataset->phase == DatasetState::Phase::Ready) {
    demoStarted_ = true;
    startTraining();
  }
  frame_.trainingError = trainingError_;
}

bool App::demoNeedsMoreEpochs() const {
  if (!config_.demo || config_.layout == "experiments") return false;
  const TrainingView& run = training_.view();
  if (frame_.dataset && frame_.dataset->phase == DatasetState::Phase::Failed) return false;  // nothing to train on
  if (!demoStarted_) return true;
  if (run.phase == TrainingView::Phase::Idle) return false;  // refused to start: nothing to wait for
  if (run.phase == TrainingView::Phase::Ended) return false;
  return run.snapshot->history.epochs.size() < kDemoEpochs;
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
