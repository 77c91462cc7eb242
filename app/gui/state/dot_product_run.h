#pragma once
// The Experiments view's fig3 preset (Rendle et al. 2020 Fig. 3, an MLP learning a dot product;
// core/experiment/dot_product_learning.h): its form, the run as a BackgroundJob (the progress
// report is its cancellation point), and the newest results, of the run or of a results.json
// loaded from disk. It needs no data set. The UI thread polls the job in refresh() once per frame.

#include <chrono>
#include <memory>
#include <string>

#include "core/experiment/dot_product_learning.h"
#include "core/util/background_job.h"

namespace ll::gui {

/// The fig3 form as edited (lists stay text until Run parses them).
struct DotProductForm {
  std::string dims;      ///< d values
  std::string users;     ///< M values (N = M)
  int32_t repeats = DotProductLearningParams{}.repeats;
  int32_t epochs = MlpFitParams{}.epochs;
  int32_t threads = DotProductLearningParams{}.threads;

  /// The preset's defaults, as text.
  static DotProductForm preset();
};

class DotProductRun {
 public:
  DotProductRun();
  ~DotProductRun();
  DotProductRun(const DotProductRun&) = delete;
  DotProductRun& operator=(const DotProductRun&) = delete;

  DotProductForm form = DotProductForm::preset();

  /// Starts the form's experiment; an error in the form lands in status() instead.
  void run();
  void cancel();
  bool running() const { return job_ != nullptr; }
  /// Once per frame: collects a finished run. status receives what to say (cancelled, failed).
  void refresh(std::string& status);

  double progress() const { return job_ ? job_->progress() : 0.0; }
  double elapsedSeconds() const;
  /// Seconds left, from the elapsed time and the (cost-weighted) fraction done; negative while unknown.
  double etaSeconds() const;

  /// The results on show; null before a run finished or a file was loaded.
  const DotProductLearningResults* results() const { return results_.get(); }
  const std::string& origin() const { return origin_; }
  /// Shows results loaded from a results.json.
  void show(DotProductLearningResults results, std::string origin);

 private:
  std::unique_ptr<BackgroundJob<DotProductLearningResults>> job_;
  std::chrono::steady_clock::time_point started_;
  std::shared_ptr<const DotProductLearningResults> results_;
  std::string origin_;
};

}  // namespace ll::gui
