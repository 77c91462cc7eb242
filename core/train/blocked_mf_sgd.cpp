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

// Eight floats: one AVX register, or two SSE ones where the machine has no AVX.
typedef float Lanes __attribute__((vector_size(32)));
constexpr int32_t kLanes = 8;

inline Lanes load(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, Lanes v) { std::memcpy(p, &v, sizeof v); }

/// One SGD step on one rating; returns its error ŷ − r before the step.
inline float sgdStep(float* __restrict p, float* __restrict q, int32_t k, float mu, float& bu, float& bi, float rating,
                     float learningRate, float l2) {
  Lanes acc = {};
  int32_t f = 0;
  for (; f + kLanes <= k; f += kLanes) acc += load(p + f) * load(q + f);
  float dot = 0.0f;
  for (int32_t l = 0; l < kLanes; ++l) dot += acc[l];
  for (; f < k; ++f) dot += p[f] * q[f];
  const float error = mu + bu + bi + dot - rating;
  const float gradientStep = learningRate * error;
  const float shrink = 1.0f - learningRate * l2;
  bu = shrink * bu - gradientStep;
  bi = shrink * bi - gradientStep;
  for (f = 0; f + kLanes <= k; f += kLanes) {
    const Lanes pf = load(p + f), qf = load(q + f);
    store(p + f, shrink * pf - gradientStep * qf);
    store(q + f, shrink * qf - gradientStep * pf);
  }
  for (; f < k; ++f) {
    const float pf = p[f], qf = q[f];
    p[f] = shrink * pf - gradientStep * qf;
    q[f] = shrink * qf - gradientStep * pf;
  }
  return error;
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
  const int32_t k = userFactors.cols;

  Random random = Random::derived(seed_, 0xE90C0000u + static_cast<uint64_t>(epoch));
  std::vector<int32_t> columnOf(static_cast<size_t>(groups_)), roundOrder(static_cast<size_t>(groups_));
  std::iota(columnOf.begin(), columnOf.end(), 0);
  std::iota(roundOrder.begin(), roundOrder.end(), 0);
  random.shuffle(columnOf.begin(), columnOf.end());
  random.shuffle(roundOrder.begin(), roundOrder.end());

  const float* ratingValues = ratingValues_.data();
  const auto runBlock = [&](const auto& entries) {
    double loss = 0.0;
    for (const auto& e : entries) {
      const int32_t user = e.userIndex();
      const float error = sgdStep(userFactors.row(user), itemFactors.row(e.item), k, mu, userBias[user], itemBias[e.item],
                                  e.ratingValue(ratingValues), learningRate, l2);
      loss += 0.5 * static_cast<double>(error) * error;
    }
    return loss;
  };

  EpochOutcome outcome;
  std::vector<double> blockLoss(static_cast<size_t>(groups_));
  for (int32_t r = 0; r < groups_; ++r) {
    const int32_t shift = roundOrder[r];
    std::atomic<int32_t> nextGroup{0};
    pool.parallelFor(static_cast<size_t>(pool.threads()), [&](int32_t, size_t, size_t) {
      for (int32_t g = nextGroup.fetch_add(1); g < groups_; g = nextGroup.fetch_add(1)) {
        const int32_t h = columnOf[(g + shift) % groups_];
        blockLoss[g] = packed_.empty() ? runBlock(block(wide_, g, h)) : runBlock(block(packed_, g, h));
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
