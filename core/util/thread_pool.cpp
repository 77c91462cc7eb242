#include "core/util/thread_pool.h"

#include <algorithm>

#include "core/util/denormals.h"

namespace ll {

int32_t hardwareThreads() { return std::max(1, static_cast<int32_t>(std::thread::hardware_concurrency())); }

ThreadPool::ThreadPool(int32_t threads) {
  for (int32_t k = 1; k < std::max(threads, 1); ++k) workers_.emplace_back([this, k] {
      flushDenormalsToZero();
      workerLoop(k);
    });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::parallelFor(size_t n, const ShardFunction& fn) {
  const auto shards = static_cast<size_t>(threads());
  if (shards == 1 || n < 2) {
    if (n > 0) fn(0, 0, n);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    job_ = &fn;
    jobSize_ = n;
    pending_ = static_cast<int32_t>(workers_.size());
    ++generation_;
  }
  wake_.notify_all();
  const size_t end = shardBegin(n, 1);
  if (end > 0) fn(0, 0, end);
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return pending_ == 0; });
  job_ = nullptr;
}

void ThreadPool::sequentialFor(size_t n, const ShardFunction& fn) const {
  for (int32_t shard = 0; shard < threads(); ++shard) {
    const size_t begin = shardBegin(n, static_cast<size_t>(shard)), end = shardBegin(n, static_cast<size_t>(shard) + 1);
    if (end > begin) fn(shard, begin, end);
  }
}

void ThreadPool::workerLoop(int32_t shard) {
  uint64_t seen = 0;
  for (;;) {
    const ShardFunction* job;
    size_t n;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      job = job_;
      n = jobSize_;
    }
    const size_t begin = shardBegin(n, static_cast<size_t>(shard)), end = shardBegin(n, static_cast<size_t>(shard) + 1);
    if (end > begin) (*job)(shard, begin, end);
    {
      std::lock_guard lock(mutex_);
      --pending_;
    }
    done_.notify_one();
  }
}

}  // namespace ll
