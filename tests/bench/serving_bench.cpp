// Serving cost (Rendle et al. 2020 §5): a user's top 10 films by (a) exact scoring of a dot-product
// model over every film, (b) the maximum-inner-product index (inner_product_index.h: HNSW over the
// Euclidean lift), (c) a network scoring every film (MLP and NeuMF need one forward pass per film).
// Two worlds, z = 32: the 100K-format built-in world (1,682 films) and a 60,000-film one, with mf
// trained a few epochs so the films' vectors have a trained model's spread of norms (the networks'
// cost does not depend on their training, so they are scored untrained). Counters: the index's
// recall@10 against exact over 200 users and its build time. Trained factors make an easy index
// (a few films with large offsets and norms top most users' lists), so the index is also measured
// on the hard case: 60,000 Gaussian film vectors without offsets and Gaussian users.
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <memory>
#include <numeric>

#include "core/analysis/inner_product_index.h"
#include "core/analysis/user_affine_form.h"
#include "core/data/split.h"
#include "core/model/model.h"
#include "core/synth/synthetic_world.h"
#include "core/train/trainer.h"
#include "core/util/random.h"

namespace {

constexpr int32_t kServingDim = 32;
constexpr int32_t kServingTop = 10;
constexpr int32_t kServingRecallUsers = 200;

struct ServingWorld {
  std::shared_ptr<const ll::Dataset> data;
  ll::UserAffineForm form;
  std::vector<int32_t> items;  // every film
  std::vector<std::vector<float>> users;  // the trained user vectors
  std::unique_ptr<ll::Model> mlp, neumf;
};

/// films: 1682 (the built-in world's default shape) or 60000 (2,000 users, 1.2M ratings).
const ServingWorld& servingWorld(int32_t films) {
  static std::map<int32_t, ServingWorld> worlds;
  auto found = worlds.find(films);
  if (found != worlds.end()) return found->second;
  ll::SyntheticParams params;
  if (films != params.movies) {
    params.movies = films;
    params.users = 2000;
    params.ratings = 1200000;
  }
  ServingWorld& world = worlds[films];
  world.data = std::make_shared<const ll::Dataset>(ll::generateSyntheticWorld(params).dataset);
  ll::ModelConfig config;
  config.kind = ll::ModelKind::MF;
  config.dim = kServingDim;
  ll::TrainParams train;
  train.epochs = 8;
  ll::Trainer trainer(world.data, ll::makeSplit(*world.data, ll::parseSplitSpec("random:0.1"), {}), config, train);
  while (!trainer.done() && trainer.runEpoch()) {
  }
  const ll::Model& mf = trainer.model();
  world.form = *ll::userAffineForm(mf);
  world.items.resize(static_cast<size_t>(world.form.items));
  std::iota(world.items.begin(), world.items.end(), 0);
  for (int32_t u = 0; u < world.data->ratings.userCount; ++u) {
    std::vector<float>& e = world.users.emplace_back(static_cast<size_t>(mf.userEmbeddingDim()));
    mf.userEmbedding(u, e);
  }
  for (const ll::ModelKind kind : {ll::ModelKind::MLP, ll::ModelKind::NeuMF}) {
    config.kind = kind;
    (kind == ll::ModelKind::MLP ? world.mlp : world.neumf) = ll::makeModel(config, world.data, 3.5f);
  }
  return world;
}

void BM_ServeExactDotProduct(benchmark::State& state) {
  const ServingWorld& world = servingWorld(static_cast<int32_t>(state.range(0)));
  size_t u = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ll::exactTopItems(world.form, world.items, world.users[u], kServingTop));
    u = (u + 1) % world.users.size();
  }
  state.counters["films"] = world.form.items;
}
BENCHMARK(BM_ServeExactDotProduct)->Arg(1682)->Arg(60000)->Unit(benchmark::kMicrosecond);

