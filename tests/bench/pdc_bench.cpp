// PDC on the default synthetic world's official test fold (943 users, 20,000 ratings), all pairs,
// and on 20k- and 150k-user worlds (random 20% test split) where users are sampled.
#include <benchmark/benchmark.h>

#include "core/data/split.h"
#include "core/eval/pair_distance_correlation.h"
#include "core/synth/synthetic_world.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"

namespace {

struct PdcCase {
  ll::Dataset data;
  ll::Split split;
  std::vector<float> embeddings;
  int32_t dim = 16;
};

PdcCase makeCase(const std::string& spec) {
  PdcCase c{ll::generateSyntheticWorld(ll::parseSyntheticSpec(spec)).dataset, {}, {}, 16};
  c.split = ll::makeSplit(c.data, ll::defaultSplitSpec(c.data));
  ll::Random random(1);
  c.embeddings.resize(static_cast<size_t>(c.data.ratings.userCount) * c.dim);
  for (float& v : c.embeddings) v = static_cast<float>(random.normal());
  return c;
}

void BM_PdcAllPairsMl100kFold(benchmark::State& state) {
  static const PdcCase c = makeCase("synthetic");
  int64_t pairs = 0;
  for (auto _ : state) {
    const auto result = ll::pairDistanceCorrelation(c.data.ratings, c.split.test, c.embeddings, c.dim);
    pairs = result.points.front().pairs;
    benchmark::DoNotOptimize(result);
  }
  state.counters["pairs@1"] = static_cast<double>(pairs);
  state.counters["users"] = c.data.ratings.userCount;
}
BENCHMARK(BM_PdcAllPairsMl100kFold)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PdcSampled20kUsers(benchmark::State& state) {
  static const PdcCase c = makeCase("synthetic:users=20000,movies=8000,ratings=2000000");
  ll::ThreadPool pool(ll::hardwareThreads());
  for (auto _ : state) {
    benchmark::DoNotOptimize(ll::pairDistanceCorrelation(c.data.ratings, c.split.test, c.embeddings, c.dim, {}, &pool));
  }
  state.counters["test_ratings"] = static_cast<double>(c.split.test.size());
}
BENCHMARK(BM_PdcSampled20kUsers)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PdcSampled150kUsers(benchmark::State& state) {
  static const PdcCase c = makeCase("synthetic:users=150000,movies=20000,ratings=3000000");
  ll::ThreadPool pool(ll::hardwareThreads());
  for (auto _ : state) {
    benchmark::DoNotOptimize(ll::pairDistanceCorrelation(c.data.ratings, c.split.test, c.embeddings, c.dim, {}, &pool));
  }
  state.counters["test_ratings"] = static_cast<double>(c.split.test.size());
}
BENCHMARK(BM_PdcSampled150kUsers)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
