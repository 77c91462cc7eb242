// The maximum-inner-product index: exact on small sets checked by hand, high recall on a large
// one, films left out or skipped never returned, and the saved bytes answering the same.
#include <gtest/gtest.h>

#include <numeric>

#include "core/analysis/inner_product_index.h"
#include "core/io/versioned_file.h"
#include "core/util/random.h"

namespace ll {
namespace {

// ŷ(e, i) = offset_i + e·direction_i over 2-D users.
UserAffineForm handForm() {
  UserAffineForm form;
  form.items = 5;
  form.dim = 2;
  form.offset = {3.0f, 1.0f, 0.0f, 2.0f, 4.0f};
  form.direction = {1.0f, 0.0f,   // 0
                    0.0f, 3.0f,   // 1
                    5.0f, 5.0f,   // 2
                    -1.0f, 1.0f,  // 3
                    0.0f, -2.0f};  // 4
  return form;
}

std::vector<int32_t> allItems(int32_t n) {
  std::vector<int32_t> items(static_cast<size_t>(n));
  std::iota(items.begin(), items.end(), 0);
  return items;
}

UserAffineForm gaussianForm(int32_t items, int32_t dim, uint64_t seed) {
  Random random(seed);
  UserAffineForm form;
  form.items = items;
  form.dim = dim;
  form.offset.resize(static_cast<size_t>(items));
  form.direction.resize(static_cast<size_t>(items) * dim);
  // Norms that differ from film to film, as trained factors' do: the case plain cosine search gets wrong.
  for (int32_t i = 0; i < items; ++i) {
    const double scale = 0.3 + 1.5 * random.uniform();
    for (int32_t f = 0; f < dim; ++f) form.direction[static_cast<size_t>(i) * dim + f] = static_cast<float>(scale * random.normal());
    form.offset[static_cast<size_t>(i)] = static_cast<float>(3.5 + 0.5 * random.normal());
  }
  return form;
}

TEST(AnalysisInnerProductIndex, FindsTheHighestPredictionsOfASmallSetExactly) {
  const UserAffineForm form = handForm();
  const InnerProductIndex index(form, allItems(5));
  // e = (1, 0): ŷ = 4, 1, 5, 1, 4 → 2 (5), then 0 and 4 tie at 4 (lower index first).
  const std::vector<float> e = {1.0f, 0.0f};
  const auto top = index.search(e, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].item, 2);
  EXPECT_FLOAT_EQ(top[0].score, 5.0f);
  EXPECT_EQ(top[1].item, 0);
  EXPECT_EQ(top[2].item, 4);
  EXPECT_FLOAT_EQ(top[2].score, 4.0f);
  // e = (0, −1): ŷ = 3, −2, −5, 1, 6 → 4, 0, 3.
  const std::vector<float> down = {0.0f, -1.0f};
  const auto best = index.search(down, 3);
  ASSERT_EQ(best.size(), 3u);
  EXPECT_EQ(best[0].item, 4);
  EXPECT_EQ(best[1].item, 0);
  EXPECT_EQ(best[2].item, 3);
  EXPECT_TRUE(index.search(e, 0).empty());
  EXPECT_EQ(index.search(e, 10).size(), 5u);
  EXPECT_THROW(index.search(std::vector<float>{1.0f}, 3), std::invalid_argument);
}

TEST(AnalysisInnerProductIndex, NeverReturnsFilmsLeftOutOrSkipped) {
  const UserAffineForm form = handForm();
  const std::vector<int32_t> listed = {0, 1, 3, 4};  // film 2, the best for e = (1, 0), is not indexed
  const InnerProductIndex index(form, listed);
  std::vector<uint8_t> excluded(5, 0);
  excluded[0] = 1;  // the user rated film 0
  const std::vector<float> e = {1.0f, 0.0f};
  const auto top = index.search(e, 2, excluded);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].item, 4);  // 4, then 1 and 3 tie at 1: the graph may find either
  EXPECT_NE(top[1].item, 0);
  EXPECT_FLOAT_EQ(top[1].score, 1.0f);
  const auto exact = exactTopItems(form, listed, e, 2, excluded);
  ASSERT_EQ(exact.size(), 2u);
  EXPECT_EQ(exact[0].item, 4);
  EXPECT_EQ(exact[1].item, 1);
  EXPECT_EQ(index.search(e, 10, excluded).size(), 3u);
  EXPECT_THROW(InnerProductIndex(form, std::vector<int32_t>{0, 0}), std::invalid_argument);
  EXPECT_THROW(InnerProductIndex(form, std::vector<int32_t>{5}), std::invalid_argument);
}

