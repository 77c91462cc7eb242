#pragma once
// The state behind the Explore layout (projection, neighbours, clusters, fold-in), owned by the
// Explore layout. Every analysis runs as a BackgroundJob; the UI thread polls them once per frame
// in refresh() and never waits. Everything that belongs to the open data set lives in one struct
// (OpenDataset), replaced whole when another data set opens. Sections:
//   sources     the data set's facts (title index, rating counts and means), the embeddings of
//               the newest snapshot or of a loaded model, the PCA job that follows them, and the
//               model itself for the analyses that need more than embeddings (explore_state.cpp)
//   projection  the point cloud (ProjectionScene, projection_scene.h), fed from this state
//   analyses    the picked film and its neighbours, the selection of films (selection_state.h),
//               k-means and cluster profiles, fold-in (explore_analyses.cpp), and the comparison
//               of runs (run_comparison.h)
//
// The model behind a training run lives on its worker thread; the analyses get an immutable copy
// the session hands over at its next safe point (TrainingSession::requestModel), in memory.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/state/dataset_loader.h"
#include "app/gui/state/explore_results.h"
#include "app/gui/state/layout_state.h"
#include "app/gui/state/replay_state.h"
#include "app/gui/state/projection_scene.h"
#include "app/gui/state/run_comparison.h"
#include "app/gui/state/saved_views.h"
#include "app/gui/state/selection_state.h"
#include "app/gui/state/training_controller.h"
#include "core/analysis/movie_ranking.h"
#include "core/model/model.h"
#include "core/util/background_job.h"

namespace ll::gui {

class ExploreState {
 public:
  /// Asks the current run for a copy of its model; the hand-over may run on any thread. Returns
  /// false when there is no run to take one from.
  using ModelRequester = std::function<bool(TrainingSession::ModelHandOver)>;

  ExploreState();
  ~ExploreState();
  ExploreState(const ExploreState&) = delete;
  ExploreState& operator=(const ExploreState&) = delete;

  /// Needs a current GL context; before it, and for tests, the null renderer draws nothing.
  void setRenderer(std::unique_ptr<PointCloudRenderer> renderer) { scene_.setRenderer(std::move(renderer)); }
  void setModelRequester(ModelRequester requester) { requestModel_ = std::move(requester); }

  // ---- sources (explore_state.cpp)
  /// Once per frame, before the UI: takes in the newest data, snapshot and loaded model, and
  /// collects finished jobs.
  void refresh(const std::shared_ptr<const DatasetState>& data, const TrainingView& training,
               const std::shared_ptr<const Model>& loadedModel);
  /// A job is in flight: keep frames coming so its result shows without input.
  bool busy() const;
  const Dataset* dataset() const { return open_.dataset.get(); }
  const CatalogueFacts* facts() const { return open_.facts.get(); }
  const ProjectionResult* projection() const { return open_.projection.get(); }
  bool projectionRunning() const { return open_.projectionJob != nullptr; }
  const std::string& sourceLabel() const { return open_.sourceLabel; }
  /// What the analyses that need the model can use, in words ("tensor z=8, epoch 6").
  const std::string& modelLabel() const { return open_.modelLabel; }
  bool modelPending() const { return open_.modelHandOver != nullptr; }

  // ---- projection (ProjectionScene)
  ProjectionOptions options;  ///< edited by the projection panel; changes are picked up in requestScene
  float pointSize = 1.0f;     ///< the size slider
  bool spinCamera = false;    ///< orbit a little every frame (frame-time measurements, --spin)
  bool measureFrames = false; ///< record the time between scene draws (frame-time measurements)
  int measuredFrames() const { return scene_.measuredFrames(); }
  double measuredMeanMs() const { return scene_.measuredMeanMs(); }
  const Legend& legend() const { return scene_.legend(); }
  int32_t pointCount() const { return scene_.pointCount(); }
  /// During the UI build: the view to draw into the scene texture after it.
  void requestScene(const ProjectionCamera& camera, CameraViewport viewport, float contentScale) {
    scene_.request(sceneInputs(), camera, viewport, contentScale);
  }
  /// After the UI build, before ImGui renders: uploads what changed and draws the cloud.
  void drawScene() { scene_.draw(sceneInputs(), measureFrames); }
  uint64_t sceneTexture() const { return scene_.texture(); }
  const std::string& rendererError() const { return scene_.rendererError(); }
  /// The point under (x, y) (viewport pixels) within radius, or −1.
  int32_t pick(const ProjectionCamera& camera, CameraViewport viewport, float x, float y, float radius) {
    return scene_.pick(camera, viewport, x, y, radius);
  }
  ScreenPoint screenPositionOf(int32_t point, const ProjectionCamera& camera, CameraViewport viewport) const {
    return scene_.screenPositionOf(point, camera, viewport);
  }
  /// Every point on screen for this camera (box, lasso and labels work on them).
  const std::vector<ScreenPoint>& screenPoints(const ProjectionCamera& camera, CameraViewport viewport) {
    return scene_.screenPoints(camera, viewport);
  }
  /// The shown points by rating count, most first.
  const std::vector<int32_t>& pointsByRatings() const { return scene_.pointsByRatings(); }
  /// The members of a legend category (points of that colour).
  std::vector<int32_t> pointsColoured(PackedColour colour) const { return scene_.pointsColoured(colour); }
  /// Lines for the hover tooltip of a point.
  std::vector<std::string> describePoint(int32_t point) const { return scene_.describePoint(sceneFacts(), point); }
  /// Selects what a click on a point means: a movie (Movies) or a user's cluster (Users).
  void clickPoint(int32_t point);
  /// The axis label: "PC2 (18.4 %)".
  std::string axisLabel(int32_t component) const { return ProjectionScene::axisLabel(sceneFacts(), component); }

