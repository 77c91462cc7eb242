#include "app/gui/state/run_library.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "app/gui/render/run_palette.h"
#include "core/io/atomic_file.h"
#include "core/io/shared_file.h"

namespace ll::gui {
namespace {

constexpr int kRunsFormatVersion = 1;
using nlohmann::json;

// NaN and infinities are not JSON: a diverged epoch's loss is written as null and read back as NaN.
json number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }
double number(const json& value) {
  return value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

json errorsToJson(const RatingErrors& e) { return {{"mae", number(e.mae)}, {"rmse", number(e.rmse)}, {"count", e.count}}; }
RatingErrors errorsFromJson(const json& j) {
  RatingErrors e;
  e.mae = number(j.value("mae", json()));
  e.rmse = number(j.value("rmse", json()));
  e.count = j.value("count", int64_t{0});
  return e;
}

json historyToJson(const TrainingHistory& history) {
  json epochs = json::array();
  for (const EpochRecord& r : history.epochs) {
    json pdc = json::array();
    for (const PdcPoint& p : r.pdc) {
      pdc.push_back({{"threshold", p.threshold}, {"pairs", p.pairs}, {"pdc", p.pdc ? number(*p.pdc) : json(nullptr)}});
    }
    epochs.push_back({{"epoch", r.epoch},
                      {"train_loss", number(r.trainLoss)},
                      {"validation", errorsToJson(r.validation)},
                      {"test", errorsToJson(r.test)},
                      {"pdc", std::move(pdc)},
                      {"learning_rate", r.learningRate},
                      {"batch", r.batchSize},
                      {"seconds", r.seconds},
                      {"ratings_per_second", r.ratingsPerSecond}});
  }
  return {{"best_epoch", history.bestEpoch}, {"epochs", std::move(epochs)}};
}

TrainingHistory historyFromJson(const json& j) {
  TrainingHistory history;
  for (const json& e : j.at("epochs")) {
    EpochRecord r;
    r.epoch = e.at("epoch").get<int32_t>();
    r.trainLoss = number(e.value("train_loss", json()));
    r.validation = errorsFromJson(e.value("validation", json::object()));
    r.test = errorsFromJson(e.value("test", json::object()));
    for (const json& p : e.value("pdc", json::array())) {
      PdcPoint point;
      point.threshold = p.at("threshold").get<int32_t>();
      point.pairs = p.value("pairs", int64_t{0});
      if (p.contains("pdc") && p["pdc"].is_number()) point.pdc = p["pdc"].get<double>();
      r.pdc.push_back(point);
    }
    r.learningRate = e.value("learning_rate", 0.0f);
    r.batchSize = e.value("batch", 0);
    r.seconds = e.value("seconds", 0.0);
    r.ratingsPerSecond = e.value("ratings_per_second", 0.0);
    history.epochs.push_back(std::move(r));
  }
  history.bestEpoch = std::clamp(j.value("best_epoch", 0), 0, static_cast<int32_t>(history.epochs.size()));
  return history;
}

json runToJson(const RunRecord& run) {
  return {{"id", run.id},         {"name", run.name},        {"created", run.created},
          {"outcome", run.outcome}, {"message", run.message}, {"data_source", run.dataSource},
          {"split", run.split},   {"settings", run.settings.toJson()}, {"parameters", run.parameterCount},
          {"shown", run.shown},   {"colour", run.colour},    {"history", historyToJson(run.history)},
          {"refit_history", historyToJson(run.refitHistory)}};
}

RunRecord runFromJson(const json& j) {
  RunRecord run;
  run.id = j.at("id").get<int64_t>();
  run.name = j.value("name", std::string());
  run.created = j.value("created", std::string());
  run.outcome = j.value("outcome", std::string());
  run.message = j.value("message", std::string());
  run.dataSource = j.value("data_source", std::string());
  run.split = j.value("split", std::string());
  run.settings = TrainingSettings::fromJson(j.value("settings", json::object()));
  run.parameterCount = j.value("parameters", int64_t{0});
  run.shown = j.value("shown", true);
  run.colour = j.value("colour", 0);
  run.history = historyFromJson(j.at("history"));
  if (j.contains("refit_history")) run.refitHistory = historyFromJson(j["refit_history"]);  // absent before refits
  run.curves = buildRunCurves(run.history, true);
  return run;
}

// The runs of a runs.json; throws (json or std) when it is damaged or of another format version.
std::vector<RunRecord> runsFromFile(const std::string& text) {
  const json root = json::parse(text);
  const int version = root.value("format_version", 0);
  if (version != kRunsFormatVersion) {
    throw std::runtime_error("format_version " + std::to_string(version) + " (this build reads " +
                             std::to_string(kRunsFormatVersion) + ")");
  }
  std::vector<RunRecord> runs;
  for (const json& run : root.at("runs")) runs.push_back(runFromJson(run));
  return runs;
}

std::string runsFileText(const std::vector<RunRecord>& runs) {
  json list = json::array();
  for (const RunRecord& run : runs) list.push_back(runToJson(run));
  return json{{"format_version", kRunsFormatVersion}, {"runs", std::move(list)}}.dump(1) + "\n";
}

}  // namespace

RunLibrary::RunLibrary(std::filesystem::path file) : file_(std::move(file)) {}

std::string RunLibrary::load() {
  runs_.clear();
  stored_.clear();
  std::error_code error;
  if (file_.empty() || !std::filesystem::exists(file_, error)) return {};
  try {
    runs_ = runsFromFile(readWholeFile(file_));
  } catch (const std::exception& e) {
    runs_.clear();
    // Keep the unreadable file for the user instead of overwriting it with an empty list.
    std::filesystem::path aside = file_;
    aside += ".bad";
    std::filesystem::rename(file_, aside, error);
    lastError_ = "runs.json could not be read (" + std::string(e.what()) + "); moved to " + aside.filename().string();
    return lastError_;
  }
  for (const RunRecord& run : runs_) {
    stored_.insert(run.id);
    nextId_ = std::max(nextId_, run.id + 1);
  }
  return {};
}

void RunLibrary::takeInOthers(std::vector<RunRecord> onDisk) {
  std::set<int64_t> onDiskIds;
  for (const RunRecord& run : onDisk) onDiskIds.insert(run.id);
  // Ours that were stored and are gone from the file: another window deleted them.
  std::erase_if(runs_, [&](const RunRecord& run) { return stored_.contains(run.id) && !onDiskIds.contains(run.id); });
  std::set<int64_t> ours;
  for (const RunRecord& run : runs_) ours.insert(run.id);
  for (RunRecord& run : onDisk) {
    // Absent here but stored before: this window deleted it. Never seen: another window added it.
    if (!ours.contains(run.id) && !stored_.contains(run.id)) {
      nextId_ = std::max(nextId_, run.id + 1);
      runs_.push_back(std::move(run));
    }
  }
  std::sort(runs_.begin(), runs_.end(), [](const RunRecord& a, const RunRecord& b) { return a.id < b.id; });
}

std::string RunLibrary::saveChanging(const std::function<void()>& change) {
  bool changed = false;
  if (!file_.empty()) {
    try {
      updateSharedFile(file_, [&](const std::optional<std::string>& current) {
        if (current) {
          // A file that cannot be read is replaced, as when one window alone saves.
          try {
            takeInOthers(runsFromFile(*current));
          } catch (const std::exception&) {
          }
        }
        change();
        changed = true;
        stored_.clear();
        for (const RunRecord& run : runs_) stored_.insert(run.id);
        return runsFileText(runs_);
      });
      lastError_.clear();
    } catch (const std::exception& e) {
      lastError_ = e.what();
    }
  }
  if (!changed) change();  // the change stands in this window even when the file could not be read
  return lastError_;
}

std::string RunLibrary::save() {
  return saveChanging([] {});
}

const RunRecord& RunLibrary::add(RunRecord run) {
  // Numbered inside the update, so the id is new to every window's runs, not only to ours.
  saveChanging([&] {
    run.id = nextId_++;
    run.colour = static_cast<int>((run.id - 1) % kRunPaletteSize);
    run.curves = buildRunCurves(run.history, true);
    runs_.push_back(std::move(run));
  });
  return runs_.back();
}

void RunLibrary::remove(int64_t id) {
  saveChanging([&] { std::erase_if(runs_, [id](const RunRecord& run) { return run.id == id; }); });
}

int RunLibrary::nextColour() const { return static_cast<int>((nextId_ - 1) % kRunPaletteSize); }

}  // namespace ll::gui
