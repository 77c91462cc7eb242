// Checkpoints: every model round-trips; a resumed run continues exactly where it stopped;
// damaged files (every truncation, every bit flip) and other data are refused with a reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "core/io/binary_stream.h"
#include "core/io/versioned_file.h"
#include "core/synth/synthetic_world.h"
#include "core/train/checkpoint.h"
#include "tests/fuzz/fuzz_inputs.h"
#include "tests/support/test_dir.h"

namespace ll {
namespace {

namespace fs = std::filesystem;

class TrainCheckpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::freshTestDir("ll-ckpt");
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

// Every truncation and every bit flip of a real checkpoint is refused with an InputError naming
// the file and the kind of damage, by both readers; none crashes (the ASan build runs this too).
TEST_F(TrainCheckpoint, EveryTruncationAndBitFlipIsRefusedNamingTheFile) {
  const SplitSpec spec = parseSplitSpec("random:0.2");
  Trainer trainer(data(), makeSplit(*data(), spec), ModelConfig{}, params(1));
  trainer.runEpoch();
  const fs::path good = dir_ / "good.llckpt";
  saveCheckpoint(good, trainer, spec, {});
  const std::string bytes = readWholeFile(good);
  const fs::path damaged = dir_ / "damaged.llckpt";
  const auto expectRefused = [&](const std::string& content, const std::string& found, const std::string& what) {
    std::ofstream(damaged, std::ios::binary | std::ios::trunc) << content;
    const std::string prefix = damaged.string() + ": expected a LatentLens checkpoint (checkpoint.llckpt of a train run), found ";
    for (const bool wholeModel : {false, true}) {
      try {
        if (wholeModel) {
          loadModel(damaged, data());
        } else {
          readCheckpointInfo(damaged);
        }
        ADD_FAILURE() << what << ": accepted";
      } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()).rfind(prefix, 0), 0u) << what << ": " << error.what();
        EXPECT_NE(error.found().find(found), std::string::npos) << what << ": " << error.what();
      }
    }
  };

  constexpr size_t kHeader = 28;  // magic 8 · version 4 · payload size 8 · checksum 8
  for (const size_t length : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{12}, size_t{27}, kHeader, kHeader + 1,
                              bytes.size() / 3, bytes.size() / 2, bytes.size() - 8, bytes.size() - 1}) {
    const std::string found = length == 0 ? "an empty file" : length < kHeader ? "truncated (shorter than its header)"
                                                                               : "size does not match its header";
    expectRefused(bytes.substr(0, length), found, "truncated to " + std::to_string(length) + " bytes");
  }
  expectRefused(bytes + "x", "size does not match its header", "one byte appended");

  // Every bit of the header, and one bit in each of 64 places spread over the payload.
  std::vector<size_t> positions;
  for (size_t k = 0; k < kHeader; ++k) positions.push_back(k);
  for (size_t k = 0; k < 64; ++k) positions.push_back(kHeader + (bytes.size() - kHeader - 1) * k / 63);
  for (const size_t position : positions) {
    const int firstBit = position < kHeader ? 0 : static_cast<int>(position % 8);
    const int lastBit = position < kHeader ? 7 : firstBit;
    for (int bit = firstBit; bit <= lastBit; ++bit) {
      std::string flipped = bytes;
      flipped[position] = static_cast<char>(flipped[position] ^ (1 << bit));
      const std::string found = position < 8 ? "another kind of file" : position < 12 ? "format version"
                                : position < 20 ? "size does not match its header" : "checksum mismatch";
      expectRefused(flipped, found, "bit " + std::to_string(bit) + " of byte " + std::to_string(position) + " flipped");
    }
  }

  const auto other = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:seed=2,users=150,movies=200,ratings=8000")).dataset);
  EXPECT_THROW(loadModel(good, other), InputError);
  EXPECT_THROW(readCheckpointInfo(dir_ / "absent.llckpt"), InputError);
  EXPECT_THROW(readCheckpointInfo(dir_), InputError);
}

// A checkpoint of format version 2 (the last before XXH3; its header built here as LatentLens
// wrote it) is refused naming the file and saying an older version wrote it, by both readers.
TEST_F(TrainCheckpoint, AnOlderVersionIsRefusedNamingTheFile) {
  const SplitSpec spec = parseSplitSpec("random:0.2");
  Trainer trainer(data(), makeSplit(*data(), spec), ModelConfig{}, params(1));
  trainer.runEpoch();
  const fs::path current = dir_ / "current.llckpt";
  saveCheckpoint(current, trainer, spec, {});
  const std::string payload = readWholeFile(current).substr(28);
  BinaryWriter header;
  for (char c : std::string_view("LL-CHKPT")) header.put(c);
  header.put<uint32_t>(2);
  header.put<uint64_t>(payload.size());
  header.put<uint64_t>(0x5EED5EED5EED5EEDULL);  // its own checksum's value: never compared
  const fs::path older = dir_ / "older.llckpt";
  writeFileAtomically(older, header.take() + payload);
  for (const bool wholeModel : {false, true}) {
    try {
      if (wholeModel) {
        loadModel(older, data());
      } else {
        readCheckpointInfo(older);
      }
      ADD_FAILURE() << "accepted";
    } catch (const InputError& error) {
      EXPECT_EQ(error.file(), older.string());
      EXPECT_EQ(error.found(),
                "a file written by an older version of LatentLens (format version 2; this version reads format versions 3 to 32)");
    }
  }
}

