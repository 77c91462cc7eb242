// Reading factors trained elsewhere at MovieLens-25M size: 160,000 users and 60,000 movies × 32,
// as a Spark ALS folder of JSON lines and as two .npy files with their ids. The files are written
// once per run into a scratch folder (random values, every float with Spark's ~9 digits) and
// read through readFactors, format detection included.
#include <benchmark/benchmark.h>

#include <string>

#include "core/exchange/factor_tables.h"
#include "core/exchange/npy_array.h"
#include "core/exchange/spark_als.h"
#include "core/io/atomic_file.h"
#include "core/util/random.h"
#include "tests/bench/bench_world.h"

namespace {

constexpr int32_t kFactorUsers = 160000;
constexpr int32_t kFactorMovies = 60000;
constexpr int32_t kFactorDim = 32;

ll::EmbeddingTable randomTable(int32_t rows, uint64_t seed) {
  ll::Random random(seed);
  ll::EmbeddingTable table;
  table.dim = kFactorDim;
  table.values.resize(static_cast<size_t>(rows) * kFactorDim);
  for (float& v : table.values) v = static_cast<float>(0.3 * random.normal());
  for (int32_t r = 0; r < rows; ++r) table.ids.push_back(std::to_string(r + 1));
  return table;
}

std::string idLines(const ll::EmbeddingTable& table) {
  std::string text;
  for (const std::string& id : table.ids) text += id + "\n";
  return text;
}

void BM_ReadFactorsSparkJson(benchmark::State& state) {
  const ll::bench::ScratchCache scratch("factors-spark");
  ll::SparkAlsModel als;
  als.users = randomTable(kFactorUsers, 1);
  als.items = randomTable(kFactorMovies, 2);
  ll::writeSparkAlsModel(scratch.path() / "als", als);
  for (auto _ : state) benchmark::DoNotOptimize(ll::readFactors(scratch.path() / "als"));
  state.SetItemsProcessed(state.iterations() * (kFactorUsers + kFactorMovies));
}
BENCHMARK(BM_ReadFactorsSparkJson)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadFactorsNpy(benchmark::State& state) {
  const ll::bench::ScratchCache scratch("factors-npy");
  for (const auto& [name, table] : {std::pair{"users", randomTable(kFactorUsers, 1)}, std::pair{"movies", randomTable(kFactorMovies, 2)}}) {
    ll::writeNpy(scratch.path() / (std::string(name) + ".npy"), table.values, static_cast<int64_t>(table.ids.size()), table.dim);
    ll::writeFileAtomically(scratch.path() / (std::string(name) + ".ids.txt"), idLines(table));
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(ll::readFactors(scratch.path() / "users.npy"));
    benchmark::DoNotOptimize(ll::readFactors(scratch.path() / "movies.npy"));
  }
  state.SetItemsProcessed(state.iterations() * (kFactorUsers + kFactorMovies));
}
BENCHMARK(BM_ReadFactorsNpy)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
