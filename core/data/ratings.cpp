#include "core/data/ratings.h"

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace ll {
namespace {

// Counting sort of rating indices by `key`, stable within a key; keys are dense in [0, keyCount).
void buildCsr(const std::vector<int32_t>& key, const std::vector<int32_t>& secondary, int32_t keyCount,
              std::vector<int64_t>& offsets, std::vector<uint32_t>& order) {
  offsets.assign(static_cast<size_t>(keyCount) + 1, 0);
  for (int32_t k : key) ++offsets[static_cast<size_t>(k) + 1];
  for (int32_t k = 0; k < keyCount; ++k) offsets[k + 1] += offsets[k];
  // Sort by secondary first (counting sort again) so each key's list comes out ordered by it.
  int32_t secondaryCount = 0;
  for (int32_t s : secondary) secondaryCount = std::max(secondaryCount, s + 1);
  std::vector<int64_t> secondaryOffsets(static_cast<size_t>(secondaryCount) + 1, 0);
  for (int32_t s : secondary) ++secondaryOffsets[static_cast<size_t>(s) + 1];
  for (int32_t s = 0; s < secondaryCount; ++s) secondaryOffsets[s + 1] += secondaryOffsets[s];
  std::vector<uint32_t> bySecondary(key.size());
  for (size_t r = 0; r < secondary.size(); ++r) bySecondary[secondaryOffsets[secondary[r]]++] = static_cast<uint32_t>(r);
  std::vector<int64_t> cursor(offsets.begin(), offsets.end() - 1);
  order.resize(key.size());
  for (uint32_t r : bySecondary) order[cursor[key[r]]++] = r;
}

}  // namespace

void Ratings::buildIndex() {
  if (user.size() != value.size() || item.size() != value.size() ||
      (!timestamp.empty() && timestamp.size() != value.size())) {
    throw std::logic_error("Ratings::buildIndex: per-rating vectors differ in size");
  }
  if (value.size() > UINT32_MAX) throw std::length_error("Ratings: more than 2^32 ratings");
  buildCsr(user, item, userCount, userOffsets_, byUser_);
  buildCsr(item, user, itemCount, itemOffsets_, byItem_);
}

bool Ratings::adoptIndex(Index index) {
  const size_t n = size();
  const auto consistent = [n](const std::vector<int64_t>& offsets, const std::vector<uint32_t>& order, int32_t keyCount,
                              const std::vector<int32_t>& key) {
    if (offsets.size() != static_cast<size_t>(keyCount) + 1 || order.size() != n || offsets.front() != 0 ||
        offsets.back() != static_cast<int64_t>(n)) {
      return false;
    }
    std::vector<uint8_t> listed(n, 0);
    for (int32_t k = 0; k < keyCount; ++k) {
      // Bounded before the group is walked: a later offset going back down is seen only later.
      if (offsets[k] > offsets[k + 1] || offsets[k + 1] > static_cast<int64_t>(n)) return false;
      for (int64_t j = offsets[k]; j < offsets[k + 1]; ++j) {
        if (order[j] >= n || key[order[j]] != k || listed[order[j]]) return false;
        listed[order[j]] = 1;
      }
    }
    return true;
  };
  if (!consistent(index.userOffsets, index.byUser, userCount, user) || !consistent(index.itemOffsets, index.byItem, itemCount, item)) {
    return false;
  }
  userOffsets_ = std::move(index.userOffsets);
  itemOffsets_ = std::move(index.itemOffsets);
  byUser_ = std::move(index.byUser);
  byItem_ = std::move(index.byItem);
  return true;
}

}  // namespace ll
