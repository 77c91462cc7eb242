#pragma once
// The schedule of a point-cloud draw spread over several frames. Under a software rasteriser
// (llvmpipe, as under Xvfb) 60k points take ~55 ms to draw; a layout that moves them every frame
// or two (UMAP forming) would make every such frame that long. Drawn in steps of a bounded number
// of points into a second target, and shown only when whole, each frame pays for one step and the
// picture never shows a half-drawn cloud. GL-free, so the schedule is tested on its own.

#include <algorithm>
#include <cstddef>
#include <optional>

#include "app/gui/render/point_cloud_renderer.h"

namespace ll::gui {

/// What one stepped draw draws with; fixed from its first step to its last.
struct DrawRequest {
  ProjectionCamera camera;
  CameraViewport viewport;
  PointStyle style;
};

class SteppedDraw {
 public:
  /// One step's work: points [first, first + count) of the cloud as it was when the draw started.
  struct Step {
    DrawRequest request;
    bool starts = false;    ///< the first step: upload the cloud, clear the target
    bool finishes = false;  ///< the last step: draw the highlights, show the target
    size_t first = 0;
    size_t count = 0;
  };

  explicit SteppedDraw(size_t pointsPerStep) : pointsPerStep_(std::max<size_t>(1, pointsPerStep)) {}

  /// Asks for a draw. It starts at the next step when none is under way; otherwise it waits until
  /// the one under way is whole, and a newer request replaces it while it waits.
  void request(const DrawRequest& request) { waiting_ = request; }
  /// Drops the draw under way and the waiting one (an immediate draw superseded them).
  void cancel() {
    current_.reset();
    waiting_.reset();
  }
  /// Something is under way or waiting.
  bool pending() const { return current_.has_value() || waiting_.has_value(); }

  /// The next step, or none when idle; points: the cloud's size, read when a draw starts.
  std::optional<Step> next(size_t points) {
    Step step;
    if (!current_) {
      if (!waiting_) return std::nullopt;
      current_ = *waiting_;
      waiting_.reset();
      total_ = points;
      done_ = 0;
      step.starts = true;
    }
    step.request = *current_;
    step.first = done_;
    step.count = std::min(pointsPerStep_, total_ - done_);
    done_ += step.count;
    step.finishes = done_ == total_;
    if (step.finishes) current_.reset();
    return step;
  }

  size_t pointsPerStep() const { return pointsPerStep_; }

 private:
  size_t pointsPerStep_;
  std::optional<DrawRequest> current_;
  std::optional<DrawRequest> waiting_;
  size_t total_ = 0;
  size_t done_ = 0;
};

}  // namespace ll::gui
