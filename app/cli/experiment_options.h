#pragma once
// The options `cv` and `sweep` share (data, models, dims, folds, training) and how they become an
// ExperimentGrid; `sweep` adds --split, --preset, --implicit/--explicit and --out.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "app/cli/cli_context.h"
#include "app/cli/train_options.h"
#include "core/experiment/experiment_grid.h"
#include "app/cli/experiment_table.h"
#include "core/experiment/experiment_results.h"
#include "core/experiment/experiment_runner.h"

namespace ll::cli {

struct ExperimentOptions {
  DataOptions data;
  TrainOptions train;
  std::string models = "user-bias,mf";
  std::string dims = "4";
  std::string folds = "official";
  std::string split;   ///< sweep: one split instead of folds
  std::string preset;  ///< sweep: table1, fig8, fig2, table5, table2, table3 or fig3
  std::string out;     ///< sweep: folder for results.csv, results.json, manifest.json
  std::string users;   ///< sweep --preset fig3: the numbers of users M (default: the preset's)
  int32_t repeats = 0; ///< sweep --preset fig3: repeats per point; 0: the preset's 5
  bool large = false;  ///< sweep --preset fig3: the larger scale
  std::vector<std::string> films;  ///< sweep --preset table5: the films compared (default: the seed's)
  int32_t neighbours = 10;         ///< sweep --preset table5: neighbours per list
  bool json = false;

  /// withSweepOptions adds --split, --preset, --implicit, --explicit, --negatives, --out and fig3's
  /// --users, --repeats and --large.
  void addTo(CLI::App& command, bool withSweepOptions);
  /// The grid: the preset's models/dims/folds/feedback unless given on the command line (count
  /// tells which were). Throws InputError on bad names and numbers.
  ExperimentGrid grid(const CLI::App& command) const;
  /// The manifest's configuration: the training options the command line left unset are absent.
  nlohmann::json toJson(const CLI::App& command) const;
};

/// Runs the grid with a progress line (stderr, terminal only) and a line per finished fold
/// (stderr, unless quiet); alsoWhenFinished, if given, sees every measured cell too.
ExperimentResults runWithProgress(const LoadedDataset& loaded, const ExperimentGrid& grid, const GlobalOptions& global,
                                  const FoldFinished& alsoWhenFinished = {});

}  // namespace ll::cli
