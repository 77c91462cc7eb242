#pragma once
// What an experiment produces: one outcome per trained cell (model, z, fold) and one row per
// (model, z) with mean ± sd over its folds — PDC paper Table I (MAE, RMSE, PDC@t, params, time),
// Latent Spaces 2021 Fig. 8 (MSE against k) and Rendle et al. 2020 Fig. 2 (HR@10, NDCG@10 against
// z) are views of it. Plain structs: experiment_json.h and experiment_csv.h write and read them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/experiment/mean_sd.h"
#include "core/model/model_config.h"

namespace ll {

/// One trained cell. Metrics a mode does not measure stay empty: RMSE/MAE/MSE in implicit mode
/// (the outputs are logits), HR/NDCG unless the run ranked items (implicit or leave-last-out).
struct FoldOutcome {
  ModelKind model = ModelKind::MF;
  int32_t dim = 0;
  int32_t fold = 0;  ///< 0-based
  std::string split;
  bool implicit = false;
  std::optional<double> mae, rmse, mse;     ///< on the test ratings
  /// The score early stopping chose the kept epoch by: validation RMSE, or the validation
  /// logistic loss in implicit mode
  double validation = 0.0;
  std::map<int32_t, double> pdc;            ///< threshold → PDC on the test ratings (defined ones only)
  std::optional<double> hitRate, ndcg;      ///< HR@K and NDCG@K against sampled negatives
  std::optional<double> popularityHitRate, popularityNdcg;  ///< the same for training popularity (a model-free baseline)
  int64_t params = 0;
  double secondsPerEpoch = 0.0;
  int32_t epochs = 0;                       ///< epochs run (the kept one is at most this)
  std::string stop;                         ///< why the run ended ("early stopping", "epoch limit", …)
  std::string training;                     ///< how it was trained (describeOptimization)
};

/// One (model, z): its folds summarised.
struct ResultRow {
  ModelKind model = ModelKind::MF;
  int32_t dim = 0;     ///< 0 for models without z
  int32_t folds = 0;   ///< folds that finished
  bool implicit = false;
  MeanSd mae, rmse, mse, validation, hitRate, ndcg, popularityHitRate, popularityNdcg, secondsPerEpoch, epochs;
  std::map<int32_t, MeanSd> pdc;  ///< threshold → PDC (a threshold no fold defined is absent)
  int64_t params = 0;
  /// Among the rows of this model, the z with the best mean validation score — chosen on
  /// validation ratings only, never on test.
  bool bestOnValidation = false;
};

struct ExperimentResults {
  std::string data;        ///< the data set's source
  std::string folds;       ///< the grid's folds ("official", "5", "last")
  std::string feedback;    ///< auto, implicit or explicit
  int32_t rankingCutoff = 10;              ///< K of HR@K and NDCG@K
  std::vector<int32_t> pdcThresholds;      ///< the PDC columns
  std::vector<FoldOutcome> outcomes;       ///< in run order; empty for results loaded from CSV
  std::vector<ResultRow> rows;             ///< in grid order
  bool complete = true;    ///< false when the run was cancelled: rows summarise the finished folds
};

/// Rows from outcomes, in the order each (model, z) first appears, with bestOnValidation set.
std::vector<ResultRow> summariseOutcomes(const std::vector<FoldOutcome>& outcomes);

}  // namespace ll
