#include "core/experiment/dot_product_learning_files.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "core/io/json_checksum.h"

namespace ll {
namespace {

using nlohmann::json;

json dotMeanSdJson(const MeanSd& m) {
  return m.defined() ? json{{"mean", m.mean}, {"sd", m.sd}, {"n", m.count}} : json(nullptr);
}
MeanSd dotMeanSdFrom(const json& value) {
  if (value.is_null()) return {};
  return {value.at("mean").get<double>(), value.at("sd").get<double>(), value.at("n").get<int32_t>()};
}

std::string csvNumber(const MeanSd& m, bool sd) {
  if (!m.defined()) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", sd ? m.sd : m.mean);
  return text;
}

}  // namespace

std::string dotProductLearningJson(const DotProductLearningResults& results) {
  const DotProductLearningParams& p = results.params;
  json params = {{"dims", p.dims},
                 {"users", p.users},
                 {"width_factors", p.widthFactors},
                 {"repeats", p.repeats},
                 {"label_sd", p.task.labelSd},
                 {"trivial_rmse", p.task.trivialRmse},
                 {"pairs_per_user", p.task.pairsPerUser},
                 {"test_fraction", p.task.testFraction},
                 {"epochs", p.fit.epochs},
                 {"batch_size", p.fit.batchSize},
                 {"learning_rate", p.fit.learningRate},
                 {"threads", p.threads},
                 {"seed", p.seed}};
  json points = json::array();
  for (const DotProductLearningPoint& point : results.points) {
    points.push_back({{"d", point.dim},
                      {"h", point.hidden},
                      {"users", point.users},
                      {"items", point.users},
                      {"train", point.trainCases},
                      {"test", point.testCases},
                      {"fresh", point.freshCases},
                      {"params", point.parameters},
                      {"repeats", point.repeats},
                      {"seconds", point.seconds},
                      {"mlp_test_rmse", dotMeanSdJson(point.mlpTestRmse)},
                      {"dot_test_rmse", dotMeanSdJson(point.dotTestRmse)},
                      {"mlp_fresh_rmse", dotMeanSdJson(point.mlpFreshRmse)},
                      {"dot_fresh_rmse", dotMeanSdJson(point.dotFreshRmse)},
                      {"trivial_test_rmse", dotMeanSdJson(point.trivialTestRmse)},
                      {"test_error", dotMeanSdJson(point.testError)},
                      {"fresh_error", dotMeanSdJson(point.freshError)}});
  }
  json document = {{"format", kDotProductLearningFormat},
                   {"version", kDotProductLearningVersion},
                   {"complete", results.complete},
                   {"seconds", results.seconds},
                   {"params", params},
                   {"points", points}};
  document["checksum"] = documentChecksum(document);
  return document.dump(2) + "\n";
}

std::string dotProductLearningCsv(const DotProductLearningResults& results) {
  std::string text = "# latentlens dot-product learning (Rendle et al. 2020 Fig. 3): error = RMSE(MLP) - RMSE(dot)\n";
  text += "d,h,users,items,train,test,fresh,params,repeats,test_error,test_error_sd,fresh_error,fresh_error_sd,"
          "mlp_test_rmse,dot_test_rmse,mlp_fresh_rmse,dot_fresh_rmse,trivial_test_rmse\n";
  for (const DotProductLearningPoint& p : results.points) {
    text += std::to_string(p.dim) + "," + std::to_string(p.hidden) + "," + std::to_string(p.users) + "," +
            std::to_string(p.users) + "," + std::to_string(p.trainCases) + "," + std::to_string(p.testCases) + "," +
            std::to_string(p.freshCases) + "," + std::to_string(p.parameters) + "," + std::to_string(p.repeats) + "," +
            csvNumber(p.testError, false) + "," + csvNumber(p.testError, true) + "," + csvNumber(p.freshError, false) + "," +
            csvNumber(p.freshError, true) + "," + csvNumber(p.mlpTestRmse, false) + "," + csvNumber(p.dotTestRmse, false) +
            "," + csvNumber(p.mlpFreshRmse, false) + "," + csvNumber(p.dotFreshRmse, false) + "," +
            csvNumber(p.trivialTestRmse, false) + "\n";
  }
  return text;
}

bool isDotProductLearningJson(std::string_view text) {
  return text.find(std::string("\"") + std::string(kDotProductLearningFormat) + "\"") != std::string_view::npos;
}

DotProductLearningResults parseDotProductLearningJson(std::string_view text, const std::string& file) {
  const std::string expected = std::string("a ") + std::string(kDotProductLearningFormat) + " file of version " +
                               std::to_string(kDotProductLearningVersion);
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    throw InputError(file, 0, expected, error.what());
  }
  if (!document.is_object() || document.value("format", std::string()) != kDotProductLearningFormat) {
    throw InputError(file, 0, expected, "another kind of file");
  }
  if (document.value("version", 0) != kDotProductLearningVersion) {
    throw InputError(file, 0, expected, "version " + (document.contains("version") ? document["version"].dump() : "none"));
  }
  if (!document.contains("checksum") || !document["checksum"].is_string() ||
      document["checksum"].get<std::string>() != documentChecksum(document)) {
    throw InputError(file, 0, "a matching checksum", "a damaged or edited file");
  }
  try {
    DotProductLearningResults results;
    results.complete = document.at("complete").get<bool>();
    results.seconds = document.at("seconds").get<double>();
    const json& p = document.at("params");
    DotProductLearningParams& params = results.params;
    params.dims = p.at("dims").get<std::vector<int32_t>>();
    params.users = p.at("users").get<std::vector<int32_t>>();
    params.widthFactors = p.at("width_factors").get<std::vector<double>>();
    params.repeats = p.at("repeats").get<int32_t>();
    params.task.labelSd = p.at("label_sd").get<double>();
    params.task.trivialRmse = p.at("trivial_rmse").get<double>();
    params.task.pairsPerUser = p.at("pairs_per_user").get<int32_t>();
    params.task.testFraction = p.at("test_fraction").get<double>();
    params.fit.epochs = p.at("epochs").get<int32_t>();
    params.fit.batchSize = p.at("batch_size").get<int32_t>();
    params.fit.learningRate = p.at("learning_rate").get<float>();
    params.threads = p.at("threads").get<int32_t>();
    params.seed = p.at("seed").get<uint64_t>();
    for (const json& j : document.at("points")) {
      DotProductLearningPoint& point = results.points.emplace_back();
      point.dim = j.at("d").get<int32_t>();
      point.hidden = j.at("h").get<int32_t>();
      point.users = j.at("users").get<int32_t>();
      point.trainCases = j.at("train").get<int64_t>();
      point.testCases = j.at("test").get<int64_t>();
      point.freshCases = j.at("fresh").get<int64_t>();
      point.parameters = j.at("params").get<int64_t>();
      point.repeats = j.at("repeats").get<int32_t>();
      point.seconds = j.at("seconds").get<double>();
      point.mlpTestRmse = dotMeanSdFrom(j.at("mlp_test_rmse"));
      point.dotTestRmse = dotMeanSdFrom(j.at("dot_test_rmse"));
      point.mlpFreshRmse = dotMeanSdFrom(j.at("mlp_fresh_rmse"));
      point.dotFreshRmse = dotMeanSdFrom(j.at("dot_fresh_rmse"));
      point.trivialTestRmse = dotMeanSdFrom(j.at("trivial_test_rmse"));
      point.testError = dotMeanSdFrom(j.at("test_error"));
      point.freshError = dotMeanSdFrom(j.at("fresh_error"));
    }
    return results;
  } catch (const json::exception& error) {
    throw InputError(file, 0, expected, error.what());
  }
}

void saveDotProductLearning(const DotProductLearningResults& results, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  writeFileAtomically(dir / "results.json", dotProductLearningJson(results));
  writeFileAtomically(dir / "results.csv", dotProductLearningCsv(results));
}

}  // namespace ll
