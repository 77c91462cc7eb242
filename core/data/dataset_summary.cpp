#include "core/data/dataset_summary.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <span>

namespace ll {
namespace {

CountQuantiles quantilesOf(std::vector<int64_t> counts) {
  CountQuantiles q;
  if (counts.empty()) return q;
  std::sort(counts.begin(), counts.end());
  const size_t n = counts.size();
  auto nearestRank = [&](double fraction) {
    auto rank = static_cast<size_t>(std::ceil(fraction * static_cast<double>(n)));
    return counts[std::clamp<size_t>(rank, 1, n) - 1];
  };
  q.min = counts.front();
  q.median = nearestRank(0.5);
  q.p90 = nearestRank(0.9);
  q.max = counts.back();
  double sum = 0.0;
  for (int64_t c : counts) sum += static_cast<double>(c);
  q.mean = sum / static_cast<double>(n);
  return q;
}

std::string formatStep(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

/// Half-star or whole-star scales get one bin per possible rating; anything else ten equal bins.
RatingHistogram histogramOf(std::span<const float> values, float lo, float hi) {
  RatingHistogram h;
  if (values.empty()) return h;
  bool halves = true, wholes = true;
  for (float v : values) {
    const double twice = 2.0 * v;
    if (std::abs(twice - std::round(twice)) > 1e-4) {
      halves = wholes = false;
      break;
    }
    if (std::abs(v - std::round(v)) > 1e-4) wholes = false;
  }
  const double step = wholes ? 1.0 : 0.5;
  // Compared as a double first: a free scale (triplets) may span more steps than an int holds.
  constexpr int kMaxGridBins = 24;
  const double gridSteps = std::round((static_cast<double>(hi) - lo) / step);
  if (halves && gridSteps < kMaxGridBins) {
    const int gridBins = static_cast<int>(gridSteps) + 1;
    h.binWidth = step;
    h.counts.assign(static_cast<size_t>(gridBins), 0);
    for (int b = 0; b < gridBins; ++b) h.labels.push_back(formatStep(lo + b * step));
    for (float v : values) {
      auto b = static_cast<size_t>(std::clamp<long>(std::lround((v - lo) / step), 0, gridBins - 1));
      ++h.counts[b];
    }
    return h;
  }
  constexpr int kBins = 10;
  const double width = hi > lo ? (static_cast<double>(hi) - lo) / kBins : 1.0;  // in float, ±3e38 would overflow
  h.binWidth = width;
  h.counts.assign(kBins, 0);
  for (int b = 0; b < kBins; ++b) {
    char label[48];
    std::snprintf(label, sizeof label, "%.3g", lo + b * width);
    h.labels.push_back(label);
  }
  for (float v : values) {
    auto b = static_cast<long>(std::floor((static_cast<double>(v) - lo) / width));
    ++h.counts[static_cast<size_t>(std::clamp<long>(b, 0, kBins - 1))];
  }
  return h;
}

// Population sd of x.
double spreadOf(const std::vector<double>& x) {
  if (x.empty()) return 0.0;
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double squared = 0.0;
  for (double v : x) squared += (v - mean) * (v - mean);
  return std::sqrt(squared / static_cast<double>(x.size()));
}

// Pearson correlation of x and y (same length); 0 when either is constant.
double summaryCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  const double sx = spreadOf(x), sy = spreadOf(y);
  if (x.size() < 2 || sx <= 0 || sy <= 0) return 0.0;
  double mx = 0.0, my = 0.0;
  for (size_t k = 0; k < x.size(); ++k) {
    mx += x[k];
    my += y[k];
  }
  mx /= static_cast<double>(x.size());
  my /= static_cast<double>(y.size());
  double covariance = 0.0;
  for (size_t k = 0; k < x.size(); ++k) covariance += (x[k] - mx) * (y[k] - my);
  return covariance / static_cast<double>(x.size()) / (sx * sy);
}

// The spread statistics of a summary, from per-entity sums and counts of ratings.
void fillSpreads(DatasetSummary& s, const Ratings& r, const std::vector<int64_t>& perUser, const std::vector<int64_t>& perItem) {
  std::vector<double> userSum(perUser.size(), 0.0), itemSum(perItem.size(), 0.0);
  double squared = 0.0;
  for (size_t k = 0; k < r.size(); ++k) {
    const int32_t u = r.user[k], i = r.item[k];
    if (u >= 0 && u < r.userCount) userSum[static_cast<size_t>(u)] += r.value[k];
    if (i >= 0 && i < r.itemCount) itemSum[static_cast<size_t>(i)] += r.value[k];
    squared += (r.value[k] - s.meanRating) * (r.value[k] - s.meanRating);
  }
  s.ratingSd = r.size() > 0 ? std::sqrt(squared / static_cast<double>(r.size())) : 0.0;
  std::vector<double> userMeans, itemMeans, logCounts;
  for (size_t u = 0; u < perUser.size(); ++u) {
    if (perUser[u] > 0) userMeans.push_back(userSum[u] / static_cast<double>(perUser[u]));
  }
  for (size_t i = 0; i < perItem.size(); ++i) {
    if (perItem[i] == 0) continue;
    itemMeans.push_back(itemSum[i] / static_cast<double>(perItem[i]));
    logCounts.push_back(std::log(static_cast<double>(perItem[i])));
  }
  s.userMeanSd = spreadOf(userMeans);
  s.itemMeanSd = spreadOf(itemMeans);
  s.popularityMeanCorrelation = summaryCorrelation(logCounts, itemMeans);
}

int32_t utcYear(int64_t secondsSinceEpoch) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_seconds{seconds{secondsSinceEpoch}});
  return static_cast<int32_t>(static_cast<int>(year_month_day{day}.year()));
}

}  // namespace

