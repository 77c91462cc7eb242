#include "core/experiment/experiment_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/data/input_error.h"
#include "core/io/checksum.h"
#include "core/io/json_checksum.h"

namespace ll {
namespace {

using nlohmann::json;

constexpr const char* kPrecisionTop10Key = "precision@10%";
constexpr const char* kPrecisionTop25Key = "precision@25%";

json toJson(const MeanSd& m) { return m.defined() ? json{{"mean", m.mean}, {"sd", m.sd}, {"n", m.count}} : json(nullptr); }
json toJson(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

MeanSd meanSdFrom(const json& value) {
  if (value.is_null()) return {};
  return {value.at("mean").get<double>(), value.at("sd").get<double>(), value.at("n").get<int32_t>()};
}
std::optional<double> optionalFrom(const json& value) {
  return value.is_null() ? std::nullopt : std::optional<double>(value.get<double>());
}

// The significance of a row against the best (experiment_significance.h); null where not computed.
json toJson(const std::optional<CorrectedTTest>& t) {
  if (!t) return nullptr;
  return {{"folds", t->folds},
          {"mean_difference", t->meanDifference},
          {"sd_difference", t->sdDifference},
          {"test_train_ratio", t->testTrainRatio},
          {"t", std::isfinite(t->t) ? json(t->t) : json(nullptr)},  // ±∞: JSON has no infinity
          {"df", t->degreesOfFreedom},
          {"p_value", t->pValue}};
}
json toJson(const std::optional<SignedRankTest>& w) {
  if (!w) return nullptr;
  return {{"users", w->pairs}, {"zeros", w->zeros},   {"ranked", w->ranked},  {"statistic", w->statistic},
          {"z", w->z},         {"exact", w->exact},   {"p_value", w->pValue}};
}
json toJson(const std::optional<BootstrapInterval>& b) {
  if (!b) return nullptr;
  return {{"estimate", b->estimate}, {"low", b->low}, {"high", b->high}};
}

std::optional<CorrectedTTest> tTestFrom(const json& j) {
  if (j.is_null()) return std::nullopt;
  CorrectedTTest t;
  t.folds = j.at("folds").get<int32_t>();
  t.meanDifference = j.at("mean_difference").get<double>();
  t.sdDifference = j.at("sd_difference").get<double>();
  t.testTrainRatio = j.at("test_train_ratio").get<double>();
  t.t = j.at("t").is_null() ? std::copysign(std::numeric_limits<double>::infinity(), t.meanDifference) : j.at("t").get<double>();
  t.degreesOfFreedom = j.at("df").get<int32_t>();
  t.pValue = j.at("p_value").get<double>();
  return t;
}
std::optional<SignedRankTest> wilcoxonFrom(const json& j) {
  if (j.is_null()) return std::nullopt;
  SignedRankTest w;
  w.pairs = j.at("users").get<int64_t>();
  w.zeros = j.at("zeros").get<int64_t>();
  w.ranked = j.at("ranked").get<int64_t>();
  w.statistic = j.at("statistic").get<double>();
  w.z = j.at("z").get<double>();
  w.exact = j.at("exact").get<bool>();
  w.pValue = j.at("p_value").get<double>();
  return w;
}
std::optional<BootstrapInterval> intervalFrom(const json& j) {
  if (j.is_null()) return std::nullopt;
  return BootstrapInterval{j.at("estimate").get<double>(), j.at("low").get<double>(), j.at("high").get<double>()};
}

void addSignificance(json& row, const RowSignificance& s, const std::string& at, double alpha) {
  const std::optional<double> p = s.pValue();
  row["best"] = s.best;
  row["p_value"] = p ? json(*p) : json(nullptr);
  row["indistinguishable_from_best"] = s.indistinguishableFromBest(alpha);
  row["t_test"] = toJson(s.tTest);
  row["wilcoxon"] = toJson(s.wilcoxon);
  row["rmse_bootstrap"] = toJson(s.rmse);
  row["hr" + at + "_bootstrap"] = toJson(s.hitRate);
}

RowSignificance significanceFrom(const json& row, const std::string& at) {
  RowSignificance s;
  s.best = row.at("best").get<bool>();
  s.tTest = tTestFrom(row.at("t_test"));
  s.wilcoxon = wilcoxonFrom(row.at("wilcoxon"));
  s.rmse = intervalFrom(row.at("rmse_bootstrap"));
  s.hitRate = intervalFrom(row.at("hr" + at + "_bootstrap"));
  return s;
}

json comparisonJson(const ExperimentResults& results) {
  const SignificanceParams& p = results.significance;
  return {{"compared_on", results.comparedOn},
          {"alpha", p.alpha},
          {"bootstrap_resamples", p.bootstrap.resamples},
          {"bootstrap_level", p.bootstrap.level},
          {"bootstrap_seed", p.bootstrap.seed},
          {"wilcoxon_exact_up_to", p.wilcoxon.exactUpTo}};
}

void comparisonFrom(const json& document, ExperimentResults& results) {
  const json& j = document.at("significance");
  results.comparedOn = j.at("compared_on").get<std::string>();
  results.significance.alpha = j.at("alpha").get<double>();
  results.significance.bootstrap.resamples = j.at("bootstrap_resamples").get<int32_t>();
  results.significance.bootstrap.level = j.at("bootstrap_level").get<double>();
  results.significance.bootstrap.seed = j.at("bootstrap_seed").get<uint64_t>();
  results.significance.wilcoxon.exactUpTo = j.at("wilcoxon_exact_up_to").get<int32_t>();
}

json rowJson(const ResultRow& r, const std::string& at) {
  json pdc = json::object();
  for (const auto& [threshold, value] : r.pdc) pdc[std::to_string(threshold)] = toJson(value);
  return {{"model", modelKindName(r.model)},
          {"dim", r.dim},
          {"folds", r.folds},
          {"implicit", r.implicit},
          {"mae", toJson(r.mae)},
          {"rmse", toJson(r.rmse)},
          {"mse", toJson(r.mse)},
          {kPrecisionTop10Key, toJson(r.precisionTop10)},
          {kPrecisionTop25Key, toJson(r.precisionTop25)},
          {"validation", toJson(r.validation)},
          {"pdc", pdc},
          {"hr" + at, toJson(r.hitRate)},
          {"ndcg" + at, toJson(r.ndcg)},
          {"popularity_hr" + at, toJson(r.popularityHitRate)},
          {"popularity_ndcg" + at, toJson(r.popularityNdcg)},
          {"params", r.params},
          {"sec_per_epoch", r.secondsPerEpoch.mean},
          {"sec_per_epoch_sd", r.secondsPerEpoch.sd},
          {"epochs", toJson(r.epochs)},
          {"best_on_validation", r.bestOnValidation}};
}

json outcomeJson(const FoldOutcome& o, const std::string& at) {
  json pdc = json::object();
  for (const auto& [threshold, value] : o.pdc) pdc[std::to_string(threshold)] = value;
  return {{"model", modelKindName(o.model)},
          {"dim", o.dim},
          {"fold", o.fold},
          {"split", o.split},
          {"implicit", o.implicit},
          {"mae", toJson(o.mae)},
          {"rmse", toJson(o.rmse)},
          {"mse", toJson(o.mse)},
          {kPrecisionTop10Key, toJson(o.precisionTop10)},
          {kPrecisionTop25Key, toJson(o.precisionTop25)},
          {"validation", o.validation},
          {"pdc", pdc},
          {"hr" + at, toJson(o.hitRate)},
          {"ndcg" + at, toJson(o.ndcg)},
          {"popularity_hr" + at, toJson(o.popularityHitRate)},
          {"popularity_ndcg" + at, toJson(o.popularityNdcg)},
          {"params", o.params},
          {"sec_per_epoch", o.secondsPerEpoch},
          {"epochs", o.epochs},
          {"refit_epochs", o.refitEpochs},
          {"stop", o.stop},
          {"training", o.training},
          {"test_ratings", o.testRatings},
          {"train_ratings", o.trainRatings}};
}

int32_t thresholdFrom(const std::string& key) {
  size_t used = 0;
  const int value = std::stoi(key, &used);
  if (used != key.size() || value < 1) throw std::invalid_argument("PDC threshold \"" + key + "\"");
  return value;
}

/// What a file of a version holds beyond version 2's.
struct Contents {
  bool compared = false;   ///< the significance against the best and the folds' rating counts (version 3 on)
  bool precision = false;  ///< the precision of the top 10 % and 25 % (version 4 on)
};

ResultRow rowFrom(const json& j, const std::string& at, Contents has) {
  ResultRow r;
  r.model = parseModelKind(j.at("model").get<std::string>());
  r.dim = j.at("dim").get<int32_t>();
  r.folds = j.at("folds").get<int32_t>();
  r.implicit = j.at("implicit").get<bool>();
  r.mae = meanSdFrom(j.at("mae"));
  r.rmse = meanSdFrom(j.at("rmse"));
  r.mse = meanSdFrom(j.at("mse"));
  if (has.precision) {
    r.precisionTop10 = meanSdFrom(j.at(kPrecisionTop10Key));
    r.precisionTop25 = meanSdFrom(j.at(kPrecisionTop25Key));
  }
  r.validation = meanSdFrom(j.at("validation"));
  for (const auto& [key, value] : j.at("pdc").items()) r.pdc[thresholdFrom(key)] = meanSdFrom(value);
  r.hitRate = meanSdFrom(j.at("hr" + at));
  r.ndcg = meanSdFrom(j.at("ndcg" + at));
  r.popularityHitRate = meanSdFrom(j.at("popularity_hr" + at));
  r.popularityNdcg = meanSdFrom(j.at("popularity_ndcg" + at));
  r.params = j.at("params").get<int64_t>();
  r.secondsPerEpoch = {j.at("sec_per_epoch").get<double>(), j.at("sec_per_epoch_sd").get<double>(), r.folds};
  r.epochs = meanSdFrom(j.at("epochs"));
  r.bestOnValidation = j.at("best_on_validation").get<bool>();
  if (has.compared) r.significance = significanceFrom(j, at);
  return r;
}

FoldOutcome outcomeFrom(const json& j, const std::string& at, Contents has) {
  FoldOutcome o;
  o.model = parseModelKind(j.at("model").get<std::string>());
  o.dim = j.at("dim").get<int32_t>();
  o.fold = j.at("fold").get<int32_t>();
  o.split = j.at("split").get<std::string>();
  o.implicit = j.at("implicit").get<bool>();
  o.mae = optionalFrom(j.at("mae"));
  o.rmse = optionalFrom(j.at("rmse"));
  o.mse = optionalFrom(j.at("mse"));
  if (has.precision) {
    o.precisionTop10 = optionalFrom(j.at(kPrecisionTop10Key));
    o.precisionTop25 = optionalFrom(j.at(kPrecisionTop25Key));
  }
  o.validation = j.at("validation").get<double>();
  for (const auto& [key, value] : j.at("pdc").items()) o.pdc[thresholdFrom(key)] = value.get<double>();
  o.hitRate = optionalFrom(j.at("hr" + at));
  o.ndcg = optionalFrom(j.at("ndcg" + at));
  o.popularityHitRate = optionalFrom(j.at("popularity_hr" + at));
  o.popularityNdcg = optionalFrom(j.at("popularity_ndcg" + at));
  o.params = j.at("params").get<int64_t>();
  o.secondsPerEpoch = j.at("sec_per_epoch").get<double>();
  o.epochs = j.at("epochs").get<int32_t>();
  o.refitEpochs = j.value("refit_epochs", 0);  // absent before refits existed
  o.stop = j.at("stop").get<std::string>();
  o.training = j.value("training", std::string());  // absent from files written before it was recorded
  if (has.compared) {
    o.testRatings = j.at("test_ratings").get<int64_t>();
    o.trainRatings = j.at("train_ratings").get<int64_t>();
  }
  return o;
}

int64_t lineOfByte(std::string_view text, size_t byte) {
  const size_t end = std::min(byte, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
}

}  // namespace

std::string experimentJson(const ExperimentResults& results) {
  const std::string at = "@" + std::to_string(results.rankingCutoff);
  json rows = json::array();
  for (const ResultRow& row : results.rows) {
    json r = rowJson(row, at);
    addSignificance(r, row.significance, at, results.significance.alpha);
    rows.push_back(std::move(r));
  }
  json outcomes = json::array();
  for (const FoldOutcome& outcome : results.outcomes) outcomes.push_back(outcomeJson(outcome, at));
  json document = {{"format", kExperimentFormat},
                   {"version", kExperimentJsonVersion},
                   {"data", results.data},
                   {"fold_kind", results.folds},
                   {"feedback", results.feedback},
                   {"complete", results.complete},
                   {"ranking_cutoff", results.rankingCutoff},
                   {"pdc_thresholds", results.pdcThresholds},
                   {"significance", comparisonJson(results)},
                   {"rows", rows},
                   {"outcomes", outcomes}};
  document["checksum"] = documentChecksum(document);
  return document.dump(2) + "\n";
}

ExperimentResults parseExperimentJson(std::string_view text, const std::string& file) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    throw InputError(file, lineOfByte(text, error.byte), "JSON (a LatentLens results file)", error.what());
  }
  const std::string expected = std::string("a ") + std::string(kExperimentFormat) + " file of version " +
                               std::to_string(kOldestReadableExperimentJsonVersion) + " to " + std::to_string(kExperimentJsonVersion);
  if (!document.is_object() || !document.contains("format") || document["format"] != kExperimentFormat) {
    const std::string found = document.is_object() && document.contains("format") ? "format " + document["format"].dump()
                                                                                   : "JSON without a \"format\" key";
    throw InputError(file, 0, expected, found);
  }
  const json version = document.contains("version") ? document["version"] : json();
  const bool readable = version.is_number_integer() && version.get<int64_t>() >= kOldestReadableExperimentJsonVersion &&
                        version.get<int64_t>() <= kExperimentJsonVersion;
  if (!readable) {
    std::string found = "version " + (version.is_null() ? std::string("none") : version.dump());
    if (version.is_number_integer()) {
      found += version.get<int64_t>() < kExperimentJsonVersion ? " (written by an older version of LatentLens)"
                                                               : " (written by a newer version of LatentLens)";
    }
    throw InputError(file, 0, expected, found);
  }
  if (!document.contains("checksum") || !document["checksum"].is_string()) throw InputError(file, 0, expected, "no checksum");
  if (document["checksum"].get<std::string>() != documentChecksum(document)) {
    throw InputError(file, 0, "the checksum " + document["checksum"].get<std::string>() + " to match the content",
                     "a damaged or edited file (checksum " + documentChecksum(document) + ")");
  }
  try {
    ExperimentResults results;
    results.data = document.at("data").get<std::string>();
    results.folds = document.at("fold_kind").get<std::string>();
    results.feedback = document.at("feedback").get<std::string>();
    results.complete = document.at("complete").get<bool>();
    results.rankingCutoff = document.at("ranking_cutoff").get<int32_t>();
    results.pdcThresholds = document.at("pdc_thresholds").get<std::vector<int32_t>>();
    const std::string at = "@" + std::to_string(results.rankingCutoff);
    const Contents has{version.get<int64_t>() >= 3, version.get<int64_t>() >= 4};
    for (const json& row : document.at("rows")) results.rows.push_back(rowFrom(row, at, has));
    for (const json& outcome : document.at("outcomes")) results.outcomes.push_back(outcomeFrom(outcome, at, has));
    if (has.compared) comparisonFrom(document, results);
    return results;
  } catch (const InputError& error) {
    throw InputError(file, 0, error.expected(), error.found());
  } catch (const std::exception& error) {
    throw InputError(file, 0, expected, error.what());
  }
}

}  // namespace ll
