// File → Save model… and File → Load model…: small modal dialogs with a path field (no native
// file dialog is packaged). Saving goes through the running session (it writes at its next safe
// point, on the worker thread); loading runs on a background thread. Outcomes come back
// through the main-thread queue, so the frame never waits for the disk.

#include <imgui.h>
#include <imgui_stdlib.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdlib>
#include <filesystem>

#include "app/gui/app.h"
#include "app/gui/widgets/home_path.h"
#include "core/model/model.h"
#include "core/train/checkpoint.h"

namespace ll::gui {
namespace {

constexpr const char* kSaveTitle = "Save model";
constexpr const char* kLoadTitle = "Load model";

}  // namespace

void App::buildModelFileMenuItems() {
  const bool canSave = training_.view().active() && !training_.view().stopRequested;
  if (ImGui::MenuItem("Save model…", nullptr, false, canSave)) modelFiles_.saveRequested = true;
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && !canSave) {
    ImGui::SetTooltip("Checkpoints are saved from a running or paused run (pause before the last epoch to keep it)");
  }
  if (ImGui::MenuItem("Load model…")) modelFiles_.loadRequested = true;
}

void App::buildSaveModelDialog() {
  if (modelFiles_.saveRequested) {
    modelFiles_.saveRequested = false;
    if (const auto& snapshot = training_.view().snapshot) {
      modelFiles_.savePath = "~/latentlens-runs/" + std::string(modelKindName(snapshot->model.kind)) + "-z" +
                             std::to_string(snapshot->model.dim) + ".llckpt";
    }
    if (!modelFiles_.busy) modelFiles_.status.clear();
    ImGui::OpenPopup(kSaveTitle);
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kSaveTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("A checkpoint of the run: model, optimizer state and history, at its next safe point.");
  ImGui::SetNextItemWidth(460.0f * scale_);
  ImGui::InputText("##path", &modelFiles_.savePath);
  const bool active = training_.view().active() && !training_.view().stopRequested;
  if (!active) ImGui::TextColored(palette::kWarning, "The run has ended: there is nothing left to save from.");
  ImGui::BeginDisabled(!active || modelFiles_.busy || modelFiles_.savePath.empty());
  if (ImGui::Button("Save", ImVec2(100.0f * scale_, 0.0f))) {
    const std::filesystem::path path = expandHome(modelFiles_.savePath);
    std::error_code ignored;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
    const bool accepted = training_.requestCheckpoint(path, [this, shown = path.string()](bool ok, std::string error) {
      // Worker thread: hand the outcome to the UI thread and wake it.
      queue_.post([this, ok, shown, error = std::move(error)] {
        modelFiles_.busy = false;
        modelFiles_.status = ok ? "Saved " + shown : "Could not save: " + error;
        notice_ = modelFiles_.status;
      });
      glfwPostEmptyEvent();
    });
    modelFiles_.busy = accepted;
    modelFiles_.status = accepted ? "Saving…" : "The run has ended: there is nothing left to save from.";
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close", ImVec2(100.0f * scale_, 0.0f))) ImGui::CloseCurrentPopup();
  if (!modelFiles_.status.empty()) ImGui::TextWrapped("%s", modelFiles_.status.c_str());
  ImGui::EndPopup();
}

void App::buildLoadModelDialog() {
  if (modelFiles_.loadRequested) {
    modelFiles_.loadRequested = false;
    if (modelFiles_.loadPath.empty()) modelFiles_.loadPath = "~/latentlens-runs/";
    if (!modelFiles_.busy) modelFiles_.status.clear();
    ImGui::OpenPopup(kLoadTitle);
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kLoadTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("A checkpoint (.llckpt): its history joins the run list; its model is loaded when it was");
  ImGui::TextUnformatted("trained on the data set now open.");
  ImGui::SetNextItemWidth(460.0f * scale_);
  const bool enter = ImGui::InputText("##path", &modelFiles_.loadPath, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::BeginDisabled(modelFiles_.busy || modelFiles_.loadPath.empty());
  if (ImGui::Button("Load", ImVec2(100.0f * scale_, 0.0f)) || (enter && !modelFiles_.busy)) {
    startLoadingModel(expandHome(modelFiles_.loadPath).string());
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close", ImVec2(100.0f * scale_, 0.0f))) ImGui::CloseCurrentPopup();
  if (!modelFiles_.status.empty()) ImGui::TextWrapped("%s", modelFiles_.status.c_str());
  ImGui::EndPopup();
}

void App::startLoadingModel(const std::string& path) {
  modelFiles_.busy = true;
  modelFiles_.status = "Loading…";
  std::shared_ptr<const Dataset> data = loader_.latest()->dataset;
  // The previous task has finished (busy was false), so this assignment joins at once.
  modelTask_ = std::jthread([this, path, data = std::move(data)] {
    CheckpointInfo info;
    try {
      info = readCheckpointInfo(path);
    } catch (const std::exception& error) {
      queue_.post([this, message = std::string(error.what())] {
        modelFiles_.busy = false;
        modelFiles_.status = "Could not read the checkpoint: " + message;
      });
      glfwPostEmptyEvent();
      return;
    }
    std::shared_ptr<const Model> model;
    std::string note;
    if (!data) {
      note = "no data set is open, so only its history was read";
    } else {
      try {
        model = loadModel(path, data);
      } catch (const std::exception& error) {
        note = std::string("its model was not loaded: ") + error.what();
      }
    }
    queue_.post([this, info = std::move(info), model = std::move(model), note = std::move(note), path] {
      RunRecord run;
      run.settings = TrainingSettings::fromRun(info.model, info.train);
      run.name = "#" + std::to_string(runs_.nextId()) + " " + run.settings.describe() + " (loaded)";
      run.outcome = "loaded";
      run.message = info.stopMessage;
      run.dataSource = info.dataSource;
      run.split = info.split.text();
      run.created = path;
      run.history = info.history;
      if (model) run.parameterCount = model->parameterCount();
      const RunRecord& kept = runs_.add(std::move(run));
      if (model) loadedModel_ = model;
      modelFiles_.busy = false;
      modelFiles_.status = "Loaded " + kept.name + (note.empty() ? "" : " (" + note + ")");
      notice_ = modelFiles_.status;
    });
    glfwPostEmptyEvent();
  });
}

}  // namespace ll::gui
