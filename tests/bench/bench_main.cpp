// The main of latentlens_bench: the process computes as the CLI and the GUI do (subnormals
// flushed to zero, see core/util/denormals.h) before Google Benchmark starts.
#include <benchmark/benchmark.h>

#include "core/util/denormals.h"

int main(int argc, char** argv) {
  ll::flushDenormalsToZero();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
