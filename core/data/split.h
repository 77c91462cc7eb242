#pragma once
// Train / validation / test splits of a data set, as index arrays into its ratings.
//   official:K  ml-100k fold uK (1-based)      ua, ub     the ml-100k ua/ub sets
//   kfold:K:I   fold I (1-based) of K, seeded   random:F   fraction F of ratings to test, seeded
//   users:F     fraction F of users held out whole (fold-in)
//   last        leave-last-out: each user's latest rating (by timestamp) is the test
//   random:F:V:R  repetition R ≥ 1 of a seeded draw of F of all ratings for test and V for
//               validation (the NRP paper's 80/10/10 protocol is random:0.1:0.1:R, R = 1, 2, 3);
//               each R draws its own permutation
// Validation (for early stopping) is a seeded fraction of the training ratings, except in
// random:F:V:R, whose validation share V is of all ratings.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/setting_error.h"
#include "core/data/dataset.h"

namespace ll {

struct SplitSpec {
  enum class Kind { Official, KFold, Random, Users, Last };
  Kind kind = Kind::Random;
  std::string officialName;  ///< "u1".."u5", "ua", "ub" for Kind::Official
  int32_t folds = 5;         ///< K for Kind::KFold
  int32_t fold = 1;          ///< I for Kind::KFold, 1-based
  double fraction = 0.2;     ///< test fraction for Kind::Random and Kind::Users
  /// Kind::Random's own validation fraction of all ratings, drawn beside the test ratings in place
  /// of SplitParams::validationFraction; 0: none of its own (random:F)
  double validation = 0.0;
  int32_t repetition = 1;    ///< R of random:F:V:R, ≥ 1: which of the seeded draws

  std::string text() const;  ///< back to the --split form
};

/// Parses a split's text form; throws SettingError(Setting::Split) when malformed.
SplitSpec parseSplitSpec(std::string_view text);
/// official:1 when the data set has the official folds, else random:0.2.
SplitSpec defaultSplitSpec(const Dataset& dataset);

struct SplitParams {
  uint64_t seed = 1;                 ///< seeds kfold, random, users and the validation draw (default: 1)
  /// share of training ratings held back for early stopping; random:F:V:R has its own (default: 0.1)
  double validationFraction = 0.1;
};

struct Split {
  std::string name;                  ///< the spec's text
  std::vector<uint32_t> train;       ///< ascending rating indices
  std::vector<uint32_t> validation;  ///< ascending, disjoint from train and test
  std::vector<uint32_t> test;        ///< ascending
  std::vector<int32_t> heldOutUsers; ///< users whose ratings are all in test (Kind::Users), ascending
};

/// Throws InputError when the data set cannot be split that way (no such official fold, no
/// timestamps for `last`, a fraction outside (0, 1), a validation fraction outside [0, 1)).
Split makeSplit(const Dataset& dataset, const SplitSpec& spec, const SplitParams& params = {});

}  // namespace ll
