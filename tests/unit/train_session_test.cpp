// The worker-thread training session: a reader thread takes snapshots while training runs,
// pause/step/resume/stop behave, and nothing races (the tsan preset runs these tests).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <memory>
#include <tuple>
#include <thread>

#include "core/synth/synthetic_world.h"
#include "core/train/refit.h"
#include "core/train/training_session.h"

namespace ll {
namespace {

std::shared_ptr<const Dataset> sessionWorld() {
  static const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=200,movies=300,ratings=12000")).dataset);
  return data;
}

ModelConfig mf4() {
  ModelConfig config;
  config.kind = ModelKind::MF;
  config.dim = 4;
  return config;
}

TrainParams quickParams(int32_t epochs) {
  TrainParams params;
  params.epochs = epochs;
  params.batchSize = 64;
  params.patience = 0;
  params.threads = 2;
  return params;
}

template <class Predicate>
bool eventually(Predicate predicate, std::chrono::seconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

// bfm (the GUI lists every model kind) samples on the worker thread like any model trains: one
// epoch per Gibbs sweep, snapshots with its posterior-mean embeddings, the sampler's parallel steps
// on the session's threads (the tsan preset runs this too).
TEST(TrainingSessionThread, ABfmSessionSamplesOnTheWorkerThread) {
  TrainParams params = quickParams(5);
  params.burnIn = 2;
  TrainingSession session(sessionWorld(), parseSplitSpec("random:0.2"), {}, ModelConfig{.kind = ModelKind::BFM, .dim = 4},
                          params);
  std::atomic<bool> readerDone{false};
  std::thread reader([&] {
    while (!readerDone.load()) (void)session.snapshot();
  });
  session.wait();
  readerDone.store(true);
  reader.join();
  const auto final = session.snapshot();
  EXPECT_EQ(final->state, RunState::Finished);
  ASSERT_EQ(final->history.epochs.size(), 5u);
  EXPECT_EQ(final->userDim, 4);
  EXPECT_EQ(final->itemDim, 4);
  EXPECT_GT(final->history.epochs.back().test.rmse, 0.0);
  EXPECT_LT(final->history.epochs.back().test.rmse, 1.2);
}

TEST(TrainingSessionThread, AReaderSeesGrowingImmutableSnapshotsWhileTrainingRuns) {
  TrainingSession session(sessionWorld(), parseSplitSpec("random:0.2"), {}, mf4(), quickParams(8));
  std::atomic<bool> readerDone{false};
  uint64_t lastSequence = 0;
  size_t lastEpochs = 0;
  int reads = 0;
  bool monotonic = true;
  std::thread reader([&] {
    while (!readerDone.load()) {
      const auto s = session.snapshot();
      monotonic = monotonic && s->sequence >= lastSequence && s->history.epochs.size() >= lastEpochs;
      lastSequence = s->sequence;
      lastEpochs = s->history.epochs.size();
      if (!s->userEmbeddings->empty()) {
        EXPECT_EQ(s->userEmbeddings->size(), static_cast<size_t>(s->userDim) * 200u);
      }
      (void)session.progress();
      ++reads;
    }
  });
  session.wait();
  readerDone.store(true);
  reader.join();
  const auto final = session.snapshot();
  EXPECT_TRUE(monotonic);
  EXPECT_GT(reads, 0);
  EXPECT_EQ(final->state, RunState::Finished);
  EXPECT_EQ(final->history.epochs.size(), 8u);
  EXPECT_EQ(final->userDim, 5);  // [p_u; b_u]
  EXPECT_EQ(final->itemDim, 4);
  EXPECT_FALSE(final->pdc.empty());
}

// The replay keeps many epochs' movie vectors: each must not keep its snapshot's user vectors.
TEST(TrainingSessionThread, AnEpochsMovieVectorsOutliveItsUserVectors) {
  std::shared_ptr<const std::vector<float>> movies;
  std::weak_ptr<const std::vector<float>> users;
  {
    TrainingSession session(sessionWorld(), parseSplitSpec("random:0.2"), {}, mf4(), quickParams(2));
    session.wait();
    const auto last = session.snapshot();
    ASSERT_FALSE(last->userEmbeddings->empty());
    movies = last->itemEmbeddings;
    users = last->userEmbeddings;
  }
  EXPECT_TRUE(users.expired());
  ASSERT_NE(movies, nullptr);
  EXPECT_FALSE(movies->empty());
}

TEST(TrainingSessionThread, PauseStepResumeAndStop) {
  TrainingSession session(sessionWorld(), parseSplitSpec("random:0.2"), {}, mf4(), quickParams(50), /*startPaused=*/true);
  ASSERT_TRUE(eventually([&] { return session.snapshot()->state == RunState::Paused; }));
  EXPECT_EQ(session.snapshot()->history.epochs.size(), 0u);
  session.step();
  ASSERT_TRUE(eventually([&] {
    const auto s = session.snapshot();
    return s->history.epochs.size() == 1 && s->state == RunState::Paused;
  }));
  session.step();
  ASSERT_TRUE(eventually([&] {
    const auto s = session.snapshot();
    return s->history.epochs.size() == 2 && s->state == RunState::Paused;
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(session.snapshot()->history.epochs.size(), 2u);  // paused means paused
  session.resume();
  ASSERT_TRUE(eventually([&] { return session.snapshot()->history.epochs.size() >= 4; }));
  session.stop();
  session.wait();
  const auto final = session.snapshot();
  EXPECT_EQ(final->state, RunState::Finished);
  EXPECT_LT(final->history.epochs.size(), 50u);
  EXPECT_NE(final->message.find("stopped"), std::string::npos);
}

TEST(TrainingSessionThread, ABadConfigurationFailsWithItsMessage) {
  ModelConfig config = mf4();
  config.dim = 0;
  TrainingSession session(sessionWorld(), parseSplitSpec("random:0.2"), {}, config, quickParams(3));
  session.wait();
  const auto s = session.snapshot();
  EXPECT_EQ(s->state, RunState::Failed);
  EXPECT_EQ(s->message.rfind("dimension: expected a dimension from 1 to", 0), 0u) << s->message;
}

TEST(TrainingSessionThread, DestroyingARunningSessionStopsIt) {
  const auto start = std::chrono::steady_clock::now();
  {
    TrainingSession session(sessionWorld(), parseSplitSpec("random:0.2"), {}, mf4(), quickParams(10000));
    ASSERT_TRUE(eventually([&] { return session.snapshot()->history.epochs.size() >= 1; }));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

TEST(TrainingSessionThread, StoppingAPausedSessionNeverHangs) {
  // A stop landing between the worker's look at the flag and its wait used to be lost, and the
  // destructor's join then hung. Destroy paused sessions at varying moments of their start-up;
  // a hang fails the test from the watchdog instead of stalling the run.
  const auto tiny = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=30,movies=40,ratings=600")).dataset);
  auto loop = std::async(std::launch::async, [&] {
    for (int round = 0; round < 300; ++round) {
      TrainingSession session(tiny, parseSplitSpec("random:0.2"), {}, mf4(), quickParams(5), /*startPaused=*/true);
      std::this_thread::sleep_for(std::chrono::microseconds(round % 40));
      if (round % 3 == 0) session.pause();
    }
  });
  if (loop.wait_for(std::chrono::seconds(120)) != std::future_status::ready) {
    ADD_FAILURE() << "a paused session did not stop: its worker missed the stop";
    std::abort();  // the hung thread cannot be joined
  }
}

TEST(TrainingSessionThread, HandsOverACopyOfTheModelAtASafePoint) {
  TrainingSession session(sessionWorld(), parseSplitSpec("random:0.2"), {}, mf4(), quickParams(50), /*startPaused=*/true);
  session.step();
  ASSERT_TRUE(eventually([&] {
    const auto s = session.snapshot();
    return s->history.epochs.size() == 1 && s->state == RunState::Paused;
  }));
  std::promise<std::tuple<std::shared_ptr<const Model>, size_t, std::string>> handed;
  session.requestModel([&](std::shared_ptr<const Model> model, size_t epochs, std::string error) {
    handed.set_value({std::move(model), epochs, std::move(error)});
  });
  auto [copy, epochs, error] = handed.get_future().get();
  ASSERT_TRUE(copy) << error;
  EXPECT_EQ(epochs, 1u);
  // The copy's embeddings are the snapshot's of that epoch, and stay so while training goes on.
  const auto atEpochOne = session.snapshot();
  EXPECT_EQ(copy->userEmbeddings(), *atEpochOne->userEmbeddings);
  session.resume();
  ASSERT_TRUE(eventually([&] { return session.snapshot()->history.epochs.size() >= 3; }));
  EXPECT_EQ(copy->userEmbeddings(), *atEpochOne->userEmbeddings);
  EXPECT_NE(*session.snapshot()->userEmbeddings, *atEpochOne->userEmbeddings);
  session.stop();
  session.wait();
  // After the run the copy is made on the calling thread, at once.
  bool called = false;
  session.requestModel([&](std::shared_ptr<const Model> model, size_t, std::string) { called = model != nullptr; });
  EXPECT_TRUE(called);
}

TEST(TrainingSessionThread, ARefitFollowsTheSelectionAndIsTheModelHandedOver) {
  const SplitSpec spec = parseSplitSpec("random:0.2");
  TrainingSession session(sessionWorld(), spec, {}, mf4(), quickParams(6), /*startPaused=*/false, Refit::AfterSelection);
  session.wait();
  const auto final = session.snapshot();

  // The same selection and refit, run directly.
  Trainer selection(sessionWorld(), makeSplit(*sessionWorld(), spec, {}), mf4(), quickParams(6));
  while (selection.runEpoch()) {
  }
  const RefitPlan plan = planRefit(selection);
  ASSERT_TRUE(plan.applies);
  const auto refit = makeRefitTrainer(selection, plan);
  while (refit->runEpoch()) {
  }

  EXPECT_EQ(final->state, RunState::Finished);
  EXPECT_EQ(final->history.epochs.size(), 6u);
  EXPECT_EQ(final->refitEpochs, plan.epochs);
  EXPECT_EQ(final->refitHistory.epochs.size(), static_cast<size_t>(plan.epochs));
  EXPECT_NE(final->message.find("refit for"), std::string::npos) << final->message;
  EXPECT_EQ(*final->userEmbeddings, refit->model().userEmbeddings());
  std::shared_ptr<const Model> handed;
  session.requestModel([&](std::shared_ptr<const Model> model, size_t, std::string) { handed = std::move(model); });
  ASSERT_TRUE(handed);
  EXPECT_EQ(handed->userEmbeddings(), refit->model().userEmbeddings());
}

TEST(TrainingSessionThread, ARefitStoppedPartWayIsDroppedForTheSelectedModel) {
  TrainingSession session(sessionWorld(), parseSplitSpec("random:0.2"), {}, mf4(), quickParams(3), /*startPaused=*/true,
                          Refit::AfterSelection);
  for (size_t epoch = 1; epoch <= 3; ++epoch) {
    session.step();
    ASSERT_TRUE(eventually([&] {
      const auto s = session.snapshot();
      return s->history.epochs.size() == epoch && s->state == RunState::Paused;
    }));
  }
  // The selection has ended; the refit waits, paused, before its first epoch.
  ASSERT_TRUE(eventually([&] { return session.snapshot()->refitEpochs > 0; }));
  const auto selected = session.snapshot();
  session.step();
  ASSERT_TRUE(eventually([&] {
    const auto s = session.snapshot();
    return s->refitHistory.epochs.size() == 1 && s->state == RunState::Paused;
  }));
  EXPECT_EQ(*session.snapshot()->userEmbeddings, *selected->userEmbeddings);  // the selection's, while refitting
  session.stop();
  session.wait();
  const auto final = session.snapshot();
  EXPECT_EQ(final->state, RunState::Finished);
  EXPECT_NE(final->message.find("refit dropped"), std::string::npos) << final->message;
  EXPECT_TRUE(final->refitHistory.epochs.empty());
  EXPECT_EQ(*final->userEmbeddings, *selected->userEmbeddings);
  size_t epochs = 0;
  session.requestModel([&](std::shared_ptr<const Model>, size_t e, std::string) { epochs = e; });
  EXPECT_EQ(epochs, 3u);
}

}  // namespace
}  // namespace ll
