#include "app/gui/state/main_thread_queue.h"

namespace ll::gui {

void MainThreadQueue::post(Task task) {
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(task));
}

size_t MainThreadQueue::drain() {
  {
    std::lock_guard lock(mutex_);
    if (pending_.empty()) return 0;
    running_.swap(pending_);
  }
  const size_t count = running_.size();
  for (Task& task : running_) task();
  running_.clear();
  return count;
}

}  // namespace ll::gui
