// mf training throughput against LIBMF's anchor (../shared/bench/README.md): biased MF under
// per-sample SGD (the block-partitioned fast path) on the 20M-rating file that
// make_synthetic_ratings.py writes, trained on FILE and tested on FILE.test as LIBMF is.
//
//   LATENTLENS_BENCH_RATINGS=/tmp/synth20m.txt latentlens_bench --benchmark_filter=MfSgd
//
// BM_MfSgdEpoch/k/threads times single epochs (ratings/s); BM_MfSgdTwentyEpochs/k/threads runs
// LIBMF's protocol (20 epochs, held-out RMSE after the last) once and reports the process's peak
// RSS — run it in a process of its own for that figure to mean "data included, nothing else".
// Learning rate and λ were chosen on a 10% validation split of FILE (never on FILE.test).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <numeric>
#include <unordered_map>

#include "core/data/formats.h"
#include "core/data/split.h"
#include "core/load/load.h"
#include "core/train/evaluation.h"
#include "core/train/trainer.h"

namespace {

constexpr float kLearningRate = 0.02f;
constexpr float kL2 = 0.02f;

struct HeldOutSet {
  std::shared_ptr<const ll::Dataset> data;
  size_t trainCount = 0;  // ratings [0, trainCount) are FILE's, the rest FILE.test's
  double loadSeconds = 0.0;
  int64_t unknownTestRatings = 0;  // test lines whose user or movie never occurs in training
};

/// FILE for training, FILE.test appended as the test ratings (mapped through FILE's raw ids).
/// FILE is parsed into a Dataset of our own, so the test ratings join its rating vectors in place
/// (loadDataset's result is shared and const: appending would copy it).
HeldOutSet loadHeldOutSet(const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  ll::Dataset data = ll::parseTriplets(ll::FileSource::open(path));
  ll::LoadOptions options;
  options.useCache = false;
  const auto test = ll::loadDataset(path + ".test", options).dataset;
  HeldOutSet set;
  set.loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::unordered_map<std::string, int32_t> userIndex, itemIndex;
  for (int32_t u = 0; u < data.ratings.userCount; ++u) userIndex.emplace(data.userIds[u], u);
  for (int32_t i = 0; i < data.ratings.itemCount; ++i) itemIndex.emplace(data.itemIds[i], i);
  // The columns move into fresh Ratings, which grow by FILE.test's ratings. No index is built:
  // training and RMSE never read one.
  ll::Ratings r;
  r.user = std::move(data.ratings.user);
  r.item = std::move(data.ratings.item);
  r.value = std::move(data.ratings.value);
  r.userCount = data.ratings.userCount;
  r.itemCount = data.ratings.itemCount;
  data.ratings = ll::Ratings{};
  set.trainCount = r.size();
  const size_t total = set.trainCount + test->ratings.size();
  r.user.reserve(total);
  r.item.reserve(total);
  r.value.reserve(total);
  for (size_t k = 0; k < test->ratings.size(); ++k) {
    const auto u = userIndex.find(test->userIds[test->ratings.user[k]]);
    const auto i = itemIndex.find(test->itemIds[test->ratings.item[k]]);
    if (u == userIndex.end() || i == itemIndex.end()) {
      ++set.unknownTestRatings;
      continue;
    }
    r.user.push_back(u->second);
    r.item.push_back(i->second);
    r.value.push_back(test->ratings.value[k]);
  }
  data.ratings = std::move(r);
  set.data = std::make_shared<const ll::Dataset>(std::move(data));
  return set;
}

/// FILE's ratings for training, FILE.test's for testing; made for each trainer, which keeps it.
ll::Split heldOutSplit(const HeldOutSet& set) {
  ll::Split split;
  split.name = "held-out file";
  split.train.resize(set.trainCount);
  std::iota(split.train.begin(), split.train.end(), 0u);
  split.test.resize(set.data->ratings.size() - set.trainCount);
  std::iota(split.test.begin(), split.test.end(), static_cast<uint32_t>(set.trainCount));
  return split;
}

const HeldOutSet* heldOutSet(benchmark::State& state) {
  const char* path = std::getenv("LATENTLENS_BENCH_RATINGS");
  if (!path) {
    state.SkipWithError("set LATENTLENS_BENCH_RATINGS to make_synthetic_ratings.py's output (see scripts/bench)");
    return nullptr;
  }
  static const HeldOutSet set = loadHeldOutSet(path);
  return &set;
}

std::unique_ptr<ll::Trainer> makeTrainer(const HeldOutSet& set, int32_t dim, int32_t threads, int32_t epochs) {
  ll::ModelConfig config;
  config.kind = ll::ModelKind::MF;
  config.dim = dim;
  ll::TrainParams params;
  params.optimizer.kind = ll::OptimizerKind::Sgd;
  params.optimizer.l2 = kL2;
  params.learningRate = kLearningRate;
  params.batchSize = 1;
  params.threads = threads;
  params.epochs = epochs;
  params.patience = 0;
  params.pdcEachEpoch = false;
  return std::make_unique<ll::Trainer>(set.data, heldOutSplit(set), config, params);
}

double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_MfSgdEpoch(benchmark::State& state) {
  const HeldOutSet* set = heldOutSet(state);
  if (!set) return;
  auto trainer = makeTrainer(*set, static_cast<int32_t>(state.range(0)), static_cast<int32_t>(state.range(1)), 1 << 20);
  for (auto _ : state) {
    trainer->runEpoch();
    state.SetIterationTime(trainer->history().epochs.back().seconds);
  }
  const double ratings = static_cast<double>(set->trainCount);
  state.counters["ratings_per_s"] = benchmark::Counter(ratings, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["test_rmse"] = trainer->history().epochs.back().test.rmse;
}
BENCHMARK(BM_MfSgdEpoch)
    ->ArgNames({"k", "threads"})
    ->ArgsProduct({{8, 32, 128}, {1, 2}})
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

void BM_MfSgdTwentyEpochs(benchmark::State& state) {
  const HeldOutSet* set = heldOutSet(state);
  if (!set) return;
  double trainingSeconds = 0.0, rmse = 0.0;
  for (auto _ : state) {
    auto trainer = makeTrainer(*set, static_cast<int32_t>(state.range(0)), static_cast<int32_t>(state.range(1)), 20);
    while (trainer->runEpoch()) {
    }
    trainingSeconds = 0.0;
    for (const auto& epoch : trainer->history().epochs) trainingSeconds += epoch.seconds;
    rmse = trainer->history().epochs.back().test.rmse;
    state.SetIterationTime(trainingSeconds);
  }
  state.counters["s_per_epoch"] = trainingSeconds / 20.0;
  state.counters["ratings_per_s"] = 20.0 * static_cast<double>(set->trainCount) / trainingSeconds;
  state.counters["test_rmse"] = rmse;
  state.counters["load_s"] = set->loadSeconds;
  state.counters["peak_rss_mib"] = peakRssMiB();
  state.counters["unknown_test_ratings"] = static_cast<double>(set->unknownTestRatings);
}
BENCHMARK(BM_MfSgdTwentyEpochs)->ArgNames({"k", "threads"})->Args({32, 2})->UseManualTime()->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
