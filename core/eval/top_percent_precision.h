#pragma once
// Per-user precision of the top p% (NRP paper §4, eq. 8): for each user, S_u is their evaluation
// items; the relevant set is the top p% of S_u by true rating, the retrieved set the top p% by
// predicted rating; precision_u = |relevant ∩ retrieved| / |retrieved|; the result is the mean
// over users.
//
// Our reading where the NRP paper is silent:
// - the top p% of n items is k = ⌈p·n⌉ items, at least 1;
// - both sets hold exactly k items, as the paper's "pick the top p%" says. True ratings tie a lot
//   (integer stars) and clipped predictions tie at the ends of the scale, so which of the items
//   tied at the k-th place make the cut is a coin toss the paper leaves to its sort. We report the
//   expectation over those tosses, independent for the two sets: an item strictly above the k-th
//   value is in the set, one tied with it is in with probability (k − above) / tied, and
//   E|relevant ∩ retrieved| = Σ P(in relevant)·P(in retrieved). So the figure does not depend on
//   the order of the input, a predictor that guesses at random scores k/n ≈ p on average, and a
//   perfect predictor scores 1 only where the ratings leave no ties at the cut;
// - users with fewer than minItems evaluation items are skipped (with one item precision is 1
//   whatever the model does). The paper averages over "all the users in test set".

#include <cstdint>
#include <span>

namespace ll {

struct TopPercentPrecision {
  double share = 0.1;      ///< p as a fraction
  double precision = 0.0;  ///< mean over the users counted
  int64_t users = 0;       ///< users with at least minItems evaluation items
};

/// users, truth, predictions: one entry per evaluation rating, all the same length.
TopPercentPrecision topPercentPrecision(std::span<const int32_t> users, std::span<const float> truth,
                                        std::span<const float> predictions, double share, int32_t minItems = 2);

}  // namespace ll
