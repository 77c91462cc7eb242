// kNN agreement and trustworthiness on cases small enough to rank by hand (five points on a
// line, positions 0, 1, 3, 7, 12; the layout swaps the first and the last), identity layouts,
// and the sampled variant against the exact one.
#include <gtest/gtest.h>

#include "core/analysis/trustworthiness.h"
#include "core/data/input_error.h"
#include "core/util/random.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

// Full-space ranks (1 = nearest), from the positions 0, 1, 3, 7, 12:
//   p0: p1 p2 p3 p4    p1: p0 p2 p3 p4    p2: p1 p0 p3 p4    p3: p2 p4 p1 p0    p4: p3 p2 p1 p0
// Layout positions 12, 1, 3, 7, 0 (p0 and p4 swapped), neighbours by layout distance:
//   p0: p3 p2 p1 p4    p1: p4 p2 p3 p0    p2: p1 p4 p3 p0    p3: p2 p0 p1 p4    p4: p1 p2 p3 p0
const std::vector<float> kLinePoints = {0, 1, 3, 7, 12};
const std::vector<float> kSwappedLayout = {12, 1, 3, 7, 0};

TEST(AnalysisTrustworthiness, KnnAgreementCountedByHand) {
  NeighbourGraphParams params;
  params.neighbours = 1;
  // k = 1: p2 and p3 keep their nearest neighbour (p1, p2); p0, p1, p4 do not.
  KnnAgreement one = knnAgreement(kLinePoints, 5, 1, kSwappedLayout, 1, params);
  EXPECT_EQ(one.perPoint, (std::vector<float>{0, 0, 1, 1, 0}));
  EXPECT_DOUBLE_EQ(one.mean, 0.4);
  // k = 2: every point keeps exactly one of its two (p0 {p2}, p1 {p2}, p2 {p1}, p3 {p2}, p4 {p2}).
  params.neighbours = 2;
  KnnAgreement two = knnAgreement(kLinePoints, 5, 1, kSwappedLayout, 1, params);
  EXPECT_EQ(two.perPoint, (std::vector<float>(5, 0.5f)));
  EXPECT_DOUBLE_EQ(two.mean, 0.5);
}

TEST(AnalysisTrustworthiness, TrustworthinessCountedByHand) {
  TrustworthinessParams params;
  // k = 1: intruders p3 for p0 (rank 3), p4 for p1 (rank 4), p1 for p4 (rank 3): penalty
  // 2 + 3 + 2 = 7, normaliser 2 / (n k (2n − 3k − 1)) = 2 / 30.
  params.neighbours = 1;
  TrustworthinessResult one = trustworthiness(kLinePoints, 5, 1, kSwappedLayout, 1, params);
  EXPECT_NEAR(one.trustworthiness, 1.0 - 14.0 / 30.0, 1e-12);
  EXPECT_EQ(one.intruders, 3);
  // k = 2: intruders p3 for p0 (rank 3), p4 for p1 (4), p4 for p2 (4), p0 for p3 (4), p1 for
  // p4 (3): penalty 1 + 2 + 2 + 2 + 1 = 8, normaliser 2 / (5 · 2 · 3).
  params.neighbours = 2;
  TrustworthinessResult two = trustworthiness(kLinePoints, 5, 1, kSwappedLayout, 1, params);
  EXPECT_NEAR(two.trustworthiness, 1.0 - 16.0 / 30.0, 1e-12);
  EXPECT_EQ(two.intruders, 5);
  EXPECT_EQ(two.pointsScored, 5);
}

