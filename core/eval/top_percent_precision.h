#pragma once
// Per-user precision of the top p% (NRP paper eq. 8): for each user, S_u is their evaluation items;
// the relevant set is the top p% of S_u by true rating, the retrieved set the top p% by predicted
// rating; precision_u = |relevant ∩ retrieved| / |retrieved|; the result is the mean over users.
//
// Our reading where the NRP paper is silent:
// - the top p% of n items is k = ⌈p·n⌉ items, at least 1;
// - true ratings tie a lot (integer stars): every item rated at least as high as the k-th best is
//   relevant, so the relevant set may hold more than k items (all of the tied ones are equally
//   "top"); the retrieved set is exactly k items, ties in the predictions broken by input order;
// - users with fewer than minItems evaluation items are skipped (with one item precision is 1
//   whatever the model does).

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
