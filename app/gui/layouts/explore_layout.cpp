#include "app/gui/layouts/explore_layout.h"

#include <cstdio>

#include "app/gui/panels/clusters_panel.h"
#include "app/gui/panels/compare_panel.h"
#include "app/gui/panels/foldin_panel.h"
#include "app/gui/panels/neighbours_panel.h"
#include "app/gui/panels/projection_panel.h"
#include "app/gui/panels/selection_panel.h"

namespace ll::gui {
namespace {

// First-use layout, as fractions of the work area (fits 1280×800): the projection large on the
// left with the neighbours and the selection under it, clusters and fold-in on the right; Compare,
// when opened, over the right column.
constexpr float kExploreLeft = 0.56f;
constexpr float kNeighboursWidth = 0.31f;
constexpr float kProjectionHeight = 0.64f;
constexpr float kClustersHeight = 0.55f;

}  // namespace

ExploreLayout::ExploreLayout(std::unique_ptr<PointCloudRenderer> renderer, ExploreState::ModelRequester requestModel) {
  state_.setRenderer(std::move(renderer));
  state_.setModelRequester(std::move(requestModel));
  panels_.push_back(
      std::make_unique<ProjectionPanel>(PanelPlacement{0.0f, 0.0f, kExploreLeft, kProjectionHeight, 360.0f}));
  panels_.push_back(std::make_unique<NeighboursPanel>(
      PanelPlacement{0.0f, kProjectionHeight, kNeighboursWidth, 1.0f - kProjectionHeight, 360.0f}));
  panels_.push_back(std::make_unique<SelectionPanel>(
      PanelPlacement{kNeighboursWidth, kProjectionHeight, kExploreLeft - kNeighboursWidth, 1.0f - kProjectionHeight, 0.0f}));
  panels_.push_back(
      std::make_unique<ClustersPanel>(PanelPlacement{kExploreLeft, 0.0f, 1.0f - kExploreLeft, kClustersHeight, 0.0f}));
  panels_.push_back(std::make_unique<FoldInPanel>(
      PanelPlacement{kExploreLeft, kClustersHeight, 1.0f - kExploreLeft, 1.0f - kClustersHeight, 0.0f}));
  // Opened from the View menu (or --view compare): over the right column, runs side by side.
  auto compare = std::make_unique<ComparePanel>(PanelPlacement{kExploreLeft - 0.12f, 0.0f, 1.12f - kExploreLeft, 1.0f, 420.0f});
  compare_ = compare.get();
  *compare_->visibleFlag() = false;
  panels_.push_back(std::move(compare));
}

void ExploreLayout::showCompare() { *compare_->visibleFlag() = true; }

void ExploreLayout::refresh(const FrameContext& frame) {
  state_.refresh(frame.dataset, *frame.training, frame.loadedModel);
}

void ExploreLayout::report() const {
  // Scripted runs say what the Explore panels showed, for tests and for the record.
  const ExploreState& e = state_;
  if (e.projection() == nullptr) return;
  const Dataset* data = e.dataset();
  const std::string film = e.selectedMovie() >= 0 && data != nullptr
                               ? data->movies[static_cast<size_t>(e.selectedMovie())].title
                               : std::string("none");
  const ClusterAnalysis* clusters = e.clusters();
  const FoldInResult* foldIn = e.foldIn();
  std::printf("latentlens: explore: %d points, film %s, %d clusters (%s), fold-in of %zu ratings → %zu films\n",
              e.pointCount(), film.c_str(), clusters != nullptr ? clusters->kmeans.clusters : 0,
              clusters != nullptr && clusters->profiles ? "profiles" : "no profiles", e.foldInRatings.size(),
              foldIn != nullptr ? foldIn->top.size() : size_t{0});
  if (const LayoutFrame* layout = e.layouts.frame(); layout != nullptr) {
    std::printf("latentlens: layout: %s of %d films at epoch %d of %d (%s)%s%s\n", layout->axisName.c_str(), layout->rows, layout->epoch,
                layout->epochs, e.showsLayout() ? "shown" : "not shown", e.layouts.trustSummary().empty() ? "" : "; ", e.layouts.trustSummary().c_str());
  } else if (!e.layouts.trustSummary().empty()) {
    std::printf("latentlens: layout: %s\n", e.layouts.trustSummary().c_str());
  }
  if (const std::vector<SavedView> views = e.dataset() != nullptr ? e.views.list(e.dataset()->source) : std::vector<SavedView>{};
      !views.empty()) {
    std::printf("latentlens: views: %zu saved; shown: %s with %zu selected, %s\n", views.size(),
                e.showsLayout() ? e.layouts.frame()->axisName.c_str() : "PCA", e.selection.items().size(),
                e.layouts.running() ? "a layout computing" : "no layout computing");
  }
  if (e.showUncertainty) std::printf("latentlens: %s\n", e.uncertaintyNote().c_str());
  if (e.replay.current() != nullptr) {
    std::printf("latentlens: replay: %d frames (epochs %d to %d), showing epoch %d, the picked film's path through %zu of them\n",
                e.replay.frames(), e.replay.epochOf(0), e.replay.epochOf(e.replay.frames() - 1), e.replay.epochOf(e.replay.frame),
                e.selectedMovie() >= 0 ? e.replay.pathOf(e.selectedMovie()).size() : size_t{0});
    if (!e.replay.exportStatus().empty()) std::printf("latentlens: replay export: %s\n", e.replay.exportStatus().c_str());
  }
  if (!e.selection.empty()) {
    const FilmSelectionSummary* summary = e.selection.summary();
    std::printf("latentlens: selection: %zu films%s, mean rating %.2f, %zu genres over-represented\n", e.selection.items().size(),
                e.selection.isolate ? " (isolated)" : "", summary != nullptr ? summary->meanRating : 0.0,
                summary != nullptr ? summary->over.size() : size_t{0});
  }
  if (compare_->visible()) {
    const RunComparison& c = e.comparison;
    const ClusterAcrossRuns* cluster = c.cluster();
    std::printf("latentlens: compare: %zu runs, film %s, lists of %d, %d in every list; cluster %d across %zu runs\n",
                c.neighbourRuns().size(), film.c_str(), c.count, c.sharedByAll(),
                cluster != nullptr ? cluster->cluster + 1 : 0, cluster != nullptr ? cluster->runs.size() : size_t{0});
  }
  if (e.measuredFrames() > 0) {
    std::printf("latentlens: explore: %d frames after the tour (run paused, view %s), %.1f ms/frame (mean)\n",
                e.measuredFrames(), e.options.threeD ? "orbiting in 3D" : "2D", e.measuredMeanMs());
  }
}

}  // namespace ll::gui
