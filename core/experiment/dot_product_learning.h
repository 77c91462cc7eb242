#pragma once
// Learning a dot product with an MLP (Rendle et al. 2020, "Neural Collaborative Filtering vs.
// Matrix Factorization Revisited", §4 and Fig. 3). On the task of dot_product_task.h an MLP over
// the concatenation [p, q] (hidden layers 4h, 2h, h with ReLU, one linear output; NCF's tower) is
// trained with Adam on squared error; its approximation error is RMSE(MLP) − RMSE(dot product) on
// the test set (seen embeddings) and on the fresh set (new embeddings), for each d, h and M,
// averaged over repeats. The paper's scale: 0.01 is a very significant difference in RMSE, 0.001 a
// significant one.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/experiment/dot_product_task.h"
#include "core/experiment/mean_sd.h"

namespace ll {

struct MlpFitParams {
  int32_t epochs = 20;           ///< passes over the training pairs (default: 20)
  int32_t batchSize = 128;       ///< (default: 128)
  float learningRate = 0.002f;   ///< Adam's step size (default: 0.002)
  uint64_t seed = 1;             ///< initial weights and batch order (default: 1)
};

struct MlpFit {
  std::vector<float> testPredictions;
  std::vector<float> freshPredictions;
  int64_t parameters = 0;
  bool cancelled = false;
};

/// Trains the MLP with hidden widths {4h, 2h, h} on task.train and predicts the test and fresh
/// sets. keepGoing is asked once per epoch; false stops (cancelled is then set).
MlpFit fitDotProductMlp(const DotProductTask& task, int32_t hidden, const MlpFitParams& params,
                        const std::function<bool()>& keepGoing = {});

/// Scalar parameters of the MLP on 2d inputs with hidden widths {4h, 2h, h} and one output.
int64_t dotProductMlpParameters(int32_t dim, int32_t hidden);

struct DotProductLearningParams {
  std::vector<int32_t> dims = {8, 16, 32};              ///< d (default: 8, 16, 32)
  std::vector<int32_t> users = {250, 500, 1000, 2000, 4000};  ///< M, with N = M items (default: 250…4000)
  std::vector<double> widthFactors = {0.5, 1.0, 2.0};   ///< h = factor·d (default: d/2, d, 2d)
  int32_t repeats = 5;           ///< (default: 5, the paper's)
  DotProductTaskParams task;     ///< σ_label, the trivial RMSE, pairs per user, test fraction (dim/users/items/seed are set per run)
  MlpFitParams fit;
  int32_t threads = 2;           ///< runs trained at once (default: 2)
  uint64_t seed = 1;             ///< every run's data and weights derive from it (default: 1)

  /// The preset's larger scale (`--large`): d up to 64 and M up to 16000.
  static DotProductLearningParams large();
};

/// One (d, h, M) cell over its repeats.
struct DotProductLearningPoint {
  int32_t dim = 0;
  int32_t hidden = 0;          ///< h
  int32_t users = 0;           ///< M (N = M)
  int64_t trainCases = 0;
  int64_t testCases = 0;
  int64_t freshCases = 0;
  int64_t parameters = 0;
  int32_t repeats = 0;         ///< finished repeats
  MeanSd mlpTestRmse, dotTestRmse, mlpFreshRmse, dotFreshRmse;
  MeanSd trivialTestRmse;      ///< of predicting 0: √Var(y) ≈ 1.13 in expectation
  MeanSd testError;            ///< RMSE(MLP) − RMSE(dot) on the test set, per repeat, then mean ± sd
  MeanSd freshError;           ///< the same on the fresh set
  double seconds = 0.0;        ///< summed over the repeats
};

struct DotProductLearningResults {
  DotProductLearningParams params;
  std::vector<DotProductLearningPoint> points;  ///< ordered by d, h, M
  bool complete = true;
  double seconds = 0.0;                         ///< wall time
};

/// RMSE(MLP) − RMSE(dot): positive when the MLP is worse.
inline double approximationError(double mlpRmse, double dotRmse) { return mlpRmse - dotRmse; }

/// Runs every (d, h, M, repeat) on params.threads threads. progress is called on the calling
/// thread only (about ten times a second) with the fraction of the work done (weighted by each
/// run's cost); false cancels, and the results then hold the cells finished so far, complete false.
DotProductLearningResults runDotProductLearning(const DotProductLearningParams& params,
                                                const AnalysisProgress& progress = {});

}  // namespace ll
