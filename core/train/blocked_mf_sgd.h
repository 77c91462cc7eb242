#pragma once
// The fast path for `mf` under per-sample SGD (optimizer sgd, batch 1): a block-partitioned
// parallel schedule in the manner of LIBMF's.
//
// Users and movies are cut into B groups each — contiguous index ranges holding equal shares of the
// ratings — which cuts the training ratings into a B×B grid of balanced blocks; each block keeps
// its ratings contiguous and ordered by user, so a user's factor row stays in cache while its
// ratings stream past (four runs of a block are stepped through side by side, so that the chains
// of dependent steps of four users overlap) (8 bytes a rating when the ratings take at most 256 values, 12 otherwise), and a block's movie rows (one contiguous B-th of the table) fit in L2. An epoch is B rounds; round r visits the blocks
// (g, σ((g + r) mod B)) for every group g — no two share a user or a movie, so the threads update
// them without locks and without any interference. σ and the order of the rounds are drawn from
// (seed, epoch).
//
// Each rating takes one plain SGD step on ½(ŷ − r)² + ½λ‖row‖² for the rows it touches — exactly
// what the general trainer does at batch size 1 — with one difference: the global offset μ stays
// at the training mean (every thread would write it; b_u and b_i absorb what it would learn).
//
// Determinism: blocks of one round are independent, so the result depends on the seed only, not
// on the thread count or on which thread took which block.

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/data/ratings.h"
#include "core/model/model.h"
#include "core/train/train_params.h"
#include "core/util/thread_pool.h"

namespace ll {

class BlockedMfSgd {
 public:
  /// Whether the fast path trains this model under these settings: an `mf` model, SGD, batch 1,
  /// explicit ratings.
  static bool applies(const Model& model, const TrainParams& params);

  /// Deals the training ratings into blocks (once; the grid is kept for every epoch).
  BlockedMfSgd(const Ratings& ratings, std::span<const uint32_t> train, const Model& model, uint64_t seed);

  /// Called after each round with (rounds done, rounds in the epoch); false cancels the epoch.
  using RoundProgress = std::function<bool(int64_t done, int64_t total)>;

  struct EpochOutcome {
    double lossSum = 0.0;   ///< Σ ½(ŷ − r)² over the ratings visited, each taken before its step
    bool finite = true;     ///< false when the loss became NaN or infinite (the epoch stopped there)
    bool cancelled = false;
  };

  /// One epoch over every training rating, in place on the model's parameters.
  EpochOutcome runEpoch(Model& model, int32_t epoch, float learningRate, float l2, ThreadPool& pool,
                        const RoundProgress& progress = {}) const;

  int32_t groups() const { return groups_; }
  int64_t rounds() const { return groups_; }

 private:
  /// A training rating in the grid, for any data: 12 bytes.
  struct WideEntry {
    int32_t user;
    int32_t item;
    float rating;
    int32_t userIndex() const { return user; }
    float ratingValue(const float*) const { return rating; }
  };
  /// The same in 8 bytes when there are at most 2^24 users and the training ratings take at
  /// most 256 values (any star scale): the rating is its index into ratingValues_, exact.
  struct PackedEntry {
    int32_t item;
    uint32_t userAndCode;  // user << 8 | rating's index
    int32_t userIndex() const { return static_cast<int32_t>(userAndCode >> 8); }
    float ratingValue(const float* values) const { return values[userAndCode & 0xFF]; }
  };

  template <typename E>
  std::span<const E> block(const std::vector<E>& entries, int32_t userGroup, int32_t itemGroup) const;

  uint64_t seed_;
  int32_t groups_ = 1;
  // One of the two holds the grid: block (g, h) at [blockOffsets_[g·B + h], blockOffsets_[g·B + h + 1]).
  std::vector<PackedEntry> packed_;
  std::vector<WideEntry> wide_;
  std::vector<float> ratingValues_;    // the packed entries' ratings, ascending by bit pattern
  std::vector<int64_t> blockOffsets_;  // B² + 1
};

}  // namespace ll
