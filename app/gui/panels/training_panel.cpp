#include "app/gui/panels/training_panel.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>

#include "app/gui/state/setting_labels.h"
#include "app/gui/state/tune_state.h"
#include "app/gui/widgets/number_format.h"
#include "app/gui/widgets/section.h"
#include "app/gui/widgets/spinner.h"
#include "app/gui/widgets/tune_table.h"
#include "core/model/model_config.h"
#include "core/train/train_params.h"

namespace ll::gui {
namespace {

constexpr std::array kItemInputs = {ItemInput::Features, ItemInput::Id, ItemInput::Both};
constexpr std::array kActivations = {Activation::Identity, Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Selu};
constexpr std::array kOptimizers = {OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::RmsProp,
                                    OptimizerKind::AdaGrad};
constexpr std::array kSchedules = {Schedule::Constant, Schedule::Adaptive};

template <typename Enum, typename Name>
void enumCombo(const char* id, Enum& value, std::span<const Enum> options, Name name) {
  const std::string current(name(value));
  if (!ImGui::BeginCombo(id, current.c_str())) return;
  for (Enum option : options) {
    const std::string label(name(option));
    if (ImGui::Selectable(label.c_str(), option == value)) value = option;
  }
  ImGui::EndCombo();
}

/// The label cell of a form row, then the widget cell, sized to fill it.
void formLabel(const char* label, const char* help = nullptr) {
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", label);
  if (help != nullptr && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-FLT_MIN);
}

void positiveInt(const char* id, int32_t& value, int32_t minimum, int32_t maximum) {
  ImGui::InputInt(id, &value, 0, 0);
  value = std::clamp(value, minimum, maximum);
}

std::string etaText(double seconds) {
  char text[32];
  if (seconds < 90.0) {
    std::snprintf(text, sizeof text, "%.0f s", std::ceil(seconds));
  } else if (seconds < 5400.0) {
    std::snprintf(text, sizeof text, "%.0f min", std::ceil(seconds / 60.0));
  } else {
    std::snprintf(text, sizeof text, "%.1f h", seconds / 3600.0);
  }
  return text;
}

std::string rateText(double ratingsPerSecond) {
  return compactNumber(static_cast<int64_t>(ratingsPerSecond)) + " ratings/s";
}

}  // namespace

TrainingPanel::TrainingPanel(PanelPlacement placement) : Panel("Training", placement) {}

void TrainingPanel::drawContent(const FrameContext& frame) {
  const bool valid = drawSettings(frame);
  drawControls(frame, valid);
  drawProgress(frame);
  drawOutcome(frame);
  drawTune(frame);
}

bool TrainingPanel::drawSettings(const FrameContext& frame) {
  TrainingSettings& s = *frame.settings;
  const TrainingView& run = *frame.training;
  widgets::sectionHeading(*frame.fonts, "Model & training", true);
  // Settings apply at Start: while a run is under way they describe the next one, so they stay
  // editable only between runs, to avoid suggesting that an edit changes the running model.
  ImGui::BeginDisabled(run.active());
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;
  bool splitValid = true;
  std::string splitError;
  if (ImGui::BeginTable("settings", 4, flags)) {
    ImGui::TableSetupColumn("l1", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("w1", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("l2", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("w2", ImGuiTableColumnFlags_WidthStretch, 1.0f);

    const std::vector<ModelKind> models = allModelKinds();
    formLabel("Model", "Choosing a model loads its recommended optimizer, learning rate, batch, L2 and epochs");
    ModelKind model = s.model;
    enumCombo("##model", model, std::span<const ModelKind>(models), modelKindName);
    s.chooseModel(model);
    formLabel("z", "Embedding size (hidden size of add, mul and autorec, rank of fm)");
    positiveInt("##dim", s.dim, 1, kMaxDimension);

    formLabel("Item input", "What the model reads of a movie: its features, its id (an embedding table), or both");
    ImGui::BeginDisabled(!usesItemInput(s.model));
    enumCombo("##input", s.itemInput, std::span<const ItemInput>(kItemInputs), itemInputName);
    ImGui::EndDisabled();
    formLabel("Activation", "σ of the add and mul fusion models; the hidden activation of autorec, nrp, the autoencoder hybrids (dha, asdae and their NRP versions) and the content encoders of accm and accm-mlp");
    ImGui::BeginDisabled(!usesActivation(s.model));
    enumCombo("##activation", s.activation, std::span<const Activation>(kActivations), activationName);
    ImGui::EndDisabled();

    formLabel("Optimizer");
    enumCombo("##optimizer", s.optimizer, std::span<const OptimizerKind>(kOptimizers), optimizerName);
    formLabel("Learning rate");
    ImGui::InputFloat("##lr", &s.learningRate, 0.0f, 0.0f, "%.4g");
    s.learningRate = std::clamp(s.learningRate, 1e-7f, 10.0f);

    formLabel("Batch", "Ratings per update; 1 is per-sample SGD");
    positiveInt("##batch", s.batchSize, 1, 1 << 20);
    formLabel("Epochs", "At most this many epochs");
    positiveInt("##epochs", s.epochs, 1, 100000);

    formLabel("L2", "λ of the L2 penalty on the parameters a batch uses");
    ImGui::InputFloat("##l2", &s.l2, 0.0f, 0.0f, "%.4g");
    s.l2 = std::clamp(s.l2, 0.0f, 100.0f);
    formLabel("Schedule", "adaptive (Latent Spaces 2021): when the validation loss rises, cut learning rate and batch;\n"
                          "otherwise grow both by about 1%");
    enumCombo("##schedule", s.schedule, std::span<const Schedule>(kSchedules), scheduleName);

    formLabel("Patience", "Stop after this many epochs without a better validation RMSE (0 = never)");
    positiveInt("##patience", s.patience, 0, 100000);
    formLabel("Refit", "Once early stopping has chosen the epoch, train afresh on all training ratings (training and\n"
                       "validation shares) for that many epochs, scaled by the larger share, and test that model");
    ImGui::Checkbox("after selection##refit", &s.refit);
    formLabel("Seed", "Seeds initialisation, shuffling and the seeded splits");
    ImGui::InputScalar("##seed", ImGuiDataType_U64, &s.seed);

    formLabel("Threads", "Worker threads for batches and evaluation; by default one core is left to the interface");
    positiveInt("##threads", s.threads, 1, kMaxThreads);
    // The split is chosen in the Data panel (it depends on what the data set offers); shown here
    // so the form reads as the whole recipe of the next run.
    formLabel("Split", "Chosen in the Data panel's Split section");
    const bool ready = frame.dataset->phase == DatasetState::Phase::Ready;
    const std::string hint = ready ? defaultSplitSpec(*frame.dataset->dataset).text() + " (default)" : "data set default";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.split.empty() ? hint.c_str() : s.split.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Chosen in the Data panel's Split section");
    if (!s.split.empty()) {
      try {
        parseSplitSpec(s.split);
      } catch (const std::exception& error) {
        splitValid = false;
        splitError = describeForPanel(error);
      }
    }
    ImGui::EndTable();
  }
  ImGui::EndDisabled();
  if (!splitValid) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kError);
    ImGui::TextWrapped("%s", splitError.c_str());
    ImGui::PopStyleColor();
  }
  return splitValid;
}

void TrainingPanel::drawControls(const FrameContext& frame, bool settingsValid) {
  const TrainingView& run = *frame.training;
  const bool ready = frame.dataset->phase == DatasetState::Phase::Ready;
  const bool running = run.phase == TrainingView::Phase::Running && !run.stopRequested;
  const bool paused = run.phase == TrainingView::Phase::Paused && !run.stopRequested;
  ImGui::Spacing();
  auto button = [](const char* label, bool enabled, const char* tip) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tip);
    ImGui::SameLine();
    return pressed;
  };
  const char* startTip = !ready ? "Load a data set first" : !settingsValid ? "Fix the split first" : "Start (Space)";
  const bool tuning = frame.tune != nullptr && frame.tune->running();
  if (tuning) startTip = "Tuning: wait for it or stop it";
  if (button("Start", ready && settingsValid && !run.active() && !tuning, startTip)) frame.commands->startTraining();
  if (button("Pause", running, "Pause at the next batch (Space)")) frame.commands->pauseTraining();
  if (button("Resume", paused, "Resume (Space)")) frame.commands->resumeTraining();
  if (button("Step", running || paused, "Run to the end of the epoch, then pause (S)")) frame.commands->stepTraining();
  if (button("Stop", running || paused, "End the run at the next batch; it is kept in the run list (Esc)")) {
    frame.commands->stopTraining();
  }
  ImGui::NewLine();
  if (!frame.trainingError.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kError);
    ImGui::TextWrapped("%s", frame.trainingError.c_str());
    ImGui::PopStyleColor();
  }
}

