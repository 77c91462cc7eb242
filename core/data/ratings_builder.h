#pragma once
// Collects ratings with raw ids and turns them into dense Ratings plus id maps.
// Dense indices are assigned in raw-id order (numeric ids numerically, then other ids as
// strings), so a data set gets the same indices however its lines are ordered.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/data/ratings.h"

namespace ll {

/// A canonical decimal id ("0", "17", "-3"; not "007", "+1", "1.0") that fits int64. Such ids are
/// numbers to the interner: they sort numerically, before all other ids.
bool parseCanonicalId(std::string_view text, int64_t& value);

/// Maps raw ids (any string) to provisional indices; canonical decimal ids take a fast path.
class IdInterner {
 public:
  int32_t intern(std::string_view raw);
  int32_t find(std::string_view raw) const;  ///< -1 when unknown
  size_t size() const { return raw_.size(); }
  /// Final order: permutation[provisional] = dense index, and the raw ids in dense order.
  void finalOrder(std::vector<int32_t>& permutation, std::vector<std::string>& rawInDenseOrder) const;

 private:
  std::unordered_map<int64_t, int32_t> numeric_;
  std::unordered_map<std::string, int32_t> other_;
  std::vector<std::string> raw_;
  std::vector<int8_t> isNumeric_;
  std::vector<int64_t> numericValue_;
};

class RatingsBuilder {
 public:
  void reserve(size_t n);
  void add(std::string_view user, std::string_view item, float value, int64_t timestamp);
  void add(std::string_view user, std::string_view item, float value);
  size_t size() const { return value_.size(); }

  /// Finishes: dense Ratings (their index built when first read) and the raw ids in dense order.
  /// Items are exactly the rated ones. Timestamps are kept when every rating had one.
  void finish(Ratings& ratings, std::vector<std::string>& userIds, std::vector<std::string>& itemIds);

 private:
  IdInterner users_;
  IdInterner items_;
  std::vector<int32_t> user_;
  std::vector<int32_t> item_;
  std::vector<float> value_;
  std::vector<int64_t> timestamp_;
  bool allTimestamps_ = true;
};

}  // namespace ll
