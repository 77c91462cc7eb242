#pragma once
// The state behind the Explore layout (projection, neighbours, clusters, fold-in), owned by the
// App. Every analysis runs as a BackgroundJob; the UI thread polls them once per frame in
// refresh() and never waits. Sections:
//   sources     the data set's facts (title index, rating counts and means), the embeddings of
//               the newest snapshot or of a loaded model, and the model itself for the analyses
//               that need more than embeddings (explore_state.cpp)
//   projection  PCA of movies or users, colours, legend, highlights, the renderer (explore_scene.cpp)
//   analyses    selection and neighbours, k-means and cluster profiles, fold-in (explore_analyses.cpp)
//
// The model behind a training run lives on its worker thread; the analyses get a copy through a
// checkpoint written at the worker's next safe point (the session offers no other hand-over).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/render/palettes.h"
#include "app/gui/render/point_cloud_renderer.h"
#include "app/gui/state/dataset_loader.h"
#include "app/gui/state/training_controller.h"
#include "core/analysis/cluster_profile.h"
#include "core/analysis/cosine_neighbours.h"
#include "core/analysis/kmeans.h"
#include "core/analysis/pca.h"
#include "core/analysis/title_search.h"
#include "core/model/model.h"
#include "core/util/background_job.h"

namespace ll::gui {

/// Per data set, computed once in the background.
struct CatalogueFacts {
  std::vector<int64_t> itemRatings;  ///< per item
  std::vector<float> itemMeanRating;  ///< per item (0 when unrated)
  std::vector<int64_t> userRatings;  ///< per user
  TitleIndex titles;
};

/// One snapshot's analyses: PCA of the movie and the user embeddings, and the cosine index.
struct ProjectionResult {
  uint64_t version = 0;
  PcaResult movies;  ///< rows 0 when the model has no movie embeddings
  PcaResult users;
  CosineIndex index;
};

enum class PointSet { Movies, Users };
enum class ColourMode { Popularity, Genre, Feature, Cluster };

struct ProjectionOptions {
  PointSet points = PointSet::Movies;
  ColourMode colour = ColourMode::Popularity;
  int32_t feature = -1;          ///< ColourMode::Feature: a column of Dataset::features
  int32_t axes[3] = {0, 1, 2};   ///< principal component on the screen's x, y and (3D) z
  bool threeD = false;
  bool operator==(const ProjectionOptions&) const = default;
};

/// What the projection panel shows beside the cloud.
struct Legend {
  std::string title;
  bool continuous = true;
  LegendRange range;
  std::vector<std::pair<std::string, PackedColour>> entries;  ///< categories, when not continuous
};

struct ClusterAnalysis {
  KMeansResult kmeans;
  std::optional<ClusterProfiles> profiles;  ///< empty when only embeddings were available
  std::vector<float> itemScores;            ///< clusters × items: each centroid's predicted rating (empty without a model affine in e)
  std::string note;                         ///< where the vectors came from, and why no profiles
};

struct FoldInRating {
  int32_t item = -1;
  float rating = 0.0f;
};

struct FoldInResult {
  std::vector<float> user;  ///< the estimated user vector
  std::vector<std::pair<int32_t, float>> top;  ///< (item, predicted rating), best first
  std::string error;
};

class ExploreState {
 public:
  /// Saves the current run's model to a file at its next safe point; done(ok, error) may run on
  /// any thread. Returns false when there is no run to save from.
  using ModelFileRequester =
      std::function<bool(const std::filesystem::path&, std::function<void(bool, std::string)>)>;

  ExploreState();
  ~ExploreState();
  ExploreState(const ExploreState&) = delete;
  ExploreState& operator=(const ExploreState&) = delete;

  /// Needs a current GL context; before it, and for tests, the null renderer draws nothing.
  void setRenderer(std::unique_ptr<PointCloudRenderer> renderer);
  void setModelFileRequester(ModelFileRequester requester) { requestModelFile_ = std::move(requester); }

