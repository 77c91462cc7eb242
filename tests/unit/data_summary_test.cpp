// The data summary behind `info` and the Data panel: the rating histogram on every kind of scale.
#include "core/data/dataset_summary.h"

#include <gtest/gtest.h>

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
