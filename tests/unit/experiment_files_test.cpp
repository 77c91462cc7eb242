// Experiment results on disk: CSV and JSON round trips (significance included), the previous
// versions still read, and damaged, foreign or newer files rejected with the file, the line and
// what was expected.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/data/input_error.h"
#include "core/experiment/experiment_csv.h"
#include "core/experiment/experiment_files.h"
#include "core/experiment/experiment_json.h"
#include "core/io/atomic_file.h"
#include "core/io/checksum.h"

namespace ll {
namespace {

ExperimentResults handMadeResults() {
  ExperimentResults results;
  results.data = "synthetic:seed=1,users=943";  // a comma inside: CSV must quote it
  results.folds = "official";
  results.feedback = "auto";
  results.pdcThresholds = {1, 2, 4, 8, 16};
  FoldOutcome a;
  a.model = ModelKind::Tensor;
  a.dim = 8;
  a.split = "official:1";
  a.mae = 0.7512345678901234;
  a.rmse = 0.9412;
  a.mse = 0.9412 * 0.9412;
  a.precisionTop10 = 0.5625;
  a.precisionTop25 = 0.6871234567890123;
  a.validation = 0.95;
  a.pdc = {{1, 0.21}, {4, 0.3333333333333333}};
  a.params = 16585;
  a.secondsPerEpoch = 0.034;
  a.epochs = 12;
  a.stop = "early stopping";
  a.training = "sgd lr 0.01 batch 1 l2 0.02 ≤100 epochs";
  FoldOutcome b = a;
  b.fold = 1;
  b.split = "official:2";
  b.rmse = 0.95;
  b.precisionTop10 = 0.58;
  b.pdc[16] = -0.05;
  FoldOutcome c;
  c.model = ModelKind::NeuMF;
  c.dim = 16;
  c.split = "last";
  c.implicit = true;
  c.validation = 0.31;
  c.hitRate = 0.61;
  c.ndcg = 0.36;
  c.popularityHitRate = 0.52;
  c.popularityNdcg = 0.30;
  c.params = 40000;
  c.epochs = 20;
  c.stop = "epoch limit";
  a.testRatings = b.testRatings = 20000;
  a.trainRatings = b.trainRatings = 80000;
  c.testRatings = 943;
  c.trainRatings = 99057;
  results.outcomes = {a, b, c};
  results.rows = summariseOutcomes(results.outcomes);
  // Significance as compareWithBest would set it (written by hand: these rows have no users).
  results.comparedOn = "rmse";
  results.significance.alpha = 0.01;
  results.significance.bootstrap.resamples = 500;
  RowSignificance& best = results.rows[0].significance;
  best.best = true;
  best.rmse = BootstrapInterval{0.9457, 0.9301, 0.9612};
  RowSignificance& other = results.rows[1].significance;
  other.tTest = CorrectedTTest{5, 0.014, 0.0065192024052026, 0.25, 3.2013069226601645, 4, 0.03285984990336799};
  other.wilcoxon = SignedRankTest{943, 3, 940, 250000.5, -4.5123, false, 6.4e-6};
  other.hitRate = BootstrapInterval{0.61, 0.5812, 0.6398};
  return results;
}

void expectSameSignificance(const RowSignificance& x, const RowSignificance& y) {
  EXPECT_EQ(x.best, y.best);
  ASSERT_EQ(x.tTest.has_value(), y.tTest.has_value());
  if (x.tTest) {
    EXPECT_EQ(x.tTest->folds, y.tTest->folds);
    EXPECT_EQ(x.tTest->meanDifference, y.tTest->meanDifference);
    EXPECT_EQ(x.tTest->sdDifference, y.tTest->sdDifference);
    EXPECT_EQ(x.tTest->testTrainRatio, y.tTest->testTrainRatio);
    EXPECT_EQ(x.tTest->t, y.tTest->t);
    EXPECT_EQ(x.tTest->degreesOfFreedom, y.tTest->degreesOfFreedom);
    EXPECT_EQ(x.tTest->pValue, y.tTest->pValue);
  }
  ASSERT_EQ(x.wilcoxon.has_value(), y.wilcoxon.has_value());
  if (x.wilcoxon) {
    EXPECT_EQ(x.wilcoxon->pairs, y.wilcoxon->pairs);
    EXPECT_EQ(x.wilcoxon->zeros, y.wilcoxon->zeros);
    EXPECT_EQ(x.wilcoxon->ranked, y.wilcoxon->ranked);
    EXPECT_EQ(x.wilcoxon->statistic, y.wilcoxon->statistic);
    EXPECT_EQ(x.wilcoxon->z, y.wilcoxon->z);
    EXPECT_EQ(x.wilcoxon->exact, y.wilcoxon->exact);
    EXPECT_EQ(x.wilcoxon->pValue, y.wilcoxon->pValue);
  }
  for (const auto& [a, b] : {std::pair{x.rmse, y.rmse}, std::pair{x.hitRate, y.hitRate}}) {
    ASSERT_EQ(a.has_value(), b.has_value());
    if (!a) continue;
    EXPECT_EQ(a->estimate, b->estimate);
    EXPECT_EQ(a->low, b->low);
    EXPECT_EQ(a->high, b->high);
  }
}

void expectSameMeanSd(const MeanSd& a, const MeanSd& b, const char* what) {
  EXPECT_EQ(a.defined(), b.defined()) << what;
  if (!a.defined() || !b.defined()) return;
  EXPECT_EQ(a.mean, b.mean) << what;  // shortest exact forms: bit-identical
  EXPECT_EQ(a.sd, b.sd) << what;
}

void expectSameRows(const ExperimentResults& a, const ExperimentResults& b) {
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (size_t k = 0; k < a.rows.size(); ++k) {
    const ResultRow& x = a.rows[k];
    const ResultRow& y = b.rows[k];
    EXPECT_EQ(x.model, y.model);
    EXPECT_EQ(x.dim, y.dim);
    EXPECT_EQ(x.folds, y.folds);
    EXPECT_EQ(x.implicit, y.implicit);
    EXPECT_EQ(x.params, y.params);
    EXPECT_EQ(x.bestOnValidation, y.bestOnValidation);
    expectSameMeanSd(x.mae, y.mae, "mae");
    expectSameMeanSd(x.rmse, y.rmse, "rmse");
    expectSameMeanSd(x.mse, y.mse, "mse");
    expectSameMeanSd(x.precisionTop10, y.precisionTop10, "precision@10%");
    expectSameMeanSd(x.precisionTop25, y.precisionTop25, "precision@25%");
    expectSameMeanSd(x.validation, y.validation, "validation");
    expectSameMeanSd(x.hitRate, y.hitRate, "hr");
    expectSameMeanSd(x.ndcg, y.ndcg, "ndcg");
    expectSameMeanSd(x.popularityHitRate, y.popularityHitRate, "popularity hr");
    expectSameMeanSd(x.secondsPerEpoch, y.secondsPerEpoch, "s/epoch");
    expectSameMeanSd(x.epochs, y.epochs, "epochs");
    ASSERT_EQ(x.pdc.size(), y.pdc.size());
    for (const auto& [t, value] : x.pdc) expectSameMeanSd(value, y.pdc.at(t), "pdc");
    expectSameSignificance(x.significance, y.significance);
  }
  EXPECT_EQ(a.comparedOn, b.comparedOn);
  EXPECT_EQ(a.significance.alpha, b.significance.alpha);
  EXPECT_EQ(a.data, b.data);
  EXPECT_EQ(a.folds, b.folds);
  EXPECT_EQ(a.feedback, b.feedback);
  EXPECT_EQ(a.pdcThresholds, b.pdcThresholds);
  EXPECT_EQ(a.rankingCutoff, b.rankingCutoff);
}

InputError rejection(const std::string& text, bool json) {
  try {
    if (json) {
      parseExperimentJson(text, "results.json");
    } else {
      parseExperimentCsv(text, "results.csv");
    }
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return InputError("", 0, "", "");
}

TEST(ExperimentFiles, JsonRoundTripKeepsRowsAndOutcomes) {
  const ExperimentResults original = handMadeResults();
  const ExperimentResults back = parseExperimentJson(experimentJson(original), "results.json");
  expectSameRows(original, back);
  ASSERT_EQ(back.outcomes.size(), 3u);
  EXPECT_EQ(back.outcomes[1].split, "official:2");
  EXPECT_EQ(back.outcomes[1].pdc.at(16), -0.05);
  EXPECT_EQ(back.outcomes[0].mae, original.outcomes[0].mae);
  EXPECT_FALSE(back.outcomes[2].rmse.has_value());
  EXPECT_EQ(back.outcomes[2].hitRate, 0.61);
  EXPECT_EQ(back.outcomes[2].stop, "epoch limit");
  EXPECT_EQ(back.outcomes[0].training, "sgd lr 0.01 batch 1 l2 0.02 ≤100 epochs");
  EXPECT_EQ(back.outcomes[1].testRatings, 20000);
  EXPECT_EQ(back.outcomes[1].trainRatings, 80000);
  EXPECT_EQ(back.outcomes[0].precisionTop25, 0.6871234567890123);
  EXPECT_FALSE(back.outcomes[2].precisionTop10.has_value());  // implicit: no ratings to rank
  EXPECT_EQ(back.rows[0].precisionTop10.count, 2);
  EXPECT_EQ(back.significance.bootstrap.resamples, 500);
  EXPECT_TRUE(back.complete);
}

TEST(ExperimentFiles, SignificanceKeysAndAnInfiniteTRoundTrip) {
  ExperimentResults original = handMadeResults();
  original.rows[1].significance.tTest->t = -INFINITY;  // every fold better by the same amount
  original.rows[1].significance.tTest->meanDifference = -0.01;
  const std::string text = experimentJson(original);
  const auto document = nlohmann::json::parse(text);
  EXPECT_EQ(document["significance"]["compared_on"], "rmse");
  const auto& row = document["rows"][1];
  EXPECT_TRUE(row["t_test"]["t"].is_null());
  EXPECT_EQ(row["p_value"], 0.03285984990336799);  // the t-test's: it decides
  EXPECT_EQ(row["indistinguishable_from_best"], true);  // p ≥ alpha 0.01
  EXPECT_EQ(row["wilcoxon"]["users"], 943);
  EXPECT_EQ(row["hr@10_bootstrap"]["low"], 0.5812);
  EXPECT_TRUE(document["rows"][0]["best"].get<bool>());
  EXPECT_TRUE(document["rows"][0]["p_value"].is_null());
  EXPECT_TRUE(document["rows"][0]["t_test"].is_null());
  expectSameRows(original, parseExperimentJson(text, "results.json"));
  expectSameRows(original, parseExperimentCsv(experimentCsv(original), "results.csv"));
}

// Version 2 of the JSON (before the significance) still reads: the rows come back uncompared.
TEST(ExperimentFiles, VersionTwoJsonReadsWithoutSignificance) {
  auto document = nlohmann::json::parse(experimentJson(handMadeResults()));
  document.erase("significance");
  for (auto& row : document["rows"]) {
    for (const char* key : {"best", "p_value", "indistinguishable_from_best", "t_test", "wilcoxon", "rmse_bootstrap", "hr@10_bootstrap"}) {
      row.erase(key);
    }
  }
  for (auto& part : {"rows", "outcomes"}) {
    for (auto& entry : document[part]) {
      entry.erase("precision@10%");
      entry.erase("precision@25%");
    }
  }
  for (auto& outcome : document["outcomes"]) {
    outcome.erase("test_ratings");
    outcome.erase("train_ratings");
  }
  document["version"] = 2;
  document.erase("checksum");
  char checksum[17];
  std::snprintf(checksum, sizeof checksum, "%016llx", static_cast<unsigned long long>(checksumOf(document.dump())));
  document["checksum"] = checksum;
  const ExperimentResults back = parseExperimentJson(document.dump(2), "results.json");
  ASSERT_EQ(back.rows.size(), 2u);
  EXPECT_EQ(back.rows[0].rmse.mean, handMadeResults().rows[0].rmse.mean);
  EXPECT_FALSE(back.rows[0].significance.best);
  EXPECT_FALSE(back.rows[1].significance.pValue().has_value());
  EXPECT_TRUE(back.comparedOn.empty());
  EXPECT_EQ(back.outcomes[0].trainRatings, 0);
  // A version 3 file must have them.
  document["version"] = 3;
  document.erase("checksum");
  std::snprintf(checksum, sizeof checksum, "%016llx", static_cast<unsigned long long>(checksumOf(document.dump())));
  document["checksum"] = checksum;
  const InputError missing = rejection(document.dump(2), true);
  EXPECT_NE(missing.found().find("'best' not found"), std::string::npos) << missing.what();
}

TEST(ExperimentFiles, VersionOneCsvReadsWithoutSignificance) {
  const std::string v1 =
      "# latentlens-experiment,1,synthetic,official,auto,true\n"
      "model,dim,folds,implicit,mae,mae_sd,rmse,rmse_sd,mse,mse_sd,validation,validation_sd,pdc@4,pdc@4_sd,"
      "hr@10,hr@10_sd,ndcg@10,ndcg@10_sd,popularity_hr@10,popularity_hr@10_sd,popularity_ndcg@10,popularity_ndcg@10_sd,"
      "params,sec_per_epoch,sec_per_epoch_sd,epochs,epochs_sd,best_on_validation\n"
      "mf,8,5,false,0.7,0.01,0.9,0.02,0.81,0.03,0.91,0.01,0.3,0.02,,,,,,,,,1234,0.5,0.1,12,2,true\n";
  const ExperimentResults back = parseExperimentCsv(v1, "results.csv");
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.rows[0].rmse.mean, 0.9);
  EXPECT_EQ(back.rows[0].pdc.at(4).mean, 0.3);
  EXPECT_FALSE(back.rows[0].significance.best);
  EXPECT_TRUE(back.comparedOn.empty());
}

// A results.json as version 3 wrote it (before the precision columns), written out by hand: it
// reads, the precision left undefined; the same keys in a version 4 file are required.
TEST(ExperimentFiles, VersionThreeJsonReadsWithoutPrecision) {
  auto document = nlohmann::json::parse(R"({
    "format": "latentlens-experiment", "version": 3, "data": "ml-100k", "fold_kind": "random3",
    "feedback": "explicit", "complete": true, "ranking_cutoff": 10, "pdc_thresholds": [4],
    "significance": {"compared_on": "rmse", "alpha": 0.05, "bootstrap_resamples": 1000, "bootstrap_level": 0.95,
                     "bootstrap_seed": 1, "wilcoxon_exact_up_to": 25},
    "rows": [{"model": "mf", "dim": 100, "folds": 3, "implicit": false,
              "mae": {"mean": 0.74, "sd": 0.004, "n": 3}, "rmse": {"mean": 0.94, "sd": 0.003, "n": 3},
              "mse": {"mean": 0.8836, "sd": 0.0056, "n": 3}, "validation": {"mean": 0.93, "sd": 0.002, "n": 3},
              "pdc": {"4": {"mean": 0.31, "sd": 0.02, "n": 3}}, "hr@10": null, "ndcg@10": null,
              "popularity_hr@10": null, "popularity_ndcg@10": null, "params": 262500, "sec_per_epoch": 0.5,
              "sec_per_epoch_sd": 0.01, "epochs": {"mean": 12, "sd": 1, "n": 3}, "best_on_validation": true,
              "best": true, "p_value": null, "indistinguishable_from_best": false, "t_test": null, "wilcoxon": null,
              "rmse_bootstrap": {"estimate": 0.94, "low": 0.93, "high": 0.95}, "hr@10_bootstrap": null}],
    "outcomes": [{"model": "mf", "dim": 100, "fold": 0, "split": "random:0.1:0.1:1", "implicit": false,
                  "mae": 0.74, "rmse": 0.94, "mse": 0.8836, "validation": 0.93, "pdc": {"4": 0.31}, "hr@10": null,
                  "ndcg@10": null, "popularity_hr@10": null, "popularity_ndcg@10": null, "params": 262500,
                  "sec_per_epoch": 0.5, "epochs": 12, "refit_epochs": 0, "stop": "early stopping",
                  "training": "sgd", "test_ratings": 10000, "train_ratings": 90000}]})");
  const auto withChecksum = [](nlohmann::json d) {
    d.erase("checksum");
    char checksum[17];
    std::snprintf(checksum, sizeof checksum, "%016llx", static_cast<unsigned long long>(checksumOf(d.dump())));
    d["checksum"] = checksum;
    return d.dump(2);
  };
  const ExperimentResults back = parseExperimentJson(withChecksum(document), "results.json");
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.rows[0].rmse.mean, 0.94);
  EXPECT_TRUE(back.rows[0].significance.best);
  EXPECT_FALSE(back.rows[0].precisionTop10.defined());
  EXPECT_FALSE(back.rows[0].precisionTop25.defined());
  ASSERT_EQ(back.outcomes.size(), 1u);
  EXPECT_FALSE(back.outcomes[0].precisionTop10.has_value());
  EXPECT_EQ(back.outcomes[0].testRatings, 10000);
  document["version"] = 4;
  const InputError missing = rejection(withChecksum(document), true);
  EXPECT_NE(missing.found().find("precision@10%"), std::string::npos) << missing.what();
}

