#include "core/data/catalogue.h"

#include <gtest/gtest.h>

#include "core/data/input_error.h"

namespace ll {
namespace {

TEST(DataCatalogue, SplitsATrailingFourDigitYear) {
  EXPECT_EQ(splitTitleYear("Toy Story (1995)").title, "Toy Story");
  EXPECT_EQ(splitTitleYear("Toy Story (1995)").year, 1995);
  EXPECT_EQ(splitTitleYear("  Heat (1995) ").title, "Heat");
  EXPECT_EQ(splitTitleYear("(500) Days of Summer (2009)").title, "(500) Days of Summer");
  EXPECT_EQ(splitTitleYear("(500) Days of Summer (2009)").year, 2009);
  EXPECT_EQ(splitTitleYear("Babylon 5").title, "Babylon 5");
  EXPECT_EQ(splitTitleYear("Babylon 5").year, 0);
  EXPECT_EQ(splitTitleYear("Cosmos (1980-1981)").year, 0);  // a range is not a year
  EXPECT_EQ(splitTitleYear("Cosmos (1980-1981)").title, "Cosmos (1980-1981)");
  EXPECT_EQ(splitTitleYear("(1995)").year, 0);  // nothing left to be a title
}

TEST(DataCatalogue, YearOfAReleaseDate) {
  EXPECT_EQ(yearFromReleaseDate("01-Jan-1995"), 1995);
  EXPECT_EQ(yearFromReleaseDate(""), 0);
  EXPECT_EQ(yearFromReleaseDate("Jan-95"), 0);
}

TEST(DataCatalogue, GenresInTheCustomaryOrderThenOthersSorted) {
  EXPECT_EQ(orderGenres({"Western", "Zany", "IMAX", "Action", "Noir-ish"}, "movies.csv"),
            (std::vector<std::string>{"Action", "Western", "IMAX", "Noir-ish", "Zany"}));
  std::vector<std::string> many;
  for (int g = 0; g < 33; ++g) many.push_back("g" + std::to_string(g));
  EXPECT_THROW(orderGenres(many, "movies.csv"), InputError);
}

TEST(DataCatalogue, AttachCountsListedUnratedAndReturnsUnlistedRated) {
  Catalogue catalogue;
  catalogue.add("1", Movie{"One", 2001, 1u}, "m", 1);
  catalogue.add("2", Movie{"Two", 2002, 2u}, "m", 2);
  catalogue.add("3", Movie{"Three", 2003, 4u}, "m", 3);
  EXPECT_THROW(catalogue.add("2", Movie{}, "m", 4), InputError);
  Dataset d;
  d.itemIds = {"2", "3", "9"};
  EXPECT_EQ(catalogue.attach(d), 1);  // movie 9 has ratings but no entry
  EXPECT_EQ(d.listedUnrated, 1);       // movie 1 has an entry but no ratings
  ASSERT_EQ(d.movies.size(), 3u);
  EXPECT_EQ(d.movies[0].title, "Two");
  EXPECT_EQ(d.movies[1].year, 2003);
  EXPECT_EQ(d.movies[2].title, "");
}

TEST(DataCatalogue, DenseIndexFindsRawIds) {
  const std::vector<std::string> ids = {"10", "alice", "7"};
  const DenseIndex index(ids);
  EXPECT_EQ(index.find("alice"), 1);
  EXPECT_EQ(index.find("7"), 2);
  EXPECT_EQ(index.find("07"), -1);
}

}  // namespace
}  // namespace ll
