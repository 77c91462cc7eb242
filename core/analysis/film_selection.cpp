#include "core/analysis/film_selection.h"

#include <algorithm>

namespace ll {
namespace {

double medianOf(std::vector<int64_t> values) {
  if (values.empty()) return 0.0;
  const size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
  const double upper = static_cast<double>(values[middle]);
  if (values.size() % 2 == 1) return upper;
  const double lower = static_cast<double>(*std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle)));
  return 0.5 * (lower + upper);
}

}  // namespace

FilmSelectionSummary summariseFilms(const Dataset& data, std::span<const int32_t> items, const FilmSelectionParams& params) {
  const int32_t itemCount = data.ratings.itemCount;
  std::vector<char> chosen(static_cast<size_t>(itemCount), 0);
  std::vector<int32_t> films;
  for (const int32_t item : items) {
    if (item < 0 || item >= itemCount || chosen[static_cast<size_t>(item)]) continue;
    chosen[static_cast<size_t>(item)] = 1;
    films.push_back(item);
  }
  FilmSelectionSummary s;
  s.films = static_cast<int32_t>(films.size());

  double sum = 0.0;
  std::vector<int64_t> counts;
  counts.reserve(films.size());
  for (const int32_t item : films) {
    for (const uint32_t k : data.ratings.ofItem(item)) sum += data.ratings.value[k];
    counts.push_back(data.ratings.itemRatingCount(item));
    s.ratings += counts.back();
  }
  s.meanRating = s.ratings > 0 ? sum / static_cast<double>(s.ratings) : 0.0;
  s.medianRatingCount = medianOf(counts);
  double all = 0.0;
  for (const float value : data.ratings.value) all += value;
  s.catalogueMeanRating = data.ratings.value.empty() ? 0.0 : all / static_cast<double>(data.ratings.value.size());
  std::vector<int64_t> everyCount(static_cast<size_t>(itemCount));
  for (int32_t i = 0; i < itemCount; ++i) everyCount[static_cast<size_t>(i)] = data.ratings.itemRatingCount(i);
  s.catalogueMedianRatingCount = medianOf(std::move(everyCount));

  s.mostRated = films;
  std::sort(s.mostRated.begin(), s.mostRated.end(), [&](int32_t a, int32_t b) {
    const int64_t ca = data.ratings.itemRatingCount(a), cb = data.ratings.itemRatingCount(b);
    return ca != cb ? ca > cb : a < b;
  });
  if (s.mostRated.size() > static_cast<size_t>(std::max(params.topFilms, 0))) s.mostRated.resize(static_cast<size_t>(std::max(params.topFilms, 0)));

  const ItemFeatures& features = data.features;
  if (films.empty() || features.count == 0 || features.items != itemCount) return s;
  std::vector<double> inSelection(static_cast<size_t>(features.count), 0.0), inCatalogue(static_cast<size_t>(features.count), 0.0);
  for (int32_t i = 0; i < itemCount; ++i) {
    const float* row = features.row(i);
    for (int32_t f = 0; f < features.count; ++f) {
      inCatalogue[static_cast<size_t>(f)] += row[f];
      if (chosen[static_cast<size_t>(i)]) inSelection[static_cast<size_t>(f)] += row[f];
    }
  }
  std::vector<FeatureShare> shares;
  for (int32_t f = 0; f < features.count; ++f) {
    FeatureShare share;
    share.feature = f;
    share.selection = inSelection[static_cast<size_t>(f)] / static_cast<double>(films.size());
    share.catalogue = inCatalogue[static_cast<size_t>(f)] / static_cast<double>(itemCount);
    if (share.catalogue <= 0.0) continue;  // a column no film carries says nothing
    share.lift = share.selection / share.catalogue;
    shares.push_back(share);
  }
  const auto limit = static_cast<size_t>(std::max(params.features, 0));
  for (const FeatureShare& share : shares) {
    if (share.lift > 1.0 && share.selection >= params.minimumShare) s.over.push_back(share);
    if (share.lift < 1.0) s.under.push_back(share);
  }
  std::sort(s.over.begin(), s.over.end(), [](const FeatureShare& a, const FeatureShare& b) {
    return a.lift != b.lift ? a.lift > b.lift : a.feature < b.feature;
  });
  std::sort(s.under.begin(), s.under.end(), [](const FeatureShare& a, const FeatureShare& b) {
    return a.lift != b.lift ? a.lift < b.lift : a.feature < b.feature;
  });
  if (s.over.size() > limit) s.over.resize(limit);
  if (s.under.size() > limit) s.under.resize(limit);
  return s;
}

}  // namespace ll