DatasetSummary summarizeDataset(const Dataset& dataset) {
  DatasetSummary s;
  const Ratings& r = dataset.ratings;
  s.format = dataset.format;
  s.source = dataset.source;
  s.users = r.userCount;
  s.items = r.itemCount;
  s.ratings = static_cast<int64_t>(r.size());
  const double cells = static_cast<double>(r.userCount) * static_cast<double>(r.itemCount);
  s.density = cells > 0 ? static_cast<double>(s.ratings) / cells : 0.0;

  // Counted from the rating vectors so the summary does not depend on the CSR index being built.
  std::vector<int64_t> perUser(static_cast<size_t>(std::max(r.userCount, 0)), 0);
  std::vector<int64_t> perItem(static_cast<size_t>(std::max(r.itemCount, 0)), 0);
  double sum = 0.0;
  float lo = r.value.empty() ? 0.0f : r.value.front();
  float hi = lo;
  for (size_t k = 0; k < r.size(); ++k) {
    const int32_t u = r.user[k], i = r.item[k];
    if (u >= 0 && u < r.userCount) ++perUser[static_cast<size_t>(u)];
    if (i >= 0 && i < r.itemCount) ++perItem[static_cast<size_t>(i)];
    sum += r.value[k];
    lo = std::min(lo, r.value[k]);
    hi = std::max(hi, r.value[k]);
  }
  s.minRating = lo;
  s.maxRating = hi;
  s.meanRating = r.size() > 0 ? sum / static_cast<double>(r.size()) : 0.0;
  s.histogram = histogramOf(r.value, lo, hi);
  fillSpreads(s, r, perUser, perItem);
  s.perUser = quantilesOf(std::move(perUser));
  s.perItem = quantilesOf(std::move(perItem));

  s.featureCount = dataset.features.count;
  s.genreFeatures = dataset.features.genreCount;
  s.featureSource = dataset.features.source;
  s.featureUncoveredItems = dataset.features.uncoveredItems;
  s.listedUnrated = dataset.listedUnrated;
  s.titledItems = static_cast<int32_t>(std::count_if(dataset.movies.begin(), dataset.movies.end(),
                                                     [](const Movie& m) { return !m.title.empty(); }));
  s.hasTimestamps = r.hasTimestamps();
  if (s.hasTimestamps) {
    auto [first, last] = std::minmax_element(r.timestamp.begin(), r.timestamp.end());
    s.firstYear = utcYear(*first);
    s.lastYear = utcYear(*last);
  }
  s.hasUserInfo = !dataset.users.empty();
  for (const auto& [name, indices] : dataset.officialTestSets) s.officialTestSets.push_back(name);
  return s;
}

}  // namespace ll
