#include "tests/bench/bench_world.h"

#include <cstdlib>

#include "core/synth/synthetic_world.h"

namespace ll::bench {
namespace {

std::filesystem::path benchRoot() {
  const char* tmp = std::getenv("TMPDIR");
  return std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / "latentlens-bench";
}

}  // namespace

std::filesystem::path largeMlLatestWorld() {
  if (const char* given = std::getenv("LATENTLENS_BENCH_WORLD"); given && *given) return given;
  const std::filesystem::path dir = benchRoot() / "ml-latest-25m";
  if (std::filesystem::exists(dir)) return dir;
  // Written beside and renamed into place, so an interrupted run never leaves half a world.
  const std::filesystem::path partial = benchRoot() / "ml-latest-25m.partial";
  std::filesystem::remove_all(partial);
  SyntheticParams params = parseSyntheticSpec("synthetic:users=160000,movies=60000,ratings=25000000");
  params.halfStars = true;
  writeMlLatestFolder(generateSyntheticWorld(params), partial);
  std::filesystem::rename(partial, dir);
  return dir;
}

std::filesystem::path emptyCacheDir(const char* name) {
  const std::filesystem::path dir = benchRoot() / "cache" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace ll::bench
