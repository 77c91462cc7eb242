// `sweep` end to end as a script drives it: the table, results.csv + results.json + manifest in
// --out, the JSON reloading as the same rows, presets, implicit mode, bad usage, and table5's
// neighbour lists across dimensionalities.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "core/experiment/experiment_files.h"
#include "tests/support/cli_runner.h"

namespace ll {
namespace {

using testing::runCli;

class CliSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("latentlens-cli-sweep-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path root_;
};

const std::string kFixture = std::string(LATENTLENS_FIXTURES_DIR) + "/ml-100k";

TEST_F(CliSweep, WritesTableCsvJsonAndManifestOnTheFixture) {
  const auto out = root_ / "grid";
  const auto run = runCli("sweep --no-cache --data " + kFixture + " --models user-bias,mf,tensor --dims 2,3 --folds 2 --epochs 3 --threads 1 --out " +
                          out.string());
  ASSERT_EQ(run.exitCode, 0) << run.out;
  EXPECT_NE(run.out.find("PDC@4"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("P@25%"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("tensor"), std::string::npos);
  for (const char* file : {"results.csv", "results.json", "manifest.json"}) EXPECT_TRUE(std::filesystem::exists(out / file)) << file;
  const ExperimentResults fromJson = loadExperimentResults(out / "results.json");
  const ExperimentResults fromCsv = loadExperimentResults(out / "results.csv");
  ASSERT_EQ(fromJson.rows.size(), 5u);  // user-bias once, mf and tensor at two z
  ASSERT_EQ(fromCsv.rows.size(), 5u);
  EXPECT_EQ(fromJson.outcomes.size(), 10u);
  for (size_t k = 0; k < fromJson.rows.size(); ++k) {
    EXPECT_EQ(fromJson.rows[k].folds, 2);
    EXPECT_EQ(fromJson.rows[k].rmse.mean, fromCsv.rows[k].rmse.mean);
    EXPECT_EQ(fromJson.rows[k].precisionTop10.mean, fromCsv.rows[k].precisionTop10.mean);
    EXPECT_TRUE(fromJson.rows[k].precisionTop25.defined());
    EXPECT_GT(fromJson.rows[k].rmse.mean, 0.0);
  }
  const auto manifest = nlohmann::json::parse(std::ifstream(out / "manifest.json"));
  EXPECT_EQ(manifest["command"], "sweep");
  // --config replays it: the same numbers.
  const auto replay = runCli("sweep --config " + (out / "manifest.json").string() + " --out " + (root_ / "replay").string());
  ASSERT_EQ(replay.exitCode, 0) << replay.out;
  EXPECT_EQ(loadExperimentResults(root_ / "replay" / "results.json").rows[2].rmse.mean, fromJson.rows[2].rmse.mean);
}

TEST_F(CliSweep, JsonKeepsTheCvShapeAndImplicitModeRanks) {
  const auto run = runCli("sweep --data synthetic:users=120,movies=150,ratings=4000 --models mf,gmf --dims 4 --split last --implicit "
                          "--epochs 3 --threads 1 --json");
  ASSERT_EQ(run.exitCode, 0);
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["format"], "latentlens-experiment");
  ASSERT_EQ(json["rows"].size(), 2u);
  for (const auto& row : json["rows"]) {
    EXPECT_TRUE(row["implicit"].get<bool>());
    EXPECT_TRUE(row["rmse"].is_null());
    EXPECT_GT(row["hr@10"]["mean"].get<double>(), 0.0);
    EXPECT_GT(row["ndcg@10"]["mean"].get<double>(), 0.0);
    EXPECT_GT(row["popularity_hr@10"]["mean"].get<double>(), 0.0);
    EXPECT_EQ(row["folds"], 1);
    // Ranking only, one split: compared on HR@10, no t-test; Wilcoxon over users decides.
    EXPECT_TRUE(row["t_test"].is_null());
    EXPECT_TRUE(row["rmse_bootstrap"].is_null());
    EXPECT_LE(row["hr@10_bootstrap"]["low"].get<double>(), row["hr@10"]["mean"].get<double>());
    if (!row["best"].get<bool>()) {
      EXPECT_EQ(row["p_value"], row["wilcoxon"]["p_value"]);
    }
  }
  EXPECT_EQ(json["significance"]["compared_on"], "hr@10");
  const auto table = runCli("sweep --data synthetic:users=120,movies=150,ratings=4000 --models mf,gmf --dims 4 --split last --implicit "
                            "--epochs 3 --threads 1");
  EXPECT_NE(table.out.find("n/a"), std::string::npos) << table.out;  // no t-test on a single split
  EXPECT_NE(table.out.find("HR@10 95% CI"), std::string::npos) << table.out;
}

TEST_F(CliSweep, PresetGridWithOverridesAndBadUsage) {
  const auto run = runCli("sweep --data synthetic:users=100,movies=120,ratings=3000 --preset fig8 --dims 1,2 --folds 2 --epochs 2 --threads 1 --json");
  ASSERT_EQ(run.exitCode, 0);
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["rows"].size(), 2u);
  EXPECT_EQ(json["rows"][0]["model"], "mf");
  EXPECT_GT(json["rows"][1]["mse"]["mean"].get<double>(), 0.0);
  for (const auto& outcome : json["outcomes"]) {  // Latent Spaces 2021's SGD from the preset, --epochs from the user
    EXPECT_EQ(outcome["training"], "sgd lr 0.01 batch 1 l2 0.02 ≤2 epochs");
  }
  const auto ncf = runCli("sweep --data synthetic:users=100,movies=120,ratings=3000 --models mf,mlp --dims 4 --split last "
                          "--implicit --epochs 2 --l2 0.003 --threads 1 --json");
  ASSERT_EQ(ncf.exitCode, 0);
  const auto outcomes = nlohmann::json::parse(ncf.out)["outcomes"];
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0]["training"], "adam lr 0.002 batch 256 l2 0.003 ≤2 epochs");  // mf's implicit lr
  EXPECT_EQ(outcomes[1]["training"], "adam lr 0.005 batch 256 l2 0.003 ≤2 epochs");
  EXPECT_EQ(runCli("sweep --data synthetic:users=100,movies=120,ratings=3000 --preset table9").exitCode, 2);
  EXPECT_EQ(runCli("sweep --data synthetic:users=100,movies=120,ratings=3000 --models mf --dims 4,x").exitCode, 2);
  const auto noFolds = runCli("sweep --data " + std::string(LATENTLENS_FIXTURES_DIR) + "/triplets/plain.tsv --folds official", true);
  EXPECT_EQ(noFolds.exitCode, 2);
}

