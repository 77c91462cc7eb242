#pragma once
// The comet's history in the Explore view: the movie embeddings of every epoch of the current run
// are kept (shared with the run's snapshots, never copied; thinned under a memory budget by
// core/analysis/embedding_history.h) and replayed on a timeline under the projection — each frame
// projected on the live PCA's axes and aligned to its neighbour by orthogonal Procrustes, so the
// picture does not spin, all drawn at one scale so the comet's growth shows; the picked film's path
// through the frames is drawn. UI thread only, apart from the preparing job.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/render/projection_camera.h"
#include "app/gui/state/layout_state.h"
#include "core/analysis/embedding_history.h"
#include "core/util/background_job.h"

namespace ll::gui {

class ReplayState {
 public:
  ReplayState();
  ~ReplayState();
  ReplayState(const ReplayState&) = delete;
  ReplayState& operator=(const ReplayState&) = delete;

  /// A new epoch's movie embeddings (rows × dimension) of run `run`; another run starts afresh.
  void record(const std::string& run, int32_t epoch, std::shared_ptr<const std::vector<float>> values, int32_t rows, int32_t dimension);
  /// The kept frames so far.
  int32_t recordedFrames() const { return history_ ? history_->frameCount() : 0; }
  void reset();

  bool active = false;   ///< the projection shows the replay's frame instead of the live layout
  bool playing = false;  ///< advances a frame every 1 / framesPerSecond
  float framesPerSecond = 8.0f;
  int32_t frame = 0;     ///< the frame shown, 0 … frames() − 1

  /// Aligns and projects the recorded frames on axes (the live PCA of the newest embeddings) in
  /// the background; the replay shows once it is done.
  void prepare(const PcaResult& axes);
  bool preparing() const { return job_ != nullptr; }
  /// Frames of the prepared replay (0 before one is ready).
  int32_t frames() const { return static_cast<int32_t>(frames_.size()); }
  int32_t epochOf(int32_t frame) const;
  /// The frame to draw (null when inactive or not prepared).
  const LayoutFrame* current() const;
  /// Where item sits in frames 0 … frame, in the scene's units (the replay's one scale).
  std::vector<Vec3> pathOf(int32_t item) const;

  /// Once per frame: collects the preparing job and advances playback (now: seconds, any clock).
  void poll(double now);

  /// Where startExport writes (edited in the replay's export popup).
  std::string exportFolder = "replay-frames";
  /// Exports every frame as a PNG of the projection (exportFolder/epoch-NNNN.png), one per drawn
  /// frame: the projection panel shows frame exportFrame(), asks for its picture, then calls exported().
  void startExport();
  bool exporting() const { return exportNext_ >= 0; }
  int32_t exportFrame() const { return exportNext_; }
  /// The path of the frame being exported.
  std::string exportPath() const;
  /// The frame's picture was asked for: on to the next, or done.
  void exported();
  /// "12 frames → folder", or why not.
  const std::string& exportStatus() const { return exportStatus_; }

 private:
  std::unique_ptr<EmbeddingHistory> history_;
  std::string run_;
  int32_t lastEpoch_ = -1;
  std::unique_ptr<BackgroundJob<ReplayLayout>> job_;
  std::vector<std::shared_ptr<const LayoutFrame>> frames_;
  std::vector<int32_t> epochs_;
  double lastStep_ = 0.0;
  int32_t exportNext_ = -1;
  std::string exportStatus_;
};

}  // namespace ll::gui
