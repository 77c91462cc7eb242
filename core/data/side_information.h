#pragma once
// Side information as bags of words (NRP paper §4: "bag of words (BoW) to represent the item and
// user side information"; on ML-100K the paper's vectors are 879-d for users and 2,479-d for
// movies). Built from a loaded Dataset; a format without a field simply has no words of its source.
//
// Users (rows: dense users), sources in this order:
//   age         "age:25-34"          ML-1M's age groups (user_words.h), in age order
//   gender      "gender:F"           F, M; an unknown gender has none
//   occupation  "occupation:writer"  as the file spells it, byte order
//   zip         "zip:9"              region: a US code's first digit, a Canadian code's letter, "other"
//   zip3        "zip3:941"           area: a US code's first three digits, a Canadian code's first three
// Movies (rows: dense items), sources in this order:
//   title  "title:star"    title words (title_words.h), byte order; a word repeated in a title counts twice
//   year   "year:1977"     the release year, in year order
//   genre  "genre:Comedy"  in the data set's genre order (Dataset::genreNames)
//   tag    "tag:dark"      from the item features, in their column order:
//                          a tag genome gives each movie its genomeTagsPerMovie most relevant tags
//                          (relevance > 0; ties by column). Relevances are dense — every tag has a
//                          score for every movie — so a bag needs a cut; a fixed count keeps every
//                          covered movie's tag words equally many, where a relevance threshold would
//                          give popular, well-described films far more words than obscure ones.
//                          Without a genome, the user tags the item features kept (FeatureOptions::
//                          maxUserTags, the most widely applied) that anyone applied to the movie.
//
// Values are counts (bag-of-words term frequencies): 1 for every word but a title word its title
// repeats ("Tora! Tora! Tora!" → title:tora 3). Counts rather than 1s keep the bag a faithful
// summary of the text; a model that wants presence can read count > 0, one that wants scale
// normalises the row.

#include <cstdint>

#include "core/data/bag_of_words.h"
#include "core/data/dataset.h"

namespace ll {

struct SideInformationParams {
  /// Tag-genome words per movie: its most relevant tags (default: 10).
  int32_t genomeTagsPerMovie = 10;
};

struct SideInformation {
  BagOfWords users;   ///< users × user words; no columns when the data set has no user information
  BagOfWords movies;  ///< items × movie words
};

/// Throws std::invalid_argument for a negative genomeTagsPerMovie.
SideInformation buildSideInformation(const Dataset& dataset, const SideInformationParams& params = {});

BagOfWords buildUserWords(const Dataset& dataset);
BagOfWords buildMovieWords(const Dataset& dataset, const SideInformationParams& params);

}  // namespace ll