void TrainingPanel::drawProgress(const FrameContext& frame) {
  const TrainingView& run = *frame.training;
  if (run.phase == TrainingView::Phase::Idle) {
    widgets::progressBar(0.0001f, ImVec2(-1.0f, 0.0f), "no run yet");
    return;
  }
  const Snapshot& s = *run.snapshot;
  // After the selection, the bar counts the refit's epochs.
  const bool refitting = s.refitEpochs > 0 && !s.refitted;
  const int32_t epochs = refitting ? s.refitEpochs : s.train.epochs;
  const int32_t done = static_cast<int32_t>((refitting ? s.refitHistory : s.history).epochs.size());
  const char* phase = refitting ? "refit epoch" : "epoch";
  char overlay[160];
  float fraction = 1.0f;
  if (run.active()) {
    const TrainingProgress& p = run.progress;
    const double within =
        p.batchesPerEpoch > 0 ? static_cast<double>(p.batchesDone) / static_cast<double>(p.batchesPerEpoch) : 0.0;
    // The epoch under way is p.epoch; until the worker reports it, it is the one after the last done.
    const int32_t current = std::max(p.epoch, done + 1);
    fraction = static_cast<float>(std::clamp((current - 1 + within) / std::max(1, epochs), 0.0, 1.0));
    std::snprintf(overlay, sizeof overlay, "%s %d/%d · batch %s/%s · %s · ETA %s", phase, current, epochs,
                  groupedNumber(p.batchesDone).c_str(), groupedNumber(p.batchesPerEpoch).c_str(),
                  rateText(p.ratingsPerSecond).c_str(), etaText(p.etaSeconds).c_str());
  } else if (s.refitted) {
    std::snprintf(overlay, sizeof overlay, "%zu epochs, then a refit of %zu, in %.1f s", s.history.epochs.size(),
                  s.refitHistory.epochs.size(), run.elapsedSeconds);
  } else {
    std::snprintf(overlay, sizeof overlay, "%d epoch%s in %.1f s", done, done == 1 ? "" : "s", run.elapsedSeconds);
  }
  widgets::progressBar(std::max(fraction, 0.0001f), ImVec2(-1.0f, 0.0f), overlay);
}