/// 60,000 films and 2,000 users, Gaussian vectors of kServingDim, no offsets.
const ServingWorld& gaussianWorld() {
  static const ServingWorld world = [] {
    constexpr int32_t kFilms = 60000, kUsers = 2000;
    ServingWorld w;
    ll::Random random(5);
    w.form.items = kFilms;
    w.form.dim = kServingDim;
    w.form.offset.assign(kFilms, 0.0f);
    w.form.direction.resize(static_cast<size_t>(kFilms) * kServingDim);
    for (float& v : w.form.direction) v = static_cast<float>(random.normal());
    w.items.resize(kFilms);
    std::iota(w.items.begin(), w.items.end(), 0);
    for (int32_t u = 0; u < kUsers; ++u) {
      std::vector<float>& e = w.users.emplace_back(static_cast<size_t>(kServingDim));
      for (float& v : e) v = static_cast<float>(random.normal());
    }
    return w;
  }();
  return world;
}

void measureIndex(benchmark::State& state, const ServingWorld& world) {
  const auto start = std::chrono::steady_clock::now();
  ll::InnerProductIndex index(world.form, world.items);
  const double buildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  index.setEfSearch(static_cast<int32_t>(state.range(1)));
  double recall = 0.0;
  const auto users = std::min<size_t>(kServingRecallUsers, world.users.size());
  for (size_t u = 0; u < users; ++u) {
    const std::vector<ll::ScoredItem> exact = ll::exactTopItems(world.form, world.items, world.users[u], kServingTop);
    recall += ll::recallAt(index.search(world.users[u], kServingTop), exact);
  }
  size_t u = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.search(world.users[u], kServingTop));
    u = (u + 1) % world.users.size();
  }
  state.counters["recall@10"] = recall / static_cast<double>(users);
  state.counters["build_s"] = buildSeconds;
}

void BM_ServeHnswIndex(benchmark::State& state) { measureIndex(state, servingWorld(static_cast<int32_t>(state.range(0)))); }
BENCHMARK(BM_ServeHnswIndex)
    ->Args({1682, 64})
    ->Args({60000, 64})
    ->Args({60000, 128})
    ->Args({60000, 256})
    ->Unit(benchmark::kMicrosecond);

void BM_ServeHnswIndexGaussian(benchmark::State& state) { measureIndex(state, gaussianWorld()); }
BENCHMARK(BM_ServeHnswIndexGaussian)->Args({60000, 64})->Args({60000, 256})->Args({60000, 1024})->Unit(benchmark::kMicrosecond);

void BM_ServeExactDotProductGaussian(benchmark::State& state) {
  const ServingWorld& world = gaussianWorld();
  size_t u = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ll::exactTopItems(world.form, world.items, world.users[u], kServingTop));
    u = (u + 1) % world.users.size();
  }
}
BENCHMARK(BM_ServeExactDotProductGaussian)->Unit(benchmark::kMicrosecond);

void scoreEveryFilm(benchmark::State& state, const ll::Model& model, int32_t films, size_t userCount) {
  std::vector<int32_t> users(static_cast<size_t>(films));
  std::vector<int32_t> items(static_cast<size_t>(films));
  std::iota(items.begin(), items.end(), 0);
  std::vector<float> scores(static_cast<size_t>(films));
  int32_t u = 0;
  for (auto _ : state) {
    std::fill(users.begin(), users.end(), u);
    model.predict(users, items, scores);
    std::vector<int32_t> order(items);
    std::partial_sort(order.begin(), order.begin() + kServingTop, order.end(),
                      [&](int32_t a, int32_t b) { return scores[static_cast<size_t>(a)] > scores[static_cast<size_t>(b)]; });
    benchmark::DoNotOptimize(order.data());
    u = static_cast<int32_t>((static_cast<size_t>(u) + 1) % userCount);
  }
}

void BM_ServeMlpScoring(benchmark::State& state) {
  const ServingWorld& world = servingWorld(static_cast<int32_t>(state.range(0)));
  scoreEveryFilm(state, *world.mlp, world.form.items, world.users.size());
}
BENCHMARK(BM_ServeMlpScoring)->Arg(1682)->Arg(60000)->Unit(benchmark::kMicrosecond);

void BM_ServeNeuMfScoring(benchmark::State& state) {
  const ServingWorld& world = servingWorld(static_cast<int32_t>(state.range(0)));
  scoreEveryFilm(state, *world.neumf, world.form.items, world.users.size());
}
BENCHMARK(BM_ServeNeuMfScoring)->Arg(1682)->Arg(60000)->Unit(benchmark::kMicrosecond);

}  // namespace
