#pragma once
// `sweep --preset table5` (Latent Spaces 2021 Tables 4–5): trains the grid (mf at k = 3, 10 and
// 300 on one split unless the command line says otherwise), prints its results table, then a few
// films' cosine neighbours under every model side by side with their overlap. --out keeps the
// results, neighbours.json and each model's checkpoint (mf-z3.llckpt, …) for
// `neighbours --checkpoints` and the app.

#include <CLI/CLI.hpp>

#include "app/cli/cli_context.h"
#include "app/cli/experiment_options.h"

namespace ll::cli {

void runNeighboursAcrossDimensions(const ExperimentOptions& options, const CLI::App& command, const GlobalOptions& global);

}  // namespace ll::cli
