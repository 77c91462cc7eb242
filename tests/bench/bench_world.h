#pragma once
// The large data set the loading benchmarks read: an ml-latest folder shaped like MovieLens 25M
// (160,000 users × 60,000 movies × 25,000,000 ratings, half stars, genome), ~720 MB on disk.
//
// Set LATENTLENS_BENCH_WORLD to an ml-latest folder (e.g. a real ml-25m, or the output of
// `latentlens-cli synth --format ml-latest --users 160000 --movies 60000 --ratings 25000000`)
// to read that one. Otherwise the synthetic world is generated once into
// $TMPDIR/latentlens-bench/ml-latest-25m (default TMPDIR: /tmp) and reused by later runs.
// Benchmark runs may run at once: the world is published whole (core/io/publish_folder.h) and
// each run's binary cache is a folder of its own.

#include <filesystem>

namespace ll::bench {

/// The folder to load; generates it first when it is the default one and absent.
std::filesystem::path largeMlLatestWorld();

/// An empty folder under $TMPDIR/latentlens-bench/cache for a benchmark's binary cache, of this
/// process alone; removed when destroyed (and, if the process was killed, by the next run).
class ScratchCache {
 public:
  explicit ScratchCache(const char* name);
  ~ScratchCache();
  ScratchCache(const ScratchCache&) = delete;
  ScratchCache& operator=(const ScratchCache&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ll::bench
