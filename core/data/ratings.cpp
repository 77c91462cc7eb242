#include "core/data/ratings.h"

#include <algorithm>
#include <stdexcept>

#include "core/util/thread_pool.h"

namespace ll {
namespace {

constexpr size_t kParallelIndexMinimum = size_t{1} << 16;  // below this, starting threads costs more than it saves

// A stable counting sort of the ratings listed in `order` (or 0..n−1 when order is empty) by
// key[r] ∈ [0, keyCount): offsets (keyCount + 1) and grouped (n) come out as a CSR view. The list is
// cut into one contiguous part per thread; each part counts its keys, then scatters behind the
// parts before it, so the result is the same as one sequential pass.
void groupStably(std::span<const uint32_t> order, size_t n, const std::vector<int32_t>& key, int32_t keyCount,
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
                     const std::vector<int32_t>& secondary, ThreadPool& pool) {
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

}  // namespace

void Ratings::buildIndex() {
  if (user.size() != value.size() || item.size() != value.size() ||
      (!timestamp.empty() && timestamp.size() != value.size())) {
    throw std::logic_error("Ratings::buildIndex: per-rating vectors differ in size");
  }
  if (value.size() > UINT32_MAX) throw std::length_error("Ratings: more than 2^32 ratings");
  ThreadPool pool(size() < kParallelIndexMinimum ? 1 : hardwareThreads());
  // User-major: grouped by user in load order, then by item within a user. Item-major: the
  // user-major order grouped by item, so each item's list comes out ordered by user.
  groupStably({}, size(), user, userCount, pool, userOffsets_, byUser_);
  orderWithinKeys(userOffsets_, byUser_, item, pool);
  groupStably(byUser_, size(), item, itemCount, pool, itemOffsets_, byItem_);
}

bool Ratings::adoptIndex(Index index) {
  const size_t n = size();
  const auto consistent = [n](const std::vector<int64_t>& offsets, const std::vector<uint32_t>& order, int32_t keyCount,
                              const std::vector<int32_t>& key) {
    if (offsets.size() != static_cast<size_t>(keyCount) + 1 || order.size() != n || offsets.front() != 0 ||
        offsets.back() != static_cast<int64_t>(n)) {
      return false;
    }
    for (int32_t k = 0; k < keyCount; ++k) {
      if (offsets[k] > offsets[k + 1]) return false;
      for (int64_t j = offsets[k]; j < offsets[k + 1]; ++j) {
        if (order[j] >= n || key[order[j]] != k) return false;
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
