// Barnes-Hut t-SNE for the Explore view at the sizes it meets: 10,000 and 60,000 vectors of 32
// dimensions (layout_bench_vectors.h), default parameters (perplexity 30, θ 0.5, 1,000
// iterations), on all cores. Counters: the whole call's seconds, the iterations done, the final KL divergence (exact
// Z up to 5,000 points, else the Barnes-Hut estimate: kl_exact says which), and trustworthiness
// T(10) over a sample of 1,000 points.
#include <benchmark/benchmark.h>

#include "core/analysis/trustworthiness.h"
#include "core/analysis/tsne.h"
#include "core/util/thread_pool.h"
#include "tests/bench/layout_bench_vectors.h"

namespace {

void BM_Tsne(benchmark::State& state) {
  const auto rows = static_cast<int32_t>(state.range(0));
  const std::vector<float>& x = ll::bench::layoutBenchVectors(rows);
  ll::ThreadPool pool(ll::hardwareThreads());
  ll::TsneResult result;
  for (auto _ : state) {
    result = ll::tsne(x, rows, ll::bench::kLayoutBenchDim, {}, &pool);
    benchmark::DoNotOptimize(result.coordinates.data());
  }
  ll::TrustworthinessParams trust;
  trust.maxPoints = ll::bench::kLayoutBenchTrustPoints;
  const double t = ll::trustworthiness(x, rows, ll::bench::kLayoutBenchDim, result.coordinates, 2, trust, &pool).trustworthiness;
  state.counters["seconds"] = result.seconds;
  state.counters["iterations"] = result.iterationsDone;
  state.counters["kl"] = result.klDivergence;
  state.counters["kl_exact"] = result.klExact ? 1 : 0;
  state.counters["trustworthiness"] = t;
  state.counters["exact_neighbours"] = result.exactNeighbours ? 1 : 0;
}
BENCHMARK(BM_Tsne)->Arg(10000)->Arg(60000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
