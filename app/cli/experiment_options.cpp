#include "app/cli/experiment_options.h"

#include <cstdio>
#include <utility>

#include "app/cli/progress_line.h"
#include "core/data/input_error.h"
#include "core/experiment/experiment_presets.h"
#include "core/experiment/experiment_runner.h"

namespace ll::cli {

void ExperimentOptions::addTo(CLI::App& command, bool withSweepOptions) {
  data.addTo(command);
  command.add_option("--models", models, "Comma-separated models")->capture_default_str();
  command.add_option("--dims", dims,
                     "Comma-separated dimensions z (k for mf; ignored by user-bias and linear); model:z gives one model its own, "
                     "e.g. 100,neumf:150,autorec-i:500 runs neumf at 150, autorec-i at 500 and the rest at 100")
      ->capture_default_str();
  command.add_option("--folds", folds,
                     withSweepOptions ? "official (ml-100k u1..u5), K (seeded K-fold), random3 (the NRP paper's protocol: three "
                                        "seeded random 80/10/10 training/validation/test splits, random:0.1:0.1:1..3; "
                                        "validation for early stopping only, the test tenth reported as mean ± sd over "
                                        "the three; --validation does not apply), or one split such as last"
                                      : "official (ml-100k u1..u5), K (seeded K-fold) or random3 (three seeded random "
                                        "80/10/10 training/validation/test splits)")
      ->capture_default_str();
  train.addTo(command, false);
  if (withSweepOptions) {
    train.addImplicitTo(command);
    command.add_option("--split", split,
                       "One split instead of folds (official:K, ua, ub, kfold:K:I, random:F, random:F:V:R, last); with last, HR@10 and "
                       "NDCG@10 against 100 sampled negatives are measured, with the training-popularity ranking beside them");
    std::string names;
    for (const ExperimentPreset& p : experimentPresets()) names += "\n  " + p.name + ": " + p.figure;
    names += "\n  " + std::string(kDotProductLearningPreset) + ": " + std::string(kDotProductLearningFigure);
    command.add_option("--preset", preset,
                       "A source figure's grid (options given beside it win):" + names);
    command.add_option("--users", users, "fig3: comma-separated numbers of users M (N = M items, 100·M pairs)");
    command.add_option("--repeats", repeats, "fig3: repeats per point (default: 5)")->check(CLI::PositiveNumber);
    command.add_flag("--large", large, "fig3: the larger scale (d = 16, 32, 64; M up to 16000; hours on 2 cores)");
    command.add_option("--films", films,
                       "table5: the films whose neighbours are compared, ';'-separated raw ids or titles (default: "
                       "the seed's Star Wars (1977), The Seventh Seal and The Sound of Music where the data has them, "
                       "else its three most-rated films)")
        ->delimiter(';');
    command.add_option("--neighbours", neighbours, "table5: neighbours per list")->capture_default_str()->check(CLI::PositiveNumber);
    command.add_option("--out", out, "Folder for results.csv, results.json and manifest.json (default: none written)");
  }
  command.add_flag("--json", json, "Machine-readable output on stdout");
}

ExperimentGrid ExperimentOptions::grid(const CLI::App& command) const {
  ExperimentGrid grid;
  if (!preset.empty()) applyPreset(findExperimentPreset(preset), grid);
  const bool presetOnly = !preset.empty();
  if (!presetOnly || command.count("--models") > 0) grid.models = parseModelList(models);
  if (!presetOnly || command.count("--dims") > 0) {
    GridDims parsed = parseGridDims(dims);
    grid.dims = std::move(parsed.all);
    grid.modelDims = std::move(parsed.perModel);
  }
  if (!presetOnly || command.count("--folds") > 0) grid.folds = folds;
  if (!split.empty()) grid.folds = split;
  if (train.implicit && train.explicitRatings) throw InputError("--implicit", 0, "either --implicit or --explicit", "both");
  if (train.implicit) grid.feedback = FeedbackMode::Implicit;
  if (train.explicitRatings) grid.feedback = FeedbackMode::Explicit;
  grid.model = train.modelConfig();
  grid.train = train.trainParams();
  grid.recommended = TrainOptions::unsetFields(command);
  grid.split = train.splitParams();
  grid.refit = grid.refit && !train.noRefit;  // a preset may have turned it off (the NRP paper's tables)
  return grid;
}

nlohmann::json ExperimentOptions::toJson(const CLI::App& command) const {
  nlohmann::json configuration = train.toJson();
  configuration.erase("model");
  configuration.erase("dim");
  // Options left to each model's recommendation stay out, so a replay leaves them to it again
  // (results.json records each run's training).
  const TrainFieldSet unset = TrainOptions::unsetFields(command);
  if (unset.optimizer) configuration.erase("optimizer");
  if (unset.learningRate) configuration.erase("lr");
  if (unset.batchSize) configuration.erase("batch");
  if (unset.l2) configuration.erase("l2");
  if (unset.epochs) configuration.erase("epochs");
  configuration["data"] = data.spec;
  configuration["models"] = models;
  configuration["dims"] = dims;
  configuration["folds"] = folds;
  if (!split.empty()) configuration["split"] = split;
  if (!preset.empty()) configuration["preset"] = preset;
  if (preset == kDotProductLearningPreset) {
    // No grid: a replay must not pin d to --dims' grid default, nor pass grid-only options.
    configuration.erase("models");
    configuration.erase("folds");
    configuration.erase("data");
    if (command.count("--dims") == 0) configuration.erase("dims");
  }
  if (!users.empty()) configuration["users"] = users;
  if (repeats > 0) configuration["repeats"] = repeats;
  if (large) configuration["large"] = true;
  if (!films.empty()) {  // one option value, as typed, so a replay passes it back the same way
    std::string joined;
    for (const std::string& film : films) joined += (joined.empty() ? "" : ";") + film;
    configuration["films"] = joined;
  }
  if (command.count("--neighbours") > 0) configuration["neighbours"] = neighbours;
  configuration["implicit"] = train.implicit;
  configuration["explicit"] = train.explicitRatings;
  configuration["negatives"] = train.negatives;
  return configuration;
}

ExperimentResults runWithProgress(const LoadedDataset& loaded, const ExperimentGrid& grid, const GlobalOptions& global,
                                  const FoldFinished& alsoWhenFinished) {
  ProgressLine line(!global.quiet);
  return runExperiment(
      loaded.dataset, grid,
      [&](const ExperimentProgress& p) {
        line.update(p.fraction, std::to_string(p.cell + 1) + "/" + std::to_string(p.cells) + " " + p.label);
        return true;
      },
      [&](const ExperimentCell& cell, const FoldOutcome& outcome, const Trainer& tested) {
        line.finish();
        if (alsoWhenFinished) alsoWhenFinished(cell, outcome, tested);
        if (global.quiet) return;
        std::string z = cell.dim > 0 ? " z=" + std::to_string(cell.dim) : "";
        std::fprintf(stderr, "%s%s fold %d/%d:", std::string(modelKindName(cell.model)).c_str(), z.c_str(), cell.fold + 1, cell.folds);
        if (outcome.rmse) std::fprintf(stderr, " test RMSE %.4f MAE %.4f", *outcome.rmse, *outcome.mae);
        if (outcome.hitRate) std::fprintf(stderr, " HR@%d %.4f NDCG@%d %.4f", grid.train.ranking.cutoff, *outcome.hitRate,
                                          grid.train.ranking.cutoff, *outcome.ndcg);
        const std::string refit = outcome.refitEpochs > 0 ? ", refit " + std::to_string(outcome.refitEpochs) : "";
        std::fprintf(stderr, " (%d epochs, %s%s; %s)\n", outcome.epochs, outcome.stop.c_str(), refit.c_str(),
                     outcome.training.c_str());
      });
}

}  // namespace ll::cli
