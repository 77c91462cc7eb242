#pragma once
// `sweep --preset fig3`: Rendle et al. 2020 Fig. 3, an MLP learning a dot product on synthetic
// embeddings (core/experiment/dot_product_learning.h). It needs no data set; --dims, --users,
// --repeats, --epochs, --threads and --seed narrow or change the preset, --large widens it.

#include <CLI/CLI.hpp>

#include "app/cli/cli_context.h"
#include "app/cli/experiment_options.h"
#include "core/experiment/dot_product_learning.h"

namespace ll::cli {

/// The preset's parameters with the command line's changes. Throws InputError on bad lists.
DotProductLearningParams dotProductLearningParams(const ExperimentOptions& options, const CLI::App& command);

/// Runs it with a progress line, prints the table (or the JSON) and writes results.json,
/// results.csv and manifest.json to --out when given.
void runDotProductSweep(const ExperimentOptions& options, const CLI::App& command, const GlobalOptions& global);

/// The table: one line per (d, h, M), the approximation errors on the test and fresh sets.
void printDotProductTable(const DotProductLearningResults& results);

}  // namespace ll::cli
