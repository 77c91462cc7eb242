#include "app/gui/panels/model_files_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdio>
#include <filesystem>

#include "app/gui/render/theme.h"
#include "app/gui/widgets/home_path.h"
#include "core/exchange/factor_tables.h"
#include "core/model/factors_model.h"
#include "core/model/model.h"
#include "core/train/checkpoint.h"

namespace ll::gui {
namespace {

constexpr const char* kSaveTitle = "Save model";
constexpr const char* kLoadTitle = "Load model";
constexpr const char* kFactorsTitle = "Open factors";

/// What a preview says of factors and how they meet the data set.
std::string describeFactors(const FactorTables& factors, const FactorsModelSummary& summary) {
  const auto coverage = [](const FactorJoin& join, const char* what) {
    char text[160];
    std::snprintf(text, sizeof text, "%zu of %lld %s have a row", join.rows.size(), static_cast<long long>(join.entities), what);
    std::string out = text;
    if (join.unknown > 0) out += " (" + std::to_string(join.unknown) + " rows of ids the data set lacks left out)";
    return out;
  };
  return std::string(factorsFormatName(factors.format)) + ": " + std::to_string(factors.users->ids.size()) + " user rows and " +
         std::to_string(factors.items->ids.size()) + " movie rows of dimension " + std::to_string(factors.users->dim) +
         ", ids " + factors.ids + ".\n" + coverage(summary.users, "users") + "; " + coverage(summary.items, "movies") +
         ".\nPredictions: " + summary.predictions() + ".";
}

}  // namespace

void ModelFilesDialog::buildMenuItems(const TrainingView& run) {
  const bool canSave = run.active() && !run.stopRequested;
  if (ImGui::MenuItem("Save model…", nullptr, false, canSave)) saveRequested_ = true;
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && !canSave) {
    ImGui::SetTooltip("Checkpoints are saved from a running or paused run (pause before the last epoch to keep it)");
  }
  if (ImGui::MenuItem("Load model…")) loadRequested_ = true;
  if (ImGui::MenuItem("Open factors…")) factorsRequested_ = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Factors trained elsewhere: Spark ALS (JSON), implicit or LightFM .npz");
}

void ModelFilesDialog::draw(TrainingController& training, const DatasetState& data, float scale) {
  drawSave(training, scale);
  drawLoad(data, scale);
  drawFactors(data, scale);
}

void ModelFilesDialog::finish(std::string status) {
  busy_ = false;
  status_ = std::move(status);
  notice_ = status_;
}

