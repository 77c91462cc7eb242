#pragma once
// The App owns all state of the desktop app: the window's ImGui layer and fonts, the main-thread
// queue, what the layouts share (the data set loader, the training settings, the run and the
// run library), the three layouts (each with the state only its panels use), the dialogs, and
// the demo script. Files:
//   app.cpp           construction and the frame loop, in a fixed order (see run()): poll events
//                     → drain the main-thread queue → load the newest state → build the UI (all
//                     mutations here) → render → screenshot if asked → swap; sleep when idle. The
//                     frame's UI around the panels: menus, layout switch (Ctrl+1/2/3), status bar
//   app_commands.cpp  what panels and menus ask for (AppCommands): opening data sets, steering
//                     training, PNGs of screen regions; the UI scale

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/demo_script.h"
#include "app/gui/frame_report.h"
#include "app/gui/layouts/cockpit_layout.h"
#include "app/gui/layouts/experiments_layout.h"
#include "app/gui/layouts/explore_layout.h"
#include "app/gui/panels/model_files_dialog.h"
#include "app/gui/panels/open_dataset_dialog.h"
#include "app/gui/platform/imgui_layer.h"
#include "app/gui/platform/window.h"
#include "app/gui/render/theme.h"
#include "app/gui/state/dataset_loader.h"
#include "app/gui/state/frame_context.h"
#include "app/gui/state/main_thread_queue.h"
#include "app/gui/state/recent_datasets.h"
#include "app/gui/state/run_library.h"
#include "app/gui/state/run_models.h"
#include "app/gui/state/training_controller.h"
#include "app/gui/state/training_settings.h"
#include "app/gui/state/tune_state.h"
#include "app/gui/state/view_settings.h"

namespace ll::gui {

struct AppConfig {
  std::string dataSpec = "synthetic";  ///< loaded at start (default: synthetic)
  int frames = 0;                      ///< > 0: scripted run of this many frames, then exit (default: 0)
  std::string screenshotPath;          ///< scripted run: PNG of the last frame (default: none)
  std::string iniPath;                 ///< layout file; empty: none read or written (default: none)
  std::string dataDirectory;           ///< settings.json and runs.json; empty: none kept (default: none)
  bool demo = false;                   ///< drive the app for a screenshot (demo_script.h) (default: false)
  std::string layout = "cockpit";      ///< first layout: "cockpit", "explore", "explore-3d", "compare", "experiments" or "experiments-fig3" (default: cockpit)
  bool spin = false;                   ///< Explore 3D: orbit every frame, for frame-time measurements (default: false)
  std::string resultsPath;             ///< an experiment's results file to show in the Experiments view (default: none)
  std::string factorsPath;             ///< factors to preview in File → Open factors… at start (default: none)
  bool openDialog = false;             ///< show File → Open… at start (screenshots, tests) (default: false)
  float uiScale = 0.0f;                ///< > 0: draw at this scale, not saved (default: 0, the View menu's)
  DemoRun demoRun;                     ///< the demo's model, z and threads when not the layout's (default: the layout's)
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
  enum class LayoutKind { Cockpit, Explore, Experiments };

  bool scripted() const { return config_.frames > 0; }
  Layout& activeLayout();
  /// A file in the data directory; empty when there is none (nothing is then kept).
  static std::filesystem::path dataFile(const std::string& directory, const char* name);
  // app.cpp
  void waitForEvents();
  void loadNewestState();
  void renderFrame();
  bool isLastScriptedFrame(int frameIndex, double runSeconds) const;
  bool needsContinuousFrames() const;
  int finishScriptedRun(int frames, double runSeconds, const std::string& screenshotError);
  void buildUi();
  void handleShortcuts();
  void buildMenuBar();
  void buildLayoutMenuItems();
  void buildLayoutSwitch();
  // app_commands.cpp
  void setUpDataSide();
  void refreshTraining();
  void handleTrainingShortcuts();
  void savePendingPngs();
  void openDroppedPaths(const std::vector<std::string>& paths);
  void recordOpenedDataset();
  void buildUiScaleMenu();
  void applyUiScale(float contentScale);

  Window& window_;
  AppConfig config_;
  float scale_ = 1.0f;
  ImGuiLayer imgui_;
  Fonts fonts_;
  MainThreadQueue queue_;  // declared before its users: the loader's and dialogs' callbacks post into it
  DatasetLoader loader_;

  // Shared by the layouts.
  TrainingSettings settings_;    // the Training panel's form
  RunLibrary runs_;
  RunModels runModels_;          // the models of this window's runs, for comparing them
  TrainingController training_;  // after queue_: its checkpoint callbacks post into it
  TuneState tune_;               // the Training panel's search (its job cancels and joins on destruction)
  std::string trainingError_;    // why the last Start was refused
  std::string notice_;           // one line for the status bar (saves, loads, errors)

  CockpitLayout cockpit_;
  ExploreLayout explore_;
  ExperimentsLayout experiments_;
  LayoutKind layout_ = LayoutKind::Cockpit;
  DemoScript demo_;

  ModelFilesDialog modelFiles_{queue_, runs_, runModels_};
  OpenDatasetDialog openDialog_;
  RecentDatasets recent_{dataFile(config_.dataDirectory, "recent.json")};
  ViewSettings view_ = loadViewSettings(dataFile(config_.dataDirectory, "view.json"));
  float contentScale_ = 1.0f;                             // the monitor's, as GLFW last reported it
  std::shared_ptr<const DatasetState> recordedDataset_;   // the last state offered to the recent list
  std::vector<PngRequest> pngRequests_;                   // served after this frame's render, before the swap
  bool keyboardHelpRequested_ = false;
  bool aboutRequested_ = false;

  FrameContext frame_;     // refreshed by loadNewestState() at the start of every frame
  int settledFrames_ = 0;  // consecutive frames without a load in flight (scripted runs wait for 3)
  int busyFramesLeft_ = 0; // frames to keep polling after input, so hover and animations settle
  std::chrono::steady_clock::time_point lastFrameStart_;
  FrameReport frames_;
};

}  // namespace ll::gui
