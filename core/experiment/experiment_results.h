#pragma once
// What an experiment produces: one outcome per trained cell (model, z, fold) and one row per
// (model, z) with mean ± sd over its folds — PDC paper Table I (MAE, RMSE, PDC@t, params, time),
// the NRP paper's Tables 2–3 (RMSE, precision of the top 10 % and 25 %),
// Latent Spaces 2021 Fig. 8 (MSE against k) and Rendle et al. 2020 Fig. 2 (HR@10, NDCG@10 against
// z) are views of it — and each row against the best one (experiment_significance.h). Plain
// structs: experiment_json.h and experiment_csv.h write and read them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/eval/significance.h"
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
  /// The NRP paper's precision of each user's top 10 % and 25 % of test ratings, mean over users
  /// (top_percent_precision.h); empty in implicit mode
  std::optional<double> precisionTop10, precisionTop25;
  /// The score early stopping chose the kept epoch by: validation RMSE, or the validation
  /// logistic loss in implicit mode
  double validation = 0.0;
  std::map<int32_t, double> pdc;            ///< threshold → PDC on the test ratings (defined ones only)
  std::optional<double> hitRate, ndcg;      ///< HR@K and NDCG@K against sampled negatives
  std::optional<double> popularityHitRate, popularityNdcg;  ///< the same for training popularity (a model-free baseline)
  int64_t params = 0;
  double secondsPerEpoch = 0.0;
  int32_t epochs = 0;                       ///< epochs run (the kept one is at most this)
  int32_t refitEpochs = 0;                  ///< epochs of the refit that was tested; 0 when none was
  std::string stop;                         ///< why the run ended ("early stopping", "epoch limit", …)
  std::string training;                     ///< how it was trained (describeOptimization)
  int64_t testRatings = 0;                  ///< n_test: the fold's test ratings
  int64_t trainRatings = 0;                 ///< n_train: the learner's ratings (training + the validation early stopping read)
};

/// A row against the best row of its results (the lowest mean test RMSE, or the highest mean HR@K
/// when the rows do not all rate: ExperimentResults::comparedOn says which).
struct RowSignificance {
  bool best = false;  ///< this is the best row, the one the others are tested against
  /// Corrected resampled t-test of the fold metrics, row − best, over the folds both finished;
  /// absent for the best row and for a single split
  std::optional<CorrectedTTest> tTest;
  /// Wilcoxon signed-rank test of the users' pooled test errors (per-user MSE, or per-user HR@K),
  /// row − best; absent for the best row, or when the two rows did not finish the same folds
  std::optional<SignedRankTest> wilcoxon;
  std::optional<BootstrapInterval> rmse;     ///< bootstrap interval over users of the pooled test RMSE
  std::optional<BootstrapInterval> hitRate;  ///< bootstrap interval over users of the pooled HR@K

  /// The p-value that decides whether the row is told apart from the best: the t-test's over folds
  /// (it accounts for the training sets' variation), else the Wilcoxon's (a single split).
  std::optional<double> pValue() const {
    if (tTest) return tTest->pValue;
    if (wilcoxon) return wilcoxon->pValue;
    return std::nullopt;
  }
  /// A row other than the best whose deciding p-value is at least alpha.
  bool indistinguishableFromBest(double alpha) const {
    const std::optional<double> p = pValue();
    return !best && p && *p >= alpha;
  }
};

/// One (model, z): its folds summarised.
struct ResultRow {
  ModelKind model = ModelKind::MF;
  int32_t dim = 0;     ///< 0 for models without z
  int32_t folds = 0;   ///< folds that finished
  bool implicit = false;
  MeanSd mae, rmse, mse, validation, hitRate, ndcg, popularityHitRate, popularityNdcg, secondsPerEpoch, epochs;
  MeanSd precisionTop10, precisionTop25;  ///< the folds' FoldOutcome::precisionTop10 and precisionTop25
  std::map<int32_t, MeanSd> pdc;  ///< threshold → PDC (a threshold no fold defined is absent)
  int64_t params = 0;
  /// Among the rows of this model, the z with the best mean validation score — chosen on
  /// validation ratings only, never on test.
  bool bestOnValidation = false;
  RowSignificance significance;  ///< against the best row, set by compareWithBest
};

/// One row's test errors per user, pooled over its folds: the paired data of the Wilcoxon test and
/// the units of the bootstrap. Indexed by dense user index, sized to the data set's users; a pair
/// of vectors stays empty when the row does not measure it. 12 bytes a user each (ml-25m's 162k
/// users: 2 MB a row).
struct UserTestErrors {
  std::vector<double> squaredError;  ///< Σ (clipped prediction − rating)² over the user's test ratings
  std::vector<int32_t> ratings;      ///< the user's test ratings
  std::vector<double> hits;          ///< Σ expected HR@K over the user's held-out items
  std::vector<int32_t> heldOut;      ///< the user's held-out items ranked
};

/// How rows are compared with the best row (experiment_significance.h).
struct SignificanceParams {
  /// A row whose deciding p-value is at least this is marked as not told apart from the best (default: 0.05)
  double alpha = 0.05;
  BootstrapParams bootstrap;  ///< intervals over users (default: 1000 resamples, 95 %, seed 1)
  WilcoxonParams wilcoxon;    ///< (default: exact p up to 25 users)
};

struct ExperimentResults {
  std::string data;        ///< the data set's source
  std::string folds;       ///< the grid's folds ("official", "5", "last")
  std::string feedback;    ///< auto, implicit or explicit
  int32_t rankingCutoff = 10;              ///< K of HR@K and NDCG@K
  std::vector<int32_t> pdcThresholds;      ///< the PDC columns
  std::vector<FoldOutcome> outcomes;       ///< in run order; empty for results loaded from CSV
  std::vector<ResultRow> rows;             ///< in grid order
  /// One per row, in row order: filled by the runner and never saved (empty for loaded results)
  std::vector<UserTestErrors> users;
  /// What "best" was measured on: "rmse" or "hr@K"; empty when the rows were not compared
  std::string comparedOn;
  SignificanceParams significance;         ///< how they were compared
  bool complete = true;    ///< false when the run was cancelled: rows summarise the finished folds
};

/// Rows from outcomes, in the order each (model, z) first appears, with bestOnValidation set.
std::vector<ResultRow> summariseOutcomes(const std::vector<FoldOutcome>& outcomes);

}  // namespace ll
