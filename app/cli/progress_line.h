#pragma once
// A one-line progress bar with ETA on stderr, redrawn in place; silent when stderr is not a
// terminal or when quiet.

#include <chrono>
#include <string>

namespace ll::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled);
  ~ProgressLine();
  /// fraction in [0, 1]; stage is a short label. Redraws at most ten times a second.
  void update(double fraction, const std::string& stage);
  void finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastDraw_;
};

}  // namespace ll::cli
