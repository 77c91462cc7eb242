#include "core/load/load.h"

#include <cstdlib>
#include <filesystem>

#include "core/data/dataset_cache.h"
#include "core/data/file_source.h"
#include "core/data/formats.h"
#include "core/data/input_error.h"
#include "core/data/kcore.h"
#include "core/synth/synthetic_world.h"
#include "core/util/thread_budget.h"

namespace ll {
namespace {

void report(const LoadOptions& options, double fraction, const char* stage) {
  if (options.progress) options.progress(fraction, stage);
}

Dataset parseWithCache(const std::string& spec, const LoadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(spec, ec)) {
    throw InputError(spec, 0, "a folder, a ratings file, a .zip or .gz archive, or \"synthetic\"", "nothing at that path");
  }
  const std::string parseOptions = "maxUserTags=" + std::to_string(options.maxUserTags);
  const std::string state = describeSourceState(spec, parseOptions);
  const DatasetCache cache(options.cacheDir.empty() ? defaultCacheDir() : options.cacheDir);
  if (options.useCache) {
    report(options, 0.0, "reading cache");
    if (auto cached = cache.find(state)) return std::move(*cached);
  }
  report(options, 0.05, "parsing");
  FeatureOptions featureOptions;
  featureOptions.maxUserTags = options.maxUserTags;
  Dataset dataset = parseDataset(FileSource::open(spec), featureOptions);
  dataset.source = spec;
  if (options.useCache) {
    report(options, 0.9, "writing cache");
    cache.store(state, dataset);
  }
  return dataset;
}

}  // namespace

std::string defaultCacheDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/latentlens";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/latentlens";
  return (std::filesystem::temp_directory_path() / "latentlens-cache").string();
}

bool isSyntheticSpec(std::string_view spec) { return spec == "synthetic" || spec.starts_with("synthetic:"); }

LoadedDataset loadDataset(const std::string& spec, const LoadOptions& options) {
  const ThreadBudget budget(options.threads);  // every pool the load makes honours it
  Dataset dataset;
  LoadedDataset loaded;
  if (isSyntheticSpec(spec)) {
    report(options, 0.0, "generating");
    SyntheticWorld world = generateSyntheticWorld(parseSyntheticSpec(spec));
    loaded.noiseFloorRmse = world.noiseFloorRmse;
    dataset = std::move(world.dataset);
  } else {
    dataset = parseWithCache(spec, options);
  }
  if (options.minUserRatings > 0 || options.minItemRatings > 1) {
    report(options, 0.95, "filtering");
    dataset = filterKCore(dataset, options.minUserRatings, options.minItemRatings);
  }
  report(options, 1.0, "done");
  loaded.dataset = std::make_shared<const Dataset>(std::move(dataset));
  return loaded;
}

}  // namespace ll
