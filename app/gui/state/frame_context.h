#pragma once
// What a panel sees while it builds its part of one frame: the newest state, loaded once at the
// start of the frame (so every panel draws the same one), and the commands it may issue.
// Commands only record intent or start background work; none of them blocks the frame.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <imgui.h>

#include "app/gui/render/theme.h"
#include "app/gui/state/dataset_loader.h"
#include "app/gui/state/training_controller.h"

namespace ll {
class Model;
}

namespace ll::gui {

class ExploreState;
class ExperimentState;
class RunModels;
class TuneState;

/// Requests from panels to the App. Implemented by App; called on the UI thread only.
class AppCommands {
 public:
  virtual ~AppCommands() = default;
  /// Starts loading spec in the background (k-core filtered when filter is set); the Data panel
  /// shows progress, then the result.
  virtual void openDataset(const std::string& spec, DatasetFilter filter = {}) = 0;
  /// Shows File → Open… (the built-in folder browser).
  virtual void showOpenDatasetDialog() = 0;
  /// Training: start a run with the current settings, and control it. Each returns at once.
  virtual void startTraining() = 0;
  virtual void pauseTraining() = 0;
  virtual void resumeTraining() = 0;
  virtual void stepTraining() = 0;
  virtual void stopTraining() = 0;
  /// Saves the screen rectangle [min, max) of this frame as a PNG after it is rendered; the
  /// outcome arrives through status (UI thread, same or next frame).
  virtual void savePngOfRegion(const std::string& path, ImVec2 min, ImVec2 max,
                               std::function<void(const std::string& error)> status) = 0;
  /// Removes a run from the library (and from runs.json).
  virtual void deleteRun(int64_t id) = 0;
};

struct FrameContext {
  std::shared_ptr<const DatasetState> dataset;  ///< never null
  LoadProgress loadProgress;                    ///< meaningful while dataset->phase is Loading
  const TrainingView* training = nullptr;       ///< the current run (phase Idle before the first)
  TrainingSettings* settings = nullptr;         ///< the Training panel's form, owned by the App
  RunLibrary* runs = nullptr;                   ///< kept runs; panels may tick them (shown) in place
  std::string trainingError;                    ///< why the last Start was refused (empty: none)
  std::shared_ptr<const Model> loadedModel;     ///< the last model loaded from a checkpoint (null: none)
  const RunModels* runModels = nullptr;         ///< the models of runs this window trained or opened
  const Fonts* fonts = nullptr;
  AppCommands* commands = nullptr;
  ExploreState* explore = nullptr;              ///< projection, neighbours, clusters, fold-in (the Explore layout's)
  ExperimentState* experiments = nullptr;       ///< the sweep form, job and results (the Experiments layout's)
  TuneState* tune = nullptr;                    ///< the Training panel's tune: budget, job and table
  ImVec2 workPos;   ///< screen area left for panels: below the menu bar, above the status bar
  ImVec2 workSize;
  float scale = 1.0f;  ///< content scale: multiply fixed pixel sizes by it
};

}  // namespace ll::gui