// A results.csv as version 2 wrote it (significance, no precision columns), by hand.
TEST(ExperimentFiles, VersionTwoCsvReadsWithoutPrecision) {
  const std::string v2 =
      "# latentlens-experiment,2,synthetic,random3,explicit,true,rmse,0.05\n"
      "model,dim,folds,implicit,mae,mae_sd,rmse,rmse_sd,mse,mse_sd,validation,validation_sd,"
      "hr@10,hr@10_sd,ndcg@10,ndcg@10_sd,popularity_hr@10,popularity_hr@10_sd,popularity_ndcg@10,popularity_ndcg@10_sd,"
      "params,sec_per_epoch,sec_per_epoch_sd,epochs,epochs_sd,best_on_validation,best,p_value,indistinguishable_from_best,"
      "t_test_folds,t_test_mean_difference,t_test_sd_difference,t_test_test_train_ratio,t_test_t,t_test_df,t_test_p_value,"
      "wilcoxon_users,wilcoxon_zeros,wilcoxon_ranked,wilcoxon_statistic,wilcoxon_z,wilcoxon_exact,wilcoxon_p_value,"
      "rmse_bootstrap,rmse_bootstrap_low,rmse_bootstrap_high,hr@10_bootstrap,hr@10_bootstrap_low,hr@10_bootstrap_high\n"
      "nrp,100,3,false,0.7,0.01,0.9,0.006,0.81,0.01,0.89,0.01,,,,,,,,,4700000,42,1,20,2,true,true,,false,"
      ",,,,,,,,,,,,,,0.9,0.89,0.91,,,\n";
  const ExperimentResults back = parseExperimentCsv(v2, "results.csv");
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.rows[0].model, ModelKind::NRP);
  EXPECT_EQ(back.rows[0].rmse.sd, 0.006);
  EXPECT_TRUE(back.rows[0].significance.best);
  EXPECT_EQ(back.rows[0].significance.rmse->low, 0.89);
  EXPECT_FALSE(back.rows[0].precisionTop10.defined());
  EXPECT_EQ(back.comparedOn, "rmse");
}

