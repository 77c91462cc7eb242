// The CLI as users script it: exit codes, --json shapes, errors that name file and line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/cli_runner.h"

namespace ll {
namespace {

using testing::runCli;

std::filesystem::path scratchDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("latentlens-cli-test-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(Cli, VersionAndHelpExitZero) {
  const auto version = runCli("--version");
  EXPECT_EQ(version.exitCode, 0);
  EXPECT_NE(version.out.find("latentlens-cli "), std::string::npos);
  EXPECT_EQ(runCli("--help").exitCode, 0);
  const auto infoHelp = runCli("info --help");
  EXPECT_EQ(infoHelp.exitCode, 0);
  EXPECT_NE(infoHelp.out.find("--data"), std::string::npos);
}

TEST(Cli, BadUsageExitsTwoWithOneLine) {
  const auto unknown = runCli("frobnicate", true);
  EXPECT_EQ(unknown.exitCode, 2);
  const auto missing = runCli("info --data /nonexistent/path --json", true);
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.out.find("/nonexistent/path"), std::string::npos);
  EXPECT_EQ(std::count(missing.out.begin(), missing.out.end(), '\n'), 1);
  EXPECT_EQ(runCli("info --data synthetic:users=oops").exitCode, 2);
}

TEST(Cli, InfoOnTheSyntheticWorldHasTheSpecifiedKeys) {
  const auto result = runCli("info --data synthetic --json");
  ASSERT_EQ(result.exitCode, 0);
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["format"], "synthetic");
  EXPECT_EQ(json["users"], 943);
  EXPECT_EQ(json["items"], 1682);
  EXPECT_EQ(json["ratings"], 100000);
  EXPECT_GT(json["features"].get<int>(), 19);
  EXPECT_EQ(json["feature_source"], "genres+genome");
  EXPECT_GT(json["noise_floor_rmse"].get<double>(), 0.0);
}

