#pragma once
// The state behind the Experiments panel, owned by the App: the grid form, the sweep running as a
// BackgroundJob (the progress report is its cancellation point), the newest results — of the
// finished sweep or of a results file loaded from disk — and saving them as CSV or JSON.
// The UI thread polls the job in refresh() once per frame and never waits for it.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/state/dot_product_run.h"
#include "core/data/dataset.h"
#include "core/experiment/experiment_grid.h"
#include "core/experiment/experiment_results.h"
#include "core/util/background_job.h"

namespace ll::gui {

/// The grid as the form edits it (text fields stay text until Run parses them).
struct ExperimentForm {
  std::vector<ModelKind> models = {ModelKind::UserBias, ModelKind::MF, ModelKind::Add, ModelKind::Tensor};
  std::string dims = "2,4,8";
  std::string folds = "official";
  FeedbackMode feedback = FeedbackMode::Auto;
  int32_t epochs = 0;   ///< the epoch limit of every run; 0: each model's recommended limit
  int32_t threads = 0;  ///< 0: all cores but one, left to the interface
  /// A preset's own training protocol (Latent Spaces 2021's SGD for fig8), else each model's recommendation
  std::optional<TrainingRecommendation> presetTraining;
  /// Refit each cell's model on training and validation ratings before testing (off in the NRP
  /// paper's tables, which test the model trained on 80 %)
  bool refit = true;
  bool dotProduct = false;  ///< the fig3 preset: an MLP learning a dot product (DotProductRun), not a grid
};

class ExperimentState {
 public:
  ExperimentState();
  ~ExperimentState();
  ExperimentState(const ExperimentState&) = delete;
  ExperimentState& operator=(const ExperimentState&) = delete;

  ExperimentForm form;
  /// fig3: its own form, run and results (shown instead of the grid's while form.dotProduct).
  DotProductRun dotProduct;
  /// Sets the form's models, dims, folds and feedback to a source figure's grid; fig3 switches
  /// the form to the dot-product experiment.
  void applyPreset(const std::string& name);

  /// Starts the form's grid on data (fig3: needs none); an error in the form is shown in status() instead.
  void run(std::shared_ptr<const Dataset> data);
  void cancel();
  bool running() const { return job_ != nullptr || dotProduct.running(); }
  /// Once per frame: collects a finished sweep.
  void refresh();

  double progress() const;
  /// Seconds left, from the elapsed time and the fraction done; negative while unknown.
  double etaSeconds() const;
  double elapsedSeconds() const;
  /// What is training now ("mf z=8 · fold 2/5 · epoch 3").
  std::string currentLabel() const;

  /// The results on show: the last sweep's or a loaded file's; null before either.
  const ExperimentResults* results() const { return results_.get(); }
  /// Where the results came from ("sweep of 12 runs, 41 s", "loaded results.json").
  const std::string& origin() const { return origin_; }
  /// One line on the last action (errors included); empty when there is nothing to say.
  const std::string& status() const { return status_; }

  std::string filePath = "~/latentlens-experiments/results.json";  ///< edited by the panel
  /// Writes the results on show (the grid's or fig3's) to filePath (CSV unless it ends in .json);
  /// the outcome lands in status().
  void save();
  /// Reads filePath (CSV or JSON, by content; a fig3 results.json switches to fig3); a foreign or
  /// damaged file leaves the results shown.
  void load();

 private:
  /// Written by the worker, read by the UI: the label of the cell in training.
  struct LiveLabel {
    mutable std::mutex mutex;
    std::string text;
  };

  std::unique_ptr<BackgroundJob<ExperimentResults>> job_;
  std::shared_ptr<LiveLabel> label_ = std::make_shared<LiveLabel>();
  std::chrono::steady_clock::time_point started_;
  int32_t cells_ = 0;
  std::shared_ptr<const ExperimentResults> results_;
  std::string origin_;
  std::string status_;
};

}  // namespace ll::gui
