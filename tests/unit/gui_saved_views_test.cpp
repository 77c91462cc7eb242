// Saved views: a view goes to JSON and back whole (options, camera, selection, picked film, the
// layout's coordinates); a folder keeps one file per view, lists a data set's views by name,
// replaces a view saved again under its name, skips and counts a damaged file, and refuses a
// newer version with one InputError; without a folder the views live in memory.
#include <gtest/gtest.h>

#include <fstream>

#include "app/gui/state/saved_views.h"
#include "core/data/input_error.h"
#include "tests/support/test_dir.h"

namespace ll::gui {
namespace {

SavedView umapView(const std::string& name, const std::string& dataset) {
  SavedView v;
  v.name = name;
  v.dataset = dataset;
  v.run = "#3 mf z=16 · epoch 20";
  v.options.method = LayoutMethod::Umap;
  v.options.colour = ColourMode::Trust;
  v.options.axes[0] = 2;
  v.pointSize = 1.5f;
  v.camera = {false, 2.5f, 0.25f, -0.5f, {0.125f, -0.25f, 0.0f}};
  v.selection = {"17", "5", "movie, with a comma"};
  v.picked = "5";
  v.layoutRows = 3;
  v.layoutComponents = 2;
  v.layoutCoordinates = {1.5f, -2.0f, 0.25f, 3.0f, -7.5f, 1e-3f};
  v.layoutAxisName = "axes";
  v.layoutAxisLabels = {"Comedy → Drama", "PC1 of the rest"};
  return v;
}

void expectSame(const SavedView& a, const SavedView& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.dataset, b.dataset);
  EXPECT_EQ(a.run, b.run);
  EXPECT_TRUE(a.options == b.options);
  EXPECT_EQ(a.pointSize, b.pointSize);
  EXPECT_EQ(a.camera.zoom, b.camera.zoom);
  EXPECT_EQ(a.camera.pitch, b.camera.pitch);
  EXPECT_EQ(a.camera.target.y, b.camera.target.y);
  EXPECT_EQ(a.selection, b.selection);
  EXPECT_EQ(a.picked, b.picked);
  EXPECT_EQ(a.layoutCoordinates, b.layoutCoordinates);  // the layout itself, not a recipe for it
  EXPECT_EQ(a.layoutAxisLabels, b.layoutAxisLabels);
}

TEST(GuiSavedViews, AViewRoundTripsThroughJson) {
  const SavedView view = umapView("first", "synthetic");
  expectSame(parseSavedView(savedViewJson(view), "v.json"), view);
}

TEST(GuiSavedViews, AFolderKeepsOneFilePerViewByDataSet) {
  const auto dir = ll::testing::freshTestDir("ll-saved-views");
  SavedViews views(dir / "views");
  EXPECT_TRUE(views.save(umapView("b view", "synthetic")).empty());
  EXPECT_TRUE(views.save(umapView("a/view?", "synthetic")).empty());  // any name: the file name is escaped
  EXPECT_TRUE(views.save(umapView("other", "ml-100k/")).empty());
  SavedView again = umapView("b view", "synthetic");
  again.picked = "17";
  EXPECT_TRUE(views.save(again).empty());  // replaces
  std::vector<SavedView> listed = views.list("synthetic");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].name, "a/view?");
  EXPECT_EQ(listed[1].picked, "17");
  // A damaged file is skipped and counted; a newer version is refused by the parser with its name.
  std::ofstream(dir / "views" / "broken.json") << "{\"version\": 1, \"name\":";
  SavedView future = umapView("future", "synthetic");
  std::string text = savedViewJson(future);
  text.replace(text.find("\"version\":1"), 11, "\"version\":9");
  std::ofstream(dir / "views" / "future.json") << text;
  EXPECT_EQ(views.list("synthetic").size(), 2u);
  EXPECT_EQ(views.unreadable(), 2);
  try {
    parseSavedView(text, "future.json");
    ADD_FAILURE() << "a newer version was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), "future.json");
    EXPECT_EQ(error.found(), "version 9");
  }
  EXPECT_TRUE(views.remove("b view").empty());
  EXPECT_EQ(views.list("synthetic").size(), 1u);
  std::filesystem::remove_all(dir);
}

TEST(GuiSavedViews, WithoutAFolderViewsLiveInMemory) {
  SavedViews views;
  EXPECT_TRUE(views.save(umapView("kept", "synthetic")).empty());
  ASSERT_EQ(views.list("synthetic").size(), 1u);
  EXPECT_TRUE(views.list("elsewhere").empty());
  views.remove("kept");
  EXPECT_TRUE(views.list("synthetic").empty());
}

}  // namespace
}  // namespace ll::gui
