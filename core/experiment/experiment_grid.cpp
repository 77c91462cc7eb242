#include "core/experiment/experiment_grid.h"

#include <algorithm>
#include <charconv>

#include "core/data/setting_error.h"

namespace ll {
namespace {

std::vector<std::string_view> commaItems(std::string_view text) {
  std::vector<std::string_view> items;
  size_t begin = 0;
  while (begin <= text.size()) {
    const size_t end = std::min(text.find(',', begin), text.size());
    std::string_view item = text.substr(begin, end - begin);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) items.push_back(item);
    begin = end + 1;
  }
  return items;
}

bool resolvesImplicit(FeedbackMode mode, ModelKind kind, const SplitSpec& split) {
  switch (mode) {
    case FeedbackMode::Implicit: return true;
    case FeedbackMode::Explicit: return false;
    case FeedbackMode::Auto: return isImplicitFeedbackModel(kind) && split.kind == SplitSpec::Kind::Last;
  }
  return false;
}

}  // namespace

std::string_view feedbackModeName(FeedbackMode mode) {
  switch (mode) {
    case FeedbackMode::Auto: return "auto";
    case FeedbackMode::Implicit: return "implicit";
    case FeedbackMode::Explicit: return "explicit";
  }
  return "?";
}

bool hasDimension(ModelKind kind) { return kind != ModelKind::UserBias && kind != ModelKind::Linear; }

std::vector<int32_t> dimsOf(const ExperimentGrid& grid, ModelKind kind) {
  if (!hasDimension(kind)) return {0};
  const auto own = grid.modelDims.find(kind);
  return own != grid.modelDims.end() ? own->second : grid.dims;
}

TrainParams cellTraining(const ExperimentGrid& grid, const ExperimentCell& cell) {
  TrainParams params = grid.train;
  applyRecommendation(grid.presetTraining ? *grid.presetTraining : recommendedTraining(cell.model, cell.implicit),
                      grid.recommended, params);
  params.implicit = cell.implicit;
  params.pdcEachEpoch = false;  // PDC is measured once, on the kept epoch
  return params;
}

std::vector<SplitSpec> resolveFolds(std::string_view folds, const Dataset& dataset) {
  std::vector<SplitSpec> specs;
  if (folds == "official") {
    for (int k = 1; k <= 5; ++k) {
      if (!dataset.officialTestSets.count("u" + std::to_string(k))) {
        throw InputError(dataset.source, 0, "the official folds u1..u5 for --folds official", "a data set without them (use --folds K)");
      }
      specs.push_back(parseSplitSpec("official:" + std::to_string(k)));
    }
    return specs;
  }
  if (folds == "random3") {
    for (int32_t r = 1; r <= 3; ++r) {
      SplitSpec spec;
      spec.kind = SplitSpec::Kind::Random;
      spec.fraction = 0.1;
      spec.validation = 0.1;
      spec.repetition = r;
      specs.push_back(spec);
    }
    return specs;
  }
  int32_t k = 0;
  const auto [end, error] = std::from_chars(folds.data(), folds.data() + folds.size(), k);
  if (error == std::errc() && end == folds.data() + folds.size()) {
    if (k < 2) throw SettingError(Setting::Folds, "official, random3, a number of folds ≥ 2, or a split", "\"" + std::string(folds) + "\"");
    for (int32_t f = 1; f <= k; ++f) specs.push_back(parseSplitSpec("kfold:" + std::to_string(k) + ":" + std::to_string(f)));
    return specs;
  }
  specs.push_back(parseSplitSpec(folds));  // one split; parseSplitSpec names what it expected
  return specs;
}

