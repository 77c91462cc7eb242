// Embedding history: the thinning pattern under a small budget, exactly; snapshots outlive later
// adds; a reader thread sees consistent lists. Replay: rotated copies come out un-rotated.
#include <gtest/gtest.h>

#include <Eigen/LU>
#include <Eigen/QR>
#include <atomic>
#include <cmath>
#include <thread>

#include "core/analysis/embedding_history.h"
#include "core/data/input_error.h"
#include "core/util/random.h"

namespace ll {
namespace {

constexpr int32_t kHistoryRows = 3, kHistoryDim = 2;
constexpr size_t kHistoryFrameBytes = kHistoryRows * kHistoryDim * sizeof(float);

std::vector<float> historyFrameOf(int32_t epoch) { return std::vector<float>(kHistoryRows * kHistoryDim, static_cast<float>(epoch)); }

TEST(AnalysisEmbeddingHistory, ThinsToEveryTwoThenEveryFourKeepingTheFirstAndTheLatest) {
  EmbeddingHistory history(kHistoryRows, kHistoryDim, 4 * kHistoryFrameBytes);
  EXPECT_EQ(history.capacity(), 4);
  const std::vector<std::vector<int32_t>> expected = {
      {1}, {1, 2}, {1, 2, 3}, {1, 2, 3, 4}, {1, 3, 5}, {1, 3, 5, 6}, {1, 3, 5, 7}, {1, 5, 8}, {1, 5, 9}, {1, 5, 9, 10}};
  const std::vector<int32_t> strides = {1, 1, 1, 1, 2, 2, 2, 4, 4, 4};
  for (int32_t epoch = 1; epoch <= 10; ++epoch) {
    history.add(epoch, historyFrameOf(epoch));
    EXPECT_EQ(history.epochs(), expected[static_cast<size_t>(epoch - 1)]) << "after epoch " << epoch;
    EXPECT_EQ(history.stride(), strides[static_cast<size_t>(epoch - 1)]) << "after epoch " << epoch;
    EXPECT_LE(history.bytes(), 4 * kHistoryFrameBytes);
  }
  EXPECT_EQ(history.bytes(), 4 * kHistoryFrameBytes);
  // Each frame holds its own epoch's values.
  for (int32_t i = 0; i < history.frameCount(); ++i) {
    const EmbeddingFrame f = history.frame(i);
    EXPECT_EQ((*f.values)[0], static_cast<float>(f.epoch));
    EXPECT_EQ(f.sequence, f.epoch - 1);
  }
  EXPECT_THROW(history.frame(4), InputError);
}

TEST(AnalysisEmbeddingHistory, ALongRunFitsAndStaysSpreadOverTheRun) {
  EmbeddingHistory history(kHistoryRows, kHistoryDim, 5 * kHistoryFrameBytes + 7);
  EXPECT_EQ(history.capacity(), 5);
  for (int32_t epoch = 0; epoch < 1000; ++epoch) history.add(epoch, historyFrameOf(epoch));
  const auto epochs = history.epochs();
  ASSERT_LE(epochs.size(), 5u);
  EXPECT_GE(epochs.size(), 3u);
  EXPECT_EQ(epochs.front(), 0);
  EXPECT_EQ(epochs.back(), 999);
  const int32_t stride = history.stride();
  for (size_t i = 0; i + 1 < epochs.size(); ++i) EXPECT_EQ(epochs[i] % stride, 0);
  EXPECT_LE(history.bytes(), history.budgetBytes());
}

TEST(AnalysisEmbeddingHistory, TinyBudgetsKeepTheFirstAndLatestOrTheLatestOnly) {
  EmbeddingHistory two(kHistoryRows, kHistoryDim, 2 * kHistoryFrameBytes);
  EmbeddingHistory one(kHistoryRows, kHistoryDim, kHistoryFrameBytes);
  EmbeddingHistory none(kHistoryRows, kHistoryDim, 0);
  for (int32_t epoch = 1; epoch <= 10; ++epoch) {
    for (EmbeddingHistory* h : {&two, &one, &none}) h->add(epoch, historyFrameOf(epoch));
  }
  EXPECT_EQ(two.epochs(), (std::vector<int32_t>{1, 10}));
  EXPECT_EQ(one.epochs(), (std::vector<int32_t>{10}));
  EXPECT_EQ(none.epochs(), (std::vector<int32_t>{10}));
  EXPECT_EQ(none.bytes(), kHistoryFrameBytes);  // over a budget below one frame, as documented
}

TEST(AnalysisEmbeddingHistory, EpochsMustIncreaseAndFramesMatchTheShape) {
  EmbeddingHistory history(kHistoryRows, kHistoryDim);
  history.add(3, historyFrameOf(3));
  EXPECT_THROW(history.add(3, historyFrameOf(3)), InputError);
  EXPECT_THROW(history.add(2, historyFrameOf(2)), InputError);
  EXPECT_THROW(history.add(4, std::vector<float>(5, 0.0f)), InputError);
  EXPECT_THROW(history.add(4, std::shared_ptr<const std::vector<float>>()), InputError);
  history.clear();
  EXPECT_EQ(history.frameCount(), 0);
  history.add(1, historyFrameOf(1));  // a restarted run
  EXPECT_EQ(history.epochs(), std::vector<int32_t>{1});
}

TEST(AnalysisEmbeddingHistory, ASnapshotOfTheListOutlivesLaterAdds) {
  EmbeddingHistory history(kHistoryRows, kHistoryDim, 2 * kHistoryFrameBytes);
  for (int32_t epoch = 1; epoch <= 3; ++epoch) history.add(epoch, historyFrameOf(epoch));
  const auto held = history.frames();
  for (int32_t epoch = 4; epoch <= 20; ++epoch) history.add(epoch, historyFrameOf(epoch));
  ASSERT_EQ(held->size(), 2u);
  EXPECT_EQ((*held)[1].epoch, 3);
  EXPECT_EQ((*(*held)[1].values)[0], 3.0f);  // its values are still alive
}

TEST(AnalysisEmbeddingHistory, AReaderThreadSeesConsistentListsWhileTheOwnerAdds) {
  EmbeddingHistory history(kHistoryRows, kHistoryDim, 6 * kHistoryFrameBytes);
  std::atomic<bool> done{false};
  std::thread owner([&] {
    for (int32_t epoch = 1; epoch <= 400; ++epoch) history.add(epoch, historyFrameOf(epoch));
    done.store(true);
  });
  int64_t reads = 0;
  bool consistent = true;
  while (!done.load() || reads == 0) {
    const auto list = history.frames();
    ++reads;
    if (list->empty()) continue;
    consistent = consistent && list->size() <= 6 && list->front().epoch == 1;
    for (size_t i = 0; i < list->size(); ++i) {
      consistent = consistent && (*(*list)[i].values)[5] == static_cast<float>((*list)[i].epoch);
      if (i > 0) consistent = consistent && (*list)[i].epoch > (*list)[i - 1].epoch;
    }
  }
  owner.join();
  EXPECT_TRUE(consistent);
  EXPECT_EQ(history.epochs().back(), 400);
}

// --- Replay ------------------------------------------------------------------------------------

// n × d rows, offset by 1, whose centred columns are exactly orthogonal with spreads 5, 3, 2,
// 0.5, …: the principal components are exactly the first columns, so a turn within the top-k
// columns turns the projection on the top-k axes and nothing else.
std::vector<float> replayBase(int32_t n, int32_t d, uint64_t seed) {
  Random random(seed);
  Eigen::MatrixXd g(n, d);
  for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = random.normal();
  g.rowwise() -= g.colwise().mean();
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ() * Eigen::MatrixXd::Identity(n, d);
  const double spreads[] = {5.0, 3.0, 2.0, 0.5, 0.3, 0.2, 0.1, 0.05};
  std::vector<float> x;
  for (int32_t r = 0; r < n; ++r) {
    for (int32_t j = 0; j < d; ++j) x.push_back(static_cast<float>(spreads[j] * std::sqrt(n - 1.0) * q(r, j) + 1.0));
  }
  return x;
}

// A rotation acting on the first `span` columns only (span = d: any rotation).
Eigen::MatrixXd replayRotation(int32_t d, int32_t span, uint64_t seed) {
  Random random(seed);
  Eigen::MatrixXd g(span, span);
  for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = random.normal();
  Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
  if (q.determinant() < 0) q.col(0) *= -1.0;
  Eigen::MatrixXd full = Eigen::MatrixXd::Identity(d, d);
  full.topLeftCorner(span, span) = q;
  return full;
}

// The base turned by a different rotation at every epoch, as training might: the history's frames.
std::shared_ptr<const EmbeddingFrames> replayFrames(const std::vector<float>& base, int32_t n, int32_t d, int32_t span, int32_t frames) {
  EmbeddingHistory history(n, d);
  using Rows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const Rows> x(base.data(), n, d);
  for (int32_t epoch = 1; epoch <= frames; ++epoch) {
    const Rows turned = x * replayRotation(d, span, 100 + epoch).cast<float>();
    history.add(epoch, std::span<const float>(turned.data(), static_cast<size_t>(turned.size())));
  }
  return history.frames();
}

ReplayParams replayParams(int32_t components, bool anchorLatest = true, bool alignEmbeddings = false) {
  ReplayParams params;
  params.components = components;
  params.anchorLatest = anchorLatest;
  params.alignEmbeddings = alignEmbeddings;
  return params;
}

double replayLargestGap(const std::vector<float>& a, const std::vector<float>& b) {
  double worst = 0.0;
  for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, static_cast<double>(std::abs(a[i] - b[i])));
  return worst;
}

TEST(AnalysisEmbeddingHistory, ReplayOfRotatedCopiesComesOutUnrotatedIn2DAnd3D) {
  const int32_t n = 300, d = 6;
  const auto base = replayBase(n, d, 7);
  for (int32_t k : {2, 3}) {
    SCOPED_TRACE(k);
    const auto frames = replayFrames(base, n, d, k, 6);  // turned within the top-k plane
    const PcaResult axes = computePca(*frames->back().values, n, d);
    const ReplayLayout layout = alignedProjection(*frames, axes, replayParams(k));
    ASSERT_EQ(layout.coordinates.size(), 6u);
    EXPECT_EQ(layout.epochs, (std::vector<int32_t>{1, 2, 3, 4, 5, 6}));
    for (size_t f = 1; f < 6; ++f) EXPECT_LT(replayLargestGap(layout.coordinates[f], layout.coordinates[0]), 1e-4) << f;
    // The latest is the anchor: exactly its projection on the axes. Unaligned, the frames spin.
    const ReplayLayout first = alignedProjection({(*frames)[0]}, axes, replayParams(k));
    const ReplayLayout latest = alignedProjection({(*frames)[5]}, axes, replayParams(k));
    EXPECT_EQ(layout.coordinates[5], latest.coordinates[0]);
    EXPECT_GT(replayLargestGap(first.coordinates[0], latest.coordinates[0]), 1.0);
    EXPECT_EQ(layout.residuals[5], 0.0);
    for (size_t f = 0; f < 5; ++f) EXPECT_LT(layout.residuals[f], 1e-6);
  }
}

TEST(AnalysisEmbeddingHistory, ReplayAnchoredOnTheFirstFrameAndAlignedInEmbeddingSpace) {
  const int32_t n = 300, d = 6;
  const auto base = replayBase(n, d, 9);
  const auto frames = replayFrames(base, n, d, d, 5);  // turned in all six dimensions
  const PcaResult axes = computePca(*frames->back().values, n, d);
  const ReplayLayout layout = alignedProjection(*frames, axes, replayParams(2, false, true));
  for (size_t f = 1; f < 5; ++f) EXPECT_LT(replayLargestGap(layout.coordinates[f], layout.coordinates[0]), 1e-4) << f;
  const ReplayLayout again = alignedProjection(*frames, axes, replayParams(2, false, true));
  EXPECT_EQ(again.coordinates, layout.coordinates);  // deterministic
  EXPECT_THROW(alignedProjection(*frames, axes, replayParams(4)), InputError);
  EXPECT_TRUE(alignedProjection({}, axes).coordinates.empty());
  const ReplayLayout stopped = alignedProjection(*frames, axes, {}, [](double) { return false; });
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_TRUE(stopped.coordinates.empty());
}

}  // namespace
}  // namespace ll
