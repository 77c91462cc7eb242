#include "core/train/blocked_mf_sgd.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>

#include "core/util/random.h"

namespace ll {
namespace {

// A factor row is taken sixteen floats at a time, then eight, then one. Sixteen are one AVX-512
// register where the CPU has them (Lanes16, in the AVX-512 build of the steps below), otherwise
// two registers of eight (Lanes8: one AVX register, or two SSE ones where the machine has no AVX):
// the same arithmetic in the same order either way, so both give the same factors.
typedef float Lanes16 __attribute__((vector_size(64)));
typedef float Lanes8 __attribute__((vector_size(32)));
constexpr int32_t kWide = 16;
constexpr int32_t kNarrow = 8;
constexpr size_t kStreams = 4;  // runs of a block's entries stepped through side by side (stepThroughBlock)
// Rows of 32 floats and more are asked for three steps of a run ahead: a run's users and items
// jump about the tables, which hardware prefetchers cannot follow (k = 128 on 2 threads: 33 -> 51–55
// M ratings/s, k = 32: 123 -> 123–138); at k = 8 the rows are in cache and the requests only cost.
constexpr size_t kAhead = 3;
constexpr int32_t kPrefetchFromColumns = 32;

// The vector helpers and the step are always inlined, so no vector ever crosses a call: GCC's
// note that a 64-byte vector is passed differently with and without AVX-512 does not apply.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
template <typename V>
[[gnu::always_inline]] inline V load(const float* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <typename V>
[[gnu::always_inline]] inline void store(float* p, V v) {
  std::memcpy(p, &v, sizeof v);
}
template <typename V>
[[gnu::always_inline]] inline void shrinkPair(float* p, float* q, float shrink, float gradientStep) {
  const V pf = load<V>(p), qf = load<V>(q);
  store(p, shrink * pf - gradientStep * qf);
  store(q, shrink * qf - gradientStep * pf);
}

/// One SGD step on one rating; returns its error ŷ − r before the step. Avx512: sixteen lanes in
/// one register (only inside a function compiled for AVX-512).
template <bool Avx512>
[[gnu::always_inline]] inline float sgdStep(float* __restrict p, float* __restrict q, int32_t k, float mu, float& bu, float& bi,
                                            float rating, float learningRate, float l2) {
  Lanes8 low = {}, high = {};
  int32_t f = 0;
  if constexpr (Avx512) {
    Lanes16 wide = {};
    for (; f + kWide <= k; f += kWide) wide += load<Lanes16>(p + f) * load<Lanes16>(q + f);
    low = __builtin_shufflevector(wide, wide, 0, 1, 2, 3, 4, 5, 6, 7);
    high = __builtin_shufflevector(wide, wide, 8, 9, 10, 11, 12, 13, 14, 15);
  } else {
    for (; f + kWide <= k; f += kWide) {
      low += load<Lanes8>(p + f) * load<Lanes8>(q + f);
      high += load<Lanes8>(p + f + kNarrow) * load<Lanes8>(q + f + kNarrow);
    }
  }
  Lanes8 acc = low + high;
  for (; f + kNarrow <= k; f += kNarrow) acc += load<Lanes8>(p + f) * load<Lanes8>(q + f);
  float dot = 0.0f;
  for (int32_t l = 0; l < kNarrow; ++l) dot += acc[l];
  for (; f < k; ++f) dot += p[f] * q[f];
  const float error = mu + bu + bi + dot - rating;
  const float gradientStep = learningRate * error;
  const float shrink = 1.0f - learningRate * l2;
  bu = shrink * bu - gradientStep;
  bi = shrink * bi - gradientStep;
  f = 0;
  if constexpr (Avx512) {
    for (; f + kWide <= k; f += kWide) shrinkPair<Lanes16>(p + f, q + f, shrink, gradientStep);
  }
  for (; f + kNarrow <= k; f += kNarrow) shrinkPair<Lanes8>(p + f, q + f, shrink, gradientStep);
  for (; f < k; ++f) {
    const float pf = p[f], qf = q[f];
    p[f] = shrink * pf - gradientStep * qf;
    q[f] = shrink * qf - gradientStep * pf;
  }
  return error;
}
#pragma GCC diagnostic pop

/// What a block's steps read and write besides its entries.
struct BlockStep {
  ParameterBlock* userFactors;
  ParameterBlock* itemFactors;
  float* userBias;
  float* itemBias;
  const float* ratingValues;
  float mu;
  float learningRate;
  float l2;
};

// A block is taken as kStreams runs of its entries side by side, a step of each in turn: the
// steps of one user follow each other through its factors (load, dot, update, store), a chain of
// latencies that leaves the core idle, while the runs' chains mostly touch other users and
// overlap (k = 8 on 2 threads: 160 -> 247 M ratings/s). The order is fixed by the block alone, so
// results stay the same for any thread count. Returns the block's ½ Σ error².
template <bool Avx512, typename E>
[[gnu::always_inline]] inline double stepThroughBlock(std::span<const E> entries, const BlockStep& b) {
  const int32_t k = b.userFactors->cols;
  const size_t count = entries.size(), run = (count + kStreams - 1) / kStreams;
  const bool prefetch = k >= kPrefetchFromColumns;
  double loss[kStreams] = {};
  for (size_t i = 0; i < run; ++i) {
    for (size_t s = 0; s < kStreams; ++s) {
      const size_t at = s * run + i;
      if (at >= count) break;
      if (prefetch && at + kAhead < count) {
        const E& later = entries[at + kAhead];
        const float* u = b.userFactors->row(later.userIndex());
        const float* v = b.itemFactors->row(later.item);
        for (int32_t f = 0; f < k; f += kWide) {  // sixteen floats: a cache line
          __builtin_prefetch(u + f, 1);
          __builtin_prefetch(v + f, 1);
        }
      }
      const E& e = entries[at];
      const int32_t user = e.userIndex();
      const float error = sgdStep<Avx512>(b.userFactors->row(user), b.itemFactors->row(e.item), k, b.mu, b.userBias[user],
                                          b.itemBias[e.item], e.ratingValue(b.ratingValues), b.learningRate, b.l2);
      loss[s] += 0.5 * static_cast<double>(error) * error;
    }
  }
  return std::accumulate(std::begin(loss), std::end(loss), 0.0);
}

// The same steps compiled twice: for the build's vector width, and for AVX-512, where one register
// holds sixteen floats. Measured under chrt on the 20M set (Intel Xeon, 2 cores): k = 128 goes from
// 25 to 32 M ratings/s on 2 threads with AVX-512, while k = 32 drops from 115–120 to 103–110, so
// AVX-512 takes the rows of 64 floats and more.
constexpr int32_t kAvx512FromColumns = 64;

template <typename E>
double stepThroughBlockPortable(std::span<const E> entries, const BlockStep& b) {
  return stepThroughBlock<false>(entries, b);
}
#if defined(__x86_64__)
template <typename E>
[[gnu::target("avx512f")]] double stepThroughBlockAvx512(std::span<const E> entries, const BlockStep& b) {
  return stepThroughBlock<true>(entries, b);
}
#endif

template <typename E>
double runBlockSteps(std::span<const E> entries, const BlockStep& b) {
#if defined(__x86_64__)
  static const bool avx512 = __builtin_cpu_supports("avx512f");
  if (avx512 && b.userFactors->cols >= kAvx512FromColumns) return stepThroughBlockAvx512(entries, b);
#endif
  return stepThroughBlockPortable(entries, b);
}

/// Groups so that a block's movie rows take at most ~256 KiB (they stay in L2 while the block
/// runs), and never fewer than 8 (enough blocks per round to keep every thread busy). Independent
/// of the thread count, so results are too.
int32_t groupCount(int32_t items, int32_t dim) {
  const int64_t tableBytes = static_cast<int64_t>(items) * dim * static_cast<int64_t>(sizeof(float));
  const int64_t byCache = (tableBytes + (256 << 10) - 1) / (256 << 10);
  return static_cast<int32_t>(std::clamp<int64_t>(byCache, 8, 64));
}

/// group[x] for x < counts.size(): contiguous ranges of indices holding near-equal shares of the
/// ratings, so blocks are balanced and a block's rows lie together in memory.
std::vector<int32_t> rangesByRatingCount(const std::vector<int64_t>& counts, int32_t groups) {
  int64_t total = 0;
  for (int64_t c : counts) total += c;
  std::vector<int32_t> group(counts.size());
  int64_t before = 0;
  for (size_t x = 0; x < counts.size(); ++x) {
    // The group of the rating in the middle of x's share.
    const int64_t middle = before + counts[x] / 2;
    group[x] = total > 0 ? static_cast<int32_t>(std::min<int64_t>(groups - 1, middle * groups / total)) : 0;
    before += counts[x];
  }
  return group;
}


/// The distinct training ratings, ascending by bit pattern (exact: no two floats share one), or
/// none when there are more than 256.
std::vector<uint32_t> distinctRatingBits(const Ratings& ratings, std::span<const uint32_t> train) {
  std::vector<uint32_t> bits;
  for (uint32_t k : train) {
    const auto b = std::bit_cast<uint32_t>(ratings.value[k]);
    const auto at = std::lower_bound(bits.begin(), bits.end(), b);
    if (at != bits.end() && *at == b) continue;
    if (bits.size() == 256) return {};
    bits.insert(at, b);
  }
  return bits;
}

// Counting sort of the training list by block, then, within each block, a stable counting sort
// by user: every block comes out ordered by user, and by position in the training list within a
// user. A block's users lie in its user group's index range (groupFirstUser[g], [g + 1]), so the
// second sort needs one block's worth of scratch, never another copy of the training ratings.
template <typename E, typename BlockOf, typename MakeEntry>
void dealIntoBlocks(std::span<const uint32_t> train, const BlockOf& blockOf, const MakeEntry& makeEntry,
                    const std::vector<int64_t>& blockOffsets, const std::vector<int32_t>& groupFirstUser,
                    std::vector<E>& entries) {
  entries.resize(train.size());
  {
    std::vector<int64_t> next(blockOffsets.begin(), blockOffsets.end() - 1);
    for (uint32_t k : train) entries[static_cast<size_t>(next[blockOf(k)]++)] = makeEntry(k);
  }
  const size_t groups = groupFirstUser.size() - 1;
  std::vector<E> scratch;
  std::vector<int64_t> userSlot;
  for (size_t b = 0; b + 1 < blockOffsets.size(); ++b) {
    const int32_t firstUser = groupFirstUser[b / groups];
    const auto users = static_cast<size_t>(groupFirstUser[b / groups + 1] - firstUser);
    const std::span<E> block(entries.data() + blockOffsets[b], entries.data() + blockOffsets[b + 1]);
    scratch.assign(block.begin(), block.end());
    userSlot.assign(users + 1, 0);
    for (const E& e : scratch) ++userSlot[static_cast<size_t>(e.userIndex() - firstUser) + 1];
    std::partial_sum(userSlot.begin(), userSlot.end(), userSlot.begin());
    for (const E& e : scratch) block[static_cast<size_t>(userSlot[static_cast<size_t>(e.userIndex() - firstUser)]++)] = e;
  }
}

}  // namespace

bool BlockedMfSgd::applies(const Model& model, const TrainParams& params) {
  return model.config().kind == ModelKind::MF && params.optimizer.kind == OptimizerKind::Sgd && params.batchSize == 1 &&
         !params.implicit;
}

BlockedMfSgd::BlockedMfSgd(const Ratings& ratings, std::span<const uint32_t> train, const Model& model, uint64_t seed)
    : seed_(seed), groups_(groupCount(ratings.itemCount, model.config().dim)) {
  std::vector<int64_t> userCounts(static_cast<size_t>(ratings.userCount)), itemCounts(static_cast<size_t>(ratings.itemCount));
  for (uint32_t k : train) {
    ++userCounts[ratings.user[k]];
    ++itemCounts[ratings.item[k]];
  }
  const std::vector<int32_t> userGroup = rangesByRatingCount(userCounts, groups_);
  const std::vector<int32_t> itemGroup = rangesByRatingCount(itemCounts, groups_);
  const auto blockOf = [&](uint32_t k) {
    return static_cast<size_t>(userGroup[ratings.user[k]]) * groups_ + static_cast<size_t>(itemGroup[ratings.item[k]]);
  };

  const size_t blocks = static_cast<size_t>(groups_) * groups_;
  blockOffsets_.assign(blocks + 1, 0);
  for (uint32_t k : train) ++blockOffsets_[blockOf(k) + 1];
  std::partial_sum(blockOffsets_.begin(), blockOffsets_.end(), blockOffsets_.begin());
  std::vector<int32_t> groupFirstUser(static_cast<size_t>(groups_) + 1, ratings.userCount);
  for (int32_t u = ratings.userCount - 1; u >= 0; --u) groupFirstUser[static_cast<size_t>(userGroup[u])] = u;
  for (int32_t g = groups_ - 1; g >= 0; --g) {
    groupFirstUser[static_cast<size_t>(g)] = std::min(groupFirstUser[static_cast<size_t>(g)], groupFirstUser[static_cast<size_t>(g) + 1]);
  }

  const std::vector<uint32_t> ratingBits = distinctRatingBits(ratings, train);
  if (ratingBits.empty() || ratings.userCount > (1 << 24)) {
    dealIntoBlocks(train, blockOf, [&](uint32_t k) { return WideEntry{ratings.user[k], ratings.item[k], ratings.value[k]}; },
                   blockOffsets_, groupFirstUser, wide_);
    return;
  }
  for (uint32_t b : ratingBits) ratingValues_.push_back(std::bit_cast<float>(b));
  const auto packedEntry = [&](uint32_t k) {
    const auto code = std::lower_bound(ratingBits.begin(), ratingBits.end(), std::bit_cast<uint32_t>(ratings.value[k])) - ratingBits.begin();
    return PackedEntry{ratings.item[k], static_cast<uint32_t>(ratings.user[k]) << 8 | static_cast<uint32_t>(code)};
  };
  dealIntoBlocks(train, blockOf, packedEntry, blockOffsets_, groupFirstUser, packed_);
}

template <typename E>
std::span<const E> BlockedMfSgd::block(const std::vector<E>& entries, int32_t userGroup, int32_t itemGroup) const {
  const size_t b = static_cast<size_t>(userGroup) * groups_ + static_cast<size_t>(itemGroup);
  return {entries.data() + blockOffsets_[b], entries.data() + blockOffsets_[b + 1]};
}

BlockedMfSgd::EpochOutcome BlockedMfSgd::runEpoch(Model& model, int32_t epoch, float learningRate, float l2,
                                                  ThreadPool& pool, const RoundProgress& progress) const {
  Parameters& parameters = model.parameters();
  const float mu = parameters[parameters.find("global_bias")].value[0];
  float* userBias = parameters[parameters.find("user_bias")].value.data();
  float* itemBias = parameters[parameters.find("item_bias")].value.data();
  ParameterBlock& userFactors = parameters[parameters.find("user_factors")];
  ParameterBlock& itemFactors = parameters[parameters.find("item_factors")];
  Random random = Random::derived(seed_, 0xE90C0000u + static_cast<uint64_t>(epoch));
  std::vector<int32_t> columnOf(static_cast<size_t>(groups_)), roundOrder(static_cast<size_t>(groups_));
  std::iota(columnOf.begin(), columnOf.end(), 0);
  std::iota(roundOrder.begin(), roundOrder.end(), 0);
  random.shuffle(columnOf.begin(), columnOf.end());
  random.shuffle(roundOrder.begin(), roundOrder.end());

  const BlockStep step{&userFactors, &itemFactors, userBias, itemBias, ratingValues_.data(), mu, learningRate, l2};

  EpochOutcome outcome;
  std::vector<double> blockLoss(static_cast<size_t>(groups_));
  for (int32_t r = 0; r < groups_; ++r) {
    const int32_t shift = roundOrder[r];
    std::atomic<int32_t> nextGroup{0};
    pool.parallelFor(static_cast<size_t>(pool.threads()), [&](int32_t, size_t, size_t) {
      for (int32_t g = nextGroup.fetch_add(1); g < groups_; g = nextGroup.fetch_add(1)) {
        const int32_t h = columnOf[(g + shift) % groups_];
        blockLoss[g] = packed_.empty() ? runBlockSteps(block(wide_, g, h), step) : runBlockSteps(block(packed_, g, h), step);
      }
    });
    for (double loss : blockLoss) outcome.lossSum += loss;
    if (!std::isfinite(outcome.lossSum)) {
      outcome.finite = false;
      return outcome;
    }
    if (progress && !progress(r + 1, groups_)) {
      outcome.cancelled = true;
      return outcome;
    }
  }
  return outcome;
}

}  // namespace ll
