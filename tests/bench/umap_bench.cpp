// UMAP for the Explore view at the sizes it meets: 10,000 and 60,000 vectors of 32 dimensions
// (layout_bench_vectors.h), on all cores. Counters: the whole call's seconds, the neighbour search's
// seconds alone, and how well the layout keeps neighbourhoods — mean kNN agreement (k = 15) and
// trustworthiness T(10) over a sample of 1,000 points.
#include <benchmark/benchmark.h>

#include <chrono>

#include "core/analysis/neighbour_graph.h"
#include "core/analysis/trustworthiness.h"
#include "core/analysis/umap.h"
#include "core/util/thread_pool.h"
#include "tests/bench/layout_bench_vectors.h"

namespace {

void BM_Umap(benchmark::State& state) {
  const auto rows = static_cast<int32_t>(state.range(0));
  const std::vector<float>& x = ll::bench::layoutBenchVectors(rows);
  ll::ThreadPool pool(ll::hardwareThreads());
  ll::UmapResult result;
  for (auto _ : state) {
    result = ll::umap(x, rows, ll::bench::kLayoutBenchDim, {}, &pool);
    benchmark::DoNotOptimize(result.coordinates.data());
  }
  ll::NeighbourGraphParams knn;
  const double agreement = ll::knnAgreement(x, rows, ll::bench::kLayoutBenchDim, result.coordinates, 2, knn, &pool).mean;
  ll::TrustworthinessParams trust;
  trust.maxPoints = ll::bench::kLayoutBenchTrustPoints;
  const double t = ll::trustworthiness(x, rows, ll::bench::kLayoutBenchDim, result.coordinates, 2, trust, &pool).trustworthiness;
  state.counters["seconds"] = result.seconds;
  state.counters["epochs"] = result.epochsDone;
  state.counters["knn_agreement"] = agreement;
  state.counters["trustworthiness"] = t;
  state.counters["exact_neighbours"] = result.exactNeighbours ? 1 : 0;
  state.counters["spectral_init"] = result.initUsed == ll::UmapInit::Spectral ? 1 : 0;
}
BENCHMARK(BM_Umap)->Arg(10000)->Arg(60000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// The neighbour search alone, as UMAP asks for it: /rows/1 the exact path, /rows/0 HNSW.
void BM_UmapNeighbourGraph(benchmark::State& state) {
  const auto rows = static_cast<int32_t>(state.range(0));
  const std::vector<float>& x = ll::bench::layoutBenchVectors(rows);
  ll::ThreadPool pool(ll::hardwareThreads());
  const ll::UmapParams umap;
  ll::NeighbourGraphParams params;
  params.neighbours = umap.neighbours - 1;
  params.exactRowLimit = state.range(1) ? rows : 0;
  params.links = umap.links;
  params.efConstruction = umap.efConstruction;
  params.efSearch = umap.efSearch;
  bool exact = true;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const ll::NeighbourGraph graph = ll::nearestNeighbourGraph(x, rows, ll::bench::kLayoutBenchDim, params, &pool);
    state.counters["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    exact = graph.exact;
    benchmark::DoNotOptimize(graph.indices.data());
  }
  state.counters["exact"] = exact ? 1 : 0;
}
BENCHMARK(BM_UmapNeighbourGraph)->ArgsProduct({{10000, 60000}, {0, 1}})->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
