#pragma once
// Ratings stored once, in load order, with user-major and item-major CSR views built once.
// Shapes: every per-rating vector has size(); user[k] ∈ [0, userCount), item[k] ∈ [0, itemCount).

#include <cstdint>
#include <span>
#include <vector>

namespace ll {

struct Ratings {
  std::vector<int32_t> user;       ///< dense user index of each rating
  std::vector<int32_t> item;       ///< dense item index of each rating
  std::vector<float> value;        ///< the rating
  std::vector<int64_t> timestamp;  ///< seconds since the epoch; empty when the source has none
  int32_t userCount = 0;
  int32_t itemCount = 0;

  size_t size() const { return value.size(); }
  bool hasTimestamps() const { return !timestamp.empty(); }

  /// Builds both CSR views; call after the vectors above are final.
  void buildIndex();

  /// Indices into the rating vectors of user u's ratings, ordered by item.
  std::span<const uint32_t> ofUser(int32_t u) const {
    return {byUser_.data() + userOffsets_[u], byUser_.data() + userOffsets_[u + 1]};
  }
  /// Indices into the rating vectors of item i's ratings, ordered by user.
  std::span<const uint32_t> ofItem(int32_t i) const {
    return {byItem_.data() + itemOffsets_[i], byItem_.data() + itemOffsets_[i + 1]};
  }
  int64_t userRatingCount(int32_t u) const { return userOffsets_[u + 1] - userOffsets_[u]; }
  int64_t itemRatingCount(int32_t i) const { return itemOffsets_[i + 1] - itemOffsets_[i]; }
  bool indexed() const { return userOffsets_.size() == static_cast<size_t>(userCount) + 1; }

  /// The CSR arrays, for the binary cache: storing them saves rebuilding the index on reload.
  struct Index {
    std::vector<int64_t> userOffsets, itemOffsets;
    std::vector<uint32_t> byUser, byItem;
  };
  const std::vector<int64_t>& userOffsets() const { return userOffsets_; }
  const std::vector<int64_t>& itemOffsets() const { return itemOffsets_; }
  const std::vector<uint32_t>& byUser() const { return byUser_; }
  const std::vector<uint32_t>& byItem() const { return byItem_; }
  /// Takes CSR arrays read back from the cache; returns false (and keeps none) when they do not
  /// describe these ratings — each view must list every rating once, grouped by its key (compared
  /// per key by a 64-bit sum of mixed rating indices, so in sequential passes).
  bool adoptIndex(Index index);

 private:
  std::vector<int64_t> userOffsets_;  // userCount + 1
  std::vector<uint32_t> byUser_;      // size()
  std::vector<int64_t> itemOffsets_;  // itemCount + 1
  std::vector<uint32_t> byItem_;      // size()
};

}  // namespace ll
