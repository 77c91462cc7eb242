#include "core/data/dataset_summary.h"

#include <algorithm>
#include <map>

namespace ll {
namespace {

CountDistribution distributionOf(std::vector<int64_t> counts) {
  CountDistribution d;
  if (counts.empty()) return d;
  std::sort(counts.begin(), counts.end());
  const auto at = [&](double q) { return counts[static_cast<size_t>(q * static_cast<double>(counts.size() - 1) + 0.5)]; };
  d.min = counts.front();
  d.max = counts.back();
  d.median = at(0.5);
  d.p90 = at(0.9);
  double total = 0.0;
  for (int64_t c : counts) total += static_cast<double>(c);
  d.mean = total / static_cast<double>(counts.size());
  return d;
}

}  // namespace

DatasetSummary summarize(const Dataset& dataset) {
  const Ratings& r = dataset.ratings;
  DatasetSummary s;
  s.format = dataset.format;
  s.source = dataset.source;
  s.users = r.userCount;
  s.items = r.itemCount;
  s.ratings = static_cast<int64_t>(r.size());
  s.density = (s.users > 0 && s.items > 0) ? static_cast<double>(s.ratings) / (static_cast<double>(s.users) * s.items) : 0.0;
  std::map<float, int64_t> histogram;
  double total = 0.0;
  for (float v : r.value) {
    ++histogram[v];
    total += v;
  }
  s.meanRating = r.size() ? total / static_cast<double>(r.size()) : 0.0;
  s.histogram.assign(histogram.begin(), histogram.end());
  s.minRating = s.histogram.empty() ? 0.0f : s.histogram.front().first;
  s.maxRating = s.histogram.empty() ? 0.0f : s.histogram.back().first;
  std::vector<int64_t> perUser(r.userCount), perItem(r.itemCount);
  for (int32_t u = 0; u < r.userCount; ++u) perUser[u] = r.userRatingCount(u);
  for (int32_t i = 0; i < r.itemCount; ++i) perItem[i] = r.itemRatingCount(i);
  s.perUser = distributionOf(std::move(perUser));
  s.perItem = distributionOf(std::move(perItem));
  s.features = dataset.features.count;
  s.featureSource = dataset.features.source;
  s.featuresUncovered = dataset.features.uncoveredItems;
  s.listedUnrated = dataset.listedUnrated;
  s.timestamps = r.hasTimestamps();
  for (const auto& [name, unused] : dataset.officialTestSets) s.officialFolds.push_back(name);
  return s;
}

}  // namespace ll
