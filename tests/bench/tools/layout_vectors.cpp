// Writes the vectors the UMAP and t-SNE benchmarks lay out (tests/bench/umap_bench.cpp,
// tsne_bench.cpp) as .npy files, so that the Python references (scripts/bench_layouts.py:
// umap-learn, scikit-learn's TSNE) time the very same points:
//   latentlens_layout_vectors OUT_DIR   →   OUT_DIR/mixture-10000x32.npy, mixture-60000x32.npy
// and, beside each, the points the benchmarks' trustworthiness T(10) scores (one index per line,
// trust-sample-ROWS.txt), so that the references' layouts are scored on the same 1,000 points.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/analysis/trustworthiness.h"
#include "core/exchange/npy_array.h"
#include "tests/bench/layout_bench_vectors.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  try {
    const std::filesystem::path out = argv[1];
    std::filesystem::create_directories(out);
    for (const int32_t rows : ll::bench::kLayoutBenchSizes) {
      const std::string name = "mixture-" + std::to_string(rows) + "x" + std::to_string(ll::bench::kLayoutBenchDim) + ".npy";
      ll::writeNpy(out / name, ll::bench::layoutBenchVectors(rows), rows, ll::bench::kLayoutBenchDim);
      ll::TrustworthinessParams trust;
      trust.maxPoints = ll::bench::kLayoutBenchTrustPoints;
      std::ofstream sample(out / ("trust-sample-" + std::to_string(rows) + ".txt"));
      for (const int32_t point : ll::trustworthinessScoredPoints(rows, trust)) sample << point << '\n';
      if (!sample.flush()) throw std::runtime_error("cannot write the trust sample in " + out.string());
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: %s\n", argv[0], error.what());
    return 1;
  }
  return 0;
}
