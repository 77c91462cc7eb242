// `sweep`: the experiment runner — models × dimensions × folds (or one split), optionally in Rendle
// et al. 2020's implicit mode, or a source figure's grid by --preset (fig3, an MLP learning a dot
// product, is an experiment of its own: dot_product_sweep.h; table5 adds neighbour lists to its
// grid: neighbours_across_dimensions.h). Prints the mean ± sd table
// and writes results.csv, results.json and manifest.json to --out.
#include <filesystem>

#include "app/cli/commands.h"
#include "app/cli/dot_product_sweep.h"
#include "app/cli/experiment_options.h"
#include "app/cli/neighbours_across_dimensions.h"
#include "core/experiment/experiment_files.h"
#include "core/experiment/experiment_json.h"
#include "core/experiment/experiment_presets.h"

namespace ll::cli {

void addSweepCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ExperimentOptions>();
  CLI::App* command = app.add_subcommand(
      "sweep", "Run an experiment grid (models × z × folds): Table I, MSE vs k, HR/NDCG vs z; save CSV and JSON");
  o->addTo(*command, true);
  command->callback([o, &global, command] {
    if (o->preset == kDotProductLearningPreset) {  // synthetic embeddings, no data set
      runDotProductSweep(*o, *command, global);
      return;
    }
    if (o->preset == kNeighboursAcrossDimensionsPreset) {  // the grid, then the films' neighbour lists
      runNeighboursAcrossDimensions(*o, *command, global);
      return;
    }
    const LoadedDataset loaded = loadData(o->data, global);
    const ExperimentGrid grid = o->grid(*command);
    const ExperimentResults results = runWithProgress(loaded, grid, global);
    if (!o->out.empty()) {
      const std::filesystem::path out(o->out);
      std::filesystem::create_directories(out);
      saveExperimentResults(results, out / "results.json");
      saveExperimentResults(results, out / "results.csv");
      writeManifest(out, "sweep", o->toJson(*command), loaded.dataset.get());
    }
    if (o->json) {
      std::fputs(experimentJson(results).c_str(), stdout);
    } else {
      printExperimentTable(results);
      if (!o->out.empty() && !global.quiet) std::printf("results.csv, results.json and manifest.json in %s\n", o->out.c_str());
    }
  });
}

}  // namespace ll::cli
