// Analysis timings at MovieLens-25M-like sizes: cosine neighbours over 60k movies × 64 dimensions
// (one query, and a batch of 64), the top 10 of every one of 60k movies at 32 dimensions, PCA of
// 60k × 64, and k-means (k = 20) of up to 162k users × 32.
#include <benchmark/benchmark.h>

#include "core/analysis/cosine_neighbours.h"
#include "core/analysis/kmeans.h"
#include "core/analysis/pca.h"
#include "core/util/random.h"

namespace {

std::vector<float> gaussian(int64_t rows, int32_t d, uint64_t seed) {
  ll::Random random(seed);
  std::vector<float> x(static_cast<size_t>(rows) * d);
  for (float& v : x) v = static_cast<float>(random.normal());
  return x;
}

constexpr int32_t kMovies = 60000;
constexpr int32_t kDim = 64;

void BM_CosineNeighboursOneQuery(benchmark::State& state) {
  const auto x = gaussian(kMovies, kDim, 1);
  const ll::CosineIndex index(x, kMovies, kDim);
  int32_t item = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.neighbours(item, {}));
    item = (item + 7919) % kMovies;
  }
}
BENCHMARK(BM_CosineNeighboursOneQuery)->Unit(benchmark::kMillisecond);

void BM_CosineNeighboursBatchOf64(benchmark::State& state) {
  const auto x = gaussian(kMovies, kDim, 1);
  const ll::CosineIndex index(x, kMovies, kDim);
  std::vector<int32_t> items(64);
  for (size_t q = 0; q < items.size(); ++q) items[q] = static_cast<int32_t>(q * 911);
  for (auto _ : state) benchmark::DoNotOptimize(index.neighboursOf(items, {}));
  state.SetItemsProcessed(state.iterations() * 64);
}
BENCHMARK(BM_CosineNeighboursBatchOf64)->Unit(benchmark::kMillisecond);

// Arg 0: the default (16-bit integer first pass, exact re-rank); arg 1: the float tiles alone.
void BM_CosineAllItemsTop10(benchmark::State& state) {
  constexpr int32_t kAllItemsDim = 32;
  const auto x = gaussian(kMovies, kAllItemsDim, 1);
  const ll::CosineIndex index(x, kMovies, kAllItemsDim);
  const auto method = state.range(0) == 0 ? ll::AllNeighboursMethod::IntegerFirstPass : ll::AllNeighboursMethod::FloatTiles;
  ll::AllNeighboursStats stats;
  for (auto _ : state) benchmark::DoNotOptimize(index.allNeighbours({}, {}, ll::threadBudget(), method, &stats));
  state.SetItemsProcessed(state.iterations() * kMovies);
  state.counters["candidates_per_row"] = static_cast<double>(stats.candidates) / kMovies;
  state.counters["unresolved_rows"] = stats.unresolvedRows;
  state.counters["float_tiles"] = stats.floatTiles ? 1 : 0;
}
BENCHMARK(BM_CosineAllItemsTop10)->ArgName("float_tiles")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CosineIndexBuild(benchmark::State& state) {
  const auto x = gaussian(kMovies, kDim, 1);
  for (auto _ : state) benchmark::DoNotOptimize(ll::CosineIndex(x, kMovies, kDim));
}
BENCHMARK(BM_CosineIndexBuild)->Unit(benchmark::kMillisecond);

void BM_Pca(benchmark::State& state) {
  const auto x = gaussian(kMovies, kDim, 2);
  for (auto _ : state) benchmark::DoNotOptimize(ll::computePca(x, kMovies, kDim));
}
BENCHMARK(BM_Pca)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_KMeans(benchmark::State& state) {
  const auto users = static_cast<int32_t>(state.range(0));
  constexpr int32_t kUserDim = 32;
  const auto x = gaussian(users, kUserDim, 3);
  ll::KMeansParams params;
  params.clusters = 20;
  size_t iterations = 0;
  for (auto _ : state) {
    const ll::KMeansResult r = ll::kMeans(x, users, kUserDim, params);
    iterations = r.iterations.size();
    benchmark::DoNotOptimize(r.objective);
  }
  state.counters["lloyd_iterations"] = static_cast<double>(iterations);
}
BENCHMARK(BM_KMeans)->Arg(943)->Arg(6040)->Arg(160000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
