// Checkpoints: every model round-trips; a resumed run continues exactly where it stopped;
// damaged files and other data are refused with a reason.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "core/io/versioned_file.h"
#include "core/synth/synthetic_world.h"
#include "core/train/checkpoint.h"
#include "tests/fuzz/fuzz_inputs.h"

namespace ll {
namespace {

namespace fs = std::filesystem;

class TrainCheckpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ll-ckpt-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::shared_ptr<const Dataset> data() {
    static const auto d = std::make_shared<const Dataset>(
        generateSyntheticWorld(parseSyntheticSpec("synthetic:users=150,movies=200,ratings=8000")).dataset);
    return d;
  }
  static TrainParams params(int32_t epochs) {
    TrainParams p;
    p.epochs = epochs;
    p.batchSize = 50;
    p.threads = 1;
    p.patience = 0;
    return p;
  }

  fs::path dir_;
};

TEST_F(TrainCheckpoint, EveryModelRoundTrips) {
  const SplitSpec spec = parseSplitSpec("random:0.2");
  for (ModelKind kind : allModelKinds()) {
    ModelConfig config;
    config.kind = kind;
    config.dim = 3;
    config.itemInput = usesItemInput(kind) ? ItemInput::Both : ItemInput::Features;
    Trainer trainer(data(), makeSplit(*data(), spec), config, params(2));
    trainer.runEpoch();
    const fs::path path = dir_ / "model.llckpt";
    saveCheckpoint(path, trainer, spec, {});
    const auto model = loadModel(path, data());
    ASSERT_EQ(model->parameters().count(), trainer.model().parameters().count()) << modelKindName(kind);
    for (int32_t b = 0; b < model->parameters().count(); ++b) {
      EXPECT_EQ(model->parameters()[b].value, trainer.model().parameters()[b].value) << modelKindName(kind);
    }
    const CheckpointInfo info = readCheckpointInfo(path);
    EXPECT_EQ(info.model.kind, kind);
    EXPECT_EQ(info.history.epochs.size(), 1u);
  }
}

TEST_F(TrainCheckpoint, AResumedRunContinuesExactlyWhereItStopped) {
  const SplitSpec spec = parseSplitSpec("random:0.2");
  ModelConfig config;
  config.kind = ModelKind::Tensor;
  config.dim = 4;
  config.itemInput = ItemInput::Both;
  TrainParams p = params(6);
  p.schedule = Schedule::Adaptive;
  p.patience = 4;

  Trainer uninterrupted(data(), makeSplit(*data(), spec), config, p);
  while (uninterrupted.runEpoch()) {
  }

  Trainer first(data(), makeSplit(*data(), spec), config, p);
  for (int e = 0; e < 3; ++e) first.runEpoch();
  const fs::path path = dir_ / "run.llckpt";
  saveCheckpoint(path, first, spec, {});
  const auto resumed = resumeTrainer(path, data());
  EXPECT_EQ(resumed->epochsDone(), 3);
  while (resumed->runEpoch()) {
  }
  ASSERT_EQ(resumed->history().epochs.size(), uninterrupted.history().epochs.size());
  for (size_t e = 0; e < uninterrupted.history().epochs.size(); ++e) {
    EXPECT_EQ(resumed->history().epochs[e].validation.rmse, uninterrupted.history().epochs[e].validation.rmse) << e;
    EXPECT_EQ(resumed->history().epochs[e].learningRate, uninterrupted.history().epochs[e].learningRate) << e;
  }
  for (int32_t b = 0; b < resumed->model().parameters().count(); ++b) {
    EXPECT_EQ(resumed->model().parameters()[b].value, uninterrupted.model().parameters()[b].value);
  }
}

TEST_F(TrainCheckpoint, DamagedFilesAndOtherDataAreRefused) {
  const SplitSpec spec = parseSplitSpec("random:0.2");
  Trainer trainer(data(), makeSplit(*data(), spec), ModelConfig{}, params(1));
  trainer.runEpoch();
  const fs::path path = dir_ / "x.llckpt";
  saveCheckpoint(path, trainer, spec, {});
  std::string bytes = readWholeFile(path);
  bytes[bytes.size() / 2] ^= 0x01;
  writeFileAtomically(dir_ / "flipped.llckpt", bytes);
  EXPECT_THROW(loadModel(dir_ / "flipped.llckpt", data()), DamagedFile);
  writeFileAtomically(dir_ / "short.llckpt", bytes.substr(0, 100));
  EXPECT_THROW(loadModel(dir_ / "short.llckpt", data()), DamagedFile);
  const auto other = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:seed=2,users=150,movies=200,ratings=8000")).dataset);
  EXPECT_THROW(loadModel(path, other), InputError);
}

// The checkpoints fuzz_checkpoint once crashed on: their checksums match, their contents are
// impossible (a bool byte of 97, a validation fraction of 1.5); resuming them on the fuzz
// target's world must refuse them, not crash.
TEST_F(TrainCheckpoint, EveryCheckpointTheFuzzerFoundIsRefused) {
  const auto world = fuzz::checkpointWorld();
  const fs::path found = fs::path(LATENTLENS_FIXTURES_DIR) / "fuzz-regressions" / "fuzz_checkpoint";
  int checkpoints = 0;
  for (const auto& file : fs::directory_iterator(found)) {
    bool refused = false;
    try {
      resumeTrainer(file.path(), world);
    } catch (const DamagedFile&) {
      refused = true;
    } catch (const InputError&) {
      refused = true;
    }
    EXPECT_TRUE(refused) << file.path();
    ++checkpoints;
  }
  EXPECT_GE(checkpoints, 2);
}

TEST_F(TrainCheckpoint, DivergenceKeepsTheLastGoodEpochAndSaysWhy) {
  TrainParams p = params(5);
  p.optimizer.kind = OptimizerKind::Sgd;
  p.learningRate = 1e6f;
  Trainer trainer(data(), makeSplit(*data(), parseSplitSpec("random:0.2")), ModelConfig{}, p);
  while (trainer.runEpoch()) {
  }
  EXPECT_EQ(trainer.stopReason(), StopReason::Diverged);
  EXPECT_NE(trainer.stopMessage().find("lower learning rate"), std::string::npos);
  EXPECT_TRUE(trainer.model().parameters().allFinite());
}

}  // namespace
}  // namespace ll
