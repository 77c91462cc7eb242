#include "core/experiment/experiment_presets.h"

#include "core/data/setting_error.h"

namespace ll {

const std::vector<ExperimentPreset>& experimentPresets() {
  using enum ModelKind;
  static const std::vector<ExperimentPreset> presets = {
      {"table1", "PDC paper Table I and Fig. 4 (PDC vs threshold)", {UserBias, Linear, FM, Add, Mul, Tensor},
       {2, 4, 8, 16, 32, 64}, "official", FeedbackMode::Explicit, std::nullopt},
      {"fig8", "Latent Spaces 2021 Fig. 8 (MSE vs k)", {MF}, {1, 2, 4, 8, 16, 32, 64}, "official", FeedbackMode::Explicit,
       TrainingRecommendation{OptimizerKind::Sgd, 0.01f, 1, 0.02f, 100}},
      {"fig2", "Rendle et al. 2020 Fig. 2 (HR@10, NDCG@10 vs z, implicit, leave-last-out)", {MF, GMF, MLP, NeuMF},
       {8, 16, 32, 64}, "last", FeedbackMode::Implicit, std::nullopt},
      {"table5", "Latent Spaces 2021 Tables 4–5 (a film's neighbours at k = 3, 10, 300; the lists in the CLI)", {MF},
       {3, 10, 300}, "random:0.1", FeedbackMode::Explicit, std::nullopt},
  };
  return presets;
}

const ExperimentPreset& findExperimentPreset(std::string_view name) {
  std::string names;
  for (const ExperimentPreset& preset : experimentPresets()) {
    if (preset.name == name) return preset;
    names += (names.empty() ? "" : ", ") + preset.name;
  }
  names += ", " + std::string(kDotProductLearningPreset) + " (sweep only)";
  throw SettingError(Setting::Preset, "one of " + names, "\"" + std::string(name) + "\"");
}

void applyPreset(const ExperimentPreset& preset, ExperimentGrid& grid) {
  grid.models = preset.models;
  grid.dims = preset.dims;
  grid.folds = preset.folds;
  grid.feedback = preset.feedback;
  grid.presetTraining = preset.training;
}

}  // namespace ll
