#include "core/experiment/fold_in_experiment.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/data/setting_error.h"
#include "core/train/trainer.h"
#include "core/util/random.h"

namespace ll {

std::vector<int32_t> FoldInExperimentParams::defaultKnownCounts() {
  std::vector<int32_t> counts(40);
  std::iota(counts.begin(), counts.end(), 1);
  return counts;
}

SplitSpec FoldInSweepParams::usersSplit() {
  SplitSpec spec;
  spec.kind = SplitSpec::Kind::Users;
  spec.fraction = 0.1;
  return spec;
}

FoldInCurve foldInCurve(const Model& model, std::span<const int32_t> heldOutUsers, const FoldInExperimentParams& params,
                        const AnalysisProgress& progress) {
  const std::optional<UserAffineForm> form = userAffineForm(model);
  if (!form) throw std::invalid_argument("fold-in needs a model whose prediction is affine in the user embedding");
  const Dataset& data = model.data();
  const Ratings& ratings = data.ratings;

  // The baseline: each movie's mean rating among the users the model was trained on.
  std::vector<uint8_t> heldOut(static_cast<size_t>(ratings.userCount), 0);
  for (int32_t u : heldOutUsers) heldOut[static_cast<size_t>(u)] = 1;
  std::vector<double> itemSum(static_cast<size_t>(ratings.itemCount), 0.0);
  std::vector<int64_t> itemCount(static_cast<size_t>(ratings.itemCount), 0);
  double globalSum = 0.0;
  int64_t globalCount = 0;
  for (size_t k = 0; k < ratings.size(); ++k) {
    if (heldOut[static_cast<size_t>(ratings.user[k])]) continue;
    itemSum[static_cast<size_t>(ratings.item[k])] += ratings.value[k];
    ++itemCount[static_cast<size_t>(ratings.item[k])];
    globalSum += ratings.value[k];
    ++globalCount;
  }
  const double globalMean = globalCount > 0 ? globalSum / static_cast<double>(globalCount) : 0.0;
  const auto itemMean = [&](int32_t i) {
    const auto c = itemCount[static_cast<size_t>(i)];
    return c > 0 ? itemSum[static_cast<size_t>(i)] / static_cast<double>(c) : globalMean;
  };

  // Each user's ratings in a seeded order: the first n are "known".
  std::vector<std::vector<uint32_t>> order(heldOutUsers.size());
  for (size_t h = 0; h < heldOutUsers.size(); ++h) {
    const auto own = ratings.ofUser(heldOutUsers[h]);
    order[h].assign(own.begin(), own.end());
    Random random = Random::derived(params.seed, static_cast<uint64_t>(heldOutUsers[h]));
    random.shuffle(order[h].begin(), order[h].end());
  }

  FoldInCurve curve;
  curve.dimension = model.config().dim;
  curve.ridge = params.foldIn.ridge;
  std::vector<int32_t> items;
  std::vector<float> values;
  for (size_t step = 0; step < params.knownCounts.size(); ++step) {
    FoldInPoint point;
    point.known = params.knownCounts[step];
    double squared = 0.0, baselineSquared = 0.0;
    const auto n = static_cast<size_t>(std::max(0, point.known));
    for (const auto& own : order) {
      if (own.size() <= n) continue;
      items.clear();
      values.clear();
      for (size_t s = 0; s < n; ++s) {
        items.push_back(ratings.item[own[s]]);
        values.push_back(ratings.value[own[s]]);
      }
      const std::vector<float> e = foldInUser(*form, items, values, params.foldIn);
      for (size_t s = n; s < own.size(); ++s) {
        const int32_t item = ratings.item[own[s]];
        double y = form->predict(e, item);
        if (params.clip) y = std::clamp(y, static_cast<double>(data.minRating), static_cast<double>(data.maxRating));
        const double r = ratings.value[own[s]];
        squared += (y - r) * (y - r);
        baselineSquared += (itemMean(item) - r) * (itemMean(item) - r);
      }
      ++point.users;
      point.predictions += static_cast<int64_t>(own.size() - n);
    }
    const double count = static_cast<double>(point.predictions);
    point.mse = point.predictions > 0 ? squared / count : std::numeric_limits<double>::quiet_NaN();
    point.baselineMse = point.predictions > 0 ? baselineSquared / count : std::numeric_limits<double>::quiet_NaN();
    curve.points.push_back(point);
    if (!reportProgress(progress, static_cast<double>(step + 1) / static_cast<double>(params.knownCounts.size()))) {
      curve.cancelled = true;
      break;
    }
  }
  return curve;
}

std::vector<FoldInCurve> foldInSweep(std::shared_ptr<const Dataset> data, const FoldInSweepParams& params,
                                     const AnalysisProgress& progress) {
  if (params.split.kind != SplitSpec::Kind::Users) {
    throw SettingError(Setting::Split, "a split that holds users out whole (users:F)", params.split.text());
  }
  const Split split = makeSplit(*data, params.split, params.splitParams);
  std::vector<FoldInCurve> curves;
  const auto total = static_cast<double>(params.dimensions.size());
  for (size_t d = 0; d < params.dimensions.size(); ++d) {
    ModelConfig config = params.model;
    config.dim = params.dimensions[d];
    Trainer trainer(data, split, config, params.train);
    bool cancelled = false;
    while (!cancelled && trainer.runEpoch()) {
      const double done = (static_cast<double>(d) + 0.8 * trainer.epochsDone() / std::max(1, params.train.epochs)) / total;
      cancelled = !reportProgress(progress, done);
    }
    if (cancelled) {
      trainer.finish(StopReason::Cancelled);
      FoldInCurve curve;
      curve.dimension = config.dim;
      curve.cancelled = true;
      curves.push_back(curve);
      return curves;
    }
    const AnalysisProgress inner = [&](double fraction) {
      return reportProgress(progress, (static_cast<double>(d) + 0.8 + 0.2 * fraction) / total);
    };
    curves.push_back(foldInCurve(trainer.model(), split.heldOutUsers, params.experiment, inner));
    if (curves.back().cancelled) break;
  }
  return curves;
}

}  // namespace ll
