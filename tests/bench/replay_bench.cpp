// The comet's replay (Explore → replay): 100 epochs of 10,000 films × 32, each frame projected on
// the newest frame's principal axes and aligned to its neighbour by orthogonal Procrustes, as
// ReplayState prepares it in the background before playback. Counter: frames_per_s, prepared
// frames per second (the bar for the replay is 30). Frames grow from a tenth of the final
// spread and wander by a shrinking noise, the way a comet forms over a run.
#include <benchmark/benchmark.h>

#include <memory>

#include "core/analysis/embedding_history.h"
#include "core/analysis/pca.h"
#include "core/util/random.h"
#include "tests/bench/layout_bench_vectors.h"

namespace {

ll::EmbeddingFrames growingFrames(int32_t rows, int32_t epochs) {
  const std::vector<float>& final = ll::bench::layoutBenchVectors(rows);
  ll::Random random(7);
  ll::EmbeddingFrames frames;
  for (int32_t epoch = 1; epoch <= epochs; ++epoch) {
    const double grown = 0.1 + 0.9 * epoch / epochs, noise = 0.5 * (1.0 - static_cast<double>(epoch) / epochs);
    auto values = std::make_shared<std::vector<float>>(final.size());
    for (size_t v = 0; v < final.size(); ++v) {
      (*values)[v] = static_cast<float>(grown * final[v] + random.normal(0.0, noise));
    }
    frames.push_back({epoch, epoch - 1, std::move(values)});
  }
  return frames;
}

void BM_ReplayPrepare(benchmark::State& state) {
  const auto rows = static_cast<int32_t>(state.range(0)), epochs = static_cast<int32_t>(state.range(1));
  const ll::EmbeddingFrames frames = growingFrames(rows, epochs);
  ll::ReplayLayout replay;
  for (auto _ : state) {
    const ll::PcaResult axes = ll::computePca(*frames.back().values, rows, ll::bench::kLayoutBenchDim);
    replay = ll::alignedProjection(frames, axes);
    benchmark::DoNotOptimize(replay.coordinates.data());
  }
  state.counters["frames_per_s"] =
      benchmark::Counter(static_cast<double>(replay.coordinates.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ReplayPrepare)->Args({10000, 100})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
