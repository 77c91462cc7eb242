// `cv`: cross-validation over models × dimensions × folds; mean ± sd of MAE, RMSE, MSE,
// PDC@{1,2,4,8,16}, parameter count and seconds per epoch, shaped like PDC paper Table I. A front
// end on the experiment runner (core/experiment), as `sweep` is.
#include "app/cli/commands.h"
#include "app/cli/experiment_options.h"
#include "core/experiment/experiment_json.h"

namespace ll::cli {

void addCvCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ExperimentOptions>();
  CLI::App* command = app.add_subcommand("cv", "Cross-validate models × dimensions: a table like PDC paper Table I");
  o->addTo(*command, false);
  command->callback([o, &global, command] {
    const LoadedDataset loaded = loadData(o->data, global);
    ExperimentGrid grid = o->grid(*command);
    grid.feedback = FeedbackMode::Explicit;  // cv measures rating prediction; `sweep --implicit` ranks
    const ExperimentResults results = runWithProgress(loaded, grid, global);
    if (o->json) {
      std::fputs(experimentJson(results).c_str(), stdout);
    } else {
      printExperimentTable(results);
    }
  });
}

}  // namespace ll::cli
