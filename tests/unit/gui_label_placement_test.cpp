// Labels beside points: the first spot that is free is taken (right, then left, above, below),
// nothing leaves the view, no two labels overlap (checked on a crowded random scene), and the
// order of the requests is the priority.
#include <gtest/gtest.h>

#include <random>

#include "app/gui/state/label_placement.h"

namespace ll::gui {
namespace {

TEST(GuiLabelPlacement, TakesTheFirstFreeSpotInOrder) {
  const LabelArea area{200, 100, 4};
  // Two points side by side: the first label goes right of its point; the second's right spot is
  // free too. A third at the first's place must go elsewhere (left).
  const std::vector<LabelRequest> requests = {{0, 50, 50, 40, 10}, {1, 150, 50, 40, 10}, {2, 50, 50, 40, 10}};
  const std::vector<PlacedLabel> placed = placeLabels(requests, area);
  ASSERT_EQ(placed.size(), 3u);
  EXPECT_FLOAT_EQ(placed[0].left, 54);
  EXPECT_FLOAT_EQ(placed[0].top, 45);
  EXPECT_EQ(placed[1].point, 1);
  EXPECT_FLOAT_EQ(placed[1].left, 154);
  EXPECT_EQ(placed[2].point, 2);
  EXPECT_FLOAT_EQ(placed[2].left, 50 - 4 - 40);  // left of the point
}

TEST(GuiLabelPlacement, ObstaclesAreAvoided) {
  // A legend over the right of the view: the label goes left of its point instead.
  const std::vector<PlacedLabel> legend = {{-1, 60, 0, 40, 100}};
  const std::vector<LabelRequest> requests = {{0, 55, 50, 30, 10}};
  const std::vector<PlacedLabel> placed = placeLabels(requests, {100, 100, 2}, legend);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_FLOAT_EQ(placed[0].left, 55 - 2 - 30);
}

TEST(GuiLabelPlacement, NeverLeavesTheViewAndLeavesOutWhatCannotFit) {
  const LabelArea area{100, 40, 2};
  // At the right edge the right spot is out: left is taken. A label wider than the view never fits.
  const std::vector<LabelRequest> requests = {{0, 98, 20, 30, 8}, {1, 50, 20, 120, 8}};
  const std::vector<PlacedLabel> placed = placeLabels(requests, area);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_FLOAT_EQ(placed[0].left, 98 - 2 - 30);
}

TEST(GuiLabelPlacement, NoTwoLabelsOverlapInACrowd) {
  std::mt19937 random(7);
  std::uniform_real_distribution<float> x(0, 800), y(0, 600), w(20, 120);
  std::vector<LabelRequest> requests;
  for (int32_t k = 0; k < 300; ++k) requests.push_back({k, x(random), y(random), w(random), 14});
  const LabelArea area{800, 600, 3};
  const std::vector<PlacedLabel> placed = placeLabels(requests, area);
  EXPECT_GT(placed.size(), 20u);
  EXPECT_LT(placed.size(), requests.size());
  EXPECT_EQ(placed[0].point, 0);  // the first request has the whole view to itself
  for (size_t a = 0; a < placed.size(); ++a) {
    EXPECT_GE(placed[a].left, 0);
    EXPECT_LE(placed[a].left + placed[a].width, 800);
    for (size_t b = a + 1; b < placed.size(); ++b) {
      const bool apart = placed[a].left + placed[a].width <= placed[b].left || placed[b].left + placed[b].width <= placed[a].left ||
                         placed[a].top + placed[a].height <= placed[b].top || placed[b].top + placed[b].height <= placed[a].top;
      EXPECT_TRUE(apart) << placed[a].point << " and " << placed[b].point;
    }
  }
}

}  // namespace
}  // namespace ll::gui
