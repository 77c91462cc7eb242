// Drawing a large cloud in steps: the schedule (every point once, in order; a request during a
// draw waits for it, the newest waiting one wins) and when the projection scene asks for it (a
// forming layout's frames only; the camera, colours and a finished layout draw at once).

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "app/gui/render/stepped_draw.h"
#include "app/gui/state/projection_scene.h"

namespace ll::gui {
namespace {

DrawRequest requestOfWidth(float width) {
  DrawRequest request;
  request.viewport = {width, 100.0f};
  return request;
}

TEST(GuiSteppedDraw, IdleUntilAskedThenCoversEveryPointOnceInOrder) {
  SteppedDraw draw(4);
  EXPECT_FALSE(draw.next(10).has_value());
  draw.request(requestOfWidth(1));
  EXPECT_TRUE(draw.pending());
  std::vector<int> seen(10, 0);
  size_t expectedFirst = 0;
  int steps = 0;
  for (std::optional<SteppedDraw::Step> step = draw.next(10); step; step = draw.next(10)) {
    EXPECT_EQ(step->starts, steps == 0);
    EXPECT_EQ(step->first, expectedFirst);
    EXPECT_LE(step->count, 4u);
    for (size_t i = step->first; i < step->first + step->count; ++i) ++seen[i];
    expectedFirst += step->count;
    ++steps;
    EXPECT_EQ(step->finishes, expectedFirst == 10);
  }
  EXPECT_EQ(steps, 3);  // 4 + 4 + 2
  EXPECT_EQ(seen, std::vector<int>(10, 1));
  EXPECT_FALSE(draw.pending());
}

TEST(GuiSteppedDraw, TheCloudsSizeIsReadWhenADrawStarts) {
  SteppedDraw draw(4);
  draw.request(requestOfWidth(1));
  EXPECT_EQ(draw.next(6)->count, 4u);
  const std::optional<SteppedDraw::Step> last = draw.next(100);  // the cloud changed meanwhile
  EXPECT_EQ(last->count, 2u);
  EXPECT_TRUE(last->finishes);
}

TEST(GuiSteppedDraw, ARequestDuringADrawWaitsForItAndTheNewestWins) {
  SteppedDraw draw(5);
  draw.request(requestOfWidth(1));
  EXPECT_EQ(draw.next(10)->request.viewport.width, 1.0f);
  draw.request(requestOfWidth(2));
  draw.request(requestOfWidth(3));
  const std::optional<SteppedDraw::Step> second = draw.next(10);
  EXPECT_EQ(second->request.viewport.width, 1.0f);  // the first draw goes on to the end
  EXPECT_TRUE(second->finishes);
  const std::optional<SteppedDraw::Step> third = draw.next(10);
  EXPECT_TRUE(third->starts);
  EXPECT_EQ(third->request.viewport.width, 3.0f);  // 2 was replaced while it waited
  EXPECT_FALSE(draw.next(10)->starts);
  EXPECT_FALSE(draw.next(10).has_value());
}

TEST(GuiSteppedDraw, AnEmptyCloudIsOneStepThatStartsAndFinishes) {
  SteppedDraw draw(5);
  draw.request(requestOfWidth(1));
  const std::optional<SteppedDraw::Step> step = draw.next(0);
  EXPECT_TRUE(step->starts && step->finishes);
  EXPECT_EQ(step->count, 0u);
}

TEST(GuiSteppedDraw, CancelDropsTheDrawUnderWayAndTheWaitingOne) {
  SteppedDraw draw(5);
  draw.request(requestOfWidth(1));
  ASSERT_TRUE(draw.next(20).has_value());
  draw.request(requestOfWidth(2));
  draw.cancel();
  EXPECT_FALSE(draw.pending());
  EXPECT_FALSE(draw.next(20).has_value());
}

// A scene of movies laid out by a layout, through the null renderer.
class SceneOfALayout : public ::testing::Test {
 protected:
  void SetUp() override {
    projection_.movies.rows = kRows;
    projection_.movies.dimension = 2;
    projection_.movies.components = 2;
    projection_.movies.coordinates.assign(2 * kRows, 0.5f);
    auto renderer = std::make_unique<NullPointCloudRenderer>();
    renderer_ = renderer.get();
    scene_.setRenderer(std::move(renderer));
    inputs_.projection = &projection_;
    inputs_.neighbours = &neighbours_;
  }