// The side information's vocabularies per source, in column order (numbers: tests/unit/data_side_information_test.cpp).
TEST(Cli, InfoListsTheSideInformationVocabularies) {
  const std::string ml100k = std::string(LATENTLENS_FIXTURES_DIR) + "/ml-100k";
  const auto result = runCli("info --no-cache --data " + ml100k + " --json --words");
  ASSERT_EQ(result.exitCode, 0);
  const auto side = nlohmann::json::parse(result.out)["side_information"];
  EXPECT_EQ(side["users"]["words"], 13);
  EXPECT_EQ(side["users"]["sources"], nlohmann::json::parse(R"([{"source":"age","words":2},{"source":"gender","words":2},
      {"source":"occupation","words":3},{"source":"zip","words":3},{"source":"zip3","words":3}])"));
  EXPECT_EQ(side["movies"]["words"], 24);
  ASSERT_EQ(side["movies"]["word_list"].size(), 24u);
  EXPECT_EQ(side["movies"]["word_list"][8], nlohmann::json::parse(R"({"word":"title:story","rows":2})"));
  const auto text = runCli("info --no-cache --data " + ml100k);
  EXPECT_NE(text.out.find("users           13 words (age 2, gender 2, occupation 3, zip 3, zip3 3)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("movies          24 words (title 11, year 3, genre 10)"), std::string::npos) << text.out;
}

TEST(Cli, SynthWritesFoldersThatInfoReadsBack) {
  const auto dir = scratchDir("synth");
  for (const std::string format : {"ml-100k", "ml-latest"}) {
    const auto out = dir / format;
    const auto written = runCli("synth --out " + out.string() + " --format " + format + " --users 300 --movies 400 --ratings 20000 --seed 3");
    ASSERT_EQ(written.exitCode, 0) << format;
    EXPECT_TRUE(std::filesystem::exists(out / "manifest.json"));
    const auto info = runCli("info --no-cache --data " + out.string() + " --json");
    ASSERT_EQ(info.exitCode, 0) << format;
    const auto json = nlohmann::json::parse(info.out);
    EXPECT_EQ(json["format"], format);
    EXPECT_EQ(json["users"], 300);
    EXPECT_EQ(json["items"], 400);
    EXPECT_EQ(json["ratings"], 20000);
  }
  std::filesystem::remove_all(dir);
}

// The calibrated world: written by `synth --realism ml100k`, read back by `info`, whose spread
// statistics match the world's own (and real ML-100K's shares); half stars are refused clearly.
TEST(Cli, SynthWritesTheCalibratedWorld) {
  const auto dir = scratchDir("synth-realism");
  const auto out = dir / "calibrated";
  ASSERT_EQ(runCli("synth --out " + out.string() + " --realism ml100k --users 300 --movies 400 --ratings 20000").exitCode, 0);
  const auto folder = runCli("info --no-cache --data " + out.string() + " --json");
  const auto direct = runCli("info --data synthetic:realism=ml100k,users=300,movies=400,ratings=20000 --json");
  ASSERT_EQ(folder.exitCode, 0);
  ASSERT_EQ(direct.exitCode, 0);
  const auto a = nlohmann::json::parse(folder.out), b = nlohmann::json::parse(direct.out);
  for (const char* key : {"mean_rating", "rating_sd", "user_mean_sd", "item_mean_sd", "popularity_mean_correlation"}) {
    EXPECT_NEAR(a[key].get<double>(), b[key].get<double>(), 1e-9) << key;
  }
  EXPECT_NEAR(b["mean_rating"].get<double>(), 3.53, 0.01);
  const auto halves = runCli("synth --out " + (dir / "halves").string() + " --realism ml100k --format ml-latest --users 300", true);
  EXPECT_NE(halves.exitCode, 0);
  EXPECT_NE(halves.out.find("whole stars"), std::string::npos) << halves.out;
  EXPECT_NE(runCli("synth --out " + (dir / "other").string() + " --realism ml1m").exitCode, 0);
  std::filesystem::remove_all(dir);
}

// `train --model mf` starts from mf's recommendation where the command line says nothing, records
// what ran in the manifest, and what the user gives wins.
TEST(Cli, TrainMfTakesItsRecommendationUnlessTold) {
  const auto dir = scratchDir("recommended");
  const std::string data = "synthetic:users=200,movies=300,ratings=12000";
  const auto manifestOf = [&](const std::string& options, const std::string& name) {
    const auto run = runCli("train --data " + data + " --model mf --dim 4 --threads 1 --patience 1 " + options + " --out " +
                            (dir / name).string() + " --json");
    EXPECT_EQ(run.exitCode, 0) << run.out;
    std::ifstream in(dir / name / "manifest.json");
    return nlohmann::json::parse(in)["configuration"];
  };
  const auto recommended = manifestOf("", "plain");
  EXPECT_EQ(recommended["optimizer"], "sgd");
  EXPECT_EQ(recommended["batch"], 1);
  EXPECT_FLOAT_EQ(recommended["l2"].get<float>(), 0.1f);
  EXPECT_EQ(recommended["epochs"], 100);
  const auto told = manifestOf("--optimizer adam --epochs 3", "told");
  EXPECT_EQ(told["optimizer"], "adam");
  EXPECT_EQ(told["epochs"], 3);
  EXPECT_EQ(told["batch"], 1);  // still the recommendation: only what was given changes
  std::filesystem::remove_all(dir);
}

TEST(Cli, TrainWritesEveryOutputAndPdcOfItsEmbeddingsAgrees) {
  const auto dir = scratchDir("train");
  const std::string data = "synthetic:users=200,movies=300,ratings=12000";
  const auto trained = runCli("train --data " + data + " --model tensor --dim 4 --epochs 4 --split kfold:5:1 --threads 1 --out " +
                              dir.string() + " --json");
  ASSERT_EQ(trained.exitCode, 0);
  const auto results = nlohmann::json::parse(trained.out);
  for (const char* key : {"model", "dim", "epochs", "rmse", "mae", "pdc", "params", "checkpoint"}) EXPECT_TRUE(results.contains(key)) << key;
  EXPECT_EQ(results["model"], "tensor");
  EXPECT_EQ(results["epochs"], 4);
  for (const char* file : {"checkpoint.llckpt", "results.json", "history.csv", "user_embeddings.tsv", "movie_embeddings.tsv",
                           "manifest.json"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / file)) << file;
  }
  // The PDC `train` reports is the PDC `pdc` computes from the written embeddings.
  const auto pdc = runCli("pdc --data " + data + " --embeddings " + (dir / "user_embeddings.tsv").string() +
                          " --split kfold:5:1 --json");
  ASSERT_EQ(pdc.exitCode, 0);
  const auto curve = nlohmann::json::parse(pdc.out);
  for (const char* t : {"1", "2", "4", "8", "16"}) {
    const auto& fromPdc = curve["thresholds"][t]["pdc"];
    const auto& fromTrain = results["pdc"][t];
    ASSERT_EQ(fromPdc.is_null(), fromTrain.is_null()) << t;
    if (!fromPdc.is_null()) {
      EXPECT_NEAR(fromPdc.get<double>(), fromTrain.get<double>(), 1e-5) << t;
    }
  }
  // --config replays the run from its manifest: the same numbers.
  const auto replayed = runCli("train --config " + (dir / "manifest.json").string() + " --out " + (dir / "replay").string() + " --json");
  ASSERT_EQ(replayed.exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(replayed.out)["rmse"], results["rmse"]);
  // Resuming a finished run's checkpoint with more epochs continues it.
  const auto resumed = runCli("train --data " + data + " --resume " + (dir / "checkpoint.llckpt").string() + " --epochs 6 --out " +
                              (dir / "resumed").string() + " --json");
  ASSERT_EQ(resumed.exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(resumed.out)["epochs"], 6);
  std::filesystem::remove_all(dir);
}

// By default a run is refitted on all training ratings for the epochs early stopping chose, and
// the refit is what is tested; --no-refit tests the selected model, the refit's starting point.
TEST(Cli, TrainAndCvRefitAfterSelectionUnlessToldNot) {
  const auto dir = scratchDir("refit");
  const std::string train = "train --data synthetic:users=200,movies=300,ratings=12000 --model mf --dim 4 --epochs 6 "
                            "--patience 0 --threads 1 --json --out ";
  const auto refitted = runCli(train + (dir / "refit").string());
  ASSERT_EQ(refitted.exitCode, 0) << refitted.out;
  const auto kept = runCli(train + (dir / "kept").string() + " --no-refit");
  ASSERT_EQ(kept.exitCode, 0) << kept.out;
  const auto withRefit = nlohmann::json::parse(refitted.out);
  const auto withoutRefit = nlohmann::json::parse(kept.out);
  const int bestEpoch = withRefit["best_epoch"].get<int>();
  ASSERT_GT(bestEpoch, 0);
  // 10 % of the training ratings were the validation share: the refit's epochs scale by n / (n − ⌊n/10⌋).
  const double all = withRefit["refit"]["training_ratings"].get<double>();
  EXPECT_EQ(all + withRefit["test_ratings"].get<double>(), 12000.0);
  EXPECT_EQ(withRefit["refit"]["epochs"].get<int>(),
            static_cast<int>(std::lround(bestEpoch * all / (all - std::floor(all * 0.1)))));
  EXPECT_EQ(withRefit["refit"]["selected_rmse"], withoutRefit["rmse"]);
  EXPECT_NE(withRefit["rmse"], withoutRefit["rmse"]);
  EXPECT_EQ(withRefit["validation_rmse"], withoutRefit["validation_rmse"]);
  EXPECT_TRUE(withoutRefit["refit"].is_null());
  EXPECT_TRUE(std::filesystem::exists(dir / "refit" / "refit_history.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "kept" / "refit_history.csv"));
  // The refit's checkpoint resumes on the merged split: its runs have no validation share.
  const auto resumed = runCli("train --data synthetic:users=200,movies=300,ratings=12000 --resume " +
                              (dir / "refit" / "checkpoint.llckpt").string() + " --json --out " + (dir / "resumed").string());
  ASSERT_EQ(resumed.exitCode, 0) << resumed.out;
  EXPECT_TRUE(nlohmann::json::parse(resumed.out)["validation_rmse"].is_null());

  const std::string cv = "cv --data synthetic:users=200,movies=200,ratings=8000 --models mf --dims 4 --folds 2 --epochs 4 "
                         "--patience 0 --threads 1 --json";
  for (const auto& [flags, refits] : {std::pair{std::string(), true}, std::pair{std::string(" --no-refit"), false}}) {
    const auto run = runCli(cv + flags);
    ASSERT_EQ(run.exitCode, 0) << run.out;
    const nlohmann::json report = nlohmann::json::parse(run.out);  // held: a range-for over a temporary's member dangles
    for (const auto& outcome : report["outcomes"]) {
      EXPECT_EQ(outcome["refit_epochs"].get<int>() > 0, refits) << flags;
      EXPECT_EQ(outcome["epochs"], 4);
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(Cli, TrainRefusesBadOptionsWithExitTwo) {
  EXPECT_EQ(runCli("train --data synthetic:users=100,movies=100,ratings=3000 --model nonsense").exitCode, 2);
  EXPECT_EQ(runCli("train --data synthetic:users=100,movies=100,ratings=3000 --split kfold:1:1").exitCode, 2);
  EXPECT_EQ(runCli("train --data synthetic:users=100,movies=100,ratings=3000 --optimizer lbfgs").exitCode, 2);
  // Sizes past the caps are refused before anything is allocated or started, naming the option.
  const auto threads = runCli("train --data synthetic:users=100,movies=100,ratings=3000 --threads 1000000", true);
  EXPECT_EQ(threads.exitCode, 2);
  EXPECT_NE(threads.out.find("--threads"), std::string::npos) << threads.out;
  EXPECT_NE(threads.out.find("0 (all cores) to 256 threads"), std::string::npos) << threads.out;
  const auto dim = runCli("train --data synthetic:users=100,movies=100,ratings=3000 --dim 1000000", true);
  EXPECT_EQ(dim.exitCode, 2);
  EXPECT_NE(dim.out.find("--dim: expected a dimension from 1 to 4096"), std::string::npos) << dim.out;
  // Core names the setting ("learning-rate schedule"); the CLI shows it as its flag.
  const auto schedule = runCli("train --data synthetic:users=100,movies=100,ratings=3000 --schedule cosine", true);
  EXPECT_EQ(schedule.exitCode, 2);
  EXPECT_NE(schedule.out.find("--schedule: expected constant or adaptive"), std::string::npos) << schedule.out;
}

TEST(Cli, CvPrintsATableRowPerModelAndDimension) {
  const auto dir = scratchDir("cv");
  ASSERT_EQ(runCli("synth --out " + (dir / "world").string() + " --users 150 --movies 200 --ratings 6000").exitCode, 0);
  const auto cv = runCli("cv --no-cache --data " + (dir / "world").string() +
                         " --models user-bias,mf,tensor --dims 2,4 --folds official --epochs 3 --json");
  ASSERT_EQ(cv.exitCode, 0);
  const auto json = nlohmann::json::parse(cv.out);
  ASSERT_EQ(json["rows"].size(), 5u);  // user-bias once, mf and tensor at two dims
  for (const auto& row : json["rows"]) {
    EXPECT_EQ(row["folds"], 5);
    EXPECT_GT(row["rmse"]["mean"].get<double>(), 0.0);
    EXPECT_GE(row["rmse"]["sd"].get<double>(), 0.0);
    EXPECT_TRUE(row["pdc"].contains("4"));
    EXPECT_GT(row["params"].get<int64_t>(), 0);
  }
  std::filesystem::remove_all(dir);
}

// Every row of `cv --json` faces the best row (lowest mean test RMSE): the corrected t-test over
// the folds, the Wilcoxon test over users, and bootstrap intervals; the table shows them too.
TEST(Cli, CvComparesEveryRowWithTheBest) {
  const std::string args = "cv --data synthetic:users=200,movies=200,ratings=8000 --models user-bias,mf --dims 2,4 --folds 3 --epochs 4 --threads 1";
  const auto cv = runCli(args + " --json");
  ASSERT_EQ(cv.exitCode, 0) << cv.out;
  const auto json = nlohmann::json::parse(cv.out);
  EXPECT_EQ(json["version"], 4);
  EXPECT_EQ(json["significance"]["compared_on"], "rmse");
  EXPECT_EQ(json["significance"]["alpha"], 0.05);
  ASSERT_EQ(json["rows"].size(), 3u);
  double lowest = 1e9;
  for (const auto& row : json["rows"]) lowest = std::min(lowest, row["rmse"]["mean"].get<double>());
  int best = 0;
  for (const auto& row : json["rows"]) {
    const auto& interval = row["rmse_bootstrap"];
    EXPECT_LE(interval["low"].get<double>(), interval["estimate"].get<double>());
    EXPECT_GE(interval["high"].get<double>(), interval["estimate"].get<double>());
    EXPECT_TRUE(row["hr@10_bootstrap"].is_null());
    if (row["best"].get<bool>()) {
      ++best;
      EXPECT_EQ(row["rmse"]["mean"].get<double>(), lowest);
      EXPECT_TRUE(row["p_value"].is_null());
      EXPECT_TRUE(row["t_test"].is_null());
      continue;
    }
    EXPECT_EQ(row["t_test"]["folds"], 3);
    EXPECT_EQ(row["t_test"]["df"], 2);
    EXPECT_NEAR(row["t_test"]["test_train_ratio"].get<double>(), 0.5, 0.01);  // 3 folds: 1/(k − 1)
    EXPECT_EQ(row["p_value"], row["t_test"]["p_value"]);
    EXPECT_EQ(row["wilcoxon"]["users"], 200);
    EXPECT_GE(row["wilcoxon"]["p_value"].get<double>(), 0.0);
    EXPECT_LE(row["wilcoxon"]["p_value"].get<double>(), 1.0);
    EXPECT_EQ(row["indistinguishable_from_best"].get<bool>(), row["p_value"].get<double>() >= 0.05);
  }
  EXPECT_EQ(best, 1);
  const auto& userBias = json["rows"][0];  // biases alone trail the factor model by far
  EXPECT_LT(userBias["t_test"]["p_value"].get<double>(), 0.05);
  EXPECT_LT(userBias["wilcoxon"]["p_value"].get<double>(), 0.001);
  for (const auto& outcome : json["outcomes"]) {
    EXPECT_EQ(outcome["test_ratings"].get<int64_t>() + outcome["train_ratings"].get<int64_t>(), 8000);
  }
  const auto table = runCli(args);
  ASSERT_EQ(table.exitCode, 0);
  for (const char* text : {"RMSE 95% CI", "p t-test", "p Wilcoxon", "best", "Nadeau & Bengio"}) {
    EXPECT_NE(table.out.find(text), std::string::npos) << text << "\n" << table.out;
  }
}

}  // namespace
}  // namespace ll