void ModelFilesDialog::drawSave(TrainingController& training, float scale) {
  if (saveRequested_) {
    saveRequested_ = false;
    if (const auto& snapshot = training.view().snapshot) {
      savePath_ = "~/latentlens-runs/" + std::string(modelKindName(snapshot->model.kind)) + "-z" +
                  std::to_string(snapshot->model.dim) + ".llckpt";
    }
    if (!busy_) status_.clear();
    ImGui::OpenPopup(kSaveTitle);
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kSaveTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("A checkpoint of the run: model, optimizer state and history, at its next safe point.");
  ImGui::SetNextItemWidth(460.0f * scale);
  ImGui::InputText("##path", &savePath_);
  const bool active = training.view().active() && !training.view().stopRequested;
  if (!active) ImGui::TextColored(palette::kWarning, "The run has ended: there is nothing left to save from.");
  ImGui::BeginDisabled(!active || busy_ || savePath_.empty());
  if (ImGui::Button("Save", ImVec2(100.0f * scale, 0.0f))) {
    const std::filesystem::path path = expandHome(savePath_);
    std::error_code ignored;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
    const bool accepted = training.requestCheckpoint(path, [this, shown = path.string()](bool ok, std::string error) {
      // Worker thread: hand the outcome to the UI thread and wake it.
      queue_.post([this, ok, shown, error = std::move(error)] { finish(ok ? "Saved " + shown : "Could not save: " + error); });
      glfwPostEmptyEvent();
    });
    busy_ = accepted;
    status_ = accepted ? "Saving…" : "The run has ended: there is nothing left to save from.";
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close", ImVec2(100.0f * scale, 0.0f))) ImGui::CloseCurrentPopup();
  if (!status_.empty()) ImGui::TextWrapped("%s", status_.c_str());
  ImGui::EndPopup();
}

void ModelFilesDialog::drawLoad(const DatasetState& data, float scale) {
  if (loadRequested_) {
    loadRequested_ = false;
    if (loadPath_.empty()) loadPath_ = "~/latentlens-runs/";
    if (!busy_) status_.clear();
    ImGui::OpenPopup(kLoadTitle);
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kLoadTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("A checkpoint (.llckpt): its history joins the run list; its model is loaded when it was");
  ImGui::TextUnformatted("trained on the data set now open.");
  ImGui::SetNextItemWidth(460.0f * scale);
  const bool enter = ImGui::InputText("##path", &loadPath_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::BeginDisabled(busy_ || loadPath_.empty());
  if (ImGui::Button("Load", ImVec2(100.0f * scale, 0.0f)) || (enter && !busy_)) {
    startLoading(expandHome(loadPath_).string(), data.dataset);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close", ImVec2(100.0f * scale, 0.0f))) ImGui::CloseCurrentPopup();
  if (!status_.empty()) ImGui::TextWrapped("%s", status_.c_str());
  ImGui::EndPopup();
}

void ModelFilesDialog::startLoading(const std::string& path, std::shared_ptr<const Dataset> data) {
  busy_ = true;
  status_ = "Loading…";
  // The previous task has finished (busy was false), so this assignment joins at once.
  modelTask_ = std::jthread([this, path, data = std::move(data)] {
    CheckpointInfo info;
    try {
      info = readCheckpointInfo(path);
    } catch (const std::exception& error) {
      queue_.post([this, message = std::string(error.what())] {
        busy_ = false;
        status_ = "Could not read the checkpoint: " + message;
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
      if (model) {
        loadedModel_ = model;
        models_.keep(kept.id, model);
      }
      finish("Loaded " + kept.name + (note.empty() ? "" : " (" + note + ")"));
    });
    glfwPostEmptyEvent();
  });
}

void ModelFilesDialog::openFactors(const std::string& path) {
  factorsPath_ = path;
  factorsRequested_ = true;
  previewWhenReady_ = true;
}

void ModelFilesDialog::drawFactors(const DatasetState& data, float scale) {
  if (factorsRequested_) {
    factorsRequested_ = false;
    if (factorsPath_.empty()) factorsPath_ = "~/";
    if (!busy_) status_.clear();
    ImGui::OpenPopup(kFactorsTitle);
  }
  if (previewWhenReady_ && data.dataset && !busy_) {
    previewWhenReady_ = false;
    startPreview(expandHome(factorsPath_).string(), data.dataset);
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kFactorsTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("User and movie factors trained elsewhere: a Spark ALS folder saved as JSON, an implicit or");
  ImGui::TextUnformatted("LightFM .npz. They open as a dot-product model of the data set now open, listed in the run list.");
  ImGui::SetNextItemWidth(460.0f * scale);
  const bool enter = ImGui::InputText("##factors", &factorsPath_, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool samePath = preview_ && preview_->path == expandHome(factorsPath_).string();
  ImGui::BeginDisabled(busy_ || factorsPath_.empty() || !data.dataset);
  if (ImGui::Button("Preview", ImVec2(100.0f * scale, 0.0f)) || (enter && !busy_)) {
    startPreview(expandHome(factorsPath_).string(), data.dataset);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(busy_ || !samePath || !preview_->model);
  if (ImGui::Button("Open", ImVec2(100.0f * scale, 0.0f))) {
    openPreviewedFactors();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close", ImVec2(100.0f * scale, 0.0f))) ImGui::CloseCurrentPopup();
  if (!data.dataset) ImGui::TextColored(palette::kWarning, "Open the data set the factors belong to first.");
  if (busy_) ImGui::TextUnformatted(status_.c_str());
  if (samePath) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 620.0f * scale);
    if (!preview_->model) ImGui::PushStyleColor(ImGuiCol_Text, palette::kError);
    ImGui::TextUnformatted(preview_->text.c_str());
    if (!preview_->model) ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
  ImGui::EndPopup();
}

void ModelFilesDialog::startPreview(const std::string& path, std::shared_ptr<const Dataset> data) {
  busy_ = true;
  status_ = "Reading the factors…";
  modelTask_ = std::jthread([this, path, data = std::move(data)] {
    FactorsPreview preview{path, "", nullptr};
    try {
      const FactorTables factors = readFactors(path);
      FactorsModelSummary summary;
      preview.model = modelFromFactors(factors, data, path, &summary);
      preview.text = describeFactors(factors, summary);
    } catch (const std::exception& error) {
      preview.text = std::string("Cannot open: ") + error.what();
    }
    queue_.post([this, preview = std::move(preview)] {
      busy_ = false;
      status_.clear();
      preview_ = preview;
      // For scripted runs and the record, like the app's other lines on stdout.
      std::printf("latentlens: factors preview: %s\n", preview_->text.substr(0, preview_->text.find('\n')).c_str());
    });
    glfwPostEmptyEvent();
  });
}

void ModelFilesDialog::openPreviewedFactors() {
  const FactorsPreview& preview = *preview_;
  RunRecord run;
  run.settings = TrainingSettings::fromRun(preview.model->config(), TrainParams{});
  const std::string file = std::filesystem::path(preview.path).filename().string();
  run.name = "#" + std::to_string(runs_.nextId()) + " factors z=" + std::to_string(preview.model->config().dim) + " · " + file +
             " (imported)";
  run.outcome = "loaded";
  run.message = "factors trained elsewhere: " + preview.text.substr(0, preview.text.find('\n'));
  run.dataSource = preview.model->data().source;
  run.created = preview.path;
  run.parameterCount = preview.model->parameterCount();
  const RunRecord& kept = runs_.add(std::move(run));
  loadedModel_ = preview.model;
  models_.keep(kept.id, preview.model);
  finish("Opened " + kept.name);
  preview_.reset();
}

}  // namespace ll::gui