TEST(ExperimentFiles, CsvRoundTripKeepsRows) {
  const ExperimentResults original = handMadeResults();
  const std::string csv = experimentCsv(original);
  EXPECT_EQ(csv.rfind("# latentlens-experiment,3,\"synthetic:seed=1,users=943\",official,auto,true,rmse,0.01\n", 0), 0u) << csv;
  EXPECT_NE(csv.find(",mse_sd,precision@10%,precision@10%_sd,precision@25%,precision@25%_sd,validation,"), std::string::npos) << csv;
  const ExperimentResults back = parseExperimentCsv(csv, "results.csv");
  expectSameRows(original, back);
  EXPECT_TRUE(back.outcomes.empty());
}

TEST(ExperimentFiles, DamagedJsonIsRejectedByItsChecksum) {
  std::string text = experimentJson(handMadeResults());
  const size_t at = text.find("16585");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 5, "16586");
  const InputError error = rejection(text, true);
  EXPECT_EQ(error.file(), "results.json");
  EXPECT_NE(error.found().find("damaged"), std::string::npos) << error.what();
}

TEST(ExperimentFiles, ForeignTruncatedOlderAndNewerJsonAreRejected) {
  EXPECT_NE(rejection(R"({"format": "latentlens-checkpoint", "version": 1})", true).found().find("latentlens-checkpoint"),
            std::string::npos);
  EXPECT_NE(rejection("[1, 2, 3]", true).found().find("format"), std::string::npos);
  std::string text = experimentJson(handMadeResults());
  const InputError truncated = rejection(text.substr(0, text.size() / 2), true);
  EXPECT_GT(truncated.line(), 1);  // the line where the text stopped making sense
  const size_t version = text.find("\"version\": 4");
  ASSERT_NE(version, std::string::npos);
  std::string newer = text;
  newer.replace(version, 12, "\"version\": 5");
  EXPECT_EQ(rejection(newer, true).found(), "version 5 (written by a newer version of LatentLens)");
  std::string older = text;  // version 1 had another checksum; the version alone refuses it
  older.replace(version, 12, "\"version\": 1");
  const InputError refusal = rejection(older, true);
  EXPECT_EQ(refusal.file(), "results.json");
  EXPECT_EQ(refusal.found(), "version 1 (written by an older version of LatentLens)");
}

