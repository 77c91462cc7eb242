#pragma once
// A fixed set of worker threads for data-parallel loops: parallelFor(n, fn) calls fn(shard, begin,
// end) over n items split into one contiguous shard per thread, and returns when all are done.
// The calling thread runs shard 0 itself.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ll {

class ThreadPool {
 public:
  /// threads ≥ 1; threads − 1 workers are started.
  explicit ThreadPool(int32_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int32_t threads() const { return static_cast<int32_t>(workers_.size()) + 1; }

  using ShardFunction = std::function<void(int32_t shard, size_t begin, size_t end)>;
  /// Shards are [n·k/T, n·(k+1)/T) for k < T; empty shards are skipped.
  void parallelFor(size_t n, const ShardFunction& fn);
  /// The same shards, one after another on the calling thread (work too small to hand over, run
  /// exactly as parallelFor would cut it).
  void sequentialFor(size_t n, const ShardFunction& fn) const;

 private:
  void workerLoop(int32_t shard);
  size_t shardBegin(size_t n, size_t shard) const { return n * shard / static_cast<size_t>(threads()); }

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const ShardFunction* job_ = nullptr;
  size_t jobSize_ = 0;
  uint64_t generation_ = 0;
  int32_t pending_ = 0;
  bool stopping_ = false;
};

/// The machine's core count (at least 1).
int32_t hardwareThreads();

}  // namespace ll
