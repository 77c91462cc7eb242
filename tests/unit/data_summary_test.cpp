// The data summary behind `info` and the Data panel: the rating histogram on every kind of scale,
// and the spread statistics, checked against values worked out by hand.
#include "core/data/dataset_summary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>

#include "core/data/file_source.h"
#include "core/data/formats.h"
#include "tests/support/tiny_dataset.h"

namespace ll {
namespace {

int64_t total(const RatingHistogram& h) { return std::accumulate(h.counts.begin(), h.counts.end(), int64_t{0}); }

TEST(DataSummary, WholeStarsGetOneBinPerStar) {
  const DatasetSummary s = summarizeDataset(
      testing::makeTinyDataset({{"1", "10", 1, 0}, {"1", "20", 5, 0}, {"2", "10", 5, 0}, {"2", "30", 3, 0}}));
  EXPECT_EQ(s.histogram.labels, (std::vector<std::string>{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(s.histogram.counts, (std::vector<int64_t>{1, 0, 1, 0, 2}));
}

// Ratings 1, 5, 5, 3, 3: mean 3.4, population variance 11.2 / 5. User means 3, 4, 3: variance
// 2/9. Movie means 3 (3 ratings), 5 and 3 (1 each): variance 8/9. log counts (ln 3, 0, 0)
// against means (3, 5, 3): covariance −2 ln 3 / 9 over sds ln 3·√2/3 and 2√2/3, so −0.5.
TEST(DataSummary, SpreadsAndPopularityCorrelationByHand) {
  const DatasetSummary s = summarizeDataset(testing::makeTinyDataset(
      {{"1", "10", 1, 0}, {"1", "20", 5, 0}, {"2", "10", 5, 0}, {"2", "30", 3, 0}, {"3", "10", 3, 0}}));
  EXPECT_NEAR(s.meanRating, 3.4, 1e-12);
  EXPECT_NEAR(s.ratingSd, std::sqrt(11.2 / 5.0), 1e-12);
  EXPECT_NEAR(s.userMeanSd, std::sqrt(2.0) / 3.0, 1e-12);
  EXPECT_NEAR(s.itemMeanSd, std::sqrt(8.0) / 3.0, 1e-12);
  EXPECT_NEAR(s.popularityMeanCorrelation, -0.5, 1e-12);
}

TEST(DataSummary, ConstantCountsHaveNoCorrelation) {
  const DatasetSummary s = summarizeDataset(testing::makeTinyDataset({{"1", "10", 2, 0}, {"2", "20", 4, 0}}));
  EXPECT_NEAR(s.itemMeanSd, 1.0, 1e-12);
  EXPECT_EQ(s.popularityMeanCorrelation, 0.0);
}

// Found by fuzz_triplets: a span of more whole steps than an int holds was narrowed to a negative
// bin count, and the histogram asked for a vector beyond max_size().
TEST(DataSummary, AFreeScaleWiderThanAnIntGetsTenBins) {
  const DatasetSummary s = summarizeDataset(testing::makeTinyDataset({{"1", "10", 3.0f, 0}, {"1", "20", 7477777777777777.0f, 0}}));
  ASSERT_EQ(s.histogram.counts.size(), 10u);
  EXPECT_EQ(s.histogram.counts.front(), 1);
  EXPECT_EQ(s.histogram.counts.back(), 1);

  const std::string found = std::string(LATENTLENS_FIXTURES_DIR) + "/fuzz-regressions/fuzz_triplets/histogram-bins-overflow.tsv";
  EXPECT_EQ(summarizeDataset(parseDataset(FileSource::open(found), FeatureOptions{})).histogram.counts.size(), 10u);
}

TEST(DataSummary, TheWidestFloatScaleStillBinsEveryRating) {
  const DatasetSummary s =
      summarizeDataset(testing::makeTinyDataset({{"1", "10", -3e38f, 0}, {"1", "20", 0.5f, 0}, {"2", "10", 3e38f, 0}}));
  ASSERT_EQ(s.histogram.counts.size(), 10u);
  EXPECT_EQ(total(s.histogram), 3);
  EXPECT_EQ(s.histogram.counts.front(), 1);
  EXPECT_EQ(s.histogram.counts.back(), 1);
}

}  // namespace
}  // namespace ll
