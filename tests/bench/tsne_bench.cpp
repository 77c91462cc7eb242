// Barnes-Hut t-SNE for the Explore view at the sizes it meets: 10,000 and 60,000 vectors of 32
// dimensions (MovieLens-25M-like movie counts), drawn from a mixture of planted Gaussian clusters
// of uneven size and spread, default parameters (perplexity 30, θ 0.5, 1,000 iterations), on all
// cores. Counters: the whole call's seconds, the iterations done, the final KL divergence (exact
// Z up to 5,000 points, else the Barnes-Hut estimate: kl_exact says which), and trustworthiness
// T(10) over a sample of 1,000 points.
#include <benchmark/benchmark.h>

#include <map>

#include "core/analysis/trustworthiness.h"
#include "core/analysis/tsne.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"

namespace {

constexpr int32_t kTsneBenchDim = 32;
constexpr int32_t kTsneBenchClusters = 24;

// rows × kTsneBenchDim: cluster weights ∝ 1…kTsneBenchClusters, spreads from 0.5 to 1.5, centres
// with sd 2 per coordinate, so clusters touch rather than sit apart.
const std::vector<float>& tsneBenchMixture(int32_t rows) {
  static std::map<int32_t, std::vector<float>> made;
  auto found = made.find(rows);
  if (found != made.end()) return found->second;
  ll::Random random(23);
  std::vector<std::vector<double>> centres(kTsneBenchClusters, std::vector<double>(kTsneBenchDim));
  std::vector<double> spread(kTsneBenchClusters), cumulative(kTsneBenchClusters);
  double total = 0.0;
  for (int32_t c = 0; c < kTsneBenchClusters; ++c) {
    for (double& v : centres[static_cast<size_t>(c)]) v = random.normal(0.0, 2.0);
    spread[static_cast<size_t>(c)] = random.uniform(0.5, 1.5);
    total += c + 1;
    cumulative[static_cast<size_t>(c)] = total;
  }
  std::vector<float>& x = made[rows];
  x.reserve(static_cast<size_t>(rows) * kTsneBenchDim);
  for (int32_t i = 0; i < rows; ++i) {
    const double pick = random.uniform(0.0, total);
    size_t c = 0;
    while (c + 1 < cumulative.size() && cumulative[c] <= pick) ++c;
    for (double centre : centres[c]) x.push_back(static_cast<float>(centre + spread[c] * random.normal()));
  }
  return x;
}

void BM_Tsne(benchmark::State& state) {
  const auto rows = static_cast<int32_t>(state.range(0));
  const std::vector<float>& x = tsneBenchMixture(rows);
  ll::ThreadPool pool(ll::hardwareThreads());
  ll::TsneResult result;
  for (auto _ : state) {
    result = ll::tsne(x, rows, kTsneBenchDim, {}, &pool);
    benchmark::DoNotOptimize(result.coordinates.data());
  }
  ll::TrustworthinessParams trust;
  trust.maxPoints = 1000;
  const double t = ll::trustworthiness(x, rows, kTsneBenchDim, result.coordinates, 2, trust, &pool).trustworthiness;
  state.counters["seconds"] = result.seconds;
  state.counters["iterations"] = result.iterationsDone;
  state.counters["kl"] = result.klDivergence;
  state.counters["kl_exact"] = result.klExact ? 1 : 0;
  state.counters["trustworthiness"] = t;
  state.counters["exact_neighbours"] = result.exactNeighbours ? 1 : 0;
}
BENCHMARK(BM_Tsne)->Arg(10000)->Arg(60000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
