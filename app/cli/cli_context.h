#pragma once
// What every subcommand shares: output options, the exit-code contract, data loading with
// progress, and the run manifest.
//
// Exit codes (public contract): 0 success, 2 bad usage or bad input (one-line reason on stderr),
// 1 any other failure.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/data/dataset.h"
#include "core/load/load.h"

namespace ll::cli {

struct GlobalOptions {
  bool quiet = false;
};

/// Options for choosing and filtering a data set, shared by the commands that take --data.
struct DataOptions {
  std::string spec = "synthetic";
  int32_t minUserRatings = 0;
  int32_t minItemRatings = 0;
  bool noCache = false;

  void addTo(CLI::App& command);
};

/// Loads with a progress line on stderr (when it is a terminal and not --quiet).
LoadedDataset loadData(const DataOptions& options, const GlobalOptions& global);

/// A checksum as 16 hex digits (JSON numbers lose precision past 2^53).
std::string checksumHex(uint64_t checksum);

/// Prints JSON to stdout, pretty and newline-terminated.
void printJson(const nlohmann::json& value);

/// Creates the folder an output goes to (and its parents) and checks it can be written into, so a
/// read-only or impossible --out fails before the work, not after it. Throws std::runtime_error
/// naming the folder and the reason (exit code 1: the input was fine, the destination is not).
void createOutputFolder(const std::filesystem::path& dir);

/// Writes manifest.json into dir: command, configuration, data checksum, program version.
void writeManifest(const std::filesystem::path& dir, const std::string& command, const nlohmann::json& configuration,
                   const Dataset* dataset);

}  // namespace ll::cli