TEST(AnalysisInnerProductIndex, RecallAtTenIsHighOnFilmsOfUnequalNorms) {
  const UserAffineForm form = gaussianForm(5000, 16, 7);
  const auto items = allItems(form.items);
  // 16 unstructured dimensions are the hard case (trained factors have fewer effective ones).
  const InnerProductIndex index(form, items, {.efConstruction = 200, .efSearch = 400});
  Random random(11);
  double recall = 0.0;
  constexpr int kQueries = 100;
  std::vector<float> e(16);
  for (int q = 0; q < kQueries; ++q) {
    for (float& v : e) v = static_cast<float>(random.normal());
    const auto approximate = index.search(e, 10);
    const auto exact = exactTopItems(form, items, e, 10);
    ASSERT_EQ(approximate.size(), 10u);
    for (size_t r = 1; r < approximate.size(); ++r) EXPECT_GE(approximate[r - 1].score, approximate[r].score);
    recall += recallAt(approximate, exact);
  }
  EXPECT_GE(recall / kQueries, 0.95);
}

TEST(AnalysisInnerProductIndex, SavedBytesAnswerTheSameAndDamageIsRefused) {
  const UserAffineForm form = gaussianForm(800, 8, 3);
  std::vector<int32_t> items;
  for (int32_t i = 0; i < form.items; i += 2) items.push_back(i);
  const InnerProductIndex index(form, items, {.links = 8, .efConstruction = 50, .efSearch = 20});
  const std::string bytes = index.toBytes();
  const InnerProductIndex reloaded = InnerProductIndex::fromBytes(bytes);
  EXPECT_EQ(reloaded.size(), index.size());
  EXPECT_EQ(reloaded.params().links, 8);
  EXPECT_EQ(reloaded.params().efSearch, 20);
  Random random(5);
  std::vector<float> e(8);
  for (int q = 0; q < 20; ++q) {
    for (float& v : e) v = static_cast<float>(random.normal());
    const auto a = index.search(e, 10), b = reloaded.search(e, 10);
    ASSERT_EQ(a.size(), b.size());
    for (size_t r = 0; r < a.size(); ++r) {
      EXPECT_EQ(a[r].item, b[r].item);
      EXPECT_EQ(a[r].item % 2, 0);
    }
  }
  std::string damaged = bytes;
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x55);
  EXPECT_THROW(InnerProductIndex::fromBytes(damaged), DamagedFile);
  EXPECT_THROW(InnerProductIndex::fromBytes(bytes.substr(0, bytes.size() - 9)), DamagedFile);
}

TEST(AnalysisInnerProductIndex, RecallCountsTheExactFilmsFound) {
  const std::vector<ScoredItem> exact = {{1, 5.0f}, {2, 4.0f}, {3, 3.0f}, {4, 2.0f}};
  const std::vector<ScoredItem> approximate = {{1, 5.0f}, {3, 3.0f}, {9, 2.5f}, {4, 2.0f}};
  EXPECT_DOUBLE_EQ(recallAt(approximate, exact), 0.75);
  EXPECT_DOUBLE_EQ(recallAt(approximate, {}), 1.0);
  EXPECT_DOUBLE_EQ(recallAt({}, exact), 0.0);
}

}  // namespace
}  // namespace ll
