#pragma once
// Which items each user has rated in some set of ratings, for drawing negatives: the implicit
// protocol's training negatives (never an item the user rated in training) and the sampled
// negatives of HR@K (items the user never rated at all). Sorted per user, so membership is a
// binary search and building it costs one counting sort.

#include <cstdint>
#include <span>
#include <vector>

#include "core/data/ratings.h"
#include "core/util/random.h"

namespace ll {

class UserItemSets {
 public:
  UserItemSets() = default;
  /// From the given rating indices; itemCount bounds the ids drawn later.
  UserItemSets(const Ratings& ratings, std::span<const uint32_t> ratingIndices);

  int32_t users() const { return static_cast<int32_t>(offsets_.size()) - 1; }
  int32_t itemCount() const { return itemCount_; }
  /// User u's items, ascending and distinct.
  std::span<const int32_t> itemsOf(int32_t u) const {
    return {items_.data() + offsets_[u], items_.data() + offsets_[u + 1]};
  }
  bool contains(int32_t u, int32_t item) const;

  /// An item u has not rated, uniform among those; -1 when u has rated every item.
  int32_t drawUnrated(Random& random, int32_t u) const;
  /// min(n, unrated) distinct items u has not rated, uniform, in the order drawn.
  std::vector<int32_t> drawDistinctUnrated(Random& random, int32_t u, int32_t n) const;

 private:
  std::vector<int64_t> offsets_;
  std::vector<int32_t> items_;
  int32_t itemCount_ = 0;
};

}  // namespace ll
