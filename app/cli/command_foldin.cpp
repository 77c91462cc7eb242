// `foldin`: the fold-in experiment of Latent Spaces 2021 §3.8 — users held out of training whole
// get their vector folded in from n of their ratings, and the MSE on the rest is shown against n,
// beside the movie-mean baseline. Two ways in:
//   --checkpoint C   the model's k; the checkpoint must come from a users:F split, because the
//                    held-out users must not have been trained on.
//   --dims 4,8,16    from scratch on --data: one model per k on --split (default users:0.1).
// Plain (pseudo-inverse) and/or ridge curves; the plain one peaks near n ≈ k.
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "app/cli/progress_line.h"
#include "app/cli/train_options.h"
#include "core/experiment/fold_in_experiment.h"
#include "core/analysis/user_affine_form.h"
#include "core/data/input_error.h"
#include "core/train/trainer.h"

namespace ll::cli {
namespace {

struct FoldInOptions {
  ModelSourceOptions source;
  TrainOptions train;  // --dims only
  std::string dims;
  std::string split = FoldInSweepParams::usersSplit().text();
  std::string ns;
  double ridge = 0.0;
  bool ridgeOnly = false;
  bool clip = FoldInExperimentParams{}.clip;
  uint64_t revealSeed = FoldInExperimentParams{}.seed;
  bool json = false;
};

struct Experiment {
  std::string model;
  std::string split;
  size_t heldOutUsers = 0;
  std::vector<FoldInCurve> curves;
};

std::vector<double> ridges(const FoldInOptions& o) {
  if (o.ridgeOnly && o.ridge <= 0.0) throw InputError("--ridge-only", 0, "a positive --ridge beside it", "none");
  std::vector<double> values;
  if (!o.ridgeOnly) values.push_back(0.0);
  if (o.ridge > 0.0) values.push_back(o.ridge);
  return values;
}

// One curve per ridge value for a trained model; progress covers [from, to).
void addCurves(Experiment& e, const Model& model, const std::vector<int32_t>& heldOut, const FoldInOptions& o, ProgressLine& progress,
               double from, double to, const std::string& what) {
  const std::vector<double> lambdas = ridges(o);
  FoldInExperimentParams params;
  params.knownCounts = o.ns.empty() ? FoldInExperimentParams::defaultKnownCounts() : parseIntList(o.ns, "--ns", 1);
  params.clip = o.clip;
  params.seed = o.revealSeed;
  for (size_t r = 0; r < lambdas.size(); ++r) {
    params.foldIn.ridge = lambdas[r];
    const double span = (to - from) / static_cast<double>(lambdas.size());
    try {
      e.curves.push_back(foldInCurve(model, heldOut, params, [&](double fraction) {
        progress.update(from + span * (static_cast<double>(r) + fraction), "fold-in");
        return true;
      }));
    } catch (const std::invalid_argument&) {
      throw InputError(what, 0, "a model affine in its user embedding (mf, fm, tensor, linear, user-bias)",
                       std::string(modelKindName(model.config().kind)));
    }
  }
}

Experiment fromCheckpoint(const FoldInOptions& o, const CLI::App& command, const GlobalOptions& global, ProgressLine& progress) {
  const ModelSource source = resolveModelSource(o.source, command, global, EmbeddingEntity::Users);
  const CheckpointInfo& info = *source.info;
  if (info.split.kind != SplitSpec::Kind::Users) {
    throw InputError(o.source.checkpoint, 0,
                     "a model trained on a users:F split (fold-in users must be held out of training whole; retrain with "
                     "--split users:0.1, or run foldin --dims 4,8,16 --data D)",
                     "split " + info.split.text());
  }
  Experiment e;
  e.model = std::string(modelKindName(info.model.kind));
  e.split = info.split.text();
  const Split split = makeSplit(*source.data, info.split, info.splitParams);
  e.heldOutUsers = split.heldOutUsers.size();
  addCurves(e, *source.model, split.heldOutUsers, o, progress, 0.0, 1.0, o.source.checkpoint);
  return e;
}

Experiment fromScratch(const FoldInOptions& o, const GlobalOptions& global, ProgressLine& progress) {
  const std::vector<int32_t> dims = parseIntList(o.dims, "--dims", 1);
  ModelConfig config = o.train.modelConfig();
  TrainParams train = o.train.trainParams();
  train.pdcEachEpoch = false;
  const SplitSpec spec = parseSplitSpec(o.split);
  if (spec.kind != SplitSpec::Kind::Users) {
    throw InputError("--split", 0, "a split that holds users out whole (users:F)", spec.text());
  }
  if (!isUserAffine(config.kind)) {
    throw InputError("--model", 0, "a model affine in its user embedding (mf, svdpp, fm, tensor, linear, user-bias)", o.train.model);
  }
  const std::shared_ptr<const Dataset> data = loadData(o.source.data, global).dataset;
  const Split split = makeSplit(*data, spec, o.train.splitParams());
  Experiment e;
  e.model = o.train.model;
  e.split = spec.text();
  e.heldOutUsers = split.heldOutUsers.size();
  const auto total = static_cast<double>(dims.size());
  for (size_t d = 0; d < dims.size(); ++d) {
    config.dim = dims[d];
    Trainer trainer(data, split, config, train);
    const std::string stage = "k=" + std::to_string(dims[d]) + " training";
    while (trainer.runEpoch([&](int64_t done, int64_t batches) {
      const double epoch = (trainer.epochsDone() + static_cast<double>(done) / static_cast<double>(batches)) / std::max(1, train.epochs);
      progress.update((static_cast<double>(d) + 0.8 * epoch) / total, stage);
      return true;
    })) {
    }
    addCurves(e, trainer.model(), split.heldOutUsers, o, progress, (static_cast<double>(d) + 0.8) / total,
              (static_cast<double>(d) + 1.0) / total, "--model");
  }
  return e;
}

nlohmann::json experimentJson(const Experiment& e) {
  nlohmann::json curves = nlohmann::json::array();
  for (const FoldInCurve& c : e.curves) {
    nlohmann::json points = nlohmann::json::array();
    for (const FoldInPoint& p : c.points) {
      points.push_back({{"n", p.known}, {"users", p.users}, {"predictions", p.predictions}, {"mse", finiteOrNull(p.mse)},
                        {"baseline_mse", finiteOrNull(p.baselineMse)}});
    }
    curves.push_back({{"dim", c.dimension}, {"ridge", c.ridge}, {"points", points}});
  }
  return {{"model", e.model}, {"split", e.split}, {"held_out_users", e.heldOutUsers}, {"curves", curves}};
}

void printExperiment(const Experiment& e) {
  std::printf("Fold-in of %zu held-out users (%s, split %s): MSE against n known ratings\n", e.heldOutUsers, e.model.c_str(),
              e.split.c_str());
  if (e.curves.empty()) return;
  std::printf("%5s %6s %9s", "n", "users", "baseline");
  for (const FoldInCurve& c : e.curves) {
    const std::string label = "k=" + std::to_string(c.dimension) + (c.ridge > 0.0 ? " ridge" : " plain");
    std::printf(" %12s", label.c_str());
  }
  std::printf("\n");
  for (size_t p = 0; p < e.curves.front().points.size(); ++p) {
    const FoldInPoint& first = e.curves.front().points[p];
    std::printf("%5d %6d %9.4f", first.known, first.users, first.baselineMse);
    for (const FoldInCurve& c : e.curves) std::printf(" %12.4f", p < c.points.size() ? c.points[p].mse : std::nan(""));
    std::printf("\n");
  }
  for (const FoldInCurve& c : e.curves) {
    if (c.ridge > 0.0) {
      std::printf("ridge λ = %g\n", c.ridge);
      break;
    }
  }
}

}  // namespace

void addFoldInCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<FoldInOptions>();
  CLI::App* command = app.add_subcommand("foldin", "Fold-in experiment: MSE of held-out users against the number of known ratings");
  o->source.addTo(*command);
  command->add_option("--dims", o->dims, "Instead of --checkpoint: train one model per k on --data (default: synthetic), e.g. 4,8,16");
  command->add_option("--model", o->train.model, "With --dims: mf, fm, tensor, linear or user-bias")->capture_default_str();
  o->train.addTo(*command, false);
  command->add_option("--split", o->split, "With --dims: the users:F split holding users out")->capture_default_str();
  command->add_option("--ns", o->ns, "Numbers of known ratings n (default: 1..40)");
  command->add_option("--ridge", o->ridge, "Also a ridge curve with this λ (0: plain pseudo-inverse only)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--ridge-only", o->ridgeOnly, "Only the ridge curve");
  command->add_flag("--clip", o->clip, "Clip the folded-in predictions to the rating scale (Latent Spaces 2021 does not)");
  command->add_option("--reveal-seed", o->revealSeed, "Seeds the order in which each user's ratings are revealed")->capture_default_str();
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global, command] {
    ProgressLine progress(!global.quiet);
    if (o->dims.empty() == o->source.checkpoint.empty()) {
      throw InputError("foldin", 0, "either --checkpoint C or --dims K1,K2,… --data D", o->dims.empty() ? "neither" : "both");
    }
    const Experiment e = o->dims.empty() ? fromCheckpoint(*o, *command, global, progress) : fromScratch(*o, global, progress);
    progress.finish();
    if (o->json) {
      printJson(experimentJson(e));
    } else {
      printExperiment(e);
    }
  });
}

}  // namespace ll::cli
