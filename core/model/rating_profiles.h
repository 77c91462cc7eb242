#pragma once
// The sparse inputs of nrp's and autorec's encoders (NRP paper §3.2): each user's rating row R_u,: and each
// movie's rating column R_:,i, built from the ratings the model is allowed to read — the training
// split, never the validation or test ratings (that would leak the targets into the inputs).
//
// In nrp's profiles each entry carries the weight the encoder multiplies its table row by: rating /
// maxRating, over √(entries in the profile), so that profiles of 20 and of 500 ratings give encoder inputs of
// similar size (a plain sum would grow with the profile's length).

#include <cstdint>
#include <span>
#include <vector>

#include "core/data/dataset.h"

namespace ll {

class BagOfWords;

/// A CSR list of weighted ids per entity (user or movie).
struct SparseProfiles {
  std::vector<int64_t> offsets;  ///< entities + 1
  std::vector<int32_t> ids;      ///< the other side's dense index (movie for a user row, user for a movie column)
  std::vector<float> weights;    ///< same length as ids

  int32_t count() const { return static_cast<int32_t>(offsets.size()) - 1; }
  std::span<const int32_t> idsOf(int32_t e) const { return {ids.data() + offsets[e], ids.data() + offsets[e + 1]}; }
  std::span<const float> weightsOf(int32_t e) const {
    return {weights.data() + offsets[e], weights.data() + offsets[e + 1]};
  }
};

struct RatingProfiles {
  SparseProfiles userRows;     ///< per user: the movies they rated in trainingRatings
  SparseProfiles itemColumns;  ///< per movie: the users who rated it in trainingRatings
};

/// trainingRatings: indices into dataset.ratings.
RatingProfiles buildRatingProfiles(const Dataset& dataset, std::span<const uint32_t> trainingRatings);

/// The same rows and columns with each entry's weight the rating itself, unscaled: AutoRec's input
/// (a movie's column r_i, or a user's row r_u, with 0 where nothing was rated in training).
RatingProfiles buildRawRatingProfiles(const Dataset& dataset, std::span<const uint32_t> trainingRatings);

/// Per user, the movies they rated in trainingRatings, each weighted 1/√(their count): SVD++'s
/// implicit feedback N(u), which reads who rated what and not the rating.
SparseProfiles buildRatedMovies(const Dataset& dataset, std::span<const uint32_t> trainingRatings);

/// Per movie, the users who rated it in trainingRatings, each weighted 1/√(their count): the
/// movie-side mirror of buildRatedMovies (bfm's implicit-movie group).
SparseProfiles buildMovieRaters(const Dataset& dataset, std::span<const uint32_t> trainingRatings);

/// A bag of words (side_information.h) as an encoder's sparse input, each row scaled to unit length
/// — or, with perSource, each source of each row (age, zip, …; title, genre, …), so every source
/// weighs alike — so rows of few and of many words give inputs of the same size.
SparseProfiles unitWordRows(const BagOfWords& bag, bool perSource);

}  // namespace ll
