// `train`: trains one model, prints a line per epoch, and writes to --out: checkpoint.llckpt,
// results.json, history.csv (refit_history.csv after a refit), user_embeddings.tsv,
// movie_embeddings.tsv and manifest.json.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/cli/commands.h"
#include "app/cli/progress_line.h"
#include "app/cli/run_report.h"
#include "app/cli/train_options.h"
#include "core/data/split.h"
#include "core/io/atomic_file.h"
#include "core/model/bayesian_fm.h"
#include "core/exchange/embeddings_tsv.h"
#include "core/train/checkpoint.h"
#include "core/eval/top_percent_precision.h"
#include "core/train/evaluation.h"
#include "core/train/refit.h"

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

// bfm also writes the per-coordinate posterior sd of each vector, in the same layout (*_sd.tsv).
void writeEmbeddings(const std::filesystem::path& dir, const Model& model) {
  const Dataset& d = model.data();
  writeEmbeddingsTsv(dir / "user_embeddings.tsv", {d.userIds, model.userEmbeddings(), model.userEmbeddingDim()});
  if (model.itemEmbeddingDim() > 0) {
    writeEmbeddingsTsv(dir / "movie_embeddings.tsv", {d.itemIds, model.itemEmbeddings(), model.itemEmbeddingDim()});
  }
  if (std::vector<float> sd = model.userEmbeddingSds(); !sd.empty()) {
    writeEmbeddingsTsv(dir / "user_embeddings_sd.tsv", {d.userIds, std::move(sd), model.userEmbeddingDim()});
  }
  if (std::vector<float> sd = model.itemEmbeddingSds(); !sd.empty()) {
    writeEmbeddingsTsv(dir / "movie_embeddings_sd.tsv", {d.itemIds, std::move(sd), model.itemEmbeddingDim()});
  }
}

// The NRP paper's per-user precision of the top p% of each user's test items, at p = 10% and 25%.
void addTopPercentPrecision(const Model& model, std::span<const uint32_t> test, nlohmann::json& json) {
  const Ratings& r = model.data().ratings;
  const std::vector<float> predictions = predictRatings(model, test);
  std::vector<int32_t> users;
  std::vector<float> truth;
  for (uint32_t k : test) {
    users.push_back(r.user[k]);
    truth.push_back(r.value[k]);
  }
  for (const auto& [share, key] : {std::pair{0.10, "precision@10%"}, std::pair{0.25, "precision@25%"}}) {
    const TopPercentPrecision p = topPercentPrecision(users, truth, predictions, share);
    json[key] = p.users > 0 ? nlohmann::json(p.precision) : nlohmann::json(nullptr);
  }
}

/// The results of a run. `tested` is the model the test figures are of: the refit when there was
/// one, else `selected` (the run early stopping watched, whose epochs and validation score these
/// are too).
nlohmann::json resultsJson(const Trainer& selected, const Trainer& tested, const RefitPlan* refit,
                           const std::filesystem::path& checkpoint) {
  const Model& model = tested.model();
  const bool implicit = tested.params().implicit;
  // In implicit mode the outputs are logits of "rated", not ratings: RMSE and MAE are null.
  const RatingErrors test = implicit ? RatingErrors{} : evaluateRatings(model, tested.split().test);
  const RatingErrors validation = implicit ? RatingErrors{} : evaluateRatings(selected.model(), selected.split().validation);
  const auto orNull = [implicit](double v) { return implicit ? nlohmann::json(nullptr) : nlohmann::json(v); };
  const TrainingHistory& h = selected.history();
  double seconds = 0.0;
  for (const EpochRecord& r : h.epochs) seconds += r.seconds;
  nlohmann::json json = {
      {"model", modelKindName(model.config().kind)},
      {"dim", model.config().dim},
      {"item_input", itemInputName(model.config().itemInput)},
      {"epochs", selected.epochsDone()},
      {"best_epoch", h.bestEpoch},
      {"stop", stopReasonName(selected.stopReason())},
      {"stop_message", selected.stopMessage()},
      {"split", tested.split().name},
      {"implicit", implicit},
      {"rmse", orNull(test.rmse)},
      {"mae", orNull(test.mae)},
      {"test_ratings", tested.split().test.size()},
      {"validation_rmse", selected.split().validation.empty() ? nlohmann::json(nullptr) : orNull(validation.rmse)},
      {"pdc", pdcValuesJson(tested.testPdc().points)},
      {"params", model.parameterCount()},
      {"sec_per_epoch", h.epochs.empty() ? 0.0 : seconds / static_cast<double>(h.epochs.size())},
      {"threads", tested.threads()},
      {"checkpoint", checkpoint.string()},
  };
  if (const EpochRecord* best = h.best()) json["validation_loss"] = best->validationLoss;
  if (refit == nullptr) {
    json["refit"] = nullptr;
  } else if (!refit->applies) {
    json["refit"] = {{"skipped", refit->reason}};
  } else {
    json["refit"] = {{"epochs", refit->epochs},
                     {"training_ratings", tested.split().train.size()},
                     {"selected_rmse", orNull(evaluateRatings(selected.model(), selected.split().test).rmse)}};
  }
  if (implicit) json["negatives"] = tested.params().negatives;
  if (tested.ranksItems()) json.update(rankingJson(tested.testRanking()));
  if (!implicit) addTopPercentPrecision(model, tested.split().test, json);
  return json;
}

