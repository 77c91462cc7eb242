// The pure parts of the GUI's projection view (header-only, free of ImGui and GL): the camera's
// matrices and gestures, CPU picking against projected points, the palettes and legend ranges,
// and the null renderer behind the seam.

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

#include "app/gui/render/palettes.h"
#include "app/gui/render/point_cloud_renderer.h"
#include "app/gui/render/projection_camera.h"

namespace ll::gui {
namespace {

constexpr CameraViewport kView{800.0f, 600.0f};

TEST(GuiProjectionCamera, TwoDimensionalCameraCentresTheOriginAndKeepsAspect) {
  ProjectionCamera camera;
  const Mat4 m = camera.viewProjection(kView);
  const ScreenPoint origin = projectToScreen(m, {}, kView);
  EXPECT_TRUE(origin.visible);
  EXPECT_NEAR(origin.x, 400.0f, 1e-3f);
  EXPECT_NEAR(origin.y, 300.0f, 1e-3f);
  // One data unit covers the same number of pixels across and up (no stretching), and +y is up.
  const ScreenPoint right = projectToScreen(m, {1, 0, 0}, kView);
  const ScreenPoint up = projectToScreen(m, {0, 1, 0}, kView);
  EXPECT_NEAR(right.x - origin.x, origin.y - up.y, 1e-3f);
  EXPECT_LT(up.y, origin.y);
  // The normalised cloud ([−1, 1]) fits vertically with a margin at zoom 1.
  EXPECT_GT(up.y, 0.0f);
}

TEST(GuiProjectionCamera, PanKeepsThePointUnderTheMouse) {
  ProjectionCamera camera;
  const Vec3 p{0.3f, -0.2f, 0.0f};
  const ScreenPoint before = projectToScreen(camera.viewProjection(kView), p, kView);
  camera.pan(37.0f, -12.0f, kView);
  const ScreenPoint after = projectToScreen(camera.viewProjection(kView), p, kView);
  EXPECT_NEAR(after.x - before.x, 37.0f, 1e-3f);
  EXPECT_NEAR(after.y - before.y, -12.0f, 1e-3f);
}

TEST(GuiProjectionCamera, ZoomScalesAboutTheCentreAndIsClamped) {
  ProjectionCamera camera;
  const ScreenPoint before = projectToScreen(camera.viewProjection(kView), {0.5f, 0.0f, 0.0f}, kView);
  camera.zoomBy(2.0f);
  const ScreenPoint after = projectToScreen(camera.viewProjection(kView), {0.5f, 0.0f, 0.0f}, kView);
  EXPECT_NEAR(after.x - 400.0f, 2.0f * (before.x - 400.0f), 1e-2f);
  for (int i = 0; i < 100; ++i) camera.zoomBy(10.0f);
  EXPECT_FLOAT_EQ(camera.zoom(), ProjectionCamera::kMaxZoom);
  for (int i = 0; i < 100; ++i) camera.zoomBy(0.1f);
  EXPECT_FLOAT_EQ(camera.zoom(), ProjectionCamera::kMinZoom);
}

TEST(GuiProjectionCamera, OrbitCameraSeesTheTargetAtTheCentreFromEveryAngle) {
  ProjectionCamera camera;
  camera.setThreeD(true);
  for (float yaw : {0.0f, 1.0f, 2.5f, -2.0f}) {
    for (float pitch : {-1.2f, 0.0f, 0.7f}) {
      camera.reset();
      camera.orbit(yaw - camera.yaw(), pitch - camera.pitch());
      const ScreenPoint centre = projectToScreen(camera.viewProjection(kView), {}, kView);
      ASSERT_TRUE(centre.visible);
      EXPECT_NEAR(centre.x, 400.0f, 1e-2f);
      EXPECT_NEAR(centre.y, 300.0f, 1e-2f);
      // Every corner of the normalised cube stays in front of the camera.
      for (float x : {-1.0f, 1.0f}) {
        for (float z : {-1.0f, 1.0f}) EXPECT_TRUE(projectToScreen(camera.viewProjection(kView), {x, 1.0f, z}, kView).visible);
      }
    }
  }
}

TEST(GuiProjectionCamera, PitchStopsShortOfThePoles) {
  ProjectionCamera camera;
  camera.setThreeD(true);
  camera.orbit(0.0f, 10.0f);
  EXPECT_FLOAT_EQ(camera.pitch(), ProjectionCamera::kMaxPitch);
  camera.orbit(0.0f, -20.0f);
  EXPECT_FLOAT_EQ(camera.pitch(), -ProjectionCamera::kMaxPitch);
}

TEST(GuiProjectionCamera, ThreeDimensionalPanMovesTheTargetAcrossTheScreen) {
  ProjectionCamera camera;
  camera.setThreeD(true);
  const ScreenPoint before = projectToScreen(camera.viewProjection(kView), {}, kView);
  camera.pan(50.0f, 20.0f, kView);
  const ScreenPoint after = projectToScreen(camera.viewProjection(kView), {}, kView);
  EXPECT_NEAR(after.x - before.x, 50.0f, 0.5f);  // exact at the target's depth
  EXPECT_NEAR(after.y - before.y, 20.0f, 0.5f);
}

TEST(GuiProjectionPicking, NearestWithinTheRadiusWins) {
  const std::vector<ScreenPoint> points{{10, 10, true}, {14, 10, true}, {100, 100, true}, {12, 11, false}};
  EXPECT_EQ(pickNearest(points, 13.0f, 10.0f, 5.0f), 1);
  EXPECT_EQ(pickNearest(points, 10.5f, 10.0f, 5.0f), 0);
  EXPECT_EQ(pickNearest(points, 50.0f, 50.0f, 5.0f), -1);
  EXPECT_EQ(pickNearest(points, 12.0f, 11.0f, 0.5f), -1);  // the invisible point is never picked
  EXPECT_EQ(pickNearest({}, 0.0f, 0.0f, 5.0f), -1);
}

TEST(GuiProjectionPicking, ProjectAllThenPickFindsAPointUnderTheCursor) {
  ProjectionCamera camera;
  std::vector<float> positions;
  for (int i = 0; i < 1000; ++i) {
    positions.push_back(std::sin(i * 0.37f));
    positions.push_back(std::cos(i * 0.91f));
    positions.push_back(0.0f);
  }
  std::vector<ScreenPoint> screen;
  const Mat4 m = camera.viewProjection(kView);
  projectAll(m, positions, kView, screen);
  ASSERT_EQ(screen.size(), 1000u);
  for (int i : {0, 17, 999}) {
    const int picked = pickNearest(screen, screen[static_cast<size_t>(i)].x, screen[static_cast<size_t>(i)].y, 0.01f);
    ASSERT_GE(picked, 0);
    EXPECT_NEAR(screen[static_cast<size_t>(picked)].x, screen[static_cast<size_t>(i)].x, 0.01f);
  }
}

TEST(GuiProjectionPalettes, ViridisRunsFromPurpleToYellowAndClamps) {
  EXPECT_EQ(viridis(0.0f), packColour(68, 1, 84));
  EXPECT_EQ(viridis(1.0f), packColour(253, 231, 37));
  EXPECT_EQ(viridis(-3.0f), viridis(0.0f));
  EXPECT_EQ(viridis(7.0f), viridis(1.0f));
  EXPECT_EQ(viridis(std::nanf("")), viridis(0.0f));
  // Luminance rises monotonically (the property that makes it readable in grey).
  float previous = -1.0f;
  for (int k = 0; k <= 20; ++k) {
    const PackedColour c = viridis(k / 20.0f);
    const float luminance = 0.2126f * channel(c, 0) + 0.7152f * channel(c, 1) + 0.0722f * channel(c, 2);
    EXPECT_GT(luminance, previous);
    previous = luminance;
  }
}

TEST(GuiProjectionPalettes, CategoryColoursAreDistinctAndOpaque) {
  std::set<PackedColour> seen;
  for (int i = 0; i < kCategoryColours; ++i) {
    seen.insert(categoryColour(i));
    EXPECT_EQ(channel(categoryColour(i), 3), 255);
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kCategoryColours));
  EXPECT_EQ(seen.count(kOtherColour), 0u);
  EXPECT_EQ(categoryColour(kCategoryColours), categoryColour(0));
}

TEST(GuiProjectionPalettes, LegendRangeMapsLinearAndLogValues) {
  const std::vector<int64_t> counts{1, 10, 100, 999};
  const LegendRange log = rangeOf(std::span<const int64_t>(counts), true);
  EXPECT_EQ(log.low, 1.0);
  EXPECT_EQ(log.high, 999.0);
  EXPECT_FLOAT_EQ(log.position(1.0), 0.0f);
  EXPECT_FLOAT_EQ(log.position(999.0), 1.0f);
  EXPECT_NEAR(log.valueAt(log.position(100.0)), 100.0, 1e-3);  // position is a float
  // On a log scale 10 sits well past a linear scale's 0.009.
  EXPECT_GT(log.position(10.0), 0.2f);
  const std::vector<float> values{-2.0f, 0.0f, 2.0f, std::nanf("")};
  const LegendRange linear = rangeOf(std::span<const float>(values), false);
  EXPECT_EQ(linear.low, -2.0);
  EXPECT_EQ(linear.high, 2.0);
  EXPECT_FLOAT_EQ(linear.position(0.0), 0.5f);
  EXPECT_FLOAT_EQ(linear.position(5.0), 1.0f);
  const LegendRange flat{3.0, 3.0, false};
  EXPECT_FLOAT_EQ(flat.position(3.0), 0.5f);  // a flat range has no direction
}

TEST(GuiProjectionPalettes, TopCategoriesKeepsTheMostFrequentInOrder) {
  const std::vector<int> category{2, 2, 2, 0, 1, 1, -1, 3, 1, 2, 7};
  EXPECT_EQ(topCategories(category, 4, 2), (std::vector<int>{2, 1}));
  EXPECT_EQ(topCategories(category, 4, 10), (std::vector<int>{2, 1, 0, 3}));  // 7 is out of range
  EXPECT_TRUE(topCategories(category, 4, 0).empty());
}

TEST(GuiProjectionPalettes, PrimaryGenreIsTheLowestSetBit) {
  EXPECT_EQ(lowestSetBit(0u), -1);
  EXPECT_EQ(lowestSetBit(1u), 0);
  EXPECT_EQ(lowestSetBit(0b101000u), 3);
  EXPECT_EQ(lowestSetBit(0x80000000u), 31);
}

TEST(GuiProjectionRenderer, NullRendererCountsWhatTheSeamReceives) {
  NullPointCloudRenderer renderer;
  const std::vector<float> positions(30, 0.0f);
  const std::vector<uint32_t> colours(10, kOtherColour);
  const std::vector<float> sizes(10, 3.0f);
  renderer.setPoints(positions, colours, sizes);
  const std::vector<int32_t> highlighted{1, 4};
  const std::vector<HighlightKind> kinds{HighlightKind::Related, HighlightKind::Selected};
  renderer.setHighlights(highlighted, kinds);
  renderer.draw(ProjectionCamera(), kView, PointStyle());
  EXPECT_EQ(renderer.points, 10u);
  EXPECT_EQ(renderer.highlights, 2u);
  EXPECT_EQ(renderer.draws, 1);
  EXPECT_EQ(renderer.texture(), 0u);
  EXPECT_TRUE(renderer.error().empty());
}

}  // namespace
}  // namespace ll::gui
