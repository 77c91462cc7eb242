#include "tests/bench/bench_world.h"

#include <cstdlib>
#include <string>
#include <system_error>

#include "core/io/publish_folder.h"
#include "core/io/temporary_name.h"
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
  const std::string spec = "synthetic:users=160000,movies=60000,ratings=25000000";
  // The stamp names what was generated: a run that finds it there (or loses the race to write it)
  // reads that folder, and a world of other parameters is refused rather than measured.
  publishFolder(dir, "ml-latest half-stars " + spec + "\n", [&spec](const std::filesystem::path& staging) {
    SyntheticParams params = parseSyntheticSpec(spec);
    params.halfStars = true;
    writeMlLatestFolder(generateSyntheticWorld(params), staging);
  });
  return dir;
}

ScratchCache::ScratchCache(const char* name) {
  const std::filesystem::path folder = benchRoot() / "cache";
  const std::string prefix = std::string(name) + "-";
  std::error_code ignored;
  // A run killed mid-benchmark leaves its cache (~700 MB at 25M ratings) for this one to remove.
  for (const auto& entry : std::filesystem::directory_iterator(folder, ignored)) {
    const std::string entryName = entry.path().filename().string();
    if (entryName.compare(0, prefix.size(), prefix) == 0 && temporaryWriterIsGone(entryName.substr(prefix.size()))) {
      std::filesystem::remove_all(entry.path(), ignored);
    }
  }
  path_ = folder / (prefix + uniqueTemporaryTag());
  std::filesystem::create_directories(path_);
}

ScratchCache::~ScratchCache() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace ll::bench
