#include "core/train/implicit_feedback.h"

#include <algorithm>
#include <cmath>

namespace ll {
namespace {

// Appends (u, i, 1) and m draws of (u, j, 0); a user who rated every item gets no negatives.
void addWithNegatives(const Ratings& r, uint32_t rating, const UserItemSets& exclude, int32_t m, Random& random,
                      Examples& out) {
  const int32_t u = r.user[rating];
  out.add(u, r.item[rating], 1.0f);
  for (int32_t k = 0; k < m; ++k) {
    const int32_t j = exclude.drawUnrated(random, u);
    if (j >= 0) out.add(u, j, 0.0f);
  }
}

}  // namespace

ImplicitFeedback::ImplicitFeedback(const Ratings& ratings, const Split& split, int32_t negatives, uint64_t seed)
    : ratings_(&ratings), trainingItems_(ratings, split.train), negatives_(std::max(negatives, 0)), seed_(seed) {
  // Validation negatives avoid the validation positives too: they are the user's items as well.
  std::vector<uint32_t> known(split.train);
  known.insert(known.end(), split.validation.begin(), split.validation.end());
  const UserItemSets knownItems(ratings, known);
  Random random = Random::derived(seed_, 0x56414C49ULL);
  for (uint32_t k : split.validation) addWithNegatives(ratings, k, knownItems, negatives_, random, validation_);
}

void ImplicitFeedback::expandBatch(std::span<const uint32_t> batch, int32_t epoch, int64_t batchIndex,
                                   Examples& out) const {
  out.clear();
  Random random = Random::derived(seed_ ^ (0x4E454741ULL * static_cast<uint64_t>(epoch)), static_cast<uint64_t>(batchIndex));
  for (uint32_t k : batch) addWithNegatives(*ratings_, k, trainingItems_, negatives_, random, out);
}

float ImplicitFeedback::baseLogit(int32_t negatives) {
  return -std::log(static_cast<float>(std::max(negatives, 1)));
}

}  // namespace ll