TEST(AnalysisTrustworthiness, IdentityAndScaledLayoutsScoreOne) {
  Random random(4);
  std::vector<float> x(200 * 3);
  for (float& v : x) v = static_cast<float>(random.normal());
  std::vector<float> scaled(x);
  for (float& v : scaled) v *= 2.5f;
  TrustworthinessParams params;
  EXPECT_DOUBLE_EQ(trustworthiness(x, 200, 3, scaled, 3, params).trustworthiness, 1.0);
  EXPECT_DOUBLE_EQ(knnAgreement(x, 200, 3, scaled, 3).mean, 1.0);
  // A projection to 2-D loses some neighbourhoods but not most.
  std::vector<float> flat;
  for (size_t i = 0; i < 200; ++i) flat.insert(flat.end(), {x[i * 3], x[i * 3 + 1]});
  const double t = trustworthiness(x, 200, 3, flat, 2, params).trustworthiness;
  EXPECT_LT(t, 1.0);
  EXPECT_GT(t, 0.7);
}

TEST(AnalysisTrustworthiness, ReversedLineIsPerfectAndARandomLayoutIsNear0_5) {
  std::vector<float> line(50), reversed(50), shuffled(50);
  for (int32_t i = 0; i < 50; ++i) {
    line[static_cast<size_t>(i)] = static_cast<float>(i * i);  // distinct gaps: no ties
    reversed[static_cast<size_t>(i)] = -line[static_cast<size_t>(i)];
    shuffled[static_cast<size_t>(i)] = static_cast<float>(i);
  }
  Random random(8);
  random.shuffle(shuffled.begin(), shuffled.end());
  TrustworthinessParams params;
  params.neighbours = 3;
  EXPECT_DOUBLE_EQ(trustworthiness(line, 50, 1, reversed, 1, params).trustworthiness, 1.0);
  const double t = trustworthiness(line, 50, 1, shuffled, 1, params).trustworthiness;
  EXPECT_GT(t, 0.3);
  EXPECT_LT(t, 0.7);
}

TEST(AnalysisTrustworthiness, SampleAgreesWithExactAndThreadsDoNotMatter) {
  Random random(12);
  constexpr int32_t kRows = 600;
  std::vector<float> x(kRows * 5), layout(kRows * 2);
  for (float& v : x) v = static_cast<float>(random.normal());
  for (int32_t i = 0; i < kRows; ++i) {  // a noisy projection
    layout[static_cast<size_t>(i) * 2] = x[static_cast<size_t>(i) * 5] + 0.3f * static_cast<float>(random.normal());
    layout[static_cast<size_t>(i) * 2 + 1] = x[static_cast<size_t>(i) * 5 + 1];
  }
  TrustworthinessParams params;
  const TrustworthinessResult exact = trustworthiness(x, kRows, 5, layout, 2, params);
  ThreadPool pool(3);
  EXPECT_DOUBLE_EQ(trustworthiness(x, kRows, 5, layout, 2, params, &pool).trustworthiness, exact.trustworthiness);
  params.maxPoints = 200;
  const TrustworthinessResult sampled = trustworthiness(x, kRows, 5, layout, 2, params, &pool);
  EXPECT_EQ(sampled.pointsScored, 200);
  EXPECT_NEAR(sampled.trustworthiness, exact.trustworthiness, 0.03);
}

TEST(AnalysisTrustworthiness, AgreementFromGraphsNeedsMatchingShapes) {
  NeighbourGraph a, b;
  a.rows = b.rows = 2;
  a.neighbours = 1;
  b.neighbours = 2;
  EXPECT_THROW(knnAgreement(a, b), std::invalid_argument);
}

TEST(AnalysisTrustworthiness, RejectsTooManyNeighboursAndCancels) {
  TrustworthinessParams params;
  params.neighbours = 3;  // 2n − 3k − 1 = 0 for n = 5
  EXPECT_THROW(trustworthiness(kLinePoints, 5, 1, kSwappedLayout, 1, params), InputError);
  params.neighbours = 1;
  const TrustworthinessResult stopped =
      trustworthiness(kLinePoints, 5, 1, kSwappedLayout, 1, params, nullptr, [](double) { return false; });
  EXPECT_TRUE(stopped.cancelled);
}

}  // namespace
}  // namespace ll