void TrainingPanel::drawOutcome(const FrameContext& frame) {
  const TrainingView& run = *frame.training;
  if (run.phase == TrainingView::Phase::Idle) {
    ImGui::TextDisabled(frame.dataset->phase == DatasetState::Phase::Ready ? "Ready: press Start (Space)."
                                                                            : "Waiting for the data set…");
    return;
  }
  const Snapshot& s = *run.snapshot;
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(runColour(run.colour)), "●");
  ImGui::SameLine();
  ImGui::TextUnformatted(run.name.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("· %s parameters", groupedNumber(s.parameterCount).c_str());

  switch (run.phase) {
    case TrainingView::Phase::Running:
      ImGui::TextColored(palette::kAccent, run.stopRequested ? "Stopping…" : "Running");
      break;
    case TrainingView::Phase::Paused: ImGui::TextColored(palette::kWarning, "Paused"); break;
    case TrainingView::Phase::Ended: {
      const bool failed = s.state == RunState::Failed;
      ImGui::PushStyleColor(ImGuiCol_Text, failed ? palette::kError : palette::kOk);
      const char* what = failed ? "Failed" : run.stopRequested ? "Stopped" : "Finished";
      if (s.message.empty()) {
        ImGui::TextWrapped("%s", what);
      } else {
        ImGui::TextWrapped("%s: %s", what, s.message.c_str());
      }
      ImGui::PopStyleColor();
      break;
    }
    case TrainingView::Phase::Idle: break;
  }
  if (const EpochRecord* best = s.history.best()) {
    char pdc4[40] = "";
    for (const PdcPoint& p : best->pdc) {
      if (p.threshold == 4 && p.pdc) std::snprintf(pdc4, sizeof pdc4, " · PDC@4 %.3f", *p.pdc);
    }
    // Two short lines rather than one wrapped: ImGui wraps at '.', which would split numbers.
    ImGui::TextDisabled("Best epoch %d: validation RMSE %.4f · test RMSE %.4f", best->epoch, best->validation.rmse,
                        best->test.rmse);
    if (const EpochRecord* refit = s.refitHistory.last(); refit != nullptr && s.refitted) {
      ImGui::TextDisabled("Refit on all training ratings, %d epochs:", refit->epoch);
      ImGui::TextDisabled("test RMSE %.4f · MAE %.4f", refit->test.rmse, refit->test.mae);
    } else {
      ImGui::TextDisabled("Test MAE %.4f%s", best->test.mae, pdc4);
    }
  }
}

