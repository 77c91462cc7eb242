// What a selection of films has in common, on a hand case: counts, ratings, the median rating
// count, feature shares against the catalogue with their lift, and the most-rated films.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/analysis/film_selection.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

int32_t filmIndex(const Dataset& d, const std::string& id) {
  return static_cast<int32_t>(std::find(d.itemIds.begin(), d.itemIds.end(), id) - d.itemIds.begin());
}

// Four films: a (3 ratings: 5 4 3), b (1: 2), c (2: 4 4), d (1: 1). Two genre columns:
// Comedy on a and b, Horror on d only.
Dataset fourFilms() {
  Dataset d = testing::makeTinyDataset({{"u1", "a", 5, 1}, {"u2", "a", 4, 2}, {"u3", "a", 3, 3}, {"u1", "b", 2, 4},
                                        {"u1", "c", 4, 5}, {"u2", "c", 4, 6}, {"u3", "d", 1, 7}});
  d.features.count = 2;
  d.features.genreCount = 2;
  d.features.names = {"Comedy", "Horror"};
  d.features.values.assign(static_cast<size_t>(d.ratings.itemCount) * 2, 0.0f);
  for (const char* comedy : {"a", "b"}) d.features.values[static_cast<size_t>(filmIndex(d, comedy)) * 2] = 1.0f;
  d.features.values[static_cast<size_t>(filmIndex(d, "d")) * 2 + 1] = 1.0f;
  return d;
}

TEST(AnalysisFilmSelection, SummarisesAHandCase) {
  const Dataset d = fourFilms();
  const int32_t a = filmIndex(d, "a"), b = filmIndex(d, "b"), c = filmIndex(d, "c");
  // a and b, with a repeat and an index past the catalogue: both ignored.
  const std::vector<int32_t> picked = {b, a, b, 99, -1};
  const FilmSelectionSummary s = summariseFilms(d, picked, {.topFilms = 1});
  EXPECT_EQ(s.films, 2);
  EXPECT_EQ(s.ratings, 4);
  EXPECT_DOUBLE_EQ(s.meanRating, (5 + 4 + 3 + 2) / 4.0);
  EXPECT_DOUBLE_EQ(s.medianRatingCount, 2.0);                 // counts 3 and 1
  EXPECT_DOUBLE_EQ(s.catalogueMeanRating, 23.0 / 7.0);
  EXPECT_DOUBLE_EQ(s.catalogueMedianRatingCount, 1.5);        // counts 3, 1, 2, 1
  EXPECT_EQ(s.mostRated, (std::vector<int32_t>{a}));
  // Comedy: both selected films (share 1) against 2 of 4 (0.5): lift 2. Horror: 0 against 0.25.
  ASSERT_EQ(s.over.size(), 1u);
  EXPECT_EQ(s.over[0].feature, 0);
  EXPECT_DOUBLE_EQ(s.over[0].selection, 1.0);
  EXPECT_DOUBLE_EQ(s.over[0].catalogue, 0.5);
  EXPECT_DOUBLE_EQ(s.over[0].lift, 2.0);
  ASSERT_EQ(s.under.size(), 1u);
  EXPECT_EQ(s.under[0].feature, 1);
  EXPECT_DOUBLE_EQ(s.under[0].lift, 0.0);
  // c alone: no comedy, no horror — both under-represented, none over; most rated is c.
  const std::vector<int32_t> onlyC = {c};
  const FilmSelectionSummary one = summariseFilms(d, onlyC);
  EXPECT_TRUE(one.over.empty());
  EXPECT_EQ(one.under.size(), 2u);
  EXPECT_EQ(one.mostRated, (std::vector<int32_t>{c}));
  EXPECT_DOUBLE_EQ(one.meanRating, 4.0);
}

TEST(AnalysisFilmSelection, AnEmptySelectionIsEmptyNotAnError) {
  const Dataset d = fourFilms();
  const FilmSelectionSummary s = summariseFilms(d, std::vector<int32_t>{});
  EXPECT_EQ(s.films, 0);
  EXPECT_EQ(s.ratings, 0);
  EXPECT_EQ(s.meanRating, 0.0);
  EXPECT_TRUE(s.over.empty() && s.under.empty() && s.mostRated.empty());
  EXPECT_DOUBLE_EQ(s.catalogueMedianRatingCount, 1.5);
}

}  // namespace
}  // namespace ll
