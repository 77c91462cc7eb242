#include "core/tune/tune_files.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"
#include "core/io/checksum.h"
#include "core/io/json_checksum.h"

namespace ll {
namespace {

using nlohmann::json;

constexpr const char* kStateFormat = "latentlens-tune-state";
constexpr const char* kResultsFormat = "latentlens-tune-results";
constexpr int kVersion = 1;


json optionalJson(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json settingsJson(const TrialSettings& s) {
  return {{"optimizer", optimizerName(s.optimizer)}, {"lr", static_cast<double>(s.learningRate)},
          {"l2", static_cast<double>(s.l2)},          {"batch", s.batchSize},
          {"dim", s.dim}};
}

TrialSettings settingsFrom(const json& j) {
  TrialSettings s;
  s.optimizer = parseOptimizer(j.at("optimizer").get<std::string>());
  s.learningRate = static_cast<float>(j.at("lr").get<double>());
  s.l2 = static_cast<float>(j.at("l2").get<double>());
  s.batchSize = j.at("batch").get<int32_t>();
  s.dim = j.at("dim").get<int32_t>();
  return s;
}

json spaceJson(const SearchSpace& space) {
  return {{"optimizer", optimizerName(space.optimizer)},
          {"lr", {space.learningRate.low, space.learningRate.high}},
          {"l2", {space.l2.low, space.l2.high}},
          {"batch", space.batchSizes},
          {"dims", space.dims},
          {"max_epochs", space.maxEpochs}};
}

json trialJson(const TrialRecord& trial) {
  json j = settingsJson(trial.settings);
  j["id"] = trial.id;
  j["trial"] = trial.id + 1;  // as the CLI and the app number trials
  j["bracket"] = trial.bracket;
  j["status"] = trialStatusName(trial.status);
  j["score"] = optionalJson(trial.score());
  json rungs = json::array();
  for (const RungResult& r : trial.rungs) {
    rungs.push_back({{"epochs", r.epochs}, {"score", optionalJson(r.score)}, {"best_epoch", r.bestEpoch},
                     {"seconds", r.seconds}, {"stop", r.stop}});
  }
  j["rungs"] = std::move(rungs);
  return j;
}

TrialStatus statusFrom(const std::string& name) {
  for (TrialStatus s : {TrialStatus::Running, TrialStatus::Pruned, TrialStatus::Finished}) {
    if (trialStatusName(s) == name) return s;
  }
  throw std::invalid_argument("unknown trial status " + name);
}

TrialRecord trialFrom(const json& j) {
  TrialRecord trial;
  trial.id = j.at("id").get<int32_t>();
  trial.bracket = j.at("bracket").get<int32_t>();
  trial.settings = settingsFrom(j);
  trial.status = statusFrom(j.at("status").get<std::string>());
  for (const json& r : j.at("rungs")) {
    RungResult rung;
    rung.epochs = r.at("epochs").get<int32_t>();
    if (!r.at("score").is_null()) rung.score = r.at("score").get<double>();
    rung.bestEpoch = r.at("best_epoch").get<int32_t>();
    rung.seconds = r.at("seconds").get<double>();
    rung.stop = r.at("stop").get<std::string>();
    trial.rungs.push_back(std::move(rung));
  }
  return trial;
}

// The first setting in which two identities differ, as "seed: 2 here, 1 in the state".
std::string firstDifference(const json& mine, const json& theirs) {
  for (const auto& [key, value] : mine.items()) {
    if (!theirs.contains(key)) return key + ": absent from the state";
    if (theirs.at(key) != value) return key + ": " + value.dump() + " here, " + theirs.at(key).dump() + " in the state";
  }
  for (const auto& [key, value] : theirs.items()) {
    if (!mine.contains(key)) return key + ": " + value.dump() + " in the state, absent here";
  }
  return "none";
}

}  // namespace

std::string searchIdentity(const Dataset& data, const TuneParams& params, const TuneResult& shape, int32_t threads) {
  const ModelConfig& m = params.model;
  const TrainParams& t = params.train;
  const json identity = {
      {"data_checksum", hex16(data.checksum())},
      {"model", modelKindName(m.kind)},
      {"implicit", t.implicit},
      {"seed", params.seed},
      {"split", shape.split},
      {"validation", params.splitParams.validationFraction},
      {"validation_repeats", params.validationRepeats},
      {"space", spaceJson(shape.space)},
      {"rung_epochs", shape.rungEpochs},
      {"reduction", params.halving.reduction},
      {"bracket_size", params.halving.bracketSize},
      {"patience", t.patience},
      {"threads", threads},
      {"schedule", scheduleName(t.schedule)},
      {"negatives", t.negatives},
      {"item_input", itemInputName(m.itemInput)},
      {"activation", activationName(m.activation)},
      {"clip", m.clipPredictions},
      {"noise_sd", m.noiseSd},
      {"dim", m.dim},
  };
  return identity.dump();
}

std::string tuneJson(const TuneResult& result, bool state) {
  json trials = json::array();
  for (const TrialRecord& trial : result.trials) trials.push_back(trialJson(trial));
  json best = nullptr;
  if (result.best) {
    const TrialRecord& b = result.trials[*result.best];
    best = settingsJson(b.settings);
    best["id"] = b.id;
    best["trial"] = b.id + 1;
    best["score"] = optionalJson(b.score());
    best["best_epoch"] = b.rungs.back().bestEpoch;
    best["epochs"] = b.rungs.back().epochs;
  }
  json document = {
      {"format", state ? kStateFormat : kResultsFormat},
      {"version", kVersion},
      {"search", json::parse(result.identity)},
      {"model", modelKindName(result.model)},
      {"implicit", result.implicit},
      {"split", result.split},
      {"score", result.scoreName},
      {"space", spaceJson(result.space)},
      {"rung_epochs", result.rungEpochs},
      {"trials", std::move(trials)},
      {"best", std::move(best)},
      {"steps", result.steps},
      {"elapsed_seconds", result.elapsedSeconds},
      {"complete", result.complete},
      {"ended", result.ended},
  };
  document["checksum"] = documentChecksum(document);
  return document.dump(1) + "\n";
}

void saveTuneState(const TuneResult& result, const std::filesystem::path& path) {
  writeFileAtomically(path, tuneJson(result, true));
}

void saveTuneResults(const TuneResult& result, const std::filesystem::path& path) {
  writeFileAtomically(path, tuneJson(result, false));
}

void loadTuneState(const std::filesystem::path& path, TuneResult& result) {
  const std::string file = path.string();
  json document;
  try {
    document = json::parse(readWholeFile(path));
  } catch (const json::exception&) {
    throw InputError(file, 0, "a tune state (JSON)", "text that is not JSON (a damaged file?)");
  } catch (const std::runtime_error& error) {
    throw InputError(file, 0, "a readable tune state", error.what());
  }
  if (!document.is_object() || document.value("format", "") != kStateFormat) {
    throw InputError(file, 0, "a tune state (format latentlens-tune-state)", "another kind of file");
  }
  if (!document.contains("version") || !document["version"].is_number_integer() || document["version"].get<int>() != kVersion) {
    throw InputError(file, 0, "tune state version " + std::to_string(kVersion),
                     "version " + (document.contains("version") ? document["version"].dump() : std::string("none")));
  }
  if (document.value("checksum", "") != documentChecksum(document)) {
    throw InputError(file, 0, "a tune state whose checksum matches", "a damaged or edited file");
  }
  const json mine = json::parse(result.identity);
  const json& theirs = document.at("search");
  if (mine != theirs) {
    throw InputError(file, 0, "the state of this same search to resume (use another output folder, or delete it to start over)",
                     "the state of another search (" + firstDifference(mine, theirs) + ")");
  }
  try {
    result.trials.clear();
    for (const json& t : document.at("trials")) result.trials.push_back(trialFrom(t));
    result.steps = document.at("steps").get<int64_t>();
    result.elapsedSeconds = document.at("elapsed_seconds").get<double>();
  } catch (const std::exception& error) {
    throw InputError(file, 0, "a complete tune state", std::string("a malformed one (") + error.what() + ")");
  }
}

}  // namespace ll
