#include "core/util/background_job.h"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace ll {
namespace {

template <class Job>
JobState waitFor(const Job& job) {
  for (int k = 0; k < 20000 && job.state() == JobState::Running; ++k) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return job.state();
}

TEST(BackgroundJobThread, DeliversItsResultAndProgress) {
  BackgroundJob<int> job([](const JobProgress& progress) {
    int sum = 0;
    for (int k = 1; k <= 100; ++k) {
      sum += k;
      if (!progress(k / 100.0)) return -1;
    }
    return sum;
  });
  ASSERT_EQ(waitFor(job), JobState::Succeeded);
  ASSERT_NE(job.result(), nullptr);
  EXPECT_EQ(*job.result(), 5050);
  EXPECT_DOUBLE_EQ(job.progress(), 1.0);
}

TEST(BackgroundJobThread, CancellationIsSeenAtTheProgressCall) {
  std::atomic<bool> started{false};
  BackgroundJob<int> job([&](const JobProgress& progress) {
    started.store(true);
    while (progress(0.5)) std::this_thread::sleep_for(std::chrono::microseconds(100));
    return 1;
  });
  while (!started.load()) std::this_thread::yield();
  job.cancel();
  EXPECT_EQ(waitFor(job), JobState::Cancelled);
  EXPECT_EQ(job.result(), nullptr);
}

TEST(BackgroundJobThread, AFailureKeepsItsMessage) {
  BackgroundJob<int> job([](const JobProgress&) -> int { throw std::runtime_error("no embeddings yet"); });
  EXPECT_EQ(waitFor(job), JobState::Failed);
  EXPECT_EQ(job.error(), "no embeddings yet");
}

TEST(BackgroundJobThread, AnythingThrownIsAFailureNotTheEndOfTheProgram) {
  BackgroundJob<int> job([](const JobProgress&) -> int { throw 42; });
  EXPECT_EQ(waitFor(job), JobState::Failed);
  EXPECT_EQ(job.error(), "an unexpected error of unknown type");
}

TEST(BackgroundJobThread, DestroyingARunningJobCancelsIt) {
  auto job = std::make_unique<BackgroundJob<int>>([](const JobProgress& progress) {
    while (progress(0.1)) std::this_thread::sleep_for(std::chrono::microseconds(100));
    return 0;
  });
  job.reset();  // must return promptly
  SUCCEED();
}

}  // namespace
}  // namespace ll