  // ---- analyses (explore_analyses.cpp)
  int32_t selectedMovie() const { return open_.selectedMovie; }
  void selectMovie(int32_t item);
  int32_t neighbourCount = 10;   ///< k
  /// Films with fewer ratings are left out of every list the view ranks: neighbours, fold-in
  /// favourites, cluster top and bottom movies (core/analysis/movie_ranking.h).
  int32_t minMovieRatings = static_cast<int32_t>(kDefaultMinMovieRatings);
  bool shrinkRanking = false;      ///< fold-in and clusters rank by the prediction shrunk toward the mean
  float rankingShrinkage = 20.0f;  ///< κ of that shrinkage
  RareMovieRule rareMovieRule() const {
    return {.minRatings = minMovieRatings, .shrinkage = shrinkRanking ? rankingShrinkage : 0.0};
  }
  /// The selection's neighbours for the current k and filter (recomputed when they change).
  const std::vector<Neighbour>& neighbours();
  std::vector<TitleMatch> searchTitles(const std::string& query, int32_t limit) const;
  /// Writes the neighbour list as CSV (atomically); returns an empty string or the error.
  std::string exportNeighbours(const std::filesystem::path& path);

  int32_t clusterK = 20;
  void runClusters();
  void cancelClusters();
  bool clustersRunning() const { return open_.clusterJob != nullptr || open_.clusterWaitsForModel; }
  double clusterProgress() const;
  const ClusterAnalysis* clusters() const { return open_.clusters.get(); }
  const std::string& clusterStatus() const { return open_.clusterStatus; }
  int32_t selectedCluster() const { return open_.selectedCluster; }
  void selectCluster(int32_t cluster);

  std::vector<FoldInRating> foldInRatings;
  bool foldInRidge = true;
  float foldInLambda = 1.0f;
  int32_t foldInCount = 10;
  void setFoldInRating(int32_t item, float rating);
  void runFoldIn();
  bool foldInRunning() const { return open_.foldInJob != nullptr || open_.foldInWaitsForModel; }
  const FoldInResult* foldIn() const { return open_.foldIn.get(); }
  const std::string& foldInStatus() const { return open_.foldInStatus; }

  /// The Compare panel's runs, film lists and cluster favourites across runs.
  RunComparison comparison;

  /// UMAP or t-SNE of the movie embeddings and the trust of the shown layout (layout_state.h).
  LayoutState layouts;
  /// Starts the layout options.method names (UMAP or t-SNE) of the current movie embeddings.
  void runLayout();
  /// Whether the movies are drawn by a UMAP or t-SNE layout now (asked for, and one of that
  /// method exists for these films).
  bool showsLayout() const;

  /// The run's movie embeddings epoch by epoch, replayed on a timeline (replay_state.h).
  ReplayState replay;
  /// Starts the replay: the recorded epochs aligned on the live PCA's axes.
  void startReplay();

  /// Draw each film's posterior spread (a Bayesian model's sd of its vector) projected on the PCA
  /// axes shown, as an ellipse; the other models have none, and uncertaintyNote() says so.
  bool showUncertainty = false;
  /// rows × PCA components: each film's spread along each component, or null while there is none.
  const std::vector<float>* uncertainty() const { return open_.uncertainty.empty() ? nullptr : &open_.uncertainty; }
  const std::string& uncertaintyNote() const { return open_.uncertaintyNote; }
  /// Scene units per PCA coordinate of the cloud drawn now (to size the ellipses).
  float sceneScale() const { return scene_.scale(); }

