#pragma once
// The comet's history: snapshots of the movie embeddings over a run, kept under a memory budget,
// and their projections aligned frame to frame for a replay that does not spin.
//
// Thinning: every snapshot is kept until one more would pass the budget; then only every 2nd one
// added (counted from the first) is kept, then every 4th, and so on, the latest always kept too.
// The first snapshot is always kept, and a run of any length fits: the kept frames stay spread
// evenly over it, at most budget / frame size of them.
//
// Threads: one owner (the training side) adds; any thread reads. The list of kept frames is an
// immutable std::shared_ptr<const std::vector<EmbeddingFrame>> replaced whole under a short lock,
// and every frame's values are a shared_ptr<const> as well, so a reader that took frames() keeps a
// consistent list, and the memory of the frames in it, however many epochs are added meanwhile.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "core/analysis/analysis_progress.h"
#include "core/analysis/pca.h"
#include "core/analysis/procrustes.h"

namespace ll {

struct EmbeddingFrame {
  int32_t epoch = 0;
  int64_t sequence = 0;  ///< its place among all snapshots added (0 for the first): thinning keeps multiples of the stride
  std::shared_ptr<const std::vector<float>> values;  ///< rows × dimension, row-major
};

using EmbeddingFrames = std::vector<EmbeddingFrame>;

class EmbeddingHistory {
 public:
  /// 256 MiB: ~280 frames of ml-1m's 3,700 films × 64 floats, 17 of 60,000 films × 64.
  static constexpr size_t kDefaultBudgetBytes = size_t{256} << 20;

  /// Frames of rows × dimension floats. A budget below two frames keeps the latest frame only
  /// (bytes() then exceeds a budget below one frame: a live view needs the latest).
  EmbeddingHistory(int32_t rows, int32_t dimension, size_t budgetBytes = kDefaultBudgetBytes);

  /// Copies values (rows × dimension, row-major). Epochs must increase: throws InputError for an
  /// epoch not after the latest one, or values of another size (call clear() when a run restarts).
  void add(int32_t epoch, std::span<const float> values);
  /// Shares values instead of copying them (e.g. the embeddings copy a training snapshot holds).
  void add(int32_t epoch, std::shared_ptr<const std::vector<float>> values);
  void clear();

  /// The kept frames, by increasing epoch: an immutable snapshot of the list.
  std::shared_ptr<const EmbeddingFrames> frames() const;
  /// Frame i of the current list (bounds-checked). Readers that look at several frames take
  /// frames() once instead: the list may change between two calls.
  EmbeddingFrame frame(int32_t i) const;
  int32_t frameCount() const;
  std::vector<int32_t> epochs() const;  ///< of the kept frames
  size_t bytes() const;                 ///< held by the kept frames' values
  int32_t stride() const;               ///< the kept frames are every stride-th added (and the latest)

  int32_t rows() const { return rows_; }
  int32_t dimension() const { return dimension_; }
  size_t budgetBytes() const { return budgetBytes_; }
  /// Frames the budget holds (at least 1; unbounded for empty frames).
  int32_t capacity() const { return capacity_; }

 private:
  const int32_t rows_;
  const int32_t dimension_;
  const size_t budgetBytes_;
  const int32_t capacity_;
  mutable std::mutex mutex_;  // guards the members below; held only to swap or copy pointers
  std::shared_ptr<const EmbeddingFrames> frames_;
  int64_t added_ = 0;
  int32_t stride_ = 1;
};

// --- Replay ------------------------------------------------------------------------------------

struct ReplayParams {
  int32_t components = 2;  ///< 2 or 3 for the plot; any from 1 to the axes' components (default: 2)
  /// The latest frame keeps the orientation of the axes (the live view's) and each earlier frame is
  /// aligned to the one after it; false: the first frame is the anchor and each later frame is
  /// aligned to the one before (default: true)
  bool anchorLatest = true;
  /// Before projecting, also align each frame's embeddings to its aligned neighbour's in all d
  /// dimensions (a d × d SVD per frame), so the fixed axes see the frames in one basis; the plane
  /// alignment follows as well (default: false)
  bool alignEmbeddings = false;
  /// How frames are aligned, in the plane and in embedding space. Reflections stay off for a
  /// replay: a mirror image is not a motion (default: rotation only, with translation)
  ProcrustesParams alignment;
};

struct ReplayLayout {
  int32_t rows = 0;
  int32_t components = 0;
  std::vector<int32_t> epochs;                  ///< one per frame, increasing
  std::vector<std::vector<float>> coordinates;  ///< one per frame: rows × components, row-major
  std::vector<double> residuals;  ///< one per frame: its plane Procrustes residual against its neighbour (0 for the anchor)
  bool cancelled = false;
};

/// Projects every frame onto axes ((x − axes.mean) · axis, typically computePca of the latest
/// frame) and aligns each projection to its neighbour's by Procrustes, in frame order away from the
/// anchor. Deterministic. Throws InputError when a frame's size is not a multiple of axes.dimension
/// or differs from the others, or for components outside [1, axes.components]. progress is called
/// once per frame; a cancelled layout holds no frames.
ReplayLayout alignedProjection(const EmbeddingFrames& frames, const PcaResult& axes, const ReplayParams& params = {},
                               const AnalysisProgress& progress = {});

}  // namespace ll
