#include "app/gui/state/dot_product_run.h"

#include <cstdio>

#include "core/experiment/experiment_grid.h"

namespace ll::gui {
namespace {

std::string listText(const std::vector<int32_t>& values) {
  std::string text;
  for (int32_t v : values) text += (text.empty() ? "" : ",") + std::to_string(v);
  return text;
}

}  // namespace

DotProductForm DotProductForm::preset() {
  const DotProductLearningParams defaults;
  DotProductForm form;
  form.dims = listText(defaults.dims);
  form.users = listText(defaults.users);
  return form;
}

DotProductRun::DotProductRun() = default;
DotProductRun::~DotProductRun() = default;  // the job's destructor cancels and joins

void DotProductRun::run() {
  if (running()) return;
  DotProductLearningParams params;
  params.dims = parseDimList(form.dims);  // throws InputError: the caller shows it
  params.users = parseDimList(form.users);
  for (int32_t m : params.users) {
    if (m < params.task.pairsPerUser) throw std::invalid_argument("M must be at least 100: N = M items hold 100·M pairs");
  }
  params.repeats = std::max(1, form.repeats);
  params.fit.epochs = std::max(1, form.epochs);
  params.threads = std::max(1, form.threads);
  started_ = std::chrono::steady_clock::now();
  job_ = std::make_unique<BackgroundJob<DotProductLearningResults>>(
      [params](const JobProgress& progress) { return runDotProductLearning(params, progress); });
}

void DotProductRun::cancel() {
  if (job_) job_->cancel();
}

void DotProductRun::refresh(std::string& status) {
  if (!job_ || job_->state() == JobState::Running) return;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.0f s", elapsedSeconds());
  switch (job_->state()) {
    case JobState::Succeeded:
      results_ = job_->result();
      origin_ = std::string("fig3 run in ") + seconds;
      break;
    case JobState::Cancelled: status = std::string("Cancelled after ") + seconds + "; the results shown are unchanged."; break;
    case JobState::Failed: status = "The fig3 run failed: " + job_->error(); break;
    case JobState::Running: break;
  }
  job_.reset();
}

double DotProductRun::elapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

double DotProductRun::etaSeconds() const {
  const double fraction = progress();
  if (!job_ || fraction < 0.01) return -1.0;
  return elapsedSeconds() * (1.0 - fraction) / fraction;
}

void DotProductRun::show(DotProductLearningResults results, std::string origin) {
  results_ = std::make_shared<const DotProductLearningResults>(std::move(results));
  origin_ = std::move(origin);
}

}  // namespace ll::gui
