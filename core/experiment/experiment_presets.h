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
//   table2  NRP paper Table 2: mf, dha, nrp-dha, asdae, nrp-asdae, accm, accm-mlp, nrp (NRP-direct) under its
//           §4 protocol — three seeded random 80/10/10 splits (random3), explicit ratings, the
//           model trained on the 80 % and tested as early stopping left it (no refit); RMSE and
//           precision, mean ± sd. z = 100: the paper's encoders end in 100 units and its MF has
//           0.26M parameters on ml-100k, (943 + 1682) × 100
//   table3  NRP paper Table 3: mf, autorec-i, neumf, dha, nrp-dha, asdae, nrp-asdae, nrp, the same
//           protocol; precision of the top 10 % and 25 %. z = 100, autorec-i 500 (the paper's
//           [m, 500, m] AutoRec)
//   fig3    Rendle et al. 2020 Fig. 3: an MLP learning a dot product on synthetic embeddings —
//           not a grid over a data set but an experiment of its own (dot_product_learning.h)
// table2 and table3 name their models as the model catalogue does (model_config.h) and keep those
// that parse to a ModelKind of this build, in the paper's order; the rest are listed as absent,
// in the preset's description too. A model kind added later joins them with no edit here.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/setting_error.h"
#include "core/experiment/experiment_grid.h"

namespace ll {

struct ExperimentPreset {
  std::string name;
  std::string figure;  ///< what it reproduces, in words, and which of the source's models are absent
  std::vector<ModelKind> models;
  std::vector<int32_t> dims;
  std::map<ModelKind, std::vector<int32_t>> modelDims;  ///< a model's own z values, replacing dims for it
  std::string folds;
  FeedbackMode feedback = FeedbackMode::Auto;
  /// The source's own training protocol, used for every model where the user leaves a field
  /// unset (instead of each model's recommendation); none: the recommendations
  std::optional<TrainingRecommendation> training;
  /// Whether each cell's tested model is refitted on training and validation ratings together
  /// (refit.h); off where the source tests the model trained on its training share alone
  bool refit = true;
  /// The source's models, by the catalogue's names, that no ModelKind of this build is called
  std::vector<std::string> absentModels;
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
/// Sets the grid's models, dims (and per-model dims), folds, feedback, refit and preset training;
/// the training settings stay.
void applyPreset(const ExperimentPreset& preset, ExperimentGrid& grid);

}  // namespace ll
