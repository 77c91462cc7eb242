#include "core/util/thread_budget.h"

#include "core/util/thread_pool.h"

namespace ll {
namespace {

thread_local int32_t budget = 0;  // 0: no ThreadBudget in scope on this thread

}  // namespace

int32_t threadBudget() { return budget > 0 ? budget : hardwareThreads(); }

ThreadBudget::ThreadBudget(int32_t threads) : previous_(budget) {
  if (threads > 0) budget = threads;
}

ThreadBudget::~ThreadBudget() { budget = previous_; }

}  // namespace ll
