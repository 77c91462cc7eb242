#include "core/experiment/dot_product_task.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <unordered_set>

namespace ll {
namespace {

RowMatrix gaussianEmbeddings(int64_t rows, int32_t dim, double sd, Random& random) {
  RowMatrix m(rows, dim);
  for (int64_t r = 0; r < rows; ++r) {
    for (int32_t c = 0; c < dim; ++c) m(r, c) = static_cast<float>(random.normal(0.0, sd));
  }
  return m;
}

float noisyDotLabel(const RowMatrix& users, int32_t u, const RowMatrix& items, int32_t i, double labelSd, Random& random) {
  const double dot = users.row(u).cast<double>().dot(items.row(i).cast<double>());
  return static_cast<float>(dot + random.normal(0.0, labelSd));
}

}  // namespace

double embeddingSd(int32_t dim, double labelSd, double trivialRmse) {
  const double variance = std::sqrt((trivialRmse * trivialRmse - labelSd * labelSd) / static_cast<double>(dim));
  return std::sqrt(variance);
}

std::vector<std::pair<int32_t, int32_t>> samplePairsWithoutReplacement(int32_t users, int32_t items, int64_t count,
                                                                       Random& random) {
  const uint64_t universe = static_cast<uint64_t>(users) * static_cast<uint64_t>(items);
  if (count < 0 || static_cast<uint64_t>(count) > universe) {
    throw std::invalid_argument(std::to_string(count) + " pairs without replacement out of " + std::to_string(users) +
                                " × " + std::to_string(items));
  }
  // Floyd's algorithm: exactly `count` draws, each index equally likely to be in the sample.
  std::unordered_set<uint64_t> chosen;
  chosen.reserve(static_cast<size_t>(count));
  std::vector<uint64_t> order;
  order.reserve(static_cast<size_t>(count));
  for (uint64_t j = universe - static_cast<uint64_t>(count); j < universe; ++j) {
    const uint64_t t = random.below(j + 1);
    const uint64_t pick = chosen.insert(t).second ? t : j;
    if (pick == j) chosen.insert(j);
    order.push_back(pick);
  }
  random.shuffle(order.begin(), order.end());  // Floyd's order is not random
  std::vector<std::pair<int32_t, int32_t>> pairs;
  pairs.reserve(order.size());
  for (uint64_t index : order) {
    pairs.emplace_back(static_cast<int32_t>(index / static_cast<uint64_t>(items)),
                       static_cast<int32_t>(index % static_cast<uint64_t>(items)));
  }
  return pairs;
}

int64_t testCaseCount(int64_t total, double testFraction) {
  return static_cast<int64_t>(std::llround(testFraction * static_cast<double>(total)));
}

DotProductTask makeDotProductTask(const DotProductTaskParams& params) {
  if (params.dim < 1 || params.users < 1 || params.items < 1) throw std::invalid_argument("dot product task: d, M and N must be positive");
  const double sd = embeddingSd(params.dim, params.labelSd, params.trivialRmse);
  DotProductTask task;
  Random embeddings = Random::derived(params.seed, 1);
  task.users = gaussianEmbeddings(params.users, params.dim, sd, embeddings);
  task.items = gaussianEmbeddings(params.items, params.dim, sd, embeddings);

  Random sampling = Random::derived(params.seed, 2);
  const int64_t total = static_cast<int64_t>(params.pairsPerUser) * params.users;
  const auto pairs = samplePairsWithoutReplacement(params.users, params.items, total, sampling);
  const int64_t testCount = testCaseCount(total, params.testFraction);
  Random noise = Random::derived(params.seed, 3);
  for (int64_t k = 0; k < total; ++k) {
    PairSet& set = k < total - testCount ? task.train : task.test;
    const auto [u, i] = pairs[static_cast<size_t>(k)];
    set.user.push_back(u);
    set.item.push_back(i);
    set.label.push_back(noisyDotLabel(task.users, u, task.items, i, params.labelSd, noise));
  }

  const int64_t freshCount = params.freshCases > 0 ? params.freshCases : testCount;
  Random fresh = Random::derived(params.seed, 4);
  task.freshUsers = gaussianEmbeddings(freshCount, params.dim, sd, fresh);
  task.freshItems = gaussianEmbeddings(freshCount, params.dim, sd, fresh);
  for (int64_t k = 0; k < freshCount; ++k) {
    task.fresh.user.push_back(static_cast<int32_t>(k));
    task.fresh.item.push_back(static_cast<int32_t>(k));
    task.fresh.label.push_back(noisyDotLabel(task.freshUsers, static_cast<int32_t>(k), task.freshItems, static_cast<int32_t>(k),
                                     params.labelSd, noise));
  }
  return task;
}

double rmse(const std::vector<float>& predictions, const PairSet& set) {
  if (predictions.size() != set.label.size()) throw std::invalid_argument("rmse: predictions and labels differ in length");
  if (set.label.empty()) return std::nan("");
  double sum = 0.0;
  for (size_t k = 0; k < predictions.size(); ++k) {
    const double e = static_cast<double>(predictions[k]) - static_cast<double>(set.label[k]);
    sum += e * e;
  }
  return std::sqrt(sum / static_cast<double>(predictions.size()));
}

std::vector<float> dotProductPredictions(const RowMatrix& users, const RowMatrix& items, const PairSet& set) {
  std::vector<float> predictions(set.label.size());
  for (size_t k = 0; k < predictions.size(); ++k) {
    predictions[k] = static_cast<float>(users.row(set.user[k]).cast<double>().dot(items.row(set.item[k]).cast<double>()));
  }
  return predictions;
}

}  // namespace ll