// The NRP paper's Table 3 preset, made small by per-model dims and one epoch: its models in the
// paper's order on the three random splits, untouched by refits, with both precisions.
TEST_F(CliSweep, Table3PresetRunsWithPerModelDims) {
  const std::string data = "--data synthetic:users=60,movies=80,ratings=2000";
  const auto run = runCli("sweep " + data + " --preset table3 --dims 3,autorec-i:5 --epochs 1 --threads 1 --json");
  ASSERT_EQ(run.exitCode, 0) << run.out;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["version"], 4);
  EXPECT_EQ(json["fold_kind"], "random3");
  const auto& rows = json["rows"];
  ASSERT_GE(rows.size(), 4u);
  EXPECT_EQ(rows[0]["model"], "mf");
  EXPECT_EQ(rows[1]["model"], "autorec-i");
  EXPECT_EQ(rows[2]["model"], "neumf");
  EXPECT_EQ(rows[rows.size() - 1]["model"], "nrp");
  for (const auto& row : rows) {
    EXPECT_EQ(row["dim"], row["model"] == "autorec-i" ? 5 : 3);
    EXPECT_EQ(row["folds"], 3);
    EXPECT_EQ(row["precision@10%"]["n"], 3) << row.dump();
    EXPECT_EQ(row["precision@25%"]["n"], 3) << row.dump();
  }
  for (const auto& outcome : json["outcomes"]) EXPECT_EQ(outcome["refit_epochs"], 0);
  const auto table = runCli("sweep " + data + " --preset table3 --models mf,nrp --dims 3 --epochs 1 --threads 1");
  ASSERT_EQ(table.exitCode, 0) << table.out;
  for (const char* text : {"P@10%", "P@25%", "nrp"}) EXPECT_NE(table.out.find(text), std::string::npos) << text << "\n" << table.out;
  const auto unknown = runCli("sweep " + data + " --models mf --dims 3,neumff:4", true);
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_NE(unknown.out.find("--dims"), std::string::npos) << unknown.out;
  EXPECT_NE(unknown.out.find("neumff:4"), std::string::npos) << unknown.out;
  EXPECT_EQ(runCli("sweep " + data + " --models mf --dims 3,mf:x").exitCode, 2);
}

