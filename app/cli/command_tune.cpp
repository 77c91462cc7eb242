// `tune`: a budgeted hyper-parameter search on the user's own data (core/tune): quasi-random
// proposals through synchronous successive halving, ranked on the validation share of the
// split's training ratings — never its test ratings. A live table of the tried configurations on
// stderr, progress with ETA, the best settings as ready-to-run `cv` and `train` command lines;
// with --out, a resumable state, results and manifest.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "app/cli/commands.h"
#include "app/cli/duration.h"
#include "app/cli/progress_line.h"
#include "app/cli/train_options.h"
#include "core/tune/tune_files.h"
#include "core/tune/tuner.h"

namespace ll::cli {
namespace {

struct TuneCommandOptions {
  DataOptions data;
  TrainOptions train;
  std::string split;
  std::string budget;
  int32_t trials = 0;
  int32_t maxEpochs = 0;
  int32_t minEpochs = 0;
  int32_t reduction = HalvingParams{}.reduction;
  int32_t bracket = HalvingParams{}.bracketSize;
  int32_t repeats = TuneParams{}.validationRepeats;
  std::string out;
  bool json = false;
};

constexpr const char* kDefaultBudget = "10m";

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

std::string scoreText(const std::optional<double>& score) {
  if (!score) return "—";
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", *score);
  return text;
}

void printHeader(std::FILE* to, const TuneResult& r) {
  std::fprintf(to, "%6s %7s %6s %9s %9s %6s %4s %16s  %s\n", "trial", "rung", "epochs", "lr", "λ", "batch", "z",
               r.scoreName.c_str(), "status");
}

void printTrial(std::FILE* to, const TuneResult& r, const TrialRecord& t, const std::string& status) {
  const RungResult& rung = t.rungs.back();
  const std::string rungText = std::to_string(t.rungs.size()) + "/" + std::to_string(r.rungEpochs.size());
  std::fprintf(to, "%6d %7s %6d %9s %9s %6d %4s %16s  %s\n", t.id + 1, rungText.c_str(), rung.epochs,
               number(t.settings.learningRate).c_str(), number(t.settings.l2).c_str(), t.settings.batchSize,
               t.settings.dim > 0 ? std::to_string(t.settings.dim).c_str() : "-", scoreText(rung.score).c_str(),
               status.c_str());
}

// The flags that reproduce the best trial's training in `cv` or `train`.
std::string trainingFlags(const TuneResult& r, const TrialRecord& best, const TuneCommandOptions& o, const CLI::App& command) {
  const TrialSettings& s = best.settings;
  std::string flags = " --optimizer " + std::string(optimizerName(s.optimizer)) + " --lr " + number(s.learningRate) +
                      " --l2 " + number(s.l2) + " --batch " + std::to_string(s.batchSize) + " --epochs " +
                      std::to_string(r.rungEpochs.back()) + " --patience " + std::to_string(o.train.patience) +
                      " --seed " + std::to_string(o.train.seed);
  if (command.count("--validation") > 0) flags += " --validation " + number(o.train.validation);
  if (command.count("--item-input") > 0) flags += " --item-input " + o.train.itemInput;
  if (command.count("--activation") > 0) flags += " --activation " + o.train.activation;
  if (command.count("--noise-sd") > 0) flags += " --noise-sd " + number(o.train.noiseSd);
  if (o.train.noClip) flags += " --no-clip";
  return flags;
}

nlohmann::json useTheseSettings(const TuneResult& r, const TuneCommandOptions& o, const CLI::App& command) {
  if (!r.best) return nullptr;
  const TrialRecord& best = r.trials[*r.best];
  const std::string flags = trainingFlags(r, best, o, command);
  const std::string dim = best.settings.dim > 0 ? std::to_string(best.settings.dim) : "";
  std::string cv = "latentlens-cli cv --data " + o.data.spec + " --models " + o.train.model +
                   (dim.empty() ? "" : " --dims " + dim) + flags;
  std::string train = "latentlens-cli train --data " + o.data.spec + " --model " + o.train.model +
                      (dim.empty() ? "" : " --dim " + dim) + " --split " + r.split + flags;
  if (r.implicit) {
    cv = "latentlens-cli sweep --implicit --split " + r.split + cv.substr(std::string("latentlens-cli cv").size());
    train += " --implicit";
  }
  return {{"cv", cv}, {"train", train}};
}

void printSummary(const TuneResult& r, const nlohmann::json& use, bool quiet) {
  std::vector<size_t> order;
  for (size_t t = 0; t < r.trials.size(); ++t) {
    if (!r.trials[t].rungs.empty()) order.push_back(t);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto sa = r.trials[a].score(), sb = r.trials[b].score();
    return sa.has_value() && (!sb.has_value() || *sa < *sb);
  });
  std::printf("%s on split %s: %zu configurations, %lld steps, %.0f s (%s%s)\n", std::string(modelKindName(r.model)).c_str(),
              r.split.c_str(), r.trials.size(), static_cast<long long>(r.steps), r.elapsedSeconds, r.ended.c_str(),
              r.resumed ? ", resumed" : "");
  if (!order.empty() && !quiet) {
    std::printf("the best %zu by %s:\n", std::min<size_t>(order.size(), 10), r.scoreName.c_str());
    printHeader(stdout, r);
    for (size_t k = 0; k < std::min<size_t>(order.size(), 10); ++k) {
      const TrialRecord& t = r.trials[order[k]];
      printTrial(stdout, r, t, std::string(trialStatusName(t.status)) + (k == 0 ? " ★ best" : ""));
    }
  }
  if (!r.best) {
    std::printf("no configuration finished a rung\n");
    return;
  }
  const TrialRecord& best = r.trials[*r.best];
  std::printf("best: trial %d, %s, %s %.4f (epoch %d)\n", best.id + 1, describeSettings(best.settings).c_str(),
              r.scoreName.c_str(), *best.score(), best.rungs.back().bestEpoch);
  std::printf("use these settings:\n  %s\n  %s\n", use["cv"].get<std::string>().c_str(), use["train"].get<std::string>().c_str());
}

}  // namespace

void addTuneCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<TuneCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "tune", "Search a model's learning rate, λ, z and batch on the validation share of the training ratings (successive halving)");
  o->data.addTo(*command);
  TrainOptions& t = o->train;
  command->add_option("--model", t.model, "user-bias, linear, fm, add, mul, tensor, mf, gmf, mlp, neumf, deepmf, nrp or svdpp")
      ->capture_default_str();
  command->add_option("--budget", o->budget,
                      std::string("Wall time: 90s, 10m, 1h, 1h30m or seconds (default: ") + kDefaultBudget +
                          " unless --trials is given); the run ends after the step in flight");
  command->add_option("--trials", o->trials, "At most this many configurations (0 = no limit)")->check(CLI::NonNegativeNumber);
  command->add_option("--split", o->split,
                      "Whose training ratings are tuned on (official:1 where the data has folds, else random:0.2; last "
                      "with --implicit). Its test ratings are never read");
  command->add_option("--max-epochs", o->maxEpochs, "R: the last rung's epochs (default: the model's recommended epoch limit)")
      ->check(CLI::PositiveNumber);
  command->add_option("--min-epochs", o->minEpochs, "r: the first rung's epochs (default: R / η^(rungs−1))")
      ->check(CLI::PositiveNumber);
  command->add_option("--reduction", o->reduction, "η: the best 1/η of a rung go on, for η× the epochs")
      ->capture_default_str()
      ->check(CLI::Range(2, 10));
  command->add_option("--bracket", o->bracket, "Configurations per successive-halving bracket")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  command->add_option("--repeats", o->repeats,
                      "Validation draws per configuration: each trains on K seeded draws of the validation share and is "
                      "ranked by their mean (less selection noise, K× the time)")
      ->capture_default_str()
      ->check(CLI::Range(1, kMaxValidationRepeats));
  command->add_option("--item-input", t.itemInput, "What models with item input read: features, id or both")->capture_default_str();
  command->add_option("--activation", t.activation, "σ of add and mul, and the hidden activation of autorec, nrp, dha, asdae, their NRP versions and accm: identity, sigmoid, tanh, relu or selu")->capture_default_str();
  command->add_flag("--no-clip", t.noClip, "Do not clip predictions to the rating range when evaluating");
  command->add_option("--noise-sd", t.noiseSd, "sd of deepmf's Gaussian-noise layer")->capture_default_str()->check(CLI::NonNegativeNumber);
  command->add_option("--patience", t.patience, "Early stopping inside a trial: epochs without a better validation score (0 = never)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--threads", t.threads, "Threads per trial (0 = all cores); a resumed run must use the same count")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--seed", t.seed, "Seeds the proposals, the validation draw, initialisation and shuffling")->capture_default_str();
  command->add_option("--validation", t.validation, "Share of the training ratings the configurations are ranked on")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 0.9));
  t.addImplicitTo(*command);
  command->add_option("--out", o->out,
                      "Folder for tune-state.json (written as the run goes, at most a second apart; a run given a folder "
                      "holding the state of the same search resumes it), tune-results.json and manifest.json");
  command->add_flag("--json", o->json, "Print the results as JSON on stdout (the live table goes to stderr)");
  command->callback([o, &global, command] {
    double budget = 0.0;
    if (!o->budget.empty() || o->trials == 0) {
      const std::string text = o->budget.empty() ? kDefaultBudget : o->budget;
      const std::optional<double> seconds = parseDuration(text);
      if (!seconds) throw CLI::ValidationError("--budget", "expected a duration such as 90s, 10m, 1h or 1h30m, found \"" + text + "\"");
      budget = *seconds;
    }
    const LoadedDataset loaded = loadData(o->data, global);
    TuneParams params;
    params.model = o->train.modelConfig();
    SplitSpec split;
    if (!o->split.empty()) {
      split = parseSplitSpec(o->split);
    } else if (o->train.implicit) {
      split = parseSplitSpec("last");
    } else {
      split = defaultSplitSpec(*loaded.dataset);
    }
    params.train = o->train.trainParams();
    params.train.implicit = o->train.resolveImplicit(params.model.kind, split);
    params.split = split;
    params.splitParams = o->train.splitParams();
    params.seed = o->train.seed;
    params.halving = {o->maxEpochs, o->reduction, o->bracket, o->minEpochs};
    params.budgetSeconds = budget;
    params.maxTrials = o->trials;
    params.validationRepeats = o->repeats;
    if (!o->out.empty()) {
      createOutputFolder(o->out);
      params.stateFile = std::filesystem::path(o->out) / "tune-state.json";
    }

    std::FILE* table = o->json ? stderr : stdout;
    ProgressLine line(!global.quiet);
    bool headerPrinted = false;
    const TuneResult result = runTune(
        loaded.dataset, params,
        [&](const TuneProgress& p) {
          line.update(p.fraction, p.label);
          return true;
        },
        [&](const TuneResult& r, const TuneUpdate& u) {
          if (global.quiet) return;
          line.finish();
          if (!headerPrinted) {
            std::fprintf(table, "tuning %s on split %s by %s; rungs at %s epochs, η %d, %d per bracket%s\n",
                         std::string(modelKindName(r.model)).c_str(), r.split.c_str(), r.scoreName.c_str(),
                         [&] {
                           std::string epochs;
                           for (int32_t e : r.rungEpochs) epochs += (epochs.empty() ? "" : ", ") + std::to_string(e);
                           return epochs;
                         }().c_str(),
                         params.halving.reduction, params.halving.bracketSize, r.resumed ? " (resumed)" : "");
            printHeader(table, r);
            headerPrinted = true;
          }
          if (u.kind == TuneUpdate::Kind::Trained) {
            const TrialRecord& trial = r.trials[u.trial];
            printTrial(table, r, trial, trial.rungs.back().stop + (u.newBest ? " ★ best" : ""));
          } else {
            int32_t on = 0, pruned = 0;
            for (const TrialRecord& trial : r.trials) {
              if (trial.bracket != u.bracket || static_cast<int32_t>(trial.rungs.size()) <= u.rung) continue;
              if (static_cast<int32_t>(trial.rungs.size()) > u.rung + 1 || trial.status == TrialStatus::Running) ++on;
              if (static_cast<int32_t>(trial.rungs.size()) == u.rung + 1 && trial.status == TrialStatus::Pruned) ++pruned;
            }
            if (u.rung + 1 < static_cast<int32_t>(r.rungEpochs.size())) {
              std::fprintf(table, "  bracket %d rung %d: %d promoted, %d pruned\n", u.bracket + 1, u.rung + 1, on, pruned);
            }
          }
          std::fflush(table);
        });
    line.finish();
    const nlohmann::json use = useTheseSettings(result, *o, *command);
    if (!o->out.empty()) {
      const std::filesystem::path out(o->out);
      saveTuneResults(result, out / "tune-results.json");
      nlohmann::json configuration = {{"data", o->data.spec},        {"model", o->train.model},
                                      {"split", split.text()},       {"seed", o->train.seed},
                                      {"budget", o->budget},         {"trials", o->trials},
                                      {"max-epochs", o->maxEpochs},  {"min-epochs", o->minEpochs},
                                      {"reduction", o->reduction},   {"bracket", o->bracket}, {"repeats", o->repeats},
                                      {"patience", o->train.patience}, {"threads", o->train.threads},
                                      {"validation", o->train.validation}, {"implicit", params.train.implicit},
                                      {"explicit", !params.train.implicit}, {"item-input", o->train.itemInput},
                                      {"activation", o->train.activation}};
      // Absent rather than 0 where 0 means "automatic", so a replay (--config) passes the checks.
      if (o->budget.empty()) configuration.erase("budget");
      if (o->maxEpochs == 0) configuration.erase("max-epochs");
      if (o->minEpochs == 0) configuration.erase("min-epochs");
      writeManifest(out, "tune", configuration, loaded.dataset.get());
    }
    if (o->json) {
      nlohmann::json document = nlohmann::json::parse(tuneJson(result, false));
      document["use"] = use;
      printJson(document);
    } else {
      printSummary(result, use, global.quiet);
      if (!o->out.empty() && !global.quiet) std::printf("tune-results.json, tune-state.json and manifest.json in %s\n", o->out.c_str());
    }
    if (result.ended == "cancelled") throw std::runtime_error("tune was cancelled");
  });
}

}  // namespace ll::cli
