#pragma once
// The App owns all state of the desktop app: the ImGui layer, fonts, the main-thread queue, the
// data set loader, the panels. One frame, in a fixed order (see run()):
//   poll events → drain the main-thread queue → load the newest state → build the UI (all
//   mutations here) → render → screenshot if asked → swap; sleep when idle or minimised.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/gui/panels/open_dataset_dialog.h"
#include "app/gui/panels/panel.h"
#include "app/gui/platform/imgui_layer.h"
#include "app/gui/platform/window.h"
#include "app/gui/render/theme.h"
#include "app/gui/state/dataset_loader.h"
#include "app/gui/state/experiment_state.h"
#include "app/gui/state/explore_state.h"
#include "app/gui/state/frame_context.h"
#include "app/gui/state/main_thread_queue.h"
#include "app/gui/state/recent_datasets.h"
#include "app/gui/state/run_library.h"
#include "app/gui/state/training_controller.h"
#include "app/gui/state/training_settings.h"
#include "app/gui/state/view_settings.h"

namespace ll {
class Model;
}

namespace ll::gui {

struct AppConfig {
  std::string dataSpec = "synthetic";  ///< loaded at start (default: synthetic)
  int frames = 0;                      ///< > 0: scripted run of this many frames, then exit (default: 0)
  std::string screenshotPath;          ///< scripted run: PNG of the last frame (default: none)
  std::string iniPath;                 ///< layout file; empty: none read or written (default: none)
  std::string dataDirectory;           ///< settings.json and runs.json; empty: none kept (default: none)
  bool demo = false;                   ///< train tensor z=8 as soon as the data is in (default: false)
  std::string layout = "cockpit";      ///< first layout: "cockpit", "explore", "explore-3d" or "experiments" (default: cockpit)
  bool spin = false;                   ///< Explore 3D: orbit every frame, for frame-time measurements (default: false)
  bool openDialog = false;             ///< show File → Open… at start (screenshots, tests) (default: false)
  float uiScale = 0.0f;                ///< > 0: draw at this scale, not saved (default: 0, the View menu's)
};

/// Frame times over a run (mean, percentiles for the scripted runs' report) and a smoothed value
/// for the status bar.
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

class App final : public AppCommands {
 public:
  App(Window& window, AppConfig config);
  ~App() override;
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  /// Runs until the window closes (or the scripted frame count is reached). Returns the exit code.
  int run();

  void openDataset(const std::string& spec, DatasetFilter filter = {}) override;
  void showOpenDatasetDialog() override;
  void startTraining() override;
  void pauseTraining() override;
  void resumeTraining() override;
  void stepTraining() override;
  void stopTraining() override;
  void savePngOfRegion(const std::string& path, ImVec2 min, ImVec2 max,
                       std::function<void(const std::string&)> status) override;
  void deleteRun(int64_t id) override;

 private:
  struct PngRequest {
    std::string path;
    ImVec2 min, max;
    std::function<void(const std::string&)> status;
  };
  /// The Save / Load model dialogs (app_model_files.cpp).
  struct ModelFiles {
    bool saveRequested = false;
    bool loadRequested = false;
    std::string savePath;
    std::string loadPath;
    std::string status;          // outcome of the last save or load, shown in the dialog
    bool busy = false;           // a save or load is in flight
  };

  /// The three layouts of panels: training, looking at embeddings, sweeps.
  enum class Layout { Cockpit, Explore, Experiments };

  bool scripted() const { return config_.frames > 0; }
  std::vector<std::unique_ptr<Panel>>& layoutPanels();
  /// A file in the data directory; empty when there is none (nothing is then kept).
  static std::filesystem::path dataFile(const std::string& directory, const char* name);
  void waitForEvents();
  void loadNewestState();
  void buildUi();
  void buildMenuBar();
  void buildStatusBar();
  void buildAboutPopup();
  void drawBackdrop();
  void renderFrame();
  // app_training.cpp
  void refreshTraining();
  void handleTrainingShortcuts();
  void savePendingPngs();
  bool demoNeedsMoreEpochs() const;
  // app_explore.cpp: the Explore layout (projection, neighbours, clusters, fold-in), the layout
  // switch, Help → Keyboard, and the demo's tour through the Explore panels
  void setUpExplore();
  void refreshExplore();
  void handleLayoutShortcuts();
  void buildLayoutMenuItems();
  void buildLayoutSwitch();
  void buildKeyboardHelp();
  void advanceDemoTour();
  bool demoTourPending() const;
  void reportExplore() const;
  // app_experiments.cpp: the Experiments layout, and the demo's small sweep
  void setUpExperiments();
  void refreshExperiments();
  bool demoSweepPending() const;
  void reportExperiments() const;
  // app_model_files.cpp
  void buildModelFileMenuItems();
  void buildSaveModelDialog();
  void buildLoadModelDialog();
  void startLoadingModel(const std::string& path);
  // app_data.cpp: opening data sets (dialog, drops, recent list) and the UI scale
  void setUpDataSide();
  void handleOpenShortcut();
  void buildOpenDatasetDialog();
  void buildUiScaleMenu();
  void openDroppedPaths(const std::vector<std::string>& paths);
  void recordOpenedDataset();
  void applyUiScale(float contentScale);
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

  TrainingSettings settings_;  // the Training panel's form
  RunLibrary runs_;
  TrainingController training_;  // after queue_: its checkpoint callbacks post into it
  std::string trainingError_;    // why the last Start was refused
  bool demoStarted_ = false;
  std::vector<PngRequest> pngRequests_;  // served after this frame's render, before the swap
  std::string notice_;                   // one line for the status bar (saves, loads, errors)
  ModelFiles modelFiles_;
  // The Explore layout (app_explore.cpp).
  ExploreState explore_;
  std::vector<std::unique_ptr<Panel>> explorePanels_;
  Layout layout_ = Layout::Cockpit;
  int demoTourStep_ = 0;        // how far --demo has walked through the Explore panels
  // The Experiments layout (app_experiments.cpp).
  ExperimentState experiments_;
  std::vector<std::unique_ptr<Panel>> experimentPanels_;
  bool demoSweepStarted_ = false;
  bool keyboardHelpRequested_ = false;
  std::shared_ptr<const Model> loadedModel_;  // the last model loaded from a checkpoint (for the analyses)
  std::jthread modelTask_;  // last declared: joined first, before the queue it posts into goes

  // Opening data sets and the UI scale (app_data.cpp).
  OpenDatasetDialog openDialog_;
  RecentDatasets recent_{dataFile(config_.dataDirectory, "recent.json")};
  ViewSettings view_ = loadViewSettings(dataFile(config_.dataDirectory, "view.json"));
  float contentScale_ = 1.0f;                             // the monitor's, as GLFW last reported it
  std::shared_ptr<const DatasetState> recordedDataset_;   // the last state offered to the recent list

  FrameContext frame_;     // refreshed by loadNewestState() at the start of every frame
  int settledFrames_ = 0;  // consecutive frames without a load in flight (scripted runs wait for 3)
  int busyFramesLeft_ = 0; // frames to keep polling after input, so hover and animations settle
  std::chrono::steady_clock::time_point lastFrameStart_;
  bool aboutRequested_ = false;
  bool aboutOpen_ = false;
  FrameStats stats_;
  FrameStats trainingStats_;
  SlowestFrame slowest_;
  double firstFrameMs_ = 0.0;  // the frames drawn while a training run was active
};

}  // namespace ll::gui
