// Loading a MovieLens-25M-shaped ml-latest folder (see bench_world.h for the data and the
// LATENTLENS_BENCH_WORLD variable): a cold parse of the CSVs (files in the page cache, binary
// cache off) and a warm reload from the binary cache. Both use all cores, so wall time counts.
#include <benchmark/benchmark.h>

#include "core/load/load.h"
#include "tests/bench/bench_world.h"

namespace {

void BM_LoadMlLatest25mParse(benchmark::State& state) {
  const std::string world = ll::bench::largeMlLatestWorld().string();
  ll::LoadOptions options;
  options.useCache = false;
  size_t ratings = 0;
  for (auto _ : state) ratings = ll::loadDataset(world, options).dataset->ratings.size();
  state.counters["ratings"] = static_cast<double>(ratings);
}
BENCHMARK(BM_LoadMlLatest25mParse)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);

void BM_LoadMlLatest25mCacheReload(benchmark::State& state) {
  const std::string world = ll::bench::largeMlLatestWorld().string();
  ll::LoadOptions options;
  const ll::bench::ScratchCache cache("load");
  options.cacheDir = cache.path().string();
  ll::loadDataset(world, options);  // parses and writes the cache entry
  size_t ratings = 0;
  for (auto _ : state) ratings = ll::loadDataset(world, options).dataset->ratings.size();
  state.counters["ratings"] = static_cast<double>(ratings);
}
BENCHMARK(BM_LoadMlLatest25mCacheReload)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
