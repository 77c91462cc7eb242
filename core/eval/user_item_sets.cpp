#include "core/eval/user_item_sets.h"

#include <algorithm>
#include <unordered_set>

namespace ll {

UserItemSets::UserItemSets(const Ratings& ratings, std::span<const uint32_t> ratingIndices)
    : itemCount_(ratings.itemCount) {
  offsets_.assign(static_cast<size_t>(ratings.userCount) + 1, 0);
  for (uint32_t k : ratingIndices) ++offsets_[static_cast<size_t>(ratings.user[k]) + 1];
  for (int32_t u = 0; u < ratings.userCount; ++u) offsets_[u + 1] += offsets_[u];
  items_.resize(ratingIndices.size());
  std::vector<int64_t> next(offsets_.begin(), offsets_.end() - 1);
  for (uint32_t k : ratingIndices) items_[next[ratings.user[k]]++] = ratings.item[k];
  // Sort and deduplicate each user's list (a data set may hold a pair twice), compacting in place.
  int64_t write = 0;
  for (int32_t u = 0; u < ratings.userCount; ++u) {
    const auto begin = items_.begin() + offsets_[u], end = items_.begin() + offsets_[u + 1];
    std::sort(begin, end);
    const auto last = std::unique(begin, end);
    offsets_[u] = write;
    for (auto it = begin; it != last; ++it) items_[write++] = *it;
  }
  offsets_[ratings.userCount] = write;
  items_.resize(static_cast<size_t>(write));
}

bool UserItemSets::contains(int32_t u, int32_t item) const {
  const auto items = itemsOf(u);
  return std::binary_search(items.begin(), items.end(), item);
}

int32_t UserItemSets::drawUnrated(Random& random, int32_t u) const {
  const auto rated = static_cast<int64_t>(itemsOf(u).size());
  const int64_t unrated = itemCount_ - rated;
  if (unrated <= 0) return -1;
  // Rejection is fast while the user has rated a small share of the catalogue; past half, pick
  // the j-th unrated item directly (one pass over the sorted list).
  if (rated * 2 <= itemCount_) {
    for (;;) {
      const auto item = static_cast<int32_t>(random.below(static_cast<uint64_t>(itemCount_)));
      if (!contains(u, item)) return item;
    }
  }
  auto j = static_cast<int64_t>(random.below(static_cast<uint64_t>(unrated)));
  int32_t candidate = 0;
  for (int32_t r : itemsOf(u)) {
    if (candidate + j < r) break;
    j -= r - candidate;
    candidate = r + 1;
  }
  return static_cast<int32_t>(candidate + j);
}

std::vector<int32_t> UserItemSets::drawDistinctUnrated(Random& random, int32_t u, int32_t n) const {
  const int64_t unrated = itemCount_ - static_cast<int64_t>(itemsOf(u).size());
  const auto want = static_cast<size_t>(std::max<int64_t>(0, std::min<int64_t>(n, unrated)));
  std::vector<int32_t> drawn;
  std::unordered_set<int32_t> seen;
  if (want * 2 <= static_cast<size_t>(unrated)) {
    while (drawn.size() < want) {
      const int32_t item = drawUnrated(random, u);
      if (seen.insert(item).second) drawn.push_back(item);
    }
    return drawn;
  }
  // Most of the unrated items are wanted: shuffle them all and take a prefix.
  for (int32_t item = 0; item < itemCount_; ++item) {
    if (!contains(u, item)) drawn.push_back(item);
  }
  random.shuffle(drawn.begin(), drawn.end());
  drawn.resize(want);
  return drawn;
}

}  // namespace ll
