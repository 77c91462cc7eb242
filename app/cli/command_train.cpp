// `train`: trains one model, prints a line per epoch, and writes to --out: checkpoint.llckpt,
// results.json, history.csv, user_embeddings.tsv, movie_embeddings.tsv and manifest.json.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/progress_line.h"
#include "app/cli/run_report.h"
#include "app/cli/train_options.h"
#include "core/data/split.h"
#include "core/io/atomic_file.h"
#include "core/io/embeddings_tsv.h"
#include "core/train/checkpoint.h"
#include "core/train/evaluation.h"

namespace ll::cli {
namespace {

struct TrainCommandOptions {
  DataOptions data;
  TrainOptions train;
  std::string split;
  std::string resume;
  std::string out;
  bool json = false;
};

void writeEmbeddings(const std::filesystem::path& dir, const Model& model) {
  const Dataset& d = model.data();
  writeEmbeddingsTsv(dir / "user_embeddings.tsv", {d.userIds, model.userEmbeddings(), model.userEmbeddingDim()});
  if (model.itemEmbeddingDim() > 0) {
    writeEmbeddingsTsv(dir / "movie_embeddings.tsv", {d.itemIds, model.itemEmbeddings(), model.itemEmbeddingDim()});
  }
}

nlohmann::json resultsJson(const Trainer& trainer, const std::filesystem::path& checkpoint) {
  const Model& model = trainer.model();
  const RatingErrors test = evaluateRatings(model, trainer.split().test);
  const RatingErrors validation = evaluateRatings(model, trainer.split().validation);
  const TrainingHistory& h = trainer.history();
  double seconds = 0.0;
  for (const EpochRecord& r : h.epochs) seconds += r.seconds;
  nlohmann::json json = {
      {"model", modelKindName(model.config().kind)},
      {"dim", model.config().dim},
      {"item_input", itemInputName(model.config().itemInput)},
      {"epochs", trainer.epochsDone()},
      {"best_epoch", h.bestEpoch},
      {"stop", stopReasonName(trainer.stopReason())},
      {"stop_message", trainer.stopMessage()},
      {"split", trainer.split().name},
      {"rmse", test.rmse},
      {"mae", test.mae},
      {"test_ratings", test.count},
      {"validation_rmse", validation.rmse},
      {"pdc", pdcValuesJson(trainer.testPdc().points)},
      {"params", model.parameterCount()},
      {"sec_per_epoch", h.epochs.empty() ? 0.0 : seconds / static_cast<double>(h.epochs.size())},
      {"threads", trainer.threads()},
      {"checkpoint", checkpoint.string()},
  };
  return json;
}

}  // namespace

void addTrainCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<TrainCommandOptions>();
  CLI::App* command = app.add_subcommand("train", "Train one model; write checkpoint, results, history and embeddings");
  o->data.addTo(*command);
  o->train.addTo(*command, true);
  command->add_option("--split", o->split, "official:K, ua, ub, kfold:K:I, random:F, users:F or last (default: official:1 where the data has folds, else random:0.2)");
  command->add_option("--resume", o->resume,
                      "Continue the run saved in this checkpoint (same data; its settings win, except a larger --epochs)");
  command->add_option("--out", o->out, "Folder for the outputs (default: runs/<model>-z<dim>)");
  command->add_flag("--json", o->json, "Print the results as JSON on stdout (epoch lines go to stderr)");
  command->callback([o, &global, command] {
    const LoadedData loaded = loadData(o->data, global);
    std::unique_ptr<Trainer> trainer;
    SplitSpec splitSpec;
    SplitParams splitParams = o->train.splitParams();
    if (!o->resume.empty()) {
      const CheckpointInfo info = readCheckpointInfo(o->resume);
      splitSpec = info.split;
      splitParams = info.splitParams;
      trainer = resumeTrainer(o->resume, loaded.dataset);
      if (command->count("--epochs") > 0) trainer->extendTo(o->train.epochs);
    } else {
      splitSpec = o->split.empty() ? defaultSplitSpec(*loaded.dataset) : parseSplitSpec(o->split);
      trainer = std::make_unique<Trainer>(loaded.dataset, makeSplit(*loaded.dataset, splitSpec, splitParams),
                                          o->train.modelConfig(), o->train.trainParams());
    }
    const ModelConfig& config = trainer->model().config();
    const std::filesystem::path out = o->out.empty() ? std::filesystem::path("runs") /
                                                           (std::string(modelKindName(config.kind)) + "-z" + std::to_string(config.dim))
                                                     : std::filesystem::path(o->out);
    std::filesystem::create_directories(out);
    std::FILE* lines = o->json ? stderr : stdout;
    if (!global.quiet) {
      std::fprintf(lines, "%s z=%d on %s (%zu train / %zu validation / %zu test ratings, split %s), %lld parameters, %d threads\n",
                   std::string(modelKindName(config.kind)).c_str(), config.dim, loaded.dataset->source.c_str(),
                   trainer->split().train.size(), trainer->split().validation.size(), trainer->split().test.size(),
                   splitSpec.text().c_str(), static_cast<long long>(trainer->model().parameterCount()), trainer->threads());
    }
    const std::filesystem::path checkpoint = out / "checkpoint.llckpt";
    ProgressLine progress(!global.quiet);
    while (!trainer->done()) {
      const int32_t epoch = trainer->epochsDone() + 1;
      const bool more = trainer->runEpoch([&](int64_t done, int64_t total) {
        progress.update(static_cast<double>(done) / static_cast<double>(total), "epoch " + std::to_string(epoch));
        return true;
      });
      progress.finish();
      if (trainer->epochsDone() >= epoch && !global.quiet) {
        std::fprintf(lines, "%s\n", epochLine(trainer->history().epochs.back(), trainer->params().epochs).c_str());
        std::fflush(lines);
      }
      saveCheckpoint(checkpoint, *trainer, splitSpec, splitParams);
      if (!more) break;
    }
    if (!global.quiet) std::fprintf(lines, "%s\n", trainer->stopMessage().c_str());
    writeEmbeddings(out, trainer->model());
    writeFileAtomically(out / "history.csv", historyCsv(trainer->history()));
    const nlohmann::json results = resultsJson(*trainer, checkpoint);
    writeFileAtomically(out / "results.json", results.dump(2) + "\n");
    nlohmann::json configuration = o->train.toJson();
    configuration["data"] = o->data.spec;
    configuration["split"] = splitSpec.text();
    if (!o->resume.empty()) configuration["resume"] = o->resume;
    writeManifest(out, "train", configuration, loaded.dataset.get());
    if (o->json) {
      printJson(results);
    } else if (!global.quiet) {
      std::printf("test RMSE %.4f  MAE %.4f  (epoch %d kept)  outputs in %s\n", results["rmse"].get<double>(),
                  results["mae"].get<double>(), trainer->history().bestEpoch, out.string().c_str());
    }
    if (trainer->stopReason() == StopReason::Diverged) throw std::runtime_error(trainer->stopMessage());
  });
}

}  // namespace ll::cli
