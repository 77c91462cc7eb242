#include "core/data/ratings.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "core/util/thread_pool.h"
#include "core/util/thread_budget.h"

namespace ll {
namespace {

constexpr size_t kParallelIndexMinimum = size_t{1} << 16;  // below this, starting threads costs more than it saves

// A stable counting sort of the ratings listed in `order` (or 0..n−1 when order is empty) by
// key[r] ∈ [0, keyCount): offsets (keyCount + 1) and grouped (n) come out as a CSR view. The list is
// cut into one contiguous part per thread; each part counts its keys, then scatters behind the
// parts before it, so the result is the same as one sequential pass.
void groupStably(std::span<const uint32_t> order, size_t n, std::span<const int32_t> key, int32_t keyCount,
                 ThreadPool& pool, std::vector<int64_t>& offsets, std::vector<uint32_t>& grouped) {
  const auto parts = static_cast<size_t>(pool.threads());
  const auto keys = static_cast<size_t>(keyCount);
  const auto ratingAt = [&](size_t position) { return order.empty() ? static_cast<uint32_t>(position) : order[position]; };
  std::vector<std::vector<int64_t>> cursor(parts);
  pool.parallelFor(parts, [&](int32_t part, size_t, size_t) {
    std::vector<int64_t>& counts = cursor[static_cast<size_t>(part)];
    counts.assign(keys, 0);
    for (size_t p = n * static_cast<size_t>(part) / parts, end = n * static_cast<size_t>(part + 1) / parts; p < end; ++p) {
      ++counts[static_cast<size_t>(key[ratingAt(p)])];
    }
  });
  offsets.assign(keys + 1, 0);
  int64_t running = 0;
  for (size_t k = 0; k < keys; ++k) {
    offsets[k] = running;
    for (auto& counts : cursor) {
      const int64_t count = counts[k];
      counts[k] = running;  // this part's first slot for key k
      running += count;
    }
  }
  offsets[keys] = running;
  grouped.resize(n);
  pool.parallelFor(parts, [&](int32_t part, size_t, size_t) {
    std::vector<int64_t>& next = cursor[static_cast<size_t>(part)];
    for (size_t p = n * static_cast<size_t>(part) / parts, end = n * static_cast<size_t>(part + 1) / parts; p < end; ++p) {
      const uint32_t r = ratingAt(p);
      grouped[static_cast<size_t>(next[static_cast<size_t>(key[r])]++)] = r;
    }
  });
}

// Orders each key's list by `secondary`, stably, in place; lists already in order, as in files
// sorted by user then movie, cost one pass. Others are sorted as (secondary, rating index) pairs
// packed in one integer: the index breaks ties, which keeps load order. (Sorting short lists beats
// a second scatter over all ratings, whose writes land on random cache lines.)
void orderWithinKeys(const std::vector<int64_t>& offsets, std::vector<uint32_t>& grouped,
                     std::span<const int32_t> secondary, ThreadPool& pool) {
  pool.parallelFor(offsets.size() - 1, [&](int32_t, size_t begin, size_t end) {
    std::vector<uint64_t> pairs;
    for (size_t k = begin; k < end; ++k) {
      const auto first = grouped.begin() + offsets[k], last = grouped.begin() + offsets[k + 1];
      const bool ordered = std::is_sorted(first, last, [&](uint32_t a, uint32_t b) { return secondary[a] < secondary[b]; });
      if (ordered) continue;
      pairs.clear();
      for (auto r = first; r != last; ++r) pairs.push_back(static_cast<uint64_t>(static_cast<uint32_t>(secondary[*r])) << 32 | *r);
      std::sort(pairs.begin(), pairs.end());
      for (size_t j = 0; j < pairs.size(); ++j) first[static_cast<std::ptrdiff_t>(j)] = static_cast<uint32_t>(pairs[j]);
    }
  });
}

// Whether offsets/order list every rating once, grouped by key. Checking key[order[j]] for every
// j reads the key vector in random order (0.4 s at 25M ratings); instead each key's set of rating
// indices is compared by a sum of mixed indices, once in rating order and once in list order,
// both sequential passes. A listing that differs in any way (a rating missing, repeated or under
// another key) changes some key's sum except with probability about 2^-64 — what matters for
// data that has already passed its file's checksum. Out-of-range keys or entries are refused.
bool describesGrouping(std::span<const int64_t> offsets, std::span<const uint32_t> order, std::span<const int32_t> key,
                       int32_t keyCount, ThreadPool& pool) {
  const size_t n = key.size();
  if (offsets.size() != static_cast<size_t>(keyCount) + 1 || order.size() != n || offsets.front() != 0 ||
      offsets.back() != static_cast<int64_t>(n) || !std::is_sorted(offsets.begin(), offsets.end())) {
    return false;
  }
  const auto mixed = [](uint64_t r) {
    r = (r + 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
    r ^= r >> 31;
    r *= 0x94D049BB133111EBULL;
    return r ^ (r >> 29);
  };
  const auto parts = static_cast<size_t>(pool.threads());
  const auto keys = static_cast<size_t>(keyCount);
  std::vector<std::vector<uint64_t>> byRating(parts);
  std::vector<uint8_t> inRange(parts, 1);
  std::vector<uint64_t> byList(keys, 0);
  pool.parallelFor(parts, [&](int32_t part, size_t, size_t) {
    std::vector<uint64_t>& sums = byRating[static_cast<size_t>(part)];
    sums.assign(keys, 0);
    for (size_t r = n * static_cast<size_t>(part) / parts, end = n * static_cast<size_t>(part + 1) / parts; r < end; ++r) {
      const auto k = static_cast<uint32_t>(key[r]);
      if (k < keys) {
        sums[k] += mixed(r);
      } else {
        inRange[static_cast<size_t>(part)] = 0;
      }
    }
    for (size_t k = keys * static_cast<size_t>(part) / parts, end = keys * static_cast<size_t>(part + 1) / parts; k < end; ++k) {
      uint64_t sum = 0;
      for (int64_t j = offsets[k]; j < offsets[k + 1]; ++j) {
        if (order[static_cast<size_t>(j)] >= n) inRange[static_cast<size_t>(part)] = 0;
        sum += mixed(order[static_cast<size_t>(j)]);
      }
      byList[k] = sum;
    }
  });
  if (std::find(inRange.begin(), inRange.end(), 0) != inRange.end()) return false;
  for (size_t k = 0; k < keys; ++k) {
    uint64_t sum = 0;
    for (const auto& sums : byRating) sum += sums[k];
    if (sum != byList[k]) return false;
  }
  return true;
}

}  // namespace

Ratings::Index Ratings::builtIndex() const {
  if (user.size() != value.size() || item.size() != value.size() ||
      (!timestamp.empty() && timestamp.size() != value.size())) {
    throw std::logic_error("Ratings::buildIndex: per-rating vectors differ in size");
  }
  if (value.size() > UINT32_MAX) throw std::length_error("Ratings: more than 2^32 ratings");
  ThreadPool pool(size() < kParallelIndexMinimum ? 1 : threadBudget());
  // User-major: grouped by user in load order, then by item within a user. Item-major: the
  // user-major order grouped by item, so each item's list comes out ordered by user.
  std::vector<int64_t> userOffsets, itemOffsets;
  std::vector<uint32_t> byUser, byItem;
  groupStably({}, size(), user, userCount, pool, userOffsets, byUser);
  orderWithinKeys(userOffsets, byUser, item, pool);
  groupStably(byUser, size(), item, itemCount, pool, itemOffsets, byItem);
  return {std::move(userOffsets), std::move(itemOffsets), std::move(byUser), std::move(byItem)};
}

void Ratings::buildIndex() { index_.publish(std::make_shared<const Index>(builtIndex())); }

const Ratings::Index& Ratings::index() const {
  return index_.get([this] { return builtIndex(); });
}

bool Ratings::adoptIndex(Index index) {
  const size_t n = size();
  ThreadPool pool(n < kParallelIndexMinimum ? 1 : threadBudget());
  if (!describesGrouping(index.userOffsets, index.byUser, user, userCount, pool) ||
      !describesGrouping(index.itemOffsets, index.byItem, item, itemCount, pool)) {
    return false;
  }
  index_.publish(std::make_shared<const Index>(std::move(index)));
  return true;
}

}  // namespace ll
