#include "core/experiment/comparison_films.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string_view>

#include "core/analysis/title_search.h"

namespace ll {
namespace {

// Title searches (title_search.h): substring of the natural-order title, and the year.
constexpr std::array<std::string_view, 3> kSeedFilms = {"Star Wars (1977)", "Seventh Seal (1957)", "Sound of Music (1965)"};

}  // namespace

ComparisonFilms seedComparisonFilms(const Dataset& data, int32_t standInCount) {
  ComparisonFilms films;
  const TitleIndex titles(data);
  for (const std::string_view query : kSeedFilms) {
    const std::vector<TitleMatch> matches = titles.search(query, {.limit = 1});
    if (matches.empty() || matches.front().ratingCount == 0) {
      films.missing.emplace_back(query);
    } else {
      films.items.push_back(matches.front().item);
    }
  }
  if (!films.items.empty()) return films;
  films.standIns = true;
  std::vector<int32_t> order(static_cast<size_t>(data.ratings.itemCount));
  std::iota(order.begin(), order.end(), 0);
  const auto count = static_cast<size_t>(std::clamp<int32_t>(standInCount, 0, data.ratings.itemCount));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(), [&](int32_t a, int32_t b) {
    const int64_t ca = data.ratings.itemRatingCount(a), cb = data.ratings.itemRatingCount(b);
    return ca != cb ? ca > cb : a < b;
  });
  films.items.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count));
  return films;
}

}  // namespace ll
