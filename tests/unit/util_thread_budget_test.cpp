// The one thread setting: a ThreadBudget limits the pools work on its thread makes, nests, and
// leaves other threads alone; a trainer asked for "all cores" takes the budget.
#include <gtest/gtest.h>

#include <thread>

#include "core/synth/synthetic_world.h"
#include "core/train/trainer.h"
#include "core/util/thread_budget.h"
#include "core/util/thread_pool.h"

namespace ll {
namespace {

TEST(ThreadBudget, ScopesNestAndStayOnTheirThread) {
  EXPECT_EQ(threadBudget(), hardwareThreads());
  {
    const ThreadBudget outer(3);
    EXPECT_EQ(threadBudget(), 3);
    {
      const ThreadBudget inner(1);
      EXPECT_EQ(threadBudget(), 1);
      int32_t elsewhere = 0;
      std::thread([&] { elsewhere = threadBudget(); }).join();
      EXPECT_EQ(elsewhere, hardwareThreads());
    }
    EXPECT_EQ(threadBudget(), 3);
    const ThreadBudget unset(0);  // no setting: the outer budget stands
    EXPECT_EQ(threadBudget(), 3);
  }
  EXPECT_EQ(threadBudget(), hardwareThreads());
}

TEST(ThreadBudget, ATrainerAskedForAllCoresTakesTheBudget) {
  const auto data = std::make_shared<const Dataset>(
      generateSyntheticWorld(parseSyntheticSpec("synthetic:users=40,movies=50,ratings=800")).dataset);
  ModelConfig model;
  model.kind = ModelKind::MF;
  model.dim = 2;
  TrainParams params;
  params.threads = 0;
  const ThreadBudget budget(1);
  const Trainer trainer(data, makeSplit(*data, parseSplitSpec("random:0.2")), model, params);
  EXPECT_EQ(trainer.threads(), 1);
}

}  // namespace
}  // namespace ll
