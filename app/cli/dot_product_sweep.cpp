#include "app/cli/dot_product_sweep.h"

#include <cstdio>
#include <filesystem>

#include "app/cli/progress_line.h"
#include "core/data/input_error.h"
#include "core/experiment/dot_product_learning_files.h"
#include "core/experiment/experiment_grid.h"

namespace ll::cli {
namespace {

std::string errorText(const MeanSd& m) {
  if (!m.defined()) return "—";
  char text[40];
  std::snprintf(text, sizeof text, "%+.4f±%.4f", m.mean, m.sd);
  return text;
}

}  // namespace

DotProductLearningParams dotProductLearningParams(const ExperimentOptions& options, const CLI::App& command) {
  DotProductLearningParams params = options.large ? DotProductLearningParams::large() : DotProductLearningParams{};
  if (command.count("--dims") > 0) params.dims = parseDimList(options.dims);
  if (!options.users.empty()) {
    params.users = parseDimList(options.users);
    for (int32_t m : params.users) {
      if (m < params.task.pairsPerUser) {
        throw InputError("--users", 0, "at least " + std::to_string(params.task.pairsPerUser) + " users (N = M items must hold 100·M pairs)",
                         std::to_string(m));
      }
    }
  }
  if (options.repeats > 0) params.repeats = options.repeats;
  if (command.count("--epochs") > 0) params.fit.epochs = options.train.epochs;
  if (command.count("--threads") > 0 && options.train.threads > 0) params.threads = options.train.threads;
  if (command.count("--seed") > 0) params.seed = options.train.seed;
  return params;
}

void printDotProductTable(const DotProductLearningResults& results) {
  std::printf("%4s %5s %7s %9s %7s %17s %17s %8s %8s %8s\n", "d", "h", "M", "params", "repeats", "test error",
              "fresh error", "dot", "MLP", "trivial");
  for (const DotProductLearningPoint& p : results.points) {
    std::printf("%4d %5d %7d %9lld %7d %17s %17s %8.4f %8.4f %8.4f\n", p.dim, p.hidden, p.users,
                static_cast<long long>(p.parameters), p.repeats, errorText(p.testError).c_str(),
                errorText(p.freshError).c_str(), p.dotTestRmse.mean, p.mlpTestRmse.mean, p.trivialTestRmse.mean);
  }
  std::printf("error = RMSE(MLP) − RMSE(dot), mean ± sd over repeats; 0.01 is a very significant difference, 0.001 a "
              "significant one (Rendle et al. 2020 §4.1); dot, MLP, trivial: test RMSEs%s\n",
              results.complete ? "" : " — cancelled part-way");
}

void runDotProductSweep(const ExperimentOptions& options, const CLI::App& command, const GlobalOptions& global) {
  const DotProductLearningParams params = dotProductLearningParams(options, command);
  if (!options.out.empty()) createOutputFolder(options.out);
  DotProductLearningResults results;
  {
    ProgressLine line(!global.quiet);
    results = runDotProductLearning(params, [&](double fraction) {
      line.update(fraction, "fig3 MLP vs dot product");
      return true;
    });
  }
  if (!options.out.empty()) {
    const std::filesystem::path out(options.out);
    saveDotProductLearning(results, out);
    writeManifest(out, "sweep", options.toJson(command), nullptr);
  }
  if (options.json) {
    std::fputs(dotProductLearningJson(results).c_str(), stdout);
    return;
  }
  printDotProductTable(results);
  if (!options.out.empty() && !global.quiet) std::printf("results.csv, results.json and manifest.json in %s\n", options.out.c_str());
}

}  // namespace ll::cli
