#pragma once
// Layouts of the movie embeddings beyond PCA, and how faithful each layout is. UMAP or t-SNE runs
// as a background job whose every epoch (UMAP) or every tenth iteration (t-SNE) is published, so
// the projection draws the map as it forms; custom axes (genre to genre) and PCA without the
// direction of popularity publish once. Parameters are set before a run. The trust of a layout — each film's share of its k nearest
// neighbours in the full space that stay among its k nearest on screen — is computed in the
// background for whatever layout is shown, and the means of the layouts seen so far are kept for
// the status line (PCA 2D, PCA 3D, UMAP side by side). UI thread only, apart from the jobs.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/state/explore_results.h"
#include "core/analysis/custom_axes.h"
#include "core/analysis/trustworthiness.h"
#include "core/analysis/tsne.h"
#include "core/analysis/umap.h"
#include "core/util/background_job.h"

namespace ll::gui {

/// One published state of a layout.
struct LayoutFrame {
  LayoutMethod method = LayoutMethod::Umap;
  uint64_t embeddingVersion = 0;  ///< the embeddings it lays out (ExploreState's version)
  int32_t rows = 0;
  int32_t components = 0;
  std::vector<float> coordinates;  ///< rows × components, row-major
  int32_t epoch = 0;               ///< 0: the initial layout; UMAP's epochs, t-SNE's iterations
  int32_t epochs = 0;
  bool finished = false;
  float scale = 0.0f;              ///< the scene's units per coordinate; 0: fit the 99th percentile to the view
  std::string axisName = "UMAP";   ///< axis labels and trust: "UMAP 1", "t-SNE 1", or "PC1" for a replay frame
  std::vector<std::string> axisLabels;  ///< one per component when the axes have their own names (custom axes)
};

/// The custom axes asked for in the app: genre to genre (indices of Dataset::genreNames), and a
/// second axis likewise or the principal component of the rest.
struct AxesChoice {
  int32_t from = 0, to = 1;
  bool secondFromGenres = false;
  int32_t secondFrom = 2, secondTo = 3;
};

/// Per-point trust of one shown layout.
struct LayoutTrust {
  std::string layout;  ///< "PCA 2D", "PCA 3D", "UMAP"
  uint64_t key = 0;    ///< what it was computed for (see requestTrust)
  KnnAgreement agreement;
};

class LayoutState {
 public:
  LayoutState();
  ~LayoutState();
  LayoutState(const LayoutState&) = delete;
  LayoutState& operator=(const LayoutState&) = delete;

  UmapParams umap;             ///< set before a run
  TsneParams tsne;             ///< set before a run
  AxesChoice axes;             ///< set before a run
  int32_t trustNeighbours = 10;  ///< k of the trust overlay

  /// Starts UMAP or t-SNE (method) of vectors (rows × dimension) of embedding version `version`;
  /// a running layout is cancelled.
  void run(LayoutMethod method, std::shared_ptr<const std::vector<float>> vectors, int32_t rows, int32_t dimension, uint64_t version);
  /// Starts custom axes (first, second: groups of rows; labels: each axis's name) or, with
  /// covariate set, PCA after removing the direction most correlated with it (log rating counts).
  void runAxes(std::shared_ptr<const std::vector<float>> vectors, int32_t rows, int32_t dimension, uint64_t version, AxisGroups first,
               std::optional<AxisGroups> second, std::vector<std::string> labels);
  void runWithoutCovariate(std::shared_ptr<const std::vector<float>> vectors, int32_t rows, int32_t dimension, uint64_t version,
                           std::vector<double> covariate);
  void cancel();
  /// Shows a stored layout (a saved view's) instead of computing one; a running layout is cancelled.
  void restore(std::shared_ptr<const LayoutFrame> frame, const std::string& status);
  bool running() const { return job_ != nullptr; }
  /// The newest published state of the current or last layout, or null.
  const LayoutFrame* frame() const { return frame_.get(); }
  const std::string& status() const { return status_; }

  /// Asks for the trust of the layout `name` (coordinates rows × components) of vectors; key
  /// identifies the layout (method, axes, version): the same key is not computed twice.
  void requestTrust(const std::string& name, uint64_t key, std::shared_ptr<const std::vector<float>> vectors, int32_t dimension,
                    std::vector<float> coordinates, int32_t rows, int32_t components);
  /// The trust of the layout with this key, or null while it is computed.
  const LayoutTrust* trust(uint64_t key) const { return trust_ && trust_->key == key ? trust_.get() : nullptr; }
  bool trustRunning() const { return trustJob_ != nullptr; }
  /// The mean trust of each layout seen for the current embeddings: "PCA 2D 0.05 · UMAP 0.14".
  std::string trustSummary() const;

  /// Once per frame: takes the newest published layout and finished jobs. True when the drawn layout changed.
  bool poll();
  /// The embeddings changed: trust means of the old ones are dropped (a layout stays, marked by its version).
  void embeddingsChanged(uint64_t version);
  /// Another data set: everything goes.
  void reset();

 private:
  struct Live;
  std::shared_ptr<Live> live_;
  std::unique_ptr<BackgroundJob<std::string>> job_;  // its result: the status line of the finished layout
  std::shared_ptr<const LayoutFrame> frame_;
  std::string status_;
  std::unique_ptr<BackgroundJob<LayoutTrust>> trustJob_;
  uint64_t trustJobKey_ = 0;
  std::shared_ptr<const LayoutTrust> trust_;
  std::map<std::string, double> trustMeans_;
  uint64_t trustVersion_ = 0;
};

}  // namespace ll::gui
