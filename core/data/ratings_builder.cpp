#include "core/data/ratings_builder.h"

#include <algorithm>
#include <numeric>

namespace ll {

bool parseCanonicalId(std::string_view text, int64_t& value) {
  if (text.empty() || text.size() > 18) return false;
  size_t pos = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    pos = 1;
    if (text.size() == 1) return false;
  }
  if (text[pos] == '0' && text.size() > pos + 1) return false;
  if (negative && text[pos] == '0') return false;
  int64_t v = 0;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  value = negative ? -v : v;
  return true;
}

int32_t IdInterner::intern(std::string_view raw) {
  int64_t number = 0;
  if (parseCanonicalId(raw, number)) {
    auto [it, inserted] = numeric_.try_emplace(number, static_cast<int32_t>(raw_.size()));
    if (inserted) {
      raw_.emplace_back(raw);
      isNumeric_.push_back(1);
      numericValue_.push_back(number);
    }
    return it->second;
  }
  auto it = other_.find(std::string(raw));
  if (it != other_.end()) return it->second;
  const auto index = static_cast<int32_t>(raw_.size());
  other_.emplace(std::string(raw), index);
  raw_.emplace_back(raw);
  isNumeric_.push_back(0);
  numericValue_.push_back(0);
  return index;
}

int32_t IdInterner::find(std::string_view raw) const {
  int64_t number = 0;
  if (parseCanonicalId(raw, number)) {
    auto it = numeric_.find(number);
    return it == numeric_.end() ? -1 : it->second;
  }
  auto it = other_.find(std::string(raw));
  return it == other_.end() ? -1 : it->second;
}

void IdInterner::finalOrder(std::vector<int32_t>& permutation, std::vector<std::string>& rawInDenseOrder) const {
  std::vector<int32_t> order(raw_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [this](int32_t a, int32_t b) {
    if (isNumeric_[a] != isNumeric_[b]) return isNumeric_[a] > isNumeric_[b];
    if (isNumeric_[a]) return numericValue_[a] < numericValue_[b];
    return raw_[a] < raw_[b];
  });
  permutation.assign(raw_.size(), 0);
  rawInDenseOrder.clear();
  rawInDenseOrder.reserve(raw_.size());
  for (size_t dense = 0; dense < order.size(); ++dense) {
    permutation[order[dense]] = static_cast<int32_t>(dense);
    rawInDenseOrder.push_back(raw_[order[dense]]);
  }
}

void RatingsBuilder::reserve(size_t n) {
  user_.reserve(n);
  item_.reserve(n);
  value_.reserve(n);
  timestamp_.reserve(n);
}

void RatingsBuilder::add(std::string_view user, std::string_view item, float value, int64_t timestamp) {
  user_.push_back(users_.intern(user));
  item_.push_back(items_.intern(item));
  value_.push_back(value);
  if (allTimestamps_) timestamp_.push_back(timestamp);
}

void RatingsBuilder::add(std::string_view user, std::string_view item, float value) {
  user_.push_back(users_.intern(user));
  item_.push_back(items_.intern(item));
  value_.push_back(value);
  allTimestamps_ = false;
  timestamp_.clear();
}

void RatingsBuilder::finish(Ratings& ratings, std::vector<std::string>& userIds, std::vector<std::string>& itemIds) {
  std::vector<int32_t> userPermutation, itemPermutation;
  users_.finalOrder(userPermutation, userIds);
  items_.finalOrder(itemPermutation, itemIds);
  for (auto& u : user_) u = userPermutation[u];
  for (auto& i : item_) i = itemPermutation[i];
  ratings.user = std::move(user_);
  ratings.item = std::move(item_);
  ratings.value = std::move(value_);
  ratings.timestamp = allTimestamps_ ? std::move(timestamp_) : std::vector<int64_t>{};
  ratings.userCount = static_cast<int32_t>(userIds.size());
  ratings.itemCount = static_cast<int32_t>(itemIds.size());
  *this = RatingsBuilder{};
}

}  // namespace ll
