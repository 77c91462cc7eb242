// Writes the seeds of the targets whose inputs are files the program writes (checkpoints, cache
// entries, embeddings, envelopes, factors in other tools' formats) into OUT/<target>/, made by the current code so they always
// match the current format versions:
//   latentlens_fuzz_seeds OUT

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset_cache.h"
#include "core/data/file_source.h"
#include "core/data/formats.h"
#include "core/io/atomic_file.h"
#include "core/exchange/embeddings_tsv.h"
#include "core/exchange/spark_als.h"
#include "core/exchange/word2vec_text.h"
#include "core/train/checkpoint.h"
#include "tests/fuzz/fuzz_inputs.h"
#include "tests/support/numpy_files.h"

namespace {

namespace fs = std::filesystem;

// One checkpoint per model kind, after one epoch, plus an implicit-feedback run.
void writeCheckpoints(const fs::path& out, const std::shared_ptr<const ll::Dataset>& world) {
  fs::create_directories(out);
  const ll::SplitSpec split = ll::parseSplitSpec("random:0.2");
  ll::TrainParams params;
  params.epochs = 3;
  params.batchSize = 16;
  params.threads = 1;
  params.pdc.maxUsers = 8;
  for (const ll::ModelKind kind : ll::allModelKinds()) {
    ll::ModelConfig config;
    config.kind = kind;
    config.dim = 2;
    config.itemInput = ll::usesItemInput(kind) ? ll::ItemInput::Both : ll::ItemInput::Features;
    ll::TrainParams run = params;
    run.implicit = ll::isImplicitFeedbackModel(kind);
    ll::Trainer trainer(world, ll::makeSplit(*world, split), config, run);
    trainer.runEpoch();
    ll::saveCheckpoint(out / (std::string(ll::modelKindName(kind)) + ".llckpt"), trainer, split, {});
  }
}

void writeCacheEntries(const fs::path& out, const std::shared_ptr<const ll::Dataset>& world) {
  fs::create_directories(out);
  const fs::path scratch = out / "scratch";
  const ll::DatasetCache cache(scratch);
  const std::string state(ll::fuzz::kCacheSourceState);
  const auto store = [&](const ll::Dataset& dataset, const std::string& name) {
    if (!cache.store(state, dataset)) throw std::runtime_error("cannot write a cache entry under " + scratch.string());
    fs::rename(cache.entryPath(state), out / (name + ".lldata"));
  };
  store(*world, "synthetic");
  for (const char* fixture : {"ml-100k", "ml-1m", "ml-latest", "ml-latest-tags"}) {
    const auto files = ll::FileSource::open(fs::path(LATENTLENS_FIXTURES_DIR) / fixture);
    store(ll::parseDataset(files, ll::FeatureOptions{}), fixture);
  }
  fs::remove_all(scratch);
}

void writeEmbeddings(const fs::path& out, const ll::Dataset& world) {
  fs::create_directories(out);
  ll::EmbeddingTable users{world.userIds, {}, 3};
  for (size_t u = 0; u < users.ids.size(); ++u) {
    for (int32_t c = 0; c < users.dim; ++c) users.values.push_back(0.25f * static_cast<float>(u) - 1.5e-3f * static_cast<float>(c));
  }
  ll::writeEmbeddingsTsv(out / "users.tsv", users);
  ll::writeEmbeddingsTsv(out / "one-column.tsv", ll::EmbeddingTable{{"item 7"}, {-0.5f}, 1});
}

// Factors in other tools' formats: .npy in both orders and widths, implicit's and LightFM's .npz,
// word2vec text and Spark's JSON lines as our writers make them.
void writeFactorSeeds(const fs::path& out) {
  using ll::testing::npyFile;
  const std::vector<double> six = {0.5, -1.25, 3e-5, 1, 2, -0.0};
  fs::create_directories(out / "fuzz_npy");
  int k = 0;
  for (const char* descr : {"<f4", "<f8"}) {
    for (const bool fortran : {false, true}) {
      ll::writeFileAtomically(out / "fuzz_npy" / ("matrix-" + std::to_string(k++) + ".npy"), npyFile(six, 3, 2, descr, fortran, fortran ? 2 : 1));
    }
  }
  ll::writeFileAtomically(out / "fuzz_npy" / "vector.npy", npyFile({1, 2, 3}, 3, 1, "<f4", false, 3, "(3,)"));
  fs::create_directories(out / "fuzz_npz");
  ll::testing::writeNpz(out / "fuzz_npz" / "implicit.npz",
                        {{"user_factors", npyFile(six, 3, 2)}, {"item_factors", npyFile(six, 2, 3, "<f8", true)}}, false);
  ll::testing::writeNpz(out / "fuzz_npz" / "lightfm.npz",
                        {{"user_embeddings", npyFile(six, 2, 3)},
                         {"user_biases", npyFile({0.5, -0.5}, 2, 1, "<f4", false, 1, "(2,)")},
                         {"item_embeddings", npyFile(six, 2, 3)},
                         {"item_biases", npyFile({1, 2}, 2, 1, "<f4", false, 1, "(2,)")}},
                        true);
  const fs::path text = out / "fuzz_text_factors";
  fs::create_directories(text);
  const ll::EmbeddingTable users{{"1", "alice", "3"}, {0.5f, -1.25f, 3e-5f, 1, 2, -0.0f}, 2};
  ll::writeWord2VecText(text / "vectors.txt", users);
  ll::SparkAlsModel als;
  als.users = users;
  als.items = ll::EmbeddingTable{{"10"}, {0.25f, 4}, 2};
  als.userBiases = {0.5f, -1, 2};  // our "bias" extension, so the fuzzer starts from rows with it
  als.itemBiases = {3};
  ll::writeSparkAlsModel(text / "als", als);
  fs::copy_file(text / "als" / "userFactors" / "part-00000.json", text / "part-users.json");
  fs::copy_file(text / "als" / "metadata" / "part-00000", text / "metadata-part");
  fs::remove_all(text / "als");
}

void writeEnvelopes(const fs::path& out) {
  fs::create_directories(out);
  const std::vector<std::string> payloads = {"", "payload", std::string("\0\1\2\3\377binary", 10)};
  for (size_t k = 0; k < payloads.size(); ++k) {
    ll::writeFileAtomically(out / ("sealed-" + std::to_string(k)),
                            ll::sealVersioned(ll::fuzz::kEnvelopeMagic, ll::fuzz::kEnvelopeVersion, payloads[k]));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT\n", argv[0]);
    return 2;
  }
  try {
    const fs::path out = argv[1];
    const auto world = ll::fuzz::checkpointWorld();
    writeCheckpoints(out / "fuzz_checkpoint", world);
    writeCacheEntries(out / "fuzz_dataset_cache", world);
    writeEmbeddings(out / "fuzz_embeddings_tsv", *world);
    writeEnvelopes(out / "fuzz_versioned_file");
    writeFactorSeeds(out);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "latentlens_fuzz_seeds: %s\n", error.what());
    return 1;
  }
  return 0;
}
