#include "app/cli/neighbours_across_dimensions.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include "app/cli/model_source.h"
#include "app/cli/neighbour_lists.h"
#include "core/analysis/movie_ranking.h"
#include "core/analysis/neighbour_comparison.h"
#include "core/data/split.h"
#include "core/experiment/comparison_films.h"
#include "core/experiment/experiment_files.h"
#include "core/experiment/experiment_json.h"
#include "core/io/atomic_file.h"
#include "core/train/checkpoint.h"
#include "core/train/refit.h"

namespace ll::cli {
namespace {

struct KeptModel {
  std::shared_ptr<const Model> model;
  std::string label;       ///< "mf z=3"
  std::string checkpoint;  ///< its file under --out, or empty
};

std::vector<int32_t> filmsToCompare(const ExperimentOptions& options, const Dataset& data, const GlobalOptions& global) {
  if (!options.films.empty()) {
    std::vector<int32_t> items;
    for (const std::string& film : options.films) items.push_back(findMovie(data, film, "--films").item);
    return items;
  }
  const ComparisonFilms films = seedComparisonFilms(data);
  if (!global.quiet) {
    if (films.standIns) {
      std::fprintf(stderr, "none of the seed's films is in %s: its %zu most-rated films stand in\n", data.source.c_str(),
                   films.items.size());
    } else {
      for (const std::string& missing : films.missing) std::fprintf(stderr, "not in the data set: %s\n", missing.c_str());
    }
  }
  return films.items;
}

}  // namespace

void runNeighboursAcrossDimensions(const ExperimentOptions& options, const CLI::App& command, const GlobalOptions& global) {
  const LoadedDataset loaded = loadData(options.data, global);
  const Dataset& data = *loaded.dataset;
  const ExperimentGrid grid = options.grid(command);
  const std::vector<int32_t> films = filmsToCompare(options, data, global);  // bad --films fail before training
  const std::filesystem::path out(options.out);
  if (!options.out.empty()) createOutputFolder(out);

  // The first fold's model of every row (one split unless --folds says more).
  std::map<std::pair<ModelKind, int32_t>, KeptModel> kept;
  const ExperimentResults results =
      runWithProgress(loaded, grid, global, [&](const ExperimentCell& cell, const FoldOutcome& outcome, const Trainer& tested) {
        if (cell.fold != 0) return;
        KeptModel& model = kept[{cell.model, cell.dim}];
        model.model = tested.modelCopy();
        model.label = std::string(modelKindName(cell.model)) + " z=" + std::to_string(cell.dim);
        if (!options.out.empty()) {
          model.checkpoint = (out / (std::string(modelKindName(cell.model)) + "-z" + std::to_string(cell.dim) + ".llckpt")).string();
          saveCheckpoint(model.checkpoint, tested, cell.split,
                         outcome.refitEpochs > 0 ? refitSplitParams(grid.split) : grid.split);
        }
      });

  std::vector<CosineIndex> indexes;
  std::vector<std::string> labels;
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& [key, model] : kept) {
    const EmbeddingRows rows = modelRows(*model.model, EmbeddingEntity::Movies, model.checkpoint);
    indexes.emplace_back(rows.values, rows.rows(), rows.dim);  // every dense item, in order
    labels.push_back(model.label);
    nlohmann::json run = {{"model", modelKindName(key.first)}, {"dim", key.second}};
    if (!model.checkpoint.empty()) run["checkpoint"] = model.checkpoint;
    runs.push_back(std::move(run));
  }
  const std::vector<int64_t> counts = itemRatingCounts(data);
  const NeighbourParams params{.count = options.neighbours, .minRatings = kDefaultMinMovieRatings};
  nlohmann::json comparisons = nlohmann::json::array();
  std::vector<NeighbourComparison> lists;
  for (const int32_t film : films) {
    lists.push_back(compareNeighbours(indexes, film, params, counts));
    comparisons.push_back(neighbourComparisonJson(data, lists.back(), options.neighbours, runs));
  }
  const nlohmann::json neighbours = {{"min_ratings", params.minRatings}, {"films", comparisons}};

  if (!options.out.empty()) {
    saveExperimentResults(results, out / "results.json");
    saveExperimentResults(results, out / "results.csv");
    writeFileAtomically(out / "neighbours.json", neighbours.dump(2) + "\n");
    writeManifest(out, "sweep", options.toJson(command), &data);
  }
  if (options.json) {
    printJson({{"results", nlohmann::json::parse(experimentJson(results))}, {"neighbours", neighbours}});
    return;
  }
  printExperimentTable(results);
  for (const NeighbourComparison& comparison : lists) {
    std::printf("\n");
    printNeighbourComparison(data, comparison, labels);
  }
  std::printf("\nneighbours with at least %lld ratings; the models are each row's first fold%s\n",
              static_cast<long long>(params.minRatings), results.complete ? "" : " — cancelled part-way");
  if (!options.out.empty() && !global.quiet) {
    std::printf("results.csv, results.json, neighbours.json, the checkpoints and manifest.json in %s\n", options.out.c_str());
  }
}

}  // namespace ll::cli
