#include "core/experiment/dot_product_learning.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>
#include <thread>

#include "core/model/layers/mlp_tower.h"
#include "core/train/optimizer.h"

namespace ll {
namespace {

/// Rows [start, start + count) of the set as MLP inputs: count × 2d, [p, q].
void gatherMlpInputs(const RowMatrix& users, const RowMatrix& items, const PairSet& set, const std::vector<int64_t>& order,
                  int64_t start, int64_t count, RowMatrix& x) {
  const Eigen::Index d = users.cols();
  x.resize(count, 2 * d);
  for (int64_t r = 0; r < count; ++r) {
    const auto k = static_cast<size_t>(order[static_cast<size_t>(start + r)]);
    x.block(r, 0, 1, d) = users.row(set.user[k]);
    x.block(r, d, 1, d) = items.row(set.item[k]);
  }
}

std::vector<float> mlpPredictions(const MlpTower& tower, const Parameters& parameters, const RowMatrix& users,
                           const RowMatrix& items, const PairSet& set) {
  std::vector<int64_t> order(static_cast<size_t>(set.size()));
  std::iota(order.begin(), order.end(), int64_t{0});
  std::vector<float> predictions(order.size());
  RowMatrix x, y;
  MlpTower::Cache cache;
  constexpr int64_t kBatch = 1024;
  for (int64_t start = 0; start < set.size(); start += kBatch) {
    const int64_t n = std::min(kBatch, set.size() - start);
    gatherMlpInputs(users, items, set, order, start, n, x);
    tower.forward(parameters, x, cache, y);
    for (int64_t r = 0; r < n; ++r) predictions[static_cast<size_t>(start + r)] = y(r, 0);
  }
  return predictions;
}

std::vector<int32_t> towerSizes(int32_t dim, int32_t hidden) { return {2 * dim, 4 * hidden, 2 * hidden, hidden, 1}; }

/// One (d, h, M) repeat: what the worker hands back.
struct DotRunOutcome {
  bool done = false;
  double mlpTest = 0.0, dotTest = 0.0, mlpFresh = 0.0, dotFresh = 0.0, trivialTest = 0.0;
  int64_t train = 0, test = 0, fresh = 0, parameters = 0;
  double seconds = 0.0;
};

struct DotRunJob {
  size_t cell = 0;
  int32_t dim = 0, hidden = 0, users = 0, repeat = 0;
  double cost = 0.0;  ///< training cases × parameters × epochs
};


}  // namespace

int64_t dotProductMlpParameters(int32_t dim, int32_t hidden) {
  const std::vector<int32_t> sizes = towerSizes(dim, hidden);
  int64_t count = 0;
  for (size_t k = 0; k + 1 < sizes.size(); ++k) count += static_cast<int64_t>(sizes[k] + 1) * sizes[k + 1];
  return count;
}

MlpFit fitDotProductMlp(const DotProductTask& task, int32_t hidden, const MlpFitParams& params,
                        const std::function<bool()>& keepGoing) {
  const auto dim = static_cast<int32_t>(task.users.cols());
  Parameters parameters;
  const MlpTower tower(parameters, "mlp", towerSizes(dim, hidden), false);
  parameters.initialise(params.seed);
  Gradients gradients(parameters);
  OptimizerParams adam;
  adam.kind = OptimizerKind::Adam;
  adam.l2 = 0.0f;  // the paper's setup names no regulariser
  Optimizer optimizer(parameters, adam);

  MlpFit fit;
  fit.parameters = parameters.scalarCount();
  const PairSet& train = task.train;
  std::vector<int64_t> order(static_cast<size_t>(train.size()));
  std::iota(order.begin(), order.end(), int64_t{0});
  Random random = Random::derived(params.seed, 17);
  RowMatrix x, y, dY;
  MlpTower::Cache cache;
  const int64_t batch = std::max(1, params.batchSize);
  for (int32_t epoch = 0; epoch < params.epochs; ++epoch) {
    random.shuffle(order.begin(), order.end());
    for (int64_t start = 0; start < train.size(); start += batch) {
      const int64_t n = std::min(batch, train.size() - start);
      gatherMlpInputs(task.users, task.items, train, order, start, n, x);
      tower.forward(parameters, x, cache, y);
      dY.resize(n, 1);
      for (int64_t r = 0; r < n; ++r) {
        const float target = train.label[static_cast<size_t>(order[static_cast<size_t>(start + r)])];
        dY(r, 0) = 2.0f * (y(r, 0) - target) / static_cast<float>(n);  // ∂ mean squared error
      }
      gradients.clear();
      tower.backward(parameters, cache, y, dY, gradients, nullptr);
      optimizer.step(parameters, gradients, params.learningRate);
    }
    if (keepGoing && !keepGoing()) {
      fit.cancelled = true;
      return fit;
    }
  }
  fit.testPredictions = mlpPredictions(tower, parameters, task.users, task.items, task.test);
  fit.freshPredictions = mlpPredictions(tower, parameters, task.freshUsers, task.freshItems, task.fresh);
  return fit;
}

DotProductLearningParams DotProductLearningParams::large() {
  DotProductLearningParams params;
  params.dims = {16, 32, 64};
  params.users = {1000, 2000, 4000, 8000, 16000};
  return params;
}

DotProductLearningResults runDotProductLearning(const DotProductLearningParams& params, const AnalysisProgress& progress) {
  const auto started = std::chrono::steady_clock::now();
  DotProductLearningResults results;
  results.params = params;
  std::vector<DotRunJob> jobs;
  for (int32_t d : params.dims) {
    for (double factor : params.widthFactors) {
      const int32_t h = std::max(1, static_cast<int32_t>(std::lround(factor * d)));
      for (int32_t m : params.users) {
        DotProductLearningPoint& point = results.points.emplace_back();
        point.dim = d;
        point.hidden = h;
        point.users = m;
        point.parameters = dotProductMlpParameters(d, h);
        const double trainCases = static_cast<double>(m) * params.task.pairsPerUser * (1.0 - params.task.testFraction);
        for (int32_t r = 0; r < params.repeats; ++r) {
          jobs.push_back({results.points.size() - 1, d, h, m, r,
                          trainCases * static_cast<double>(point.parameters) * std::max(1, params.fit.epochs)});
        }
      }
    }
  }
  // The largest runs first, so the threads finish together.
  std::stable_sort(jobs.begin(), jobs.end(), [](const DotRunJob& a, const DotRunJob& b) { return a.cost > b.cost; });
  double totalCost = 0.0;
  for (const DotRunJob& job : jobs) totalCost += job.cost;

  std::vector<DotRunOutcome> outcomes(jobs.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> cancel{false};
  std::atomic<double> doneCost{0.0};
  std::atomic<int32_t> running{0};
  const auto work = [&] {
    for (size_t j = next++; j < jobs.size() && !cancel.load(std::memory_order_relaxed); j = next++) {
      const DotRunJob& job = jobs[j];
      const auto runStarted = std::chrono::steady_clock::now();
      DotProductTaskParams taskParams = params.task;
      taskParams.dim = job.dim;
      taskParams.users = job.users;
      taskParams.items = job.users;
      // The data depend on (d, M, repeat) only: every h of a repeat learns the same task.
      taskParams.seed = Random::derived(params.seed, (static_cast<uint64_t>(job.dim) << 40) ^
                                                         (static_cast<uint64_t>(job.users) << 8) ^
                                                         static_cast<uint64_t>(job.repeat)).next();
      const DotProductTask task = makeDotProductTask(taskParams);
      MlpFitParams fitParams = params.fit;
      fitParams.seed = taskParams.seed ^ static_cast<uint64_t>(job.hidden);
      const double epochCost = job.cost / std::max(1, params.fit.epochs);
      const MlpFit fit = fitDotProductMlp(task, job.hidden, fitParams, [&] {
        doneCost.fetch_add(epochCost, std::memory_order_relaxed);
        return !cancel.load(std::memory_order_relaxed);
      });
      if (fit.cancelled) break;
      DotRunOutcome& o = outcomes[j];
      o.mlpTest = rmse(fit.testPredictions, task.test);
      o.dotTest = rmse(dotProductPredictions(task.users, task.items, task.test), task.test);
      o.mlpFresh = rmse(fit.freshPredictions, task.fresh);
      o.dotFresh = rmse(dotProductPredictions(task.freshUsers, task.freshItems, task.fresh), task.fresh);
      o.trivialTest = rmse(std::vector<float>(task.test.label.size(), 0.0f), task.test);
      o.train = task.train.size();
      o.test = task.test.size();
      o.fresh = task.fresh.size();
      o.parameters = fit.parameters;
      o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - runStarted).count();
      o.done = true;
    }
    running.fetch_sub(1);
  };
  const int32_t threadCount = std::clamp(params.threads, 1, std::max<int32_t>(1, static_cast<int32_t>(jobs.size())));
  running = threadCount;
  std::vector<std::jthread> threads;
  for (int32_t t = 0; t < threadCount; ++t) threads.emplace_back(work);
  while (running.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const double fraction = totalCost > 0.0 ? std::min(1.0, doneCost.load(std::memory_order_relaxed) / totalCost) : 1.0;
    if (!cancel.load() && !reportProgress(progress, fraction)) cancel = true;
  }
  threads.clear();  // joins

  for (size_t c = 0; c < results.points.size(); ++c) {
    DotProductLearningPoint& point = results.points[c];
    std::vector<double> mlpTest, dotTest, mlpFresh, dotFresh, trivial, testError, freshError;
    for (size_t j = 0; j < jobs.size(); ++j) {
      const DotRunOutcome& o = outcomes[j];
      if (jobs[j].cell != c || !o.done) continue;
      mlpTest.push_back(o.mlpTest);
      dotTest.push_back(o.dotTest);
      mlpFresh.push_back(o.mlpFresh);
      dotFresh.push_back(o.dotFresh);
      trivial.push_back(o.trivialTest);
      testError.push_back(approximationError(o.mlpTest, o.dotTest));
      freshError.push_back(approximationError(o.mlpFresh, o.dotFresh));
      point.trainCases = o.train;
      point.testCases = o.test;
      point.freshCases = o.fresh;
      point.seconds += o.seconds;
      ++point.repeats;
    }
    point.mlpTestRmse = meanSd(mlpTest);
    point.dotTestRmse = meanSd(dotTest);
    point.mlpFreshRmse = meanSd(mlpFresh);
    point.dotFreshRmse = meanSd(dotFresh);
    point.trivialTestRmse = meanSd(trivial);
    point.testError = meanSd(testError);
    point.freshError = meanSd(freshError);
    if (point.repeats < params.repeats) results.complete = false;
  }
  std::erase_if(results.points, [](const DotProductLearningPoint& p) { return p.repeats == 0; });
  results.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return results;
}

}  // namespace ll
