#pragma once
// One piece of long work (an analysis of a snapshot, a k-means on 160k users) on its own thread.
// The work gets a progress reporter that is also its cancellation point; the owner polls
// progress() and result() without ever waiting, and the destructor cancels and joins.
//
//   BackgroundJob<PcaResult> job([&](const JobProgress& progress) { return pca(rows, params, progress); });
//   if (auto result = job.result()) draw(*result);

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/util/exception_message.h"

namespace ll {

/// progress(fraction in [0, 1]) → false when the job was cancelled (stop working then).
using JobProgress = std::function<bool(double)>;

enum class JobState { Running, Succeeded, Failed, Cancelled };

template <class Result>
class BackgroundJob {
 public:
  explicit BackgroundJob(std::function<Result(const JobProgress&)> work) {
    thread_ = std::thread([this, work = std::move(work)] {
      const JobProgress progress = [this](double fraction) {
        progress_.store(fraction, std::memory_order_relaxed);
        return !cancelled_.load(std::memory_order_relaxed);
      };
      try {
        auto result = std::make_shared<const Result>(work(progress));
        std::lock_guard lock(mutex_);
        if (cancelled_.load()) {
          state_ = JobState::Cancelled;
        } else {
          result_ = std::move(result);
          state_ = JobState::Succeeded;
        }
      } catch (...) {  // anything escaping this thread would end the program
        std::lock_guard lock(mutex_);
        error_ = currentExceptionMessage();
        state_ = cancelled_.load() ? JobState::Cancelled : JobState::Failed;
      }
    });
  }
  ~BackgroundJob() {
    cancel();
    thread_.join();
  }
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  void cancel() { cancelled_.store(true); }
  double progress() const { return progress_.load(std::memory_order_relaxed); }
  JobState state() const {
    std::lock_guard lock(mutex_);
    return state_;
  }
  /// The result once the job succeeded; null before, and after a failure or cancellation.
  std::shared_ptr<const Result> result() const {
    std::lock_guard lock(mutex_);
    return result_;
  }
  /// Why the job failed (empty otherwise).
  std::string error() const {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::atomic<bool> cancelled_{false};
  std::atomic<double> progress_{0.0};
  mutable std::mutex mutex_;
  JobState state_ = JobState::Running;
  std::shared_ptr<const Result> result_;
  std::string error_;
  std::thread thread_;  // last: started after every other member exists
};

}  // namespace ll