void TrainingPanel::drawTune(const FrameContext& frame) {
  if (frame.tune == nullptr) return;
  TuneState& tune = *frame.tune;
  const TrainingView& run = *frame.training;
  const bool ready = frame.dataset->phase == DatasetState::Phase::Ready;
  const float headingY = ImGui::GetCursorPosY();
  widgets::sectionHeading(*frame.fonts, "Tune");
  // A search that starts brings its section into view, once its table is there to scroll to.
  if (tune.running() && !wasTuning_) scrollToTune_ = true;
  wasTuning_ = tune.running();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Searches the learning rate, λ, z and batch of the model above on the validation share of the "
                     "split's training ratings (successive halving; the test ratings are never read).");
  ImGui::PopStyleColor();
  ImGui::BeginDisabled(tune.running());
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Budget (min)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70.0f * frame.scale);
  ImGui::InputFloat("##budget", &tune.form.budgetMinutes, 0.0f, 0.0f, "%.3g");
  tune.form.budgetMinutes = std::clamp(tune.form.budgetMinutes, 0.05f, 24.0f * 60.0f);
  ImGui::SameLine();
  ImGui::TextDisabled("Trials");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Configurations at most (0: as many as the budget allows)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70.0f * frame.scale);
  positiveInt("##trials", tune.form.trials, 0, 1000000);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (tune.running()) {
    if (ImGui::Button("Stop tuning")) tune.cancel();
  } else {
    ImGui::BeginDisabled(!ready || run.active());
    if (ImGui::Button("Tune")) {
      selectedTrial_ = -1;
      tune.run(frame.dataset->dataset, *frame.settings);
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
      ImGui::SetTooltip("%s", !ready ? "Load a data set first" : run.active() ? "Wait for the run to end" : "Start the search");
    }
  }
  if (tune.running()) {
    char overlay[160];
    const double eta = tune.etaSeconds();
    std::snprintf(overlay, sizeof overlay, "%s%s%s", tune.currentLabel().c_str(), eta >= 0.0 ? " · ETA " : "",
                  eta >= 0.0 ? etaText(eta).c_str() : "");
    widgets::progressBar(static_cast<float>(std::max(tune.progress(), 0.0001)), ImVec2(-1.0f, 0.0f), overlay);
  }
  if (!tune.status().empty()) ImGui::TextWrapped("%s", tune.status().c_str());
  const std::shared_ptr<const TuneResult> table = tune.table();
  if (!table || table->trials.empty()) return;

  // "Use these settings": the selected row's, else the best's.
  std::optional<size_t> chosen = table->best;
  for (size_t t = 0; t < table->trials.size(); ++t) {
    if (table->trials[t].id == selectedTrial_) chosen = t;
  }
  ImGui::BeginDisabled(!chosen || run.active());
  const bool use = ImGui::Button("Use these settings");
  ImGui::EndDisabled();
  if (chosen) {
    const TrialRecord& t = table->trials[*chosen];
    ImGui::SameLine();
    ImGui::TextDisabled("trial %d%s: %s", t.id + 1, table->best == chosen ? " (best)" : "", describeSettings(t.settings).c_str());
  }
  const bool activated = widgets::tuneTable(*table, selectedTrial_, ImGui::GetTextLineHeightWithSpacing() * 14.0f);
  if (scrollToTune_) {
    ImGui::SetScrollY(headingY);
    scrollToTune_ = false;
  }
  if ((use || activated) && !run.active()) {
    for (size_t t = 0; t < table->trials.size(); ++t) {
      if (table->trials[t].id == (activated ? selectedTrial_ : table->trials[*chosen].id)) tune.useSettings(t, *frame.settings);
    }
  }
}

}  // namespace ll::gui
