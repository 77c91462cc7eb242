// The all-items cosine table through the 16-bit integer first pass (cosine_candidates.h) and
// through the float tiles, each against a brute-force top k by unitDot with the tie rule (more
// similar first, then the lower row), bit for bit: random rows, exact ties and duplicate rows,
// zero rows, k beyond the rows there are, dimensions that fill no whole vector, and rows whose
// order the integer dot products get wrong. The AVX-512 VNNI kernel against the AVX2 one on the
// same shapes: the same candidates, hence the same table.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/analysis/cosine_candidates.h"
#include "core/analysis/cosine_neighbours.h"
#include "core/util/random.h"

namespace ll {
namespace {

std::vector<float> gaussianRows(int32_t rows, int32_t d, uint64_t seed) {
  Random random(seed);
  std::vector<float> v(static_cast<size_t>(rows) * d);
  for (float& x : v) x = static_cast<float>(random.normal());
  return v;
}

std::vector<std::vector<Neighbour>> bruteForceTable(const CosineIndex& index, const NeighbourParams& params,
                                                    std::span<const int64_t> counts) {
  std::vector<std::vector<Neighbour>> table(static_cast<size_t>(index.rows()));
  for (int32_t r = 0; r < index.rows(); ++r) {
    if (index.isZero(r)) continue;
    std::vector<Neighbour> all;
    for (int32_t c = 0; c < index.rows(); ++c) {
      if (c == r || index.isZero(c) || (params.minRatings > 0 && counts[static_cast<size_t>(c)] < params.minRatings)) continue;
      all.push_back({c, unitDot(index.unitRow(r).data(), index.unitRow(c).data(), index.dimension())});
    }
    std::sort(all.begin(), all.end(), [](const Neighbour& a, const Neighbour& b) {
      return a.similarity > b.similarity || (a.similarity == b.similarity && a.item < b.item);
    });
    all.resize(std::min(all.size(), static_cast<size_t>(params.count)));
    table[static_cast<size_t>(r)] = all;
  }
  return table;
}

void expectSameTable(const std::vector<std::vector<Neighbour>>& expected, const std::vector<std::vector<Neighbour>>& table) {
  ASSERT_EQ(expected.size(), table.size());
  for (size_t r = 0; r < expected.size(); ++r) {
    ASSERT_EQ(expected[r].size(), table[r].size()) << "row " << r;
    for (size_t n = 0; n < expected[r].size(); ++n) {
      EXPECT_EQ(expected[r][n].item, table[r][n].item) << "row " << r << ", neighbour " << n;
      EXPECT_EQ(expected[r][n].similarity, table[r][n].similarity) << "row " << r << ", neighbour " << n;
    }
  }
}

// Both methods on 1, 2 and 3 threads against brute force; the integer pass's stats on one thread
// (on more, which rows it resolves depends on which thread takes which tile).
AllNeighboursStats expectBothMethodsExact(const CosineIndex& index, const NeighbourParams& params = {},
                                          std::span<const int64_t> counts = {}) {
  const auto expected = bruteForceTable(index, params, counts);
  AllNeighboursStats oneThread;
  for (const int32_t threads : {1, 2, 3}) {
    AllNeighboursStats stats;
    expectSameTable(expected, index.allNeighbours(params, counts, threads, AllNeighboursMethod::FloatTiles, &stats));
    EXPECT_TRUE(stats.floatTiles);
    expectSameTable(expected, index.allNeighbours(params, counts, threads, AllNeighboursMethod::IntegerFirstPass, &stats));
    if (threads == 1) oneThread = stats;
  }
  return oneThread;
}

TEST(AnalysisCosineCandidates, RandomRowsEqualBruteForce) {
  const int32_t rows = 1300, d = 32;  // three 480-row float tiles, the last ragged
  const CosineIndex index(gaussianRows(rows, d, 1), rows, d);
  const AllNeighboursStats stats = expectBothMethodsExact(index);
  EXPECT_FALSE(stats.floatTiles);
  EXPECT_EQ(stats.unresolvedRows, 0);
  EXPECT_GE(stats.candidates, int64_t{rows} * 10);
  EXPECT_LT(stats.candidates, int64_t{rows} * 12);  // the bound leaves hardly more than the top 10

  std::vector<int64_t> counts(rows);
  for (int32_t r = 0; r < rows; ++r) counts[static_cast<size_t>(r)] = r % 5;
  expectBothMethodsExact(index, {.count = 7, .minRatings = 3}, counts);
}

// Enough rows for nine tiles of the integer pass, so the threads share their gates four times
// between runs of tile pairs; rows in 60 planted clusters spread over every tile, so a row's best
// candidates are met by every thread. On 1, 2 and 3 threads: every row resolved, its candidates
// holding its brute-force top k, and the same table.
TEST(AnalysisCosineCandidates, GatesSharedBetweenThreadsKeepEveryTopK) {
  const int32_t rows = 4100, d = 32, clusters = 60;
  const std::vector<float> centres = gaussianRows(clusters, d, 7);
  std::vector<float> v = gaussianRows(rows, d, 8);
  for (size_t r = 0; r < static_cast<size_t>(rows); ++r) {
    for (size_t j = 0; j < static_cast<size_t>(d); ++j) v[r * d + j] = centres[r % clusters * d + j] + 0.3f * v[r * d + j];
  }
  const CosineIndex index(v, rows, d);
  const auto expected = bruteForceTable(index, {}, {});
  std::vector<float> unit;
  std::vector<uint8_t> zero(static_cast<size_t>(rows), 0), eligible(static_cast<size_t>(rows), 1);
  for (int32_t r = 0; r < rows; ++r) unit.insert(unit.end(), index.unitRow(r).begin(), index.unitRow(r).end());
  for (const int32_t threads : {1, 2, 3}) {
    ThreadPool pool(threads);
    const CosineCandidates candidates = cosineCandidates(unit, rows, d, zero, eligible, 10, pool);
    for (size_t r = 0; r < static_cast<size_t>(rows); ++r) {
      ASSERT_EQ(candidates.unresolved[r], 0) << "row " << r << ", " << threads << " threads";
      for (const Neighbour& n : expected[r]) {
        EXPECT_NE(std::find(candidates.rows[r].begin(), candidates.rows[r].end(), n.item), candidates.rows[r].end())
            << "row " << r << " lacks " << n.item << ", " << threads << " threads";
      }
    }
    AllNeighboursStats stats;
    expectSameTable(expected, index.allNeighbours({}, {}, threads, AllNeighboursMethod::IntegerFirstPass, &stats));
    EXPECT_FALSE(stats.floatTiles);
  }
}

TEST(AnalysisCosineCandidates, DimensionsThatFillNoWholeVector) {
  for (const int32_t d : {1, 2, 3, 15, 17, 33}) {
    const int32_t rows = 301;
    const CosineIndex index(gaussianRows(rows, d, 10 + static_cast<uint64_t>(d)), rows, d);
    expectBothMethodsExact(index, {.count = 5});
  }
}

// Small integer vectors: many cosines are exactly equal, many rows duplicate others or point the
// same way at another length; so many rows have more ties than the pass keeps that the float tiles
// make the table.
TEST(AnalysisCosineCandidates, ExactTiesEverywhere) {
  Random random(3);
  const int32_t rows = 700, d = 6;
  std::vector<float> v(static_cast<size_t>(rows) * d);
  for (float& x : v) x = static_cast<float>(random.below(3)) - 1.0f;
  const CosineIndex index(v, rows, d);
  const AllNeighboursStats stats = expectBothMethodsExact(index, {.count = 10});
  EXPECT_TRUE(stats.floatTiles);
  EXPECT_GT(stats.unresolvedRows, 0);
  expectBothMethodsExact(index, {.count = 1});
}

// Row 3 and 40 copies of it (at lengths 1, 2 and 4: the same unit row) tie at similarity 1, more
// than the pass keeps for k = 10, and so do they in the lists of rows near them: those rows alone
// are scanned exactly.
TEST(AnalysisCosineCandidates, DuplicateRowsAreScannedExactly) {
  const int32_t rows = 2040, d = 32, copies = 40;
  std::vector<float> v = gaussianRows(rows, d, 2);
  for (int32_t c = 0; c < copies; ++c) {
    const int32_t row = rows - copies + c;
    for (int32_t j = 0; j < d; ++j) v[static_cast<size_t>(row) * d + j] = static_cast<float>(1 << (c % 3)) * v[3 * d + j];
  }
  const CosineIndex index(v, rows, d);
  const AllNeighboursStats stats = expectBothMethodsExact(index);
  EXPECT_FALSE(stats.floatTiles);
  EXPECT_GE(stats.unresolvedRows, copies + 1);
  EXPECT_LE(stats.unresolvedRows * 32, rows);
  const auto table = index.allNeighbours();
  for (int32_t n = 0; n < 10; ++n) EXPECT_EQ(table[3][static_cast<size_t>(n)].item, rows - copies + n);
}

// Rows 0 and 5 are zero: nobody lists them and they list nobody; k exceeds the other rows.
TEST(AnalysisCosineCandidates, ZeroRowsAndMoreNeighboursThanRows) {
  const int32_t rows = 9, d = 4;
  std::vector<float> v = gaussianRows(rows, d, 4);
  for (const int32_t zero : {0, 5}) std::fill_n(v.begin() + zero * d, d, 0.0f);
  const CosineIndex index(v, rows, d);
  expectBothMethodsExact(index, {.count = 20});
  const auto table = index.allNeighbours({.count = 20});
  EXPECT_TRUE(table[0].empty());
  EXPECT_TRUE(table[5].empty());
  EXPECT_EQ(table[1].size(), 6u);

  const std::vector<float> zeros(static_cast<size_t>(rows) * d, 0.0f);
  for (const auto& list : CosineIndex(zeros, rows, d).allNeighbours()) EXPECT_TRUE(list.empty());
}

// Rows 1 … 20 lie at angles θ_i from row 0 with cos θ_i = 1 − 2·10⁻⁶·i: 2·10⁻⁶ apart, well above
// float rounding but far below the 16-bit grid (2⁻¹⁵ a coordinate), so the integer dot products
// rank them in another order, and only the exact re-rank puts row 0's neighbours in order.
TEST(AnalysisCosineCandidates, TheExactPassOrdersWhatTheIntegersCannot) {
  const int32_t close = 20, rows = 1000, d = 32;
  std::vector<double> x(d);
  Random random(5);
  for (double& a : x) a = random.normal();
  double norm = 0.0;
  for (const double a : x) norm += a * a;
  for (double& a : x) a /= std::sqrt(norm);
  std::vector<float> v = gaussianRows(rows, d, 6);
  for (int32_t i = 0; i <= close; ++i) {
    std::vector<double> z(d);  // a random direction orthogonal to x
    for (double& a : z) a = random.normal();
    double along = 0.0, zNorm = 0.0;
    for (int32_t j = 0; j < d; ++j) along += z[static_cast<size_t>(j)] * x[static_cast<size_t>(j)];
    for (int32_t j = 0; j < d; ++j) z[static_cast<size_t>(j)] -= along * x[static_cast<size_t>(j)];
    for (const double a : z) zNorm += a * a;
    const double c = 1.0 - 2e-6 * i, s = std::sqrt(1.0 - c * c);
    for (int32_t j = 0; j < d; ++j) {
      v[static_cast<size_t>(i) * d + j] = static_cast<float>(c * x[static_cast<size_t>(j)] + s * z[static_cast<size_t>(j)] / std::sqrt(zNorm));
    }
  }
  const CosineIndex index(v, rows, d);
  const AllNeighboursStats stats = expectBothMethodsExact(index);
  EXPECT_FALSE(stats.floatTiles);
  const auto table = index.allNeighbours();
  for (int32_t n = 0; n < 10; ++n) EXPECT_EQ(table[0][static_cast<size_t>(n)].item, n + 1);

  // The integer dot products of row 0 on a 2¹⁵ grid, as the first pass takes them: out of order.
  const auto grid = [&](int32_t r) {
    std::vector<int64_t> q(d);
    for (int32_t j = 0; j < d; ++j) q[static_cast<size_t>(j)] = std::lround(std::ldexp(index.unitRow(r)[static_cast<size_t>(j)], 15));
    return q;
  };
  const auto q0 = grid(0);
  std::vector<int64_t> dots;
  for (int32_t i = 1; i <= close; ++i) {
    const auto q = grid(i);
    int64_t dot = 0;
    for (int32_t j = 0; j < d; ++j) dot += q0[static_cast<size_t>(j)] * q[static_cast<size_t>(j)];
    dots.push_back(dot);
  }
  EXPECT_FALSE(std::is_sorted(dots.begin(), dots.end(), std::greater<>()));
}

// Both integer kernels on one thread (on more, the lists hang on which thread takes which tile):
// the same candidates row by row in the same order, and the same unresolved rows. Every third row
// is ineligible, as a rating filter makes some.
void expectSameCandidatesFromBothKernels(const CosineIndex& index, size_t k) {
  std::vector<float> unit;
  std::vector<uint8_t> zero, nonZero, filtered;
  for (int32_t r = 0; r < index.rows(); ++r) {
    unit.insert(unit.end(), index.unitRow(r).begin(), index.unitRow(r).end());
    zero.push_back(index.isZero(r));
    nonZero.push_back(!index.isZero(r));
    filtered.push_back(!index.isZero(r) && r % 3 != 0);
  }
  ThreadPool pool(1);
  for (const auto& eligible : {nonZero, filtered}) {
    const CosineCandidates avx2 = cosineCandidates(unit, index.rows(), index.dimension(), zero, eligible, k, pool, DotKernel::Avx2);
    const CosineCandidates vnni = cosineCandidates(unit, index.rows(), index.dimension(), zero, eligible, k, pool, DotKernel::Avx512Vnni);
    EXPECT_EQ(avx2.rows, vnni.rows);
    EXPECT_EQ(avx2.unresolved, vnni.unresolved);
  }
}

TEST(AnalysisCosineCandidates, VnniKernelGivesTheAvx2Candidates) {
  if (fastestDotKernel() != DotKernel::Avx512Vnni) {
    GTEST_SKIP() << "no AVX-512 VNNI on this CPU (or no AVX2 in the build): only the AVX2 kernel runs here";
  }
  expectSameCandidatesFromBothKernels(CosineIndex(gaussianRows(1300, 32, 1), 1300, 32), 10);
  for (const int32_t d : {1, 2, 3, 15, 17, 33}) {
    expectSameCandidatesFromBothKernels(CosineIndex(gaussianRows(301, d, 10 + static_cast<uint64_t>(d)), 301, d), 5);
  }
  Random random(3);
  std::vector<float> ties(700 * 6);
  for (float& x : ties) x = static_cast<float>(random.below(3)) - 1.0f;
  expectSameCandidatesFromBothKernels(CosineIndex(ties, 700, 6), 10);

  const int32_t rows = 2040, d = 32;
  std::vector<float> duplicates = gaussianRows(rows, d, 2);
  for (int32_t row = rows - 40; row < rows; ++row) std::copy_n(duplicates.begin() + 3 * d, d, duplicates.begin() + row * d);
  expectSameCandidatesFromBothKernels(CosineIndex(duplicates, rows, d), 10);
}

}  // namespace
}  // namespace ll
