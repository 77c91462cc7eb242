#pragma once
// Steps every format parser ends with, so all formats fill a Dataset the same way.

#include <string>

#include "core/data/dataset.h"
#include "core/data/ratings_builder.h"

namespace ll {

/// Moves the builder's ratings into dataset.ratings / userIds / itemIds and sets
/// minRating / maxRating to the scale observed. Throws InputError(ratingsFile, 0) when the
/// builder holds no rating: an empty data set is an input error, not a result.
void finishRatings(RatingsBuilder& builder, Dataset& dataset, const std::string& ratingsFile);

/// Sets minRating / maxRating to the scale observed in dataset.ratings; throws
/// InputError(ratingsFile, 0) when there is no rating. For parsers that fill the ratings directly.
void observeRatingScale(Dataset& dataset, const std::string& ratingsFile);

/// Counts the newlines of a text, so a parser can reserve its rating vectors once.
size_t countLines(std::string_view text);

}  // namespace ll