// Format version 4 changed gmf (mf's biases, fixed-length weights), nothing else: a version 3
// checkpoint of another model still loads, a version 3 gmf is refused saying why (not "parameter
// shapes do not match"). The version 3 files are today's runs written in version 3's layout.
TEST_F(TrainCheckpoint, AVersion3GmfIsRefusedSayingGmfChanged) {
  const SplitSpec spec = parseSplitSpec("random:0.2");
  const auto relabelledAsVersion3 = [&](ModelKind kind) {
    Trainer trainer(data(), makeSplit(*data(), spec), ModelConfig{.kind = kind, .dim = 3}, params(1));
    trainer.runEpoch();
    const fs::path older = dir_ / (std::string(modelKindName(kind)) + "-v3.llckpt");
    writeFileAtomically(older, encodeCheckpoint(trainer, spec, {}, 3));
    return older;
  };
  EXPECT_NO_THROW(loadModel(relabelledAsVersion3(ModelKind::MF), data()));
  const fs::path gmf = relabelledAsVersion3(ModelKind::GMF);
  EXPECT_EQ(readCheckpointInfo(gmf).model.kind, ModelKind::GMF);  // what it was is still readable
  try {
    loadModel(gmf, data());
    ADD_FAILURE() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), gmf.string());
    EXPECT_EQ(error.found(), "a gmf checkpoint from an older version of LatentLens (format version 3), before gmf had "
                             "biases and fixed-length weights; train it again");
  }
}

// Format version 16 changed nrp's side inputs (bags of words); a version 8 nrp is refused saying so,
// a version 8 checkpoint of another model still loads. Version 32 made nrp read its activation. And as nrp's shapes follow the catalogue, a
// checkpoint loaded beside the same ratings with other titles is refused naming the block.
TEST_F(TrainCheckpoint, AVersion8NrpIsRefusedSayingNrpChanged) {
  const SplitSpec spec = parseSplitSpec("random:0.2");
  const auto written = [&](ModelKind kind, uint32_t version) {
    Trainer trainer(data(), makeSplit(*data(), spec), ModelConfig{.kind = kind, .dim = 3}, params(1));
    trainer.runEpoch();
    const fs::path path = dir_ / (std::string(modelKindName(kind)) + "-v" + std::to_string(version) + ".llckpt");
    writeFileAtomically(path, encodeCheckpoint(trainer, spec, {}, version));
    return path;
  };
  EXPECT_NO_THROW(loadModel(written(ModelKind::MF, 8), data()));
  const fs::path older = written(ModelKind::NRP, 8);
  try {
    loadModel(older, data());
    ADD_FAILURE() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.found(), "an nrp checkpoint from an older version of LatentLens (format version 8), before nrp read the "
                             "side information as bags of words; train it again");
  }

  const fs::path current = written(ModelKind::NRP, 16);
  EXPECT_NO_THROW(loadModel(current, data()));
  // Version 16's nrp was ReLU whatever its activation said (tanh here, the default); it loads as
  // relu. Today's files keep the activation they were trained with.
  EXPECT_EQ(readCheckpointInfo(current).model.activation, Activation::Relu);
  EXPECT_EQ(readCheckpointInfo(written(ModelKind::NRP, 32)).model.activation, Activation::Tanh);
  Dataset retitled = *data();
  retitled.movies[0].title += " Zyzzyva";  // one more title word; the ratings (and their checksum) as before
  try {
    loadModel(current, std::make_shared<const Dataset>(std::move(retitled)));
    ADD_FAILURE() << "accepted";
  } catch (const InputError& error) {
    EXPECT_NE(error.found().find("block \"item_encoder.side_words\""), std::string::npos) << error.found();
  }
}

// The checkpoints fuzz_checkpoint once crashed on: their checksums match, their contents are
// impossible (a bool byte of 97, a validation fraction of 1.5); resuming them on the fuzz
// target's world must refuse them, not crash — for what they hold, not for their version or data
// checksum (which would stop them before the code they once crashed).
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
    } catch (const InputError& error) {
      refused = true;
      EXPECT_EQ(error.found().find("version of LatentLens"), std::string::npos) << error.what();
      EXPECT_EQ(error.found().find("other data"), std::string::npos) << error.what();
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
