#include "core/experiment/experiment_presets.h"

#include <utility>

#include "core/data/setting_error.h"

namespace ll {
namespace {

ExperimentPreset gridPreset(std::string name, std::string figure, std::vector<ModelKind> models, std::vector<int32_t> dims,
                            std::string folds, FeedbackMode feedback, std::optional<TrainingRecommendation> training = std::nullopt) {
  ExperimentPreset preset;
  preset.name = std::move(name);
  preset.figure = std::move(figure);
  preset.models = std::move(models);
  preset.dims = std::move(dims);
  preset.folds = std::move(folds);
  preset.feedback = feedback;
  preset.training = training;
  return preset;
}

/// A table of the NRP paper: its models by the catalogue's names, in the paper's order, and the z
/// of those the paper sizes apart from `dims`. Names that are no ModelKind of this build are left
/// out and named in the description.
ExperimentPreset nrpPaperPreset(std::string name, std::string figure, const std::vector<std::string_view>& modelNames,
                                std::vector<int32_t> dims, const std::vector<std::pair<std::string_view, int32_t>>& ownDims) {
  ExperimentPreset preset = gridPreset(std::move(name), std::move(figure), {}, std::move(dims), "random3", FeedbackMode::Explicit);
  preset.refit = false;  // §4: trained on the 80 %, the 10 % validation only chooses
  for (std::string_view model : modelNames) {
    try {
      preset.models.push_back(parseModelKind(model));
    } catch (const InputError&) {
      preset.absentModels.emplace_back(model);
    }
  }
  for (const auto& [model, dim] : ownDims) {
    try {
      preset.modelDims[parseModelKind(model)].push_back(dim);
    } catch (const InputError&) {
      // sized for a model this build lacks: nothing to size
    }
  }
  if (!preset.absentModels.empty()) {
    std::string absent;
    for (const std::string& model : preset.absentModels) absent += (absent.empty() ? "" : ", ") + model;
    preset.figure += "; not in this build: " + absent;
  }
  return preset;
}

}  // namespace

const std::vector<ExperimentPreset>& experimentPresets() {
  using enum ModelKind;
  static const std::vector<ExperimentPreset> presets = {
      gridPreset("table1", "PDC paper Table I and Fig. 4 (PDC vs threshold)", {UserBias, Linear, FM, Add, Mul, Tensor},
                 {2, 4, 8, 16, 32, 64}, "official", FeedbackMode::Explicit),
      gridPreset("fig8", "Latent Spaces 2021 Fig. 8 (MSE vs k)", {MF}, {1, 2, 4, 8, 16, 32, 64}, "official", FeedbackMode::Explicit,
                 TrainingRecommendation{OptimizerKind::Sgd, 0.01f, 1, 0.02f, 100}),
      gridPreset("fig2", "Rendle et al. 2020 Fig. 2 (HR@10, NDCG@10 vs z, implicit, leave-last-out)", {MF, GMF, MLP, NeuMF},
                 {8, 16, 32, 64}, "last", FeedbackMode::Implicit),
      gridPreset("table5", "Latent Spaces 2021 Tables 4–5 (a film's neighbours at k = 3, 10, 300; the lists in the CLI)", {MF},
                 {3, 10, 300}, "random:0.1", FeedbackMode::Explicit),
      nrpPaperPreset("table2", "NRP paper Table 2 (RMSE and precision; random 80/10/10 ×3, no refit; z = 100)",
                     {"mf", "dha", "nrp-dha", "asdae", "nrp-asdae", "accm", "accm-mlp", "nrp"}, {100}, {}),
      nrpPaperPreset("table3", "NRP paper Table 3 (precision of the top 10 % and 25 %; random 80/10/10 ×3, no refit; z = 100, autorec-i 500)",
                     {"mf", "autorec-i", "neumf", "dha", "nrp-dha", "asdae", "nrp-asdae", "nrp"}, {100}, {{"autorec-i", 500}}),
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
  grid.modelDims = preset.modelDims;
  grid.folds = preset.folds;
  grid.feedback = preset.feedback;
  grid.presetTraining = preset.training;
  grid.refit = preset.refit;
}

}  // namespace ll
