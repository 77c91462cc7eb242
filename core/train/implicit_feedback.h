#pragma once
// Rendle et al. 2020's implicit-feedback training examples (NCF's protocol): every training rating
// is a positive (target 1); each positive brings m negatives (target 0), items drawn uniformly
// among those the user did not rate in training. Negatives are redrawn every epoch from a stream
// seeded by (seed, epoch, batch), so a resumed run draws exactly what an uninterrupted one would
// and no per-epoch state needs saving. Validation examples are drawn once (seeded) and kept, so the
// validation loss of different epochs compares like with like.

#include <cstdint>
#include <span>
#include <vector>

#include "core/data/split.h"
#include "core/eval/user_item_sets.h"

namespace ll {

/// Training or validation examples, one entry per (user, item, target).
struct Examples {
  std::vector<int32_t> users;
  std::vector<int32_t> items;
  std::vector<float> targets;

  size_t size() const { return users.size(); }
  void clear() {
    users.clear();
    items.clear();
    targets.clear();
  }
  void add(int32_t user, int32_t item, float target) {
    users.push_back(user);
    items.push_back(item);
    targets.push_back(target);
  }
};

class ImplicitFeedback {
 public:
  ImplicitFeedback() = default;
  ImplicitFeedback(const Ratings& ratings, const Split& split, int32_t negatives, uint64_t seed);

  int32_t negatives() const { return negatives_; }
  /// out ← for each rating index of the batch, its positive followed by its m negatives.
  void expandBatch(std::span<const uint32_t> batch, int32_t epoch, int64_t batchIndex, Examples& out) const;
  /// The validation positives with m negatives each, drawn once.
  const Examples& validation() const { return validation_; }

  /// The logit of the share of positives, 1/(1+m): where output biases start, so the first
  /// epoch does not spend itself on learning the base rate.
  static float baseLogit(int32_t negatives);

 private:
  const Ratings* ratings_ = nullptr;
  UserItemSets trainingItems_;
  int32_t negatives_ = 0;
  uint64_t seed_ = 0;
  Examples validation_;
};

}  // namespace ll