  LayoutFrame frame(float value, bool finished) const {
    LayoutFrame f;
    f.rows = kRows;
    f.components = 2;
    f.coordinates.assign(2 * kRows, value);
    f.finished = finished;
    return f;
  }

  void show(const LayoutFrame* layout, const ProjectionCamera& camera = {}) {
    inputs_.layout = layout;
    scene_.request(inputs_, camera, {400.0f, 300.0f}, 1.0f);
    scene_.draw(inputs_, false);
  }

  static constexpr int32_t kRows = 50;
  ProjectionResult projection_;
  std::vector<Neighbour> neighbours_;
  SceneInputs inputs_;
  ProjectionScene scene_;
  NullPointCloudRenderer* renderer_ = nullptr;
};

TEST_F(SceneOfALayout, AFormingLayoutsFramesAreDrawnInStepsAndAFinishedOneAtOnce) {
  const LayoutFrame first = frame(0.1f, false), second = frame(0.2f, false), third = frame(0.3f, false), last = frame(0.4f, true);
  show(&first);
  EXPECT_EQ(renderer_->draws, 1);  // the first frame of a layout replaces PCA: at once
  show(&second);
  show(&third);
  EXPECT_EQ(renderer_->draws, 1);
  EXPECT_EQ(renderer_->steppedDraws, 2);
  show(&third);  // nothing new: the draw under way goes on
  EXPECT_EQ(renderer_->continued, 1);
  show(&last);
  EXPECT_EQ(renderer_->draws, 2);
  EXPECT_EQ(renderer_->steppedDraws, 2);
}

TEST_F(SceneOfALayout, TheCameraOrTheColoursMovingWithAFormingLayoutDrawAtOnce) {
  const LayoutFrame first = frame(0.1f, false), second = frame(0.2f, false), third = frame(0.3f, false);
  show(&first);
  ProjectionCamera moved;
  moved.zoomBy(2.0f);
  show(&second, moved);
  EXPECT_EQ(renderer_->draws, 2);
  EXPECT_EQ(renderer_->steppedDraws, 0);
  inputs_.options.colour = ColourMode::Genre;
  show(&third, moved);
  EXPECT_EQ(renderer_->draws, 3);
  EXPECT_EQ(renderer_->steppedDraws, 0);
}

// A forming layout's next epoch moves the points and keeps their colours, sizes and legend (they
// are not rebuilt then: the scene reuses what it has, and this checks it still has all of it).
TEST_F(SceneOfALayout, AFormingLayoutsNextEpochMovesThePointsAndKeepsTheirColoursAndSizes) {
  CatalogueFacts facts;
  for (int32_t i = 0; i < kRows; ++i) facts.itemRatings.push_back(1 + i * i);  // popularity colours and sizes vary
  inputs_.facts = &facts;
  LayoutFrame first = frame(0.0f, false), second = frame(0.0f, false);
  for (size_t v = 0; v < first.coordinates.size(); ++v) {
    first.coordinates[v] = static_cast<float>(v);
    second.coordinates[v] = -static_cast<float>(v);
  }
  show(&first);
  const std::vector<uint32_t> colours = renderer_->lastColours;
  const std::vector<float> sizes = renderer_->lastSizes, positions = renderer_->lastPositions;
  const std::string legend = scene_.legend().title;
  ASSERT_EQ(colours.size(), static_cast<size_t>(kRows));
  ASSERT_EQ(sizes.size(), static_cast<size_t>(kRows));
  EXPECT_NE(colours.front(), colours.back());
  EXPECT_LT(sizes.front(), sizes.back());
  show(&second);
  EXPECT_EQ(renderer_->steppedDraws, 1);
  EXPECT_NE(renderer_->lastPositions, positions);
  EXPECT_EQ(renderer_->lastColours, colours);
  EXPECT_EQ(renderer_->lastSizes, sizes);
  EXPECT_EQ(scene_.legend().title, legend);
}

}  // namespace
}  // namespace ll::gui
