// t-SNE's stages 3 and 5 (tsne.h), the initial layout and the gradient descent, and the pipeline
// that runs all five.
//
// The step (van der Maaten's bhtsne, sklearn, openTSNE alike): per coordinate, a gain that grows
// by 0.2 while the gradient keeps pointing against the last update and shrinks by ×0.8 when it
// turns (never below 0.01); update ← momentum · update − learningRate · gain · gradient.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/analysis/pca.h"
#include "core/analysis/tsne_forces.h"
#include "core/data/input_error.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

constexpr double kTsneInitialSd = 1e-4;
constexpr double kTsneMinGain = 0.01;
constexpr double kTsneNeighbourShare = 0.2;  // of the progress fraction, for the neighbours and P
constexpr int32_t kTsneExactKlRowLimit = 5000;

void checkTsneParams(const TsneParams& params) {
  const auto number = [](double v) { return std::to_string(v); };
  if (!(params.perplexity > 0.0) || !std::isfinite(params.perplexity)) {
    throw InputError("perplexity", 0, "a number above 0", number(params.perplexity));
  }
  if (params.components < 2 || params.components > 3) throw InputError("components", 0, "2 or 3", std::to_string(params.components));
  if (!(params.theta >= 0.0) || !std::isfinite(params.theta)) throw InputError("theta", 0, "a number of 0 or more", number(params.theta));
  if (params.iterations < 0) throw InputError("iterations", 0, "0 or more", std::to_string(params.iterations));
  if (params.exaggerationIterations < 0) {
    throw InputError("exaggeration iterations", 0, "0 or more", std::to_string(params.exaggerationIterations));
  }
  if (!(params.exaggeration > 0.0) || !std::isfinite(params.exaggeration)) {
    throw InputError("exaggeration", 0, "a number above 0", number(params.exaggeration));
  }
  if (!(params.learningRate >= 0.0) || !std::isfinite(params.learningRate)) {
    throw InputError("learning rate", 0, "0 (automatic) or a number above 0", number(params.learningRate));
  }
  for (const double momentum : {params.initialMomentum, params.finalMomentum}) {
    if (!(momentum >= 0.0 && momentum < 1.0)) throw InputError("momentum", 0, "a number in [0, 1)", number(momentum));
  }
  if (params.callbackEvery < 1) throw InputError("callback interval", 0, "at least 1", std::to_string(params.callbackEvery));
}

double resolvedTsneLearningRate(const TsneParams& params, int32_t rows) {
  return params.learningRate > 0.0 ? params.learningRate : std::max(rows / params.exaggeration / 4.0, 50.0);
}

void centreTsneLayout(std::vector<double>& y, size_t rows, size_t c) {
  if (rows == 0) return;
  double mean[3] = {0.0, 0.0, 0.0};
  for (size_t i = 0; i < rows; ++i) {
    for (size_t d = 0; d < c; ++d) mean[d] += y[i * c + d];
  }
  for (size_t i = 0; i < rows; ++i) {
    for (size_t d = 0; d < c; ++d) y[i * c + d] -= mean[d] / static_cast<double>(rows);
  }
}

// The top principal components in the first columns (those the input has), the first scaled to
// standard deviation 1e-4 and the rest by the same factor; false when the input has no spread.
bool tsnePcaLayout(std::span<const float> x, int32_t rows, int32_t dimension, size_t c, std::vector<double>& y) {
  PcaParams pca;
  pca.components = std::min(static_cast<int32_t>(c), dimension);
  const PcaResult result = computePca(x, rows, dimension, pca);
  double squares = 0.0;
  for (int32_t i = 0; i < rows; ++i) squares += static_cast<double>(result.coordinate(i, 0)) * result.coordinate(i, 0);
  const double sd = std::sqrt(squares / rows);
  if (!(sd > 0.0) || !std::isfinite(sd)) return false;
  for (int32_t i = 0; i < rows; ++i) {
    for (int32_t d = 0; d < result.components; ++d) {
      y[static_cast<size_t>(i) * c + static_cast<size_t>(d)] = result.coordinate(i, d) * (kTsneInitialSd / sd);
    }
  }
  return true;
}

std::vector<float> tsneFloatCopy(const std::vector<double>& y) { return {y.begin(), y.end()}; }

}  // namespace

std::vector<double> initialTsneLayout(std::span<const float> x, int32_t rows, int32_t dimension, const TsneParams& params,
                                      TsneInit* used) {
  const auto n = static_cast<size_t>(std::max(rows, 0)), c = static_cast<size_t>(params.components);
  std::vector<double> y(n * c, 0.0);
  Random random = Random::derived(params.seed, 0x75E1417ULL);
  TsneInit method = params.init;
  const bool havePca = method == TsneInit::Pca && dimension > 0 && rows > 1 &&
                       x.size() == n * static_cast<size_t>(dimension) && tsnePcaLayout(x, rows, dimension, c, y);
  if (!havePca) method = TsneInit::Random;
  // Noise wherever PCA left a column empty (all of them for Random, those beyond the input's
  // dimension for Pca): a column of zeros would get no gradient and stay flat.
  const size_t filled = havePca ? std::min(c, static_cast<size_t>(dimension)) : 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t d = filled; d < c; ++d) y[i * c + d] = random.normal(0.0, kTsneInitialSd);
  }
  centreTsneLayout(y, n, c);
  if (used) *used = method;
  return y;
}

