// Box and lasso on projected points: corners in either order, points behind the camera never
// covered, a concave lasso leaves its notch out, and a figure eight covers both loops.
#include <gtest/gtest.h>

#include "app/gui/state/screen_selection.h"

namespace ll::gui {
namespace {

ScreenPoint at(float x, float y, bool visible = true) { return {x, y, visible}; }

TEST(GuiScreenSelection, ABoxCoversWhatIsInsideFromEitherCorner) {
  const std::vector<ScreenPoint> points = {at(5, 5), at(15, 5), at(10, 10, false), at(10, 12), at(30, 30)};
  const std::vector<int32_t> expected = {0, 1, 3};
  EXPECT_EQ(pointsInBox(points, at(0, 0), at(20, 20)), expected);
  EXPECT_EQ(pointsInBox(points, at(20, 20), at(0, 0)), expected);
  EXPECT_EQ(pointsInBox(points, at(20, 0), at(0, 20)), expected);
  EXPECT_TRUE(pointsInBox(points, at(40, 40), at(50, 50)).empty());
}

TEST(GuiScreenSelection, ALassoFollowsItsShape) {
  // A "U": the notch between its arms (x 4–6, y 0–6) is outside.
  const std::vector<ScreenPoint> u = {at(0, 0), at(4, 0), at(4, 6), at(6, 6), at(6, 0), at(10, 0), at(10, 10), at(0, 10)};
  const std::vector<ScreenPoint> points = {at(2, 2), at(5, 3), at(8, 2), at(5, 8), at(11, 5), at(2, 2, false)};
  EXPECT_EQ(pointsInLasso(points, u), (std::vector<int32_t>{0, 2, 3}));
  // A figure eight (two triangles meeting at (5, 5)): points in both loops.
  const std::vector<ScreenPoint> eight = {at(0, 0), at(10, 10), at(10, 0), at(0, 10)};
  const std::vector<ScreenPoint> inLoops = {at(1, 5), at(9, 5), at(5, 1), at(5, 9)};
  EXPECT_EQ(pointsInLasso(inLoops, eight), (std::vector<int32_t>{0, 1}));
  // Two vertices are a line, not an area.
  EXPECT_TRUE(pointsInLasso(points, std::vector<ScreenPoint>{at(0, 0), at(10, 10)}).empty());
}

}  // namespace
}  // namespace ll::gui
