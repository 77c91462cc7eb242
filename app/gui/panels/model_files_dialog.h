#pragma once
// File → Save model… and File → Load model…: small modal dialogs with a path field (no native
// file dialog is packaged). Saving goes through the running session (it writes at its next safe
// point, on the worker thread); loading runs on a background thread. Outcomes come back through
// the main-thread queue, so the frame never waits for the disk. A loaded checkpoint's history
// joins the run library; its model, when it was trained on the data set now open, becomes the
// one the Explore analyses use.

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "app/gui/state/dataset_loader.h"
#include "app/gui/state/main_thread_queue.h"
#include "app/gui/state/run_library.h"
#include "app/gui/state/run_models.h"
#include "app/gui/state/training_controller.h"

namespace ll {
class Model;
}

namespace ll::gui {

class ModelFilesDialog {
 public:
  /// Outcomes are posted to queue; the runs a load brings are added to runs, their models to models.
  ModelFilesDialog(MainThreadQueue& queue, RunLibrary& runs, RunModels& models) : queue_(queue), runs_(runs), models_(models) {}
  ~ModelFilesDialog() = default;  // joins a load in flight (modelTask_ is declared last)
  ModelFilesDialog(const ModelFilesDialog&) = delete;
  ModelFilesDialog& operator=(const ModelFilesDialog&) = delete;

  /// File menu entries: Save model… (while a run can save), Load model…, Open factors….
  void buildMenuItems(const TrainingView& run);
  /// Shows Open factors… with path, previewed as soon as a data set is open.
  void openFactors(const std::string& path);
  /// The three modals, while shown. data: the data set a loaded model must have been trained on.
  void draw(TrainingController& training, const DatasetState& data, float scale);

  /// A save or load is in flight.
  bool busy() const { return busy_; }
  /// The last model loaded from a checkpoint (null: none).
  const std::shared_ptr<const Model>& loadedModel() const { return loadedModel_; }
  /// A line for the status bar after a save or load finished; empty when there is none new.
  std::string takeNotice() { return std::exchange(notice_, std::string()); }

 private:
  void drawSave(TrainingController& training, float scale);
  void drawLoad(const DatasetState& data, float scale);
  void startLoading(const std::string& path, std::shared_ptr<const Dataset> data);
  // Open factors…: factors trained elsewhere (core/exchange), previewed before they open.
  struct FactorsPreview {
    std::string path;
    std::string text;  ///< format, rows, dimension, biases, id coverage; or why they cannot open
    std::shared_ptr<const Model> model;  ///< null when they cannot open as a model
  };
  void drawFactors(const DatasetState& data, float scale);
  void startPreview(const std::string& path, std::shared_ptr<const Dataset> data);
  void openPreviewedFactors();
  void finish(std::string status);

  MainThreadQueue& queue_;
  RunLibrary& runs_;
  RunModels& models_;
  bool saveRequested_ = false;
  bool loadRequested_ = false;
  bool factorsRequested_ = false;
  bool previewWhenReady_ = false;
  std::string factorsPath_;
  std::optional<FactorsPreview> preview_;
  std::string savePath_;
  std::string loadPath_;
  std::string status_;  // outcome of the last save or load, shown in the dialog
  std::string notice_;
  bool busy_ = false;
  std::shared_ptr<const Model> loadedModel_;
  std::jthread modelTask_;  // last declared: joined first, before anything it posts into goes
};

}  // namespace ll::gui
