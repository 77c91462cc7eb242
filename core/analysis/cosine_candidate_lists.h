#pragma once
// The candidate lists of the integer first pass (cosine_candidates.cpp, which states the bound they
// keep): per row, the integer dot products D that may still be in its top k.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace ll {

constexpr int64_t kNoDot = std::numeric_limits<int64_t>::min();

struct ScoredCandidate {
  int32_t dot;
  int32_t item;
};

// One thread's candidates: per row those with D ≥ (the k-th largest D so far) − M, best first, at
// most `capacity`; what falls off a full list is remembered by its largest D.
class CandidateLists {
 public:
  /// padded ≥ rows: rows and the padding the kernels read gates for; margin: M; zero: per row.
  CandidateLists(int32_t padded, int64_t margin, int32_t rows, std::span<const uint8_t> zero, size_t k, size_t capacity)
      : k_(k), capacity_(capacity), margin_(margin), gate_(static_cast<size_t>(padded), std::numeric_limits<int32_t>::max()),
        entries_(static_cast<size_t>(rows) * capacity), sizes_(static_cast<size_t>(rows), 0),
        dropped_(static_cast<size_t>(rows), kNoDot) {
    for (int32_t r = 0; r < rows; ++r) {
      if (!zero[static_cast<size_t>(r)]) gate_[static_cast<size_t>(r)] = std::numeric_limits<int32_t>::min();
    }
  }

  // Only a D above a row's gate can enter its list: the gate is D_k − M − 1 so far, the lowest
  // int32 while the list is short, and the highest for zero and padding rows, which list nothing.
  const int32_t* gates() const { return gate_.data(); }

  void offer(int32_t row, int32_t candidate, int32_t dot) {
    const auto r = static_cast<size_t>(row);
    if (dot <= gate_[r]) return;
    ScoredCandidate* list = entries_.data() + r * capacity_;
    size_t size = sizes_[r];
    if (size == capacity_) {
      if (dot <= list[size - 1].dot) {
        dropped_[r] = std::max<int64_t>(dropped_[r], dot);
        return;
      }
      dropped_[r] = std::max<int64_t>(dropped_[r], list[--size].dot);
    }
    size_t at = size++;
    for (; at > 0 && list[at - 1].dot < dot; --at) list[at] = list[at - 1];
    list[at] = ScoredCandidate{dot, candidate};
    if (size >= k_) {
      const int64_t floor = list[k_ - 1].dot - margin_;
      while (size > k_ && list[size - 1].dot < floor) --size;
      gate_[r] = std::max(gate_[r], static_cast<int32_t>(std::max<int64_t>(floor - 1, std::numeric_limits<int32_t>::min())));
    }
    sizes_[r] = static_cast<uint32_t>(size);
  }

  // The end of a row's list, where an insertion looks first, on its way into the cache.
  void prefetch(int32_t row) const {
    const auto r = static_cast<size_t>(row);
    __builtin_prefetch(entries_.data() + r * capacity_ + std::max<uint32_t>(sizes_[r], 1) - 1);
  }
  void raiseGate(int32_t row, int32_t gate) { gate_[static_cast<size_t>(row)] = std::max(gate_[static_cast<size_t>(row)], gate); }

  std::span<const ScoredCandidate> list(int32_t row) const {
    return {entries_.data() + static_cast<size_t>(row) * capacity_, sizes_[static_cast<size_t>(row)]};
  }
  int64_t dropped(int32_t row) const { return dropped_[static_cast<size_t>(row)]; }

 private:
  size_t k_;
  size_t capacity_;
  int64_t margin_;
  std::vector<int32_t> gate_;
  std::vector<ScoredCandidate> entries_;
  std::vector<uint32_t> sizes_;
  std::vector<int64_t> dropped_;
};

}  // namespace ll