TEST_F(CliSweep, Table5ComparesFilmsNeighboursAcrossDimensionsAndKeepsTheModels) {
  const auto out = root_ / "table5";
  const std::string data = "synthetic:users=200,movies=150,ratings=6000";
  const auto run = runCli("sweep --data " + data + " --preset table5 --dims 2,4 --epochs 3 --threads 1 --neighbours 5 --out " +
                          out.string() + " --json");
  ASSERT_EQ(run.exitCode, 0) << run.out;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["results"]["rows"].size(), 2u);
  const auto& films = json["neighbours"]["films"];
  ASSERT_EQ(films.size(), 3u);  // the built-in world has none of the seed's films: its three most-rated stand in
  for (const auto& film : films) {
    ASSERT_EQ(film["runs"].size(), 2u);
    ASSERT_EQ(film["overlap"].size(), 1u);
    EXPECT_EQ(film["runs"][0]["dim"], 2);
    EXPECT_EQ(film["runs"][1]["dim"], 4);
    std::set<std::string> lists[2];
    for (int r = 0; r < 2; ++r) {
      ASSERT_EQ(film["runs"][r]["neighbours"].size(), 5u);
      for (const auto& n : film["runs"][r]["neighbours"]) {
        EXPECT_NE(n["id"], film["movie"]["id"]);
        EXPECT_GE(n["rating_count"].get<int>(), 20);
        lists[r].insert(n["id"].get<std::string>());
      }
    }
    int shared = 0;
    for (const auto& n : film["runs"][0]["neighbours"]) {
      const bool inBoth = lists[1].count(n["id"].get<std::string>()) > 0;
      EXPECT_EQ(n["in_every_list"].get<bool>(), inBoth);
      shared += inBoth ? 1 : 0;
    }
    EXPECT_EQ(film["overlap"][0]["shared"], shared);
    EXPECT_DOUBLE_EQ(film["overlap"][0]["jaccard"].get<double>(), shared / (10.0 - shared));
  }
  for (const char* file : {"results.json", "results.csv", "neighbours.json", "manifest.json", "mf-z2.llckpt", "mf-z4.llckpt"}) {
    EXPECT_TRUE(std::filesystem::exists(out / file)) << file;
  }
  // The saved checkpoints are the models compared: `neighbours --checkpoints` gives the same lists.
  const std::string film = films[0]["movie"]["id"].get<std::string>();
  const auto again = runCli("neighbours --checkpoints " + (out / "mf-z2.llckpt").string() + "," + (out / "mf-z4.llckpt").string() +
                            " --movie " + film + " -k 5 --json");
  ASSERT_EQ(again.exitCode, 0) << again.out;
  const auto lists = nlohmann::json::parse(again.out);
  for (int r = 0; r < 2; ++r) {
    for (int n = 0; n < 5; ++n) {
      EXPECT_EQ(lists["runs"][r]["neighbours"][n]["id"], films[0]["runs"][r]["neighbours"][n]["id"]);
    }
  }
  // A film asked for by id; an unknown one is refused before any training.
  const auto chosen = runCli("sweep --data " + data + " --preset table5 --dims 2 --epochs 1 --threads 1 --films " + film + " --json");
  ASSERT_EQ(chosen.exitCode, 0) << chosen.out;
  EXPECT_EQ(nlohmann::json::parse(chosen.out)["neighbours"]["films"][0]["movie"]["id"], film);
  const auto unknown = runCli("sweep --data " + data + " --preset table5 --films \"no such film\"", true);
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_NE(unknown.out.find("--films"), std::string::npos) << unknown.out;
}

}  // namespace
}  // namespace ll