/// Runs the trainer to its end with a line per epoch, checkpointing after each; `label` prefixes
/// the progress and the lines ("refit ").
void runToTheEnd(Trainer& trainer, const std::string& label, const std::filesystem::path& checkpoint,
                 const SplitSpec& splitSpec, const SplitParams& splitParams, std::FILE* lines, bool quiet) {
  const bool sampled = trainer.model().config().kind == ModelKind::BFM;
  ProgressLine progress(!quiet);
  while (!trainer.done()) {
    const int32_t epoch = trainer.epochsDone() + 1;
    const bool more = trainer.runEpoch([&](int64_t done, int64_t total) {
      progress.update(static_cast<double>(done) / static_cast<double>(total), label + "epoch " + std::to_string(epoch));
      return true;
    });
    progress.finish();
    if (trainer.epochsDone() >= epoch && !quiet) {
      const EpochRecord& record = trainer.history().epochs.back();
      std::fprintf(lines, "%s%s\n", label.c_str(),
                   (sampled ? sampleLine(record, trainer.params().epochs, trainer.params().burnIn)
                            : epochLine(record, trainer.params().epochs, trainer.params().implicit,
                                        !trainer.split().validation.empty()))
                       .c_str());
      std::fflush(lines);
    }
    // A bfm run cannot resume (its chain is not saved), so only its end is worth writing.
    if (!sampled || !more) saveCheckpoint(checkpoint, trainer, splitSpec, splitParams);
    if (!more) break;
  }
  if (!quiet) std::fprintf(lines, "%s%s\n", label.c_str(), trainer.stopMessage().c_str());
}

}  // namespace

void addTrainCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<TrainCommandOptions>();
  CLI::App* command = app.add_subcommand("train", "Train one model; write checkpoint, results, history and embeddings");
  o->data.addTo(*command);
  o->train.addTo(*command, true);
  o->train.addImplicitTo(*command);
  command->add_option("--split", o->split,
                      "official:K, ua, ub, kfold:K:I, random:F, random:F:V:R (test F and validation V of all ratings, draw R), "
                      "users:F or last (default: last with --implicit, else "
                      "official:1 where the data has folds, else random:0.2). With last, HR@10/NDCG@10 and "
                      "Recall@10/NDCG@10 are reported too");
  command->add_option("--resume", o->resume,
                      "Continue the run saved in this checkpoint (same data; its settings win, except a larger --epochs)");
  command->add_option("--out", o->out, "Folder for the outputs (default: runs/<model>-z<dim>)");
  command->add_flag("--json", o->json, "Print the results as JSON on stdout (epoch lines go to stderr)");
  command->callback([o, &global, command] {
    const LoadedDataset loaded = loadData(o->data, global);
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
      if (!o->split.empty()) {
        splitSpec = parseSplitSpec(o->split);
      } else if (o->train.implicit) {
        splitSpec = parseSplitSpec("last");
      } else {
        splitSpec = defaultSplitSpec(*loaded.dataset);
      }
      const ModelKind kind = parseModelKind(o->train.model);
      const bool implicit = o->train.resolveImplicit(kind, splitSpec);
      o->train.applyRecommendation(kind, implicit, *command);
      const ModelConfig modelConfig = o->train.modelConfig();
      TrainParams trainParams = o->train.trainParams();
      trainParams.implicit = implicit;
      trainer = std::make_unique<Trainer>(loaded.dataset, makeSplit(*loaded.dataset, splitSpec, splitParams), modelConfig,
                                          trainParams);
    }
    const ModelConfig& config = trainer->model().config();
    const std::filesystem::path out = o->out.empty() ? std::filesystem::path("runs") /
                                                           (std::string(modelKindName(config.kind)) + "-z" + std::to_string(config.dim))
                                                     : std::filesystem::path(o->out);
    createOutputFolder(out);
    std::FILE* lines = o->json ? stderr : stdout;
    if (!global.quiet) {
      std::fprintf(lines, "%s z=%d%s on %s (%zu train / %zu validation / %zu test ratings, split %s), %lld parameters, %d threads\n",
                   std::string(modelKindName(config.kind)).c_str(), config.dim,
                   trainer->params().implicit ? " implicit" : "", loaded.dataset->source.c_str(),
                   trainer->split().train.size(), trainer->split().validation.size(), trainer->split().test.size(),
                   splitSpec.text().c_str(), static_cast<long long>(trainer->model().parameterCount()), trainer->threads());
      if (const auto* fm = dynamic_cast<const BayesianFm*>(&trainer->model())) {
        std::fprintf(lines, "bfm groups %s, burn-in %d; learns from the training and validation shares together\n",
                     bfmGroupsText(fm->design().groups).c_str(), trainer->params().burnIn);
        for (const std::string& note : fm->design().notes) std::fprintf(lines, "%s\n", note.c_str());
      }
    }
    const std::filesystem::path checkpoint = out / "checkpoint.llckpt";
    runToTheEnd(*trainer, "", checkpoint, splitSpec, splitParams, lines, global.quiet);
    // Refit after selection: the checkpoint becomes the refit's, whose split (validation share
    // 0) a resume rebuilds as the merged training ratings.
    std::unique_ptr<Trainer> refit;
    std::optional<RefitPlan> plan;
    if (!o->train.noRefit) {
      plan = planRefit(*trainer);
      if (plan->applies) {
        if (!global.quiet) {
          std::fprintf(lines, "refit: %d epochs (epoch %d chosen × %.3f) on all %zu training ratings\n", plan->epochs,
                       trainer->history().bestEpoch,
                       static_cast<double>(trainer->split().train.size() + trainer->split().validation.size()) /
                           static_cast<double>(trainer->split().train.size()),
                       trainer->split().train.size() + trainer->split().validation.size());
        }
        refit = makeRefitTrainer(*trainer, *plan);
        runToTheEnd(*refit, "refit ", checkpoint, splitSpec, refitSplitParams(splitParams), lines, global.quiet);
      } else if (!global.quiet && trainer->split().validation.size() > 0) {
        std::fprintf(lines, "no refit: %s\n", plan->reason.c_str());
      }
    }
    const Trainer& tested = refit ? *refit : *trainer;
    writeEmbeddings(out, tested.model());
    writeFileAtomically(out / "history.csv", historyCsv(trainer->history()));
    if (refit) writeFileAtomically(out / "refit_history.csv", historyCsv(refit->history()));
    const nlohmann::json results = resultsJson(*trainer, tested, plan ? &*plan : nullptr, checkpoint);
    writeFileAtomically(out / "results.json", results.dump(2) + "\n");
    nlohmann::json configuration = o->train.toJson();
    configuration["data"] = o->data.spec;
    configuration["split"] = splitSpec.text();
    // The resolved mode, so a replay trains the same way whatever the defaults then are.
    configuration["implicit"] = trainer->params().implicit;
    configuration["explicit"] = !trainer->params().implicit;
    configuration["negatives"] = trainer->params().negatives;
    if (!o->resume.empty()) configuration["resume"] = o->resume;
    writeManifest(out, "train", configuration, loaded.dataset.get());
    if (o->json) {
      printJson(results);
    } else if (!global.quiet) {
      if (!trainer->params().implicit) {
        std::printf("test RMSE %.4f  MAE %.4f  ", results["rmse"].get<double>(), results["mae"].get<double>());
      }
      if (results.contains("hr@10")) {
        std::printf("HR@10 %.4f  NDCG@10 %.4f  ", results["hr@10"].get<double>(), results["ndcg@10"].get<double>());
      }
      if (const auto* fm = dynamic_cast<const BayesianFm*>(&trainer->model())) {
        std::printf("(mean over %d kept draws)  outputs in %s\n", fm->drawCount(), out.string().c_str());
      } else if (refit) {
        std::printf("(refit for %d epochs; epoch %d chosen)  outputs in %s\n", plan->epochs, trainer->history().bestEpoch,
                    out.string().c_str());
      } else {
        std::printf("(epoch %d kept)  outputs in %s\n", trainer->history().bestEpoch, out.string().c_str());
      }
    }
    if (trainer->stopReason() == StopReason::Diverged) throw std::runtime_error(trainer->stopMessage());
  });
}

}  // namespace ll::cli
