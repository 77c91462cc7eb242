#include "core/experiment/experiment_results.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ll {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double valueOr(const std::optional<double>& value) { return value ? *value : kMissing; }

template <class Get>
MeanSd summarise(const std::vector<const FoldOutcome*>& folds, Get get) {
  std::vector<double> values;
  values.reserve(folds.size());
  for (const FoldOutcome* f : folds) values.push_back(get(*f));
  return meanSd(values);
}

}  // namespace

std::vector<ResultRow> summariseOutcomes(const std::vector<FoldOutcome>& outcomes) {
  std::vector<std::vector<const FoldOutcome*>> groups;
  for (const FoldOutcome& outcome : outcomes) {
    auto same = [&](const std::vector<const FoldOutcome*>& g) { return g.front()->model == outcome.model && g.front()->dim == outcome.dim; };
    auto group = std::find_if(groups.begin(), groups.end(), same);
    if (group == groups.end()) {
      groups.push_back({&outcome});
    } else {
      group->push_back(&outcome);
    }
  }
  std::vector<ResultRow> rows;
  for (const auto& folds : groups) {
    ResultRow row;
    row.model = folds.front()->model;
    row.dim = folds.front()->dim;
    row.folds = static_cast<int32_t>(folds.size());
    row.implicit = folds.front()->implicit;
    row.params = folds.front()->params;
    row.mae = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.mae); });
    row.rmse = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.rmse); });
    row.mse = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.mse); });
    row.precisionTop10 = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.precisionTop10); });
    row.precisionTop25 = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.precisionTop25); });
    row.validation = summarise(folds, [](const FoldOutcome& f) { return f.validation; });
    row.hitRate = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.hitRate); });
    row.ndcg = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.ndcg); });
    row.popularityHitRate = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.popularityHitRate); });
    row.popularityNdcg = summarise(folds, [](const FoldOutcome& f) { return valueOr(f.popularityNdcg); });
    row.secondsPerEpoch = summarise(folds, [](const FoldOutcome& f) { return f.secondsPerEpoch; });
    row.epochs = summarise(folds, [](const FoldOutcome& f) { return static_cast<double>(f.epochs); });
    for (const FoldOutcome* f : folds) {
      for (const auto& [threshold, value] : f->pdc) row.pdc[threshold];  // every threshold any fold defined
    }
    for (auto& [threshold, summary] : row.pdc) {
      summary = summarise(folds, [t = threshold](const FoldOutcome& f) {
        const auto found = f.pdc.find(t);
        return found == f.pdc.end() ? kMissing : found->second;
      });
    }
    rows.push_back(std::move(row));
  }
  for (ResultRow& row : rows) {
    // bfm learns from the validation share too (trainer.h): it has no validation score to choose z by.
    if (row.model == ModelKind::BFM) continue;
    const ResultRow* best = nullptr;
    for (const ResultRow& other : rows) {
      if (other.model != row.model || !other.validation.defined()) continue;
      if (best == nullptr || other.validation.mean < best->validation.mean) best = &other;
    }
    row.bestOnValidation = best == &row;
  }
  return rows;
}

}  // namespace ll