TEST(ExperimentFiles, ForeignAndMalformedCsvNameTheLine) {
  const InputError foreign = rejection("user,item,rating\n1,2,3\n", false);
  EXPECT_EQ(foreign.line(), 1);
  EXPECT_NE(foreign.expected().find("latentlens-experiment"), std::string::npos);
  const std::string csv = experimentCsv(handMadeResults());
  // Line 4 is the second data row; spoil its RMSE.
  std::string spoiled = csv;
  size_t lineStart = 0;
  for (int k = 0; k < 3; ++k) lineStart = spoiled.find('\n', lineStart) + 1;
  const size_t comma = spoiled.find(",0.", lineStart);
  spoiled.replace(comma + 1, 2, "x.");
  const InputError bad = rejection(spoiled, false);
  EXPECT_EQ(bad.line(), 4);
  EXPECT_NE(bad.expected().find("number"), std::string::npos) << bad.what();
  std::string renamed = csv;
  renamed.replace(renamed.find("rmse_sd"), 7, "rmse_xx");
  EXPECT_EQ(rejection(renamed, false).line(), 2);
  const std::string newer = "# latentlens-experiment,4,x,official,auto,true,rmse,0.05\n";
  EXPECT_EQ(rejection(newer, false).line(), 1);
}

TEST(ExperimentFiles, SaveAndLoadBothFormsFromDisk) {
  const auto dir = std::filesystem::temp_directory_path() / ("latentlens-experiment-files-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const ExperimentResults original = handMadeResults();
  saveExperimentResults(original, dir / "results.json");
  saveExperimentResults(original, dir / "results.csv");
  expectSameRows(original, loadExperimentResults(dir / "results.json"));
  expectSameRows(original, loadExperimentResults(dir / "results.csv"));
  writeFileAtomically(dir / "other.txt", "hello\n");
  EXPECT_THROW(loadExperimentResults(dir / "other.txt"), InputError);
  EXPECT_THROW(loadExperimentResults(dir / "missing.json"), InputError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ll
