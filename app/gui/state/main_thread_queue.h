#pragma once
// Work other threads hand to the UI thread (the only one allowed to touch ImGui, GL and GLFW
// windows). Posting is cheap and thread-safe; the UI drains the queue once per frame, running
// the callbacks outside the lock so a callback may post again without deadlock.

#include <functional>
#include <mutex>
#include <vector>

namespace ll::gui {

class MainThreadQueue {
 public:
  using Task = std::function<void()>;

  /// Any thread.
  void post(Task task);
  /// UI thread, once per frame: runs everything posted before the call, in order. Tasks posted
  /// while draining run on the next frame. Returns how many ran.
  size_t drain();

 private:
  std::mutex mutex_;
  std::vector<Task> pending_;
  std::vector<Task> running_;  // reused between frames to avoid reallocating
};

}  // namespace ll::gui
