#pragma once
// The synthetic task of Rendle et al. 2020 ("Neural Collaborative Filtering vs. Matrix
// Factorization Revisited", §4.1): labels are a dot product of Gaussian embeddings plus Gaussian
// noise, y = ⟨p, q⟩ + ε, ε ~ N(0, σ_label²), p, q ~ N(0, σ_emb² I) in R^d. M user and N item
// embeddings are drawn once; 100·M distinct (user, item) pairs are sampled without replacement and
// split 90/10 into training and test; a second, "fresh" test set draws new embeddings for every
// case, so it asks whether a learned similarity generalises to embeddings never seen in training.
//
// The learner is given the embeddings themselves (ŷ: R^2d → R), not ids: that is what makes the
// fresh set answerable at all.
//
// Shapes: embedding matrices are rows × d, row-major float; a PairSet's case k is
// (users.row(user[k]), items.row(item[k]), label[k]).

#include <cstdint>
#include <utility>
#include <vector>

#include "core/model/layers/matrix.h"
#include "core/util/random.h"

namespace ll {

struct DotProductTaskParams {
  int32_t dim = 16;              ///< d (default: 16)
  int32_t users = 1000;          ///< M (default: 1000)
  int32_t items = 1000;          ///< N; the paper leaves it open, we take N = M (default: 1000)
  int32_t pairsPerUser = 100;    ///< sampled pairs = pairsPerUser·M (default: 100, the paper's)
  double testFraction = 0.1;     ///< of the sampled pairs held out as the test set (default: 0.1)
  int64_t freshCases = 0;        ///< cases with fresh embeddings; 0: as many as the test set (default: 0)
  double labelSd = 0.85;         ///< σ_label, the Netflix prize's best RMSE (default: 0.85)
  double trivialRmse = 1.13;     ///< RMSE of predicting 0, Netflix's predict-the-mean RMSE (default: 1.13)
  uint64_t seed = 1;             ///< (default: 1)
};

/// σ_emb such that the trivial model's RMSE is trivialRmse: σ_emb² = √((trivialRmse² − labelSd²)/d),
/// so Var(y) = labelSd² + d·σ_emb⁴ = trivialRmse².
double embeddingSd(int32_t dim, double labelSd = 0.85, double trivialRmse = 1.13);

/// count distinct (user, item) pairs out of users × items, uniformly without replacement, in a
/// random order. Throws std::invalid_argument when count exceeds users·items.
std::vector<std::pair<int32_t, int32_t>> samplePairsWithoutReplacement(int32_t users, int32_t items, int64_t count,
                                                                       Random& random);

/// Test cases out of `total` sampled pairs: round(testFraction·total); the rest train.
int64_t testCaseCount(int64_t total, double testFraction);

struct PairSet {
  std::vector<int32_t> user;  ///< rows of the user embedding matrix
  std::vector<int32_t> item;  ///< rows of the item embedding matrix
  std::vector<float> label;
  int64_t size() const { return static_cast<int64_t>(label.size()); }
};

struct DotProductTask {
  RowMatrix users;       ///< M × d
  RowMatrix items;       ///< N × d
  PairSet train;         ///< 90 % of the sampled pairs, over users/items
  PairSet test;          ///< the other 10 %, over users/items
  RowMatrix freshUsers;  ///< F × d: case k of `fresh` is (freshUsers.row(k), freshItems.row(k))
  RowMatrix freshItems;  ///< F × d
  PairSet fresh;
};

DotProductTask makeDotProductTask(const DotProductTaskParams& params);

/// RMSE of predictions against the set's labels (predictions.size() == set.size()).
double rmse(const std::vector<float>& predictions, const PairSet& set);
/// The dot product model ŷ = ⟨p, q⟩: its RMSE is σ_label in expectation.
std::vector<float> dotProductPredictions(const RowMatrix& users, const RowMatrix& items, const PairSet& set);

}  // namespace ll