  /// Views saved by name (saved_views.h); the App gives it its folder.
  SavedViews views;
  /// The view on screen, named name; camera: the projection panel's.
  SavedView captureView(const std::string& name, const ProjectionCamera& camera) const;
  /// Restores view's options, selection, picked film and stored layout (never recomputed), and asks
  /// the projection panel to put the camera back (cameraRequest). Returns an empty string or why
  /// the view does not fit.
  std::string applyView(const SavedView& view);
  /// A camera pose the projection panel takes at its next frame (a restored view).
  std::optional<CameraPose> cameraRequest;

  /// Films picked by box, lasso, shift-click, search or category (selection_state.h).
  SelectionState selection;
  /// The picked film and its neighbours (the current k and filter) become the selection.
  void selectPickedAndNeighbours();
  /// Films whose titles match query (at most limit) become the selection, or join it; the count.
  size_t selectTitles(const std::string& query, int32_t limit, bool add);
  /// Each selected film (the most-rated first, at most limit) becomes a 5-star Fold-in rating.
  size_t sendSelectionToFoldIn(int32_t limit);

 private:
  struct LoadedModel {
    std::shared_ptr<const Model> model;
    size_t epochs = 0;
  };
  struct ModelHandOver;  // shared with the worker that copies the model

  /// Everything that belongs to the open data set: replaced whole when another one opens (the
  /// jobs' destructors cancel and join them, each at its next progress report).
  struct OpenDataset {
    std::shared_ptr<const Dataset> dataset;
    std::shared_ptr<const CatalogueFacts> facts;
    std::unique_ptr<BackgroundJob<CatalogueFacts>> factsJob;

    // The embeddings to analyse: shared with the snapshot or the loaded model (no copies).
    std::shared_ptr<const std::vector<float>> itemVectors, userVectors;
    int32_t itemDim = 0, userDim = 0;
    uint64_t embeddingVersion = 0;  // bumps with every new set of embeddings
    uint64_t seenSnapshot = 0;
    std::string runName;  // the run the vectors (and model, when fromRun) came from
    const Model* seenLoadedModel = nullptr;
    size_t snapshotEpochs = 0;
    bool fromRun = false;
    std::string sourceLabel;

    std::shared_ptr<const ProjectionResult> projection;
    std::unique_ptr<BackgroundJob<ProjectionResult>> projectionJob;
    uint64_t trustKey = 0;  // the layout on screen, as LayoutState::requestTrust keys it
    std::vector<float> uncertainty;      // films × components: posterior sd along each PCA axis
    const ProjectionResult* uncertaintyFor = nullptr;
    std::string uncertaintyNote;
    bool projectionWanted = false;  // new embeddings arrived while a PCA was running

    LoadedModel model;
    std::string modelLabel;
    std::shared_ptr<ModelHandOver> modelHandOver;
    std::shared_ptr<const Model> loadedModel;

    int32_t selectedMovie = -1;
    std::vector<Neighbour> neighbours;
    int32_t neighboursFor = -1, neighboursK = -1, neighboursMin = -1;
    const ProjectionResult* neighboursProjection = nullptr;

    std::shared_ptr<const ClusterAnalysis> clusters;
    std::unique_ptr<BackgroundJob<ClusterAnalysis>> clusterJob;
    bool clusterWaitsForModel = false;
    std::string clusterStatus;
    int32_t selectedCluster = -1;

    std::shared_ptr<const FoldInResult> foldIn;
    std::unique_ptr<BackgroundJob<FoldInResult>> foldInJob;
    bool foldInWaitsForModel = false;
    std::string foldInStatus;
  };

  // explore_state.cpp
  void openDataset(std::shared_ptr<const Dataset> data);
  /// With the trust colouring, asks for the trust of the layout on screen.
  void requestTrust();
  // explore_analyses.cpp
  /// With showUncertainty, projects the model's posterior sds on the newest PCA (once per projection).
  void updateUncertainty();
  void takeEmbeddings(const TrainingView& training, const std::shared_ptr<const Model>& loadedModel);
  void startProjection();
  void collectJobs();
  /// The model for clusters and fold-in, fresh for the newest snapshot; asks the run for one when
  /// it has none (then returns null, and the callers retry when it arrives).
  std::shared_ptr<const Model> currentModel();
  void requestModel();
  /// What the scene is built from: sceneInputs() also brings the selection's neighbours (which
  /// it may recompute); sceneFacts() only what a const query needs.
  SceneInputs sceneInputs();
  SceneInputs sceneFacts() const;
  // explore_analyses.cpp
  void startClusters(std::shared_ptr<const Model> model);
  void startFoldIn(std::shared_ptr<const Model> model);

  ProjectionScene scene_;
  ModelRequester requestModel_;
  OpenDataset open_;  // last: its jobs are cancelled and joined first
};

}  // namespace ll::gui
