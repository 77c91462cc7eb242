#pragma once
// The point cloud of the Explore layout: built from the newest PCA (positions, colours, sizes,
// legend), with the selection's highlights, drawn into the scene texture. Host copies are rebuilt
// only when what they depend on changed; the renderer uploads them once. A forming layout's
// frames are drawn in steps over several frames, everything else at once. Picking and tooltips
// read the same host copies. UI thread only.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/render/point_cloud_renderer.h"
#include "app/gui/render/projection_camera.h"
#include "app/gui/state/explore_results.h"
#include "app/gui/state/layout_state.h"
#include "app/gui/state/selection_state.h"
#include "core/data/dataset.h"

namespace ll::gui {

/// What the scene is built from this frame; owned by ExploreState (pointers may be null).
struct SceneInputs {
  const Dataset* dataset = nullptr;
  const CatalogueFacts* facts = nullptr;
  const ProjectionResult* projection = nullptr;
  const ClusterAnalysis* clusters = nullptr;
  const FoldInResult* foldIn = nullptr;
  size_t foldInRatings = 0;       ///< how many ratings the folded-in user gave
  int32_t selectedMovie = -1;
  int32_t selectedCluster = -1;
  const std::vector<Neighbour>* neighbours = nullptr;  ///< the picked film's (highlighted)
  const SelectionState* selection = nullptr;  ///< films ringed, or with isolate the others greyed
  const LayoutFrame* layout = nullptr;        ///< movies drawn by this layout (UMAP) instead of PCA
  const LayoutTrust* trust = nullptr;         ///< ColourMode::Trust: the shown layout's per-film trust
  ProjectionOptions options;
  float pointSize = 1.0f;         ///< the size slider
};

class ProjectionScene {
 public:
  ProjectionScene() : renderer_(std::make_unique<NullPointCloudRenderer>()) {}

  /// Needs a current GL context; before it, and for tests, the null renderer draws nothing.
  void setRenderer(std::unique_ptr<PointCloudRenderer> renderer);
  /// Everything is rebuilt at the next request (a new data set, new catalogue facts).
  void invalidate() { builtProjection_ = nullptr; }
  /// The selection changed: highlights are rebuilt before the next draw.
  void markHighlightsDirty() { highlightsDirty_ = immediate_ = true; }

  /// During the UI build: the view to draw into the scene texture after it.
  void request(const SceneInputs& in, const ProjectionCamera& camera, CameraViewport viewport, float contentScale);
  /// After the UI build, before ImGui renders: uploads what changed and draws the cloud;
  /// measureFrames records the time between draws.
  void draw(const SceneInputs& in, bool measureFrames);

  uint64_t texture() const { return renderer_->texture(); }
  const std::string& rendererError() const { return renderer_->error(); }
  const Legend& legend() const { return legend_; }
  int32_t pointCount() const { return static_cast<int32_t>(sizes_.size()); }
  /// Scene units per coordinate of the cloud drawn now.
  float scale() const { return builtScale_; }
  /// Which point set the drawn cloud shows.
  PointSet shownPoints() const { return builtOptions_.points; }
  /// The point under (x, y) (viewport pixels) within radius, or −1.
  int32_t pick(const ProjectionCamera& camera, CameraViewport viewport, float x, float y, float radius);
  ScreenPoint screenPositionOf(int32_t point, const ProjectionCamera& camera, CameraViewport viewport) const;
  /// Every point on screen for this camera (refreshed when the camera or the cloud changed): box,
  /// lasso and labels work on them.
  const std::vector<ScreenPoint>& screenPoints(const ProjectionCamera& camera, CameraViewport viewport);
  /// The points by rating count, most first (the order labels are offered in).
  const std::vector<int32_t>& pointsByRatings() const { return byRatings_; }
  /// The points whose colour (before isolate's grey) is colour: a legend category's members.
  std::vector<int32_t> pointsColoured(PackedColour colour) const;
  /// Lines for the hover tooltip of a point.
  std::vector<std::string> describePoint(const SceneInputs& in, int32_t point) const;
  /// The axis label: "PC2 (18.4 %)".
  static std::string axisLabel(const SceneInputs& in, int32_t component);

  int measuredFrames() const { return measuredFrames_; }
  double measuredMeanMs() const { return measuredFrames_ > 0 ? measuredMs_ / measuredFrames_ : 0.0; }

 private:
  /// keepColours: only the points moved (a forming layout's next epoch); colours and sizes stay.
  void rebuildGeometry(const SceneInputs& in, bool keepColours = false);
  void rebuildColours(const SceneInputs& in);
  void rebuildHighlights(const SceneInputs& in);
  /// colours_ from baseColours_: every film outside an isolated selection greyed.
  void applyIsolation(const SceneInputs& in);

  std::unique_ptr<PointCloudRenderer> renderer_;
  // Host copies of what the renderer holds, and the keys they were built for.
  std::vector<float> positions_;
  std::vector<uint32_t> colours_;
  std::vector<uint32_t> baseColours_;  // the colouring before isolate's grey
  std::vector<int32_t> byRatings_;
  std::vector<float> sizes_;
  Legend legend_;
  ProjectionOptions builtOptions_;
  const ProjectionResult* builtProjection_ = nullptr;
  const ClusterAnalysis* builtClusters_ = nullptr;
  const LayoutFrame* builtLayout_ = nullptr;
  float builtScale_ = 1.0f;
  const LayoutTrust* builtTrust_ = nullptr;
  const FoldInResult* builtFoldIn_ = nullptr;
  bool highlightsDirty_ = true;
  uint64_t builtSelection_ = 0;  // the selection's version the highlights and greys show
  bool builtIsolate_ = false;
  bool sceneWanted_ = false;
  bool sceneChanged_ = true;
  // The change waiting to be drawn is more than a forming layout's next frame (which alone is
  // drawn in steps, PointCloudRenderer::drawInSteps): the camera, the colours, the selection.
  bool immediate_ = true;
  ProjectionCamera sceneCamera_;
  CameraViewport sceneViewport_;
  PointStyle sceneStyle_;
  Mat4 pickMatrix_{};
  CameraViewport pickViewport_;
  std::vector<ScreenPoint> screenPoints_;  // the cloud projected with pickMatrix_
  std::chrono::steady_clock::time_point lastDraw_{};
  int measuredFrames_ = 0;
  double measuredMs_ = 0.0;
};

}  // namespace ll::gui
