#include "app/cli/cli_context.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>

#include "app/cli/progress_line.h"
#include "core/io/atomic_file.h"

namespace ll::cli {
namespace {

std::string utcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

void DataOptions::addTo(CLI::App& command) {
  command.add_option("--data", spec, "Folder, ratings file, .zip/.gz archive, or synthetic[:seed=S,users=N,movies=M,ratings=R|shape=ml32m]")
      ->capture_default_str();
  command.add_option("--min-user-ratings", minUserRatings, "k-core: keep users with at least this many ratings (repeatedly)")
      ->check(CLI::NonNegativeNumber);
  command.add_option("--min-item-ratings", minItemRatings, "k-core: keep movies with at least this many ratings (repeatedly)")
      ->check(CLI::NonNegativeNumber);
  command.add_flag("--no-cache", noCache, "Parse the source again instead of using (and writing) the binary cache");
}

LoadedDataset loadData(const DataOptions& options, const GlobalOptions& global) {
  ProgressLine progress(!global.quiet);
  LoadOptions load;
  load.minUserRatings = options.minUserRatings;
  load.minItemRatings = options.minItemRatings;
  load.useCache = !options.noCache;
  load.progress = [&progress](double fraction, const char* stage) { progress.update(fraction, stage); };
  LoadedDataset loaded = loadDataset(options.spec, load);
  progress.finish();
  return loaded;
}

std::string checksumHex(uint64_t checksum) {
  char text[20];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(checksum));
  return text;
}

void printJson(const nlohmann::json& value) { std::cout << value.dump(2) << '\n'; }

void createOutputFolder(const std::filesystem::path& dir) {
  const std::filesystem::path folder = dir.empty() ? std::filesystem::path(".") : dir;
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw std::runtime_error(folder.string() + ": cannot create the output folder (" + error.message() + ")");
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    throw std::runtime_error(folder.string() + ": cannot write into the output folder (" + std::strerror(errno) + ")");
  }
}

void writeManifest(const std::filesystem::path& dir, const std::string& command, const nlohmann::json& configuration,
                   const Dataset* dataset) {
  nlohmann::json manifest = {
      {"format_version", 2},  // 2: the data checksum is XXH3 (Dataset::checksum); --config reads any version
      {"program", "latentlens-cli"},
      {"program_version", LATENTLENS_VERSION},
      {"command", command},
      {"configuration", configuration},
      {"created_utc", utcNow()},
  };
  if (dataset) {
    manifest["data"] = {{"source", dataset->source}, {"format", dataset->format}, {"checksum", checksumHex(dataset->checksum())},
                        {"ratings", dataset->ratings.size()}};
  }
  writeFileAtomically(dir / "manifest.json", manifest.dump(2) + "\n");
}

}  // namespace ll::cli
