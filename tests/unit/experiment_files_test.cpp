// Experiment results on disk: CSV and JSON round trips, and damaged, foreign or newer files
// rejected with the file, the line and what was expected.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/data/input_error.h"
#include "core/experiment/experiment_csv.h"
#include "core/experiment/experiment_files.h"
#include "core/experiment/experiment_json.h"
#include "core/io/atomic_file.h"

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
  results.outcomes = {a, b, c};
  results.rows = summariseOutcomes(results.outcomes);
  return results;
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
    expectSameMeanSd(x.validation, y.validation, "validation");
    expectSameMeanSd(x.hitRate, y.hitRate, "hr");
    expectSameMeanSd(x.ndcg, y.ndcg, "ndcg");
    expectSameMeanSd(x.popularityHitRate, y.popularityHitRate, "popularity hr");
    expectSameMeanSd(x.secondsPerEpoch, y.secondsPerEpoch, "s/epoch");
    expectSameMeanSd(x.epochs, y.epochs, "epochs");
    ASSERT_EQ(x.pdc.size(), y.pdc.size());
    for (const auto& [t, value] : x.pdc) expectSameMeanSd(value, y.pdc.at(t), "pdc");
  }
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
  EXPECT_TRUE(back.complete);
}

TEST(ExperimentFiles, CsvRoundTripKeepsRows) {
  const ExperimentResults original = handMadeResults();
  const std::string csv = experimentCsv(original);
  EXPECT_EQ(csv.rfind("# latentlens-experiment,1,\"synthetic:seed=1,users=943\",official,auto,true\n", 0), 0u) << csv;
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
  const size_t version = text.find("\"version\": 2");
  ASSERT_NE(version, std::string::npos);
  std::string newer = text;
  newer.replace(version, 12, "\"version\": 3");
  EXPECT_EQ(rejection(newer, true).found(), "version 3 (written by a newer version of LatentLens)");
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
  const std::string newer = "# latentlens-experiment,2,x,official,auto,true\n";
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
