#pragma once
// The large data set the loading benchmarks read: an ml-latest folder shaped like MovieLens 25M
// (160,000 users × 60,000 movies × 25,000,000 ratings, half stars, genome), ~720 MB on disk.
//
// Set LATENTLENS_BENCH_WORLD to an ml-latest folder (e.g. a real ml-25m, or the output of
// `latentlens-cli synth --format ml-latest --users 160000 --movies 60000 --ratings 25000000`)
// to read that one. Otherwise the synthetic world is generated once into
// $TMPDIR/latentlens-bench/ml-latest-25m (default TMPDIR: /tmp) and reused by later runs.

#include <filesystem>

namespace ll::bench {

/// The folder to load; generates it first when it is the default one and absent.
std::filesystem::path largeMlLatestWorld();

/// A fresh, empty directory under $TMPDIR/latentlens-bench for a benchmark's binary cache.
std::filesystem::path emptyCacheDir(const char* name);

}  // namespace ll::bench
