#pragma once
// The grids of the source papers' tables and figures, by name (`sweep --preset`, the GUI's
// Experiments panel):
//   table1  PDC paper Table I and Fig. 4: user-bias, linear, fm, add, mul, tensor at z = 2…64,
//           official folds; MAE, RMSE, PDC against the threshold, parameters, time
//   fig8    Latent Spaces 2021 Fig. 8: biased MF, test MSE against k = 1…64, official folds,
//           trained as in the paper: per-sample SGD with one weak L2 penalty (λ 0.02) for every k
//           and early stopping on validation — so larger k can overfit, the figure's U
//   fig2    Rendle et al. 2020 Fig. 2: the dot product (mf, and gmf's weighted one) against the
//           learned similarities mlp and neumf, HR@10 and NDCG@10 against z, implicit,
//           leave-last-out
//   table5  Latent Spaces 2021 Tables 4–5: mf at k = 3, 10 and 300 on one random split (10 % test),
//           for comparing a film's cosine neighbours across dimensionalities
//           (neighbour_comparison.h; `sweep --preset table5` prints and saves the lists)
//   fig3    Rendle et al. 2020 Fig. 3: an MLP learning a dot product on synthetic embeddings —
//           not a grid over a data set but an experiment of its own (dot_product_learning.h)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/setting_error.h"
#include "core/experiment/experiment_grid.h"

namespace ll {

struct ExperimentPreset {
  std::string name;
  std::string figure;  ///< what it reproduces, in words
  std::vector<ModelKind> models;
  std::vector<int32_t> dims;
  std::string folds;
  FeedbackMode feedback = FeedbackMode::Auto;
  /// The source's own training protocol, used for every model where the user leaves a field
  /// unset (instead of each model's recommendation); none: the recommendations
  std::optional<TrainingRecommendation> training;
};

const std::vector<ExperimentPreset>& experimentPresets();

/// The preset that is not a grid: an MLP learning a dot product (dot_product_learning.h).
inline constexpr std::string_view kDotProductLearningPreset = "fig3";
inline constexpr std::string_view kDotProductLearningFigure =
    "Rendle et al. 2020 Fig. 3 (an MLP learning a dot product; synthetic, needs no data)";
/// The grid preset whose models are kept for comparing a film's neighbours across them.
inline constexpr std::string_view kNeighboursAcrossDimensionsPreset = "table5";
/// Throws SettingError(Setting::Preset) naming the presets when there is no such one.
const ExperimentPreset& findExperimentPreset(std::string_view name);
/// Sets the grid's models, dims, folds, feedback and preset training; the training settings stay.
void applyPreset(const ExperimentPreset& preset, ExperimentGrid& grid);

}  // namespace ll
