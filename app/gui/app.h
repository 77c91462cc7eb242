#pragma once
// The App owns all state of the desktop app: the ImGui layer, fonts, the main-thread queue, the
// data set loader, the panels. One frame, in a fixed order (see run()):
//   poll events → drain the main-thread queue → load the newest state → build the UI (all
//   mutations here) → render → screenshot if asked → swap; sleep when idle or minimised.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/panels/panel.h"
#include "app/gui/platform/imgui_layer.h"
#include "app/gui/platform/window.h"
#include "app/gui/render/theme.h"
#include "app/gui/state/dataset_loader.h"
#include "app/gui/state/frame_context.h"
#include "app/gui/state/main_thread_queue.h"

namespace ll::gui {

struct AppConfig {
  std::string dataSpec = "synthetic";  ///< loaded at start (default: synthetic)
  int frames = 0;                      ///< > 0: scripted run of this many frames, then exit (default: 0)
  std::string screenshotPath;          ///< scripted run: PNG of the last frame (default: none)
  std::string iniPath;                 ///< layout file; empty: none read or written (default: none)
};

/// Mean frame time over a run, and a smoothed value for the status bar.
struct FrameStats {
  int frames = 0;
  double totalMs = 0.0;
  double smoothedMs = 0.0;
  void record(double ms);
  double meanMs() const { return frames > 0 ? totalMs / frames : 0.0; }
};

class App final : public AppCommands {
 public:
  App(Window& window, AppConfig config);
  ~App() override;
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  /// Runs until the window closes (or the scripted frame count is reached). Returns the exit code.
  int run();

  void openDataset(const std::string& spec) override;

 private:
  bool scripted() const { return config_.frames > 0; }
  void waitForEvents();
  void loadNewestState();
  void buildUi();
  void buildMenuBar();
  void buildStatusBar();
  void buildAboutPopup();
  void drawBackdrop();
  void renderFrame();
  bool isLastScriptedFrame(int frameIndex, double runSeconds) const;
  bool needsContinuousFrames() const;

  Window& window_;
  AppConfig config_;
  float scale_ = 1.0f;
  ImGuiLayer imgui_;
  Fonts fonts_;
  MainThreadQueue queue_;  // declared before loader_: the loader's listener posts into it
  DatasetLoader loader_;
  std::vector<std::unique_ptr<Panel>> panels_;

  FrameContext frame_;     // refreshed by loadNewestState() at the start of every frame
  int settledFrames_ = 0;  // consecutive frames without a load in flight (scripted runs wait for 3)
  int busyFramesLeft_ = 0; // frames to keep polling after input, so hover and animations settle
  std::chrono::steady_clock::time_point lastFrameStart_;
  bool aboutRequested_ = false;
  bool aboutOpen_ = false;
  FrameStats stats_;
};

}  // namespace ll::gui
