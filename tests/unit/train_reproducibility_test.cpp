// Same seed and thread count, same parameters to the last bit: for every model kind (parameter
// storage is aligned, so Eigen's reductions sum in the same order wherever the heap put it), and
// whether mini-batch shards run on the pool or one after another (a choice timed on the first
// batches); a batch heavy enough is handed to the pool.
#include <gtest/gtest.h>

#include "core/synth/synthetic_world.h"
#include "core/train/trainer.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> reproducibilityWorld() {
  return std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=120,movies=150,ratings=6000")).dataset);
}

TrainParams paramsWith(int32_t threads, bool implicit) {
  TrainParams p;
  p.epochs = 2;
  p.threads = threads;
  p.implicit = implicit;
  p.pdcEachEpoch = false;
  return p;
}

void expectSameParameters(const Trainer& a, const Trainer& b, const std::string& what) {
  ASSERT_EQ(a.model().parameters().count(), b.model().parameters().count());
  for (int32_t k = 0; k < a.model().parameters().count(); ++k) {
    EXPECT_EQ(a.model().parameters()[k].value, b.model().parameters()[k].value) << what << " block " << k;
  }
}

TEST(TrainReproducibility, TwoIdenticalRunsOfEveryModelAgreeBitForBit) {
  const auto data = reproducibilityWorld();
  const Split split = makeSplit(*data, parseSplitSpec("random:0.2"));
  for (const ModelKind kind : allModelKinds()) {
    // Allocations in between put the second run's blocks at other heap addresses.
    Trainer first(data, split, ModelConfig{.kind = kind, .dim = 8}, paramsWith(2, false));
    std::vector<std::vector<float>> padding(7, std::vector<float>(5));
    Trainer second(data, split, ModelConfig{.kind = kind, .dim = 8}, paramsWith(2, false));
    while (first.runEpoch()) {
    }
    while (second.runEpoch()) {
    }
    expectSameParameters(first, second, std::string(modelKindName(kind)));
  }
}

TEST(TrainReproducibility, SharedAndSequentialShardsGiveIdenticalParameters) {
  const auto data = reproducibilityWorld();
  for (const int32_t threads : {2, 3}) {
    for (const ModelKind kind : {ModelKind::MF, ModelKind::MLP, ModelKind::Tensor}) {
      const bool implicit = kind == ModelKind::MLP;
      const Split split = makeSplit(*data, parseSplitSpec(implicit ? "last" : "random:0.2"));
      Trainer shared(data, split, ModelConfig{.kind = kind, .dim = 8}, paramsWith(threads, implicit));
      Trainer sequential(data, split, ModelConfig{.kind = kind, .dim = 8}, paramsWith(threads, implicit));
      shared.setBatchSharing(true);
      sequential.setBatchSharing(false);
      while (shared.runEpoch()) {
      }
      while (sequential.runEpoch()) {
      }
      expectSameParameters(shared, sequential, std::string(modelKindName(kind)) + " threads " + std::to_string(threads));
    }
  }
}

TEST(TrainReproducibility, HeavyBatchesAreHandedToThePool) {
  const auto data = reproducibilityWorld();
  TrainParams p = paramsWith(2, true);  // 23 batches of 256 positives and 1024 negatives through a
  p.epochs = 1;                         // 128 → 64 → 32 → 1 tower: a millisecond or more each
  Trainer trainer(data, makeSplit(*data, parseSplitSpec("last")), ModelConfig{.kind = ModelKind::MLP, .dim = 64}, p);
  EXPECT_FALSE(trainer.sharesBatches());  // undecided: the first batches run on the calling thread
  trainer.runEpoch();
  EXPECT_TRUE(trainer.sharesBatches());
  Trainer alone(data, makeSplit(*data, parseSplitSpec("last")), ModelConfig{.kind = ModelKind::MLP, .dim = 64}, paramsWith(1, true));
  alone.runEpoch();
  EXPECT_FALSE(alone.sharesBatches());  // one thread: nothing to share
}

}  // namespace
}  // namespace ll
