#pragma once
// Frame times of a run of the app: a smoothed value for the status bar, and for scripted runs
// (--frames) the summary printed at the end — percentiles over all frames, over the frames drawn
// while training and over those drawn while a layout (UMAP, t-SNE) was computing, and where the
// slowest frame spent its time.

#include <string>
#include <vector>

namespace ll::gui {

/// Frame times over a run (mean, percentiles) and a smoothed value for the status bar.
struct FrameStats {
  int frames = 0;
  double totalMs = 0.0;
  double smoothedMs = 0.0;
  std::vector<double> samplesMs;
  void record(double ms);
  double meanMs() const { return frames > 0 ? totalMs / frames : 0.0; }
  /// The q-quantile (0 ≤ q ≤ 1, nearest rank) of the recorded frame times; 0 without frames.
  double quantileMs(double q) const;
  /// "N frames: mean …, median …, p99 …, max … ms".
  std::string summary() const;
};

/// Where the slowest frame of a scripted run spent its time, to tell a heavy UI build from a
/// slow render or a blocking hand-over.
struct SlowestFrame {
  int index = -1;
  double totalMs = 0.0;
  double stateMs = 0.0;   ///< main-thread queue and the workers' newest state
  double uiMs = 0.0;      ///< building the ImGui frame
  double renderMs = 0.0;  ///< drawing it (and writing pending PNGs)
  double swapMs = 0.0;    ///< the buffer swap
  /// "frame N: T ms (state …, UI …, render …, swap … ms)"; empty before a frame was recorded.
  std::string summary() const;
};

/// Everything a run records about its frames.
struct FrameReport {
  double firstFrameMs = 0.0;  ///< startup: shaders, the font atlas, first uploads (not in stats)
  FrameStats all;
  FrameStats training;        ///< the frames drawn while a training run was active
  FrameStats layout;          ///< the frames drawn while a layout job (UMAP, t-SNE) was computing
  SlowestFrame slowest;

  /// What was running in the background while a frame was drawn.
  struct Activity {
    bool training = false;
    bool layout = false;
  };
  /// Records a frame after the first; phases as in SlowestFrame.
  void record(int index, Activity activity, const SlowestFrame& phases);
  /// The scripted run's closing lines on stdout ("latentlens: …").
  void print(int frames, int width, int height) const;
};

}  // namespace ll::gui
