#pragma once
// How many threads parallel work may use: one setting, honoured by every pool core makes. A
// ThreadBudget on a thread's stack limits the pools that work started on that thread creates
// (like a TBB task_arena's concurrency): the GUI's loader runs under the user's thread setting,
// which by default leaves a core to the interface; without a budget, work uses every core.
//
//   ThreadBudget budget(settings.threads);   // for the rest of this scope, on this thread
//   ThreadPool pool(threadBudget());

#include <cstdint>

namespace ll {

/// The threads work started on this thread may use: the innermost ThreadBudget's, else the
/// machine's cores. At least 1.
int32_t threadBudget();

class ThreadBudget {
 public:
  /// threads ≤ 0 leaves the budget as it is (all cores unless an outer scope set one).
  explicit ThreadBudget(int32_t threads);
  ~ThreadBudget();
  ThreadBudget(const ThreadBudget&) = delete;
  ThreadBudget& operator=(const ThreadBudget&) = delete;

 private:
  int32_t previous_;
};

}  // namespace ll