std::vector<ExperimentCell> expandGrid(const ExperimentGrid& grid, const Dataset& dataset) {
  if (grid.models.empty()) throw SettingError(Setting::Models, "at least one model", "none");
  for (ModelKind kind : grid.models) {
    if (!hasDimension(kind)) continue;
    const std::string name(modelKindName(kind));
    const std::vector<int32_t> dims = dimsOf(grid, kind);
    if (dims.empty()) throw SettingError(Setting::Dimensions, "at least one dimension z for " + name + " (a number, or " + name + ":z)", "none");
    for (int32_t dim : dims) {
      if (dim < 1) throw SettingError(Setting::Dimensions, "dimensions z ≥ 1", std::to_string(dim) + " for " + name);
    }
  }
  const std::vector<SplitSpec> splits = resolveFolds(grid.folds, dataset);
  std::vector<ExperimentCell> cells;
  std::vector<ModelKind> seen;
  for (ModelKind kind : grid.models) {
    if (std::find(seen.begin(), seen.end(), kind) != seen.end()) {
      throw SettingError(Setting::Models, "each model once", std::string(modelKindName(kind)) + " twice");
    }
    seen.push_back(kind);
    for (int32_t dim : dimsOf(grid, kind)) {
      for (size_t f = 0; f < splits.size(); ++f) {
        cells.push_back({kind, dim, static_cast<int32_t>(f), static_cast<int32_t>(splits.size()), splits[f],
                         resolvesImplicit(grid.feedback, kind, splits[f])});
      }
    }
  }
  return cells;
}

std::vector<ModelKind> parseModelList(std::string_view text) {
  std::vector<ModelKind> kinds;
  for (std::string_view item : commaItems(text)) {
    try {
      kinds.push_back(parseModelKind(item));
    } catch (const InputError& error) {
      throw SettingError(Setting::Models, error.expected(), error.found());
    }
  }
  if (kinds.empty()) throw SettingError(Setting::Models, "comma-separated model names", "\"" + std::string(text) + "\"");
  return kinds;
}

GridDims parseGridDims(std::string_view text) {
  const std::string accepted = "comma-separated whole numbers ≥ 1 for every model, or model:z for one model (e.g. 100,autorec-i:500)";
  const auto entry = [&](std::string_view item) { return "\"" + std::string(item) + "\" in \"" + std::string(text) + "\""; };
  GridDims dims;
  for (std::string_view item : commaItems(text)) {
    const size_t colon = item.find(':');
    std::string_view number = colon == std::string_view::npos ? item : item.substr(colon + 1);
    while (!number.empty() && number.front() == ' ') number.remove_prefix(1);
    int32_t dim = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), dim);
    if (number.empty() || error != std::errc() || end != number.data() + number.size() || dim < 1) {
      throw SettingError(Setting::Dimensions, accepted, entry(item));
    }
    std::vector<int32_t>* list = &dims.all;
    if (colon != std::string_view::npos) {
      std::string_view name = item.substr(0, colon);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      ModelKind kind = ModelKind::MF;
      try {
        kind = parseModelKind(name);
      } catch (const InputError& error) {
        throw SettingError(Setting::Dimensions, "a model before the colon: " + error.expected(), entry(item));
      }
      if (!hasDimension(kind)) throw SettingError(Setting::Dimensions, "z only for models that have one", entry(item));
      list = &dims.perModel[kind];
    }
    if (std::find(list->begin(), list->end(), dim) != list->end()) {
      throw SettingError(Setting::Dimensions, "each z once per model", entry(item) + ", given before");
    }
    list->push_back(dim);
  }
  if (dims.all.empty() && dims.perModel.empty()) throw SettingError(Setting::Dimensions, accepted, "\"" + std::string(text) + "\"");
  return dims;
}

std::string gridDimsText(const std::vector<int32_t>& all, const std::map<ModelKind, std::vector<int32_t>>& perModel) {
  std::string text;
  const auto add = [&](const std::string& item) { text += (text.empty() ? "" : ",") + item; };
  for (int32_t dim : all) add(std::to_string(dim));
  for (const auto& [kind, dims] : perModel) {
    for (int32_t dim : dims) add(std::string(modelKindName(kind)) + ":" + std::to_string(dim));
  }
  return text;
}

std::vector<int32_t> parseDimList(std::string_view text) {
  std::vector<int32_t> dims;
  for (std::string_view item : commaItems(text)) {
    int32_t dim = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), dim);
    if (error != std::errc() || end != item.data() + item.size() || dim < 1) {
      throw SettingError(Setting::Dimensions, "comma-separated whole numbers ≥ 1", "\"" + std::string(item) + "\" in \"" + std::string(text) + "\"");
    }
    dims.push_back(dim);
  }
  if (dims.empty()) throw SettingError(Setting::Dimensions, "comma-separated whole numbers ≥ 1", "\"" + std::string(text) + "\"");
  return dims;
}

}  // namespace ll