  // ---- sources (explore_state.cpp)
  /// Once per frame, before the UI: takes in the newest data, snapshot and loaded model, and
  /// collects finished jobs.
  void refresh(const std::shared_ptr<const DatasetState>& data, const TrainingView& training,
               const std::shared_ptr<const Model>& loadedModel);
  /// A job is in flight: keep frames coming so its result shows without input.
  bool busy() const;
  const Dataset* dataset() const { return dataset_.get(); }
  const CatalogueFacts* facts() const { return facts_.get(); }
  const ProjectionResult* projection() const { return projection_.get(); }
  bool projectionRunning() const { return projectionJob_ != nullptr; }
  const std::string& sourceLabel() const { return sourceLabel_; }
  /// What the analyses that need the model can use, in words ("tensor z=8, epoch 6").
  const std::string& modelLabel() const { return modelLabel_; }
  bool modelPending() const { return modelJob_ != nullptr || modelFileState_ != nullptr; }

  // ---- projection (explore_scene.cpp)
  ProjectionOptions options;  ///< edited by the projection panel; changes are picked up in requestScene
  float pointSize = 1.0f;     ///< the size slider
  bool spinCamera = false;    ///< orbit a little every frame (frame-time measurements, --spin)
  bool measureFrames = false; ///< record the time between scene draws (frame-time measurements)
  int measuredFrames() const { return measuredFrames_; }
  double measuredMeanMs() const { return measuredFrames_ > 0 ? measuredMs_ / measuredFrames_ : 0.0; }
  const Legend& legend() const { return legend_; }
  int32_t pointCount() const { return static_cast<int32_t>(sizes_.size()); }
  /// During the UI build: the view to draw into the scene texture after it.
  void requestScene(const ProjectionCamera& camera, CameraViewport viewport, float contentScale);
  /// After the UI build, before ImGui renders: uploads what changed and draws the cloud.
  void drawScene();
  uint64_t sceneTexture() const { return renderer_->texture(); }
  const std::string& rendererError() const { return renderer_->error(); }
  /// The point under (x, y) (viewport pixels) within radius, or −1.
  int32_t pick(const ProjectionCamera& camera, CameraViewport viewport, float x, float y, float radius);
  ScreenPoint screenPositionOf(int32_t point, const ProjectionCamera& camera, CameraViewport viewport) const;
  /// Lines for the hover tooltip of a point.
  std::vector<std::string> describePoint(int32_t point) const;
  /// Selects what a click on a point means: a movie (Movies) or a user's cluster (Users).
  void clickPoint(int32_t point);
  /// The axis label: "PC2 (18.4 %)".
  std::string axisLabel(int32_t component) const;

  // ---- analyses (explore_analyses.cpp)
  int32_t selectedMovie() const { return selectedMovie_; }
  void selectMovie(int32_t item);
  int32_t neighbourCount = 10;   ///< k
  int32_t neighbourMinRatings = 0;
  /// The selection's neighbours for the current k and filter (recomputed when they change).
  const std::vector<Neighbour>& neighbours();
  std::vector<TitleMatch> searchTitles(const std::string& query, int32_t limit) const;
  /// Writes the neighbour list as CSV (atomically); returns an empty string or the error.
  std::string exportNeighbours(const std::filesystem::path& path);

  int32_t clusterK = 20;
  void runClusters();
  void cancelClusters();
  bool clustersRunning() const { return clusterJob_ != nullptr || clusterWaitsForModel_; }
  double clusterProgress() const;
  const ClusterAnalysis* clusters() const { return clusters_.get(); }
  const std::string& clusterStatus() const { return clusterStatus_; }
  int32_t selectedCluster() const { return selectedCluster_; }
  void selectCluster(int32_t cluster);

  std::vector<FoldInRating> foldInRatings;
  bool foldInRidge = true;
  float foldInLambda = 1.0f;
  int32_t foldInCount = 10;
  void setFoldInRating(int32_t item, float rating);
  void runFoldIn();
  bool foldInRunning() const { return foldInJob_ != nullptr || foldInWaitsForModel_; }
  const FoldInResult* foldIn() const { return foldIn_.get(); }
  const std::string& foldInStatus() const { return foldInStatus_; }

