#pragma once
// One registration function per subcommand (one file each: command_<name>.cpp).

#include <CLI/CLI.hpp>

#include "app/cli/cli_context.h"

namespace ll::cli {

void addInfoCommand(CLI::App& app, const GlobalOptions& global);
void addSynthCommand(CLI::App& app, const GlobalOptions& global);
void addTrainCommand(CLI::App& app, const GlobalOptions& global);
void addCvCommand(CLI::App& app, const GlobalOptions& global);
void addSweepCommand(CLI::App& app, const GlobalOptions& global);
void addPdcCommand(CLI::App& app, const GlobalOptions& global);
void addRecommendCommand(CLI::App& app, const GlobalOptions& global);
void addPredictCommand(CLI::App& app, const GlobalOptions& global);
void addNeighboursCommand(CLI::App& app, const GlobalOptions& global);
void addClustersCommand(CLI::App& app, const GlobalOptions& global);
void addFoldInCommand(CLI::App& app, const GlobalOptions& global);
void addProjectCommand(CLI::App& app, const GlobalOptions& global);
void addExportCommand(CLI::App& app, const GlobalOptions& global);
void addPopulationCommand(CLI::App& app, const GlobalOptions& global);
void addTuneCommand(CLI::App& app, const GlobalOptions& global);

}  // namespace ll::cli