std::vector<TsneIterationStats> optimiseTsneLayout(const TsneAffinities& p, std::vector<double>& y, const TsneParams& params,
                                                   ThreadPool* pool, const TsneIterationCallback& onIteration,
                                                   const AnalysisProgress& progress) {
  checkTsneParams(params);
  const auto n = static_cast<size_t>(p.rows), c = static_cast<size_t>(params.components);
  if (y.size() != n * c) throw std::invalid_argument("optimiseTsneLayout: y must hold rows × components values");
  const double learningRate = resolvedTsneLearningRate(params, p.rows);
  std::vector<TsneIterationStats> stats;
  std::vector<float> shown;
  const auto show = [&](int32_t iteration, bool exaggerated, double kl) {
    if (!onIteration) return true;
    shown = tsneFloatCopy(y);
    return onIteration(TsneIterationView{iteration, params.iterations, p.rows, params.components, exaggerated, kl, shown});
  };
  if (!show(0, params.exaggerationIterations > 0, 0.0)) return stats;
  TsneGradientWorkspace workspace;
  std::vector<double> update(n * c, 0.0), gains(n * c, 1.0), gradientSquares(n, 0.0);
  for (int32_t iteration = 1; iteration <= params.iterations; ++iteration) {
    const bool exaggerated = iteration <= params.exaggerationIterations;
    const double exaggeration = exaggerated ? params.exaggeration : 1.0;
    const double momentum = exaggerated ? params.initialMomentum : params.finalMomentum;
    const bool due = iteration % params.callbackEvery == 0 || iteration == params.iterations;
    const TsneGradient step =
        evaluateTsneGradient(p, y, params.components, exaggeration, params.theta, due, pool, workspace);
    const auto move = [&](int32_t, size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        double squares = 0.0;
        for (size_t v = i * c; v < (i + 1) * c; ++v) {
          const double g = workspace.gradient[v];
          gains[v] = update[v] * g < 0.0 ? gains[v] + 0.2 : std::max(gains[v] * 0.8, kTsneMinGain);
          update[v] = momentum * update[v] - learningRate * gains[v] * g;
          y[v] += update[v];
          squares += g * g;
        }
        gradientSquares[i] = squares;
      }
    };
    if (pool) {
      pool->parallelFor(n, move);
    } else {
      move(0, 0, n);
    }
    centreTsneLayout(y, n, c);
    double squares = 0.0;
    for (double s : gradientSquares) squares += s;
    stats.push_back({iteration, std::sqrt(squares), exaggerated, due, step.klDivergence});
    if (!reportProgress(progress, static_cast<double>(iteration) / params.iterations)) break;
    if (due && !show(iteration, exaggerated, step.klDivergence)) break;
  }
  return stats;
}

TsneResult tsne(std::span<const float> x, int32_t rows, int32_t dimension, const TsneParams& params, ThreadPool* pool,
                const TsneIterationCallback& onIteration, const AnalysisProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  checkTsneParams(params);
  if (rows < 0 || dimension < 1 || x.size() != static_cast<size_t>(rows) * static_cast<size_t>(dimension)) {
    throw std::invalid_argument("tsne: x must hold rows × dimension values");
  }
  if (rows > 0 && params.perplexity >= rows) {
    throw InputError("perplexity", 0, "a number below the row count (" + std::to_string(rows) + ")",
                     std::to_string(params.perplexity));
  }
  TsneResult result;
  result.rows = rows;
  result.components = params.components;
  result.params = params;
  result.params.learningRate = resolvedTsneLearningRate(params, rows);
  const auto finish = [&]() -> TsneResult& {
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  };
  const double wanted = std::floor(3.0 * params.perplexity);
  NeighbourGraphParams search;
  search.neighbours = static_cast<int32_t>(std::clamp(wanted, 1.0, static_cast<double>(std::max(rows - 1, 1))));
  search.metric = params.metric;
  search.exactRowLimit = params.exactRowLimit;
  search.efSearch = params.efSearch;
  search.seed = params.seed;
  result.neighboursClamped = wanted > rows - 1;
  const AnalysisProgress searchProgress = [&](double f) { return reportProgress(progress, 0.9 * kTsneNeighbourShare * f); };
  NeighbourGraph knn;
  knn.rows = rows;
  if (rows > 1) knn = nearestNeighbourGraph(x, rows, dimension, search, pool, searchProgress);
  result.exactNeighbours = knn.exact;
  result.neighbours = knn.neighbours;
  if (knn.cancelled || !reportProgress(progress, kTsneNeighbourShare)) {
    result.cancelled = true;
    return finish();
  }
  const TsneAffinities p = tsneAffinities(knn, params.perplexity, pool);
  std::vector<double> y = initialTsneLayout(x, rows, dimension, params, &result.initUsed);
  const AnalysisProgress stepProgress = [&](double f) {
    return reportProgress(progress, kTsneNeighbourShare + (1.0 - kTsneNeighbourShare) * f);
  };
  bool stopped = false;  // by the callback or the progress report, as opposed to running out of steps
  TsneIterationCallback watch;
  if (onIteration) {
    watch = [&](const TsneIterationView& view) {
      stopped = !onIteration(view);
      return !stopped;
    };
  }
  const AnalysisProgress watchProgress = [&](double f) {
    stopped = !stepProgress(f);
    return !stopped;
  };
  result.iterationStats = optimiseTsneLayout(p, y, params, pool, watch, watchProgress);
  result.iterationsDone = static_cast<int32_t>(result.iterationStats.size());
  result.cancelled = stopped && result.iterationsDone < params.iterations;
  result.klExact = rows <= kTsneExactKlRowLimit || params.theta == 0.0;
  if (result.klExact) {
    result.klDivergence = exactTsneKlDivergence(p, y, params.components, pool);
  } else {
    TsneGradientWorkspace workspace;
    result.klDivergence = evaluateTsneGradient(p, y, params.components, 1.0, params.theta, true, pool, workspace).klDivergence;
  }
  result.coordinates = tsneFloatCopy(y);
  return finish();
}

}  // namespace ll