 private:
  struct LoadedModel {
    std::shared_ptr<const Model> model;
    size_t epochs = 0;
  };
  struct ModelFileState;  // shared with the worker that writes the checkpoint

  // explore_state.cpp
  void resetForDataset(std::shared_ptr<const Dataset> data);
  void takeEmbeddings(const TrainingView& training, const std::shared_ptr<const Model>& loadedModel);
  void startProjection();
  void collectJobs();
  /// The model for clusters and fold-in, fresh for the newest snapshot; asks the run for one when
  /// it has none (then returns null, and the callers retry when it arrives).
  std::shared_ptr<const Model> currentModel();
  void requestModel();
  // explore_scene.cpp
  void rebuildGeometry();
  void rebuildColours();
  void rebuildHighlights();
  // explore_analyses.cpp
  void startClusters(std::shared_ptr<const Model> model);
  void startFoldIn(std::shared_ptr<const Model> model);

  std::unique_ptr<PointCloudRenderer> renderer_;
  ModelFileRequester requestModelFile_;

  std::shared_ptr<const Dataset> dataset_;
  std::shared_ptr<const CatalogueFacts> facts_;
  std::unique_ptr<BackgroundJob<CatalogueFacts>> factsJob_;

  // The embeddings to analyse: shared with the snapshot or the loaded model (no copies).
  std::shared_ptr<const std::vector<float>> itemVectors_, userVectors_;
  int32_t itemDim_ = 0, userDim_ = 0;
  uint64_t embeddingVersion_ = 0;  // bumps with every new set of embeddings
  uint64_t seenSnapshot_ = 0;
  std::string runName_;  // the run the vectors (and model_, when fromRun_) came from
  const Model* seenLoadedModel_ = nullptr;
  size_t snapshotEpochs_ = 0;
  bool fromRun_ = false;
  std::string sourceLabel_;

  std::shared_ptr<const ProjectionResult> projection_;
  std::unique_ptr<BackgroundJob<ProjectionResult>> projectionJob_;
  bool projectionWanted_ = false;  // new embeddings arrived while a PCA was running

  LoadedModel model_;
  std::string modelLabel_;
  std::shared_ptr<ModelFileState> modelFileState_;
  std::unique_ptr<BackgroundJob<LoadedModel>> modelJob_;
  std::shared_ptr<const Model> loadedModel_;
  uint64_t modelFileCounter_ = 0;

  // Scene: host copies of what the renderer holds, and the keys they were built for.
  std::vector<float> positions_;
  std::vector<uint32_t> colours_;
  std::vector<float> sizes_;
  Legend legend_;
  ProjectionOptions builtOptions_;
  const ProjectionResult* builtProjection_ = nullptr;
  const ClusterAnalysis* builtClusters_ = nullptr;
  const FoldInResult* builtFoldIn_ = nullptr;
  bool highlightsDirty_ = true;
  bool sceneWanted_ = false;
  bool sceneChanged_ = true;
  ProjectionCamera sceneCamera_;
  CameraViewport sceneViewport_;
  PointStyle sceneStyle_;
  Mat4 pickMatrix_{};
  std::vector<ScreenPoint> screenPoints_;  // the cloud projected with pickMatrix_
  std::chrono::steady_clock::time_point lastDraw_{};
  int measuredFrames_ = 0;
  double measuredMs_ = 0.0;

  int32_t selectedMovie_ = -1;
  std::vector<Neighbour> neighbours_;
  int32_t neighboursFor_ = -1, neighboursK_ = -1, neighboursMin_ = -1;
  const ProjectionResult* neighboursProjection_ = nullptr;

  std::shared_ptr<const ClusterAnalysis> clusters_;
  std::unique_ptr<BackgroundJob<ClusterAnalysis>> clusterJob_;
  bool clusterWaitsForModel_ = false;
  std::string clusterStatus_;
  int32_t selectedCluster_ = -1;

  std::shared_ptr<const FoldInResult> foldIn_;
  std::unique_ptr<BackgroundJob<FoldInResult>> foldInJob_;
  bool foldInWaitsForModel_ = false;
  std::string foldInStatus_;
};

}  // namespace ll::gui
