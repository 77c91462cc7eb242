// `cv`: cross-validation over models × dimensions × folds; mean ± sd of MAE, RMSE,
// PDC@{1,2,4,8,16}, parameter count and seconds per epoch, shaped like seed 000 Table I.
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/run_report.h"
#include "app/cli/train_options.h"
#include "core/data/input_error.h"
#include "core/train/evaluation.h"
#include "core/train/trainer.h"

namespace ll::cli {
namespace {

struct CvOptions {
  DataOptions data;
  TrainOptions train;
  std::string models = "user-bias,mf";
  std::string dims = "4";
  std::string folds = "official";
  bool json = false;
};

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

struct MeanSd {
  std::vector<double> values;
  double mean() const {
    double s = 0;
    for (double v : values) s += v;
    return values.empty() ? 0.0 : s / static_cast<double>(values.size());
  }
  double sd() const {
    if (values.size() < 2) return 0.0;
    const double m = mean();
    double s = 0;
    for (double v : values) s += (v - m) * (v - m);
    return std::sqrt(s / static_cast<double>(values.size() - 1));
  }
  nlohmann::json json() const { return values.empty() ? nlohmann::json(nullptr) : nlohmann::json{{"mean", mean()}, {"sd", sd()}}; }
};

struct Row {
  std::string model;
  int32_t dim = 0;
  int32_t folds = 0;
  MeanSd rmse, mae, secondsPerEpoch, epochs;
  std::map<int32_t, MeanSd> pdc;
  int64_t params = 0;
};

std::vector<SplitSpec> foldSpecs(const std::string& folds, const Dataset& data) {
  std::vector<SplitSpec> specs;
  if (folds == "official") {
    for (int k = 1; k <= 5; ++k) {
      if (!data.officialTestSets.count("u" + std::to_string(k))) {
        throw InputError(data.source, 0, "the official folds u1..u5 for --folds official", "a data set without them (use --folds K)");
      }
      specs.push_back(parseSplitSpec("official:" + std::to_string(k)));
    }
    return specs;
  }
  int k = 0;
  try {
    k = std::stoi(folds);
  } catch (const std::exception&) {
  }
  if (k < 2) throw InputError("--folds", 0, "official or a number of folds ≥ 2", "\"" + folds + "\"");
  for (int f = 1; f <= k; ++f) specs.push_back(parseSplitSpec("kfold:" + std::to_string(k) + ":" + std::to_string(f)));
  return specs;
}

void printTable(const std::vector<Row>& rows) {
  std::printf("%-10s %4s %15s %15s", "model", "z", "MAE", "RMSE");
  for (int t : {1, 2, 4, 8, 16}) std::printf(" %13s", ("PDC@" + std::to_string(t)).c_str());
  std::printf(" %9s %8s\n", "params", "s/epoch");
  for (const Row& r : rows) {
    std::printf("%-10s %4d %7.4f±%.4f %7.4f±%.4f", r.model.c_str(), r.dim, r.mae.mean(), r.mae.sd(), r.rmse.mean(), r.rmse.sd());
    for (int t : {1, 2, 4, 8, 16}) {
      const auto found = r.pdc.find(t);
      if (found == r.pdc.end() || found->second.values.empty()) {
        std::printf(" %13s", "—");
      } else {
        std::printf(" %6.3f±%.3f", found->second.mean(), found->second.sd());
      }
    }
    std::printf(" %9lld %8.3f\n", static_cast<long long>(r.params), r.secondsPerEpoch.mean());
  }
}

}  // namespace

void addCvCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<CvOptions>();
  CLI::App* command = app.add_subcommand("cv", "Cross-validate models × dimensions: a table like seed 000 Table I");
  o->data.addTo(*command);
  command->add_option("--models", o->models, "Comma-separated models")->capture_default_str();
  command->add_option("--dims", o->dims, "Comma-separated dimensions z (ignored by user-bias and linear)")->capture_default_str();
  command->add_option("--folds", o->folds, "official (ml-100k u1..u5) or K (seeded K-fold)")->capture_default_str();
  o->train.addTo(*command, false);
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global] {
    const LoadedData loaded = loadData(o->data, global);
    const auto& data = loaded.dataset;
    const std::vector<SplitSpec> folds = foldSpecs(o->folds, *data);
    std::vector<Row> rows;
    for (const std::string& modelName : splitList(o->models)) {
      const ModelKind kind = parseModelKind(modelName);
      const bool hasDim = kind != ModelKind::UserBias && kind != ModelKind::Linear;
      std::vector<std::string> dims = hasDim ? splitList(o->dims) : std::vector<std::string>{"0"};
      for (const std::string& dimText : dims) {
        TrainOptions options = o->train;
        options.model = modelName;
        try {
          options.dim = hasDim ? std::stoi(dimText) : 1;
        } catch (const std::exception&) {
          throw InputError("--dims", 0, "comma-separated positive integers", "\"" + o->dims + "\"");
        }
        Row row;
        row.model = modelName;
        row.dim = hasDim ? options.dim : 0;
        for (size_t f = 0; f < folds.size(); ++f) {
          Trainer trainer(data, makeSplit(*data, folds[f], options.splitParams()), options.modelConfig(), [&] {
            TrainParams p = options.trainParams();
            p.pdcEachEpoch = false;
            return p;
          }());
          while (trainer.runEpoch()) {
          }
          const RatingErrors test = evaluateRatings(trainer.model(), trainer.split().test);
          row.rmse.values.push_back(test.rmse);
          row.mae.values.push_back(test.mae);
          for (const PdcPoint& p : trainer.testPdc().points) {
            if (p.pdc) row.pdc[p.threshold].values.push_back(*p.pdc);
          }
          double seconds = 0;
          for (const EpochRecord& r : trainer.history().epochs) seconds += r.seconds;
          row.secondsPerEpoch.values.push_back(seconds / std::max<size_t>(1, trainer.history().epochs.size()));
          row.epochs.values.push_back(static_cast<double>(trainer.epochsDone()));
          row.params = trainer.model().parameterCount();
          row.folds = static_cast<int32_t>(f + 1);
          if (!global.quiet) {
            std::fprintf(stderr, "%s z=%d fold %zu/%zu: test RMSE %.4f MAE %.4f (%d epochs)\n", modelName.c_str(), row.dim, f + 1,
                         folds.size(), test.rmse, test.mae, trainer.epochsDone());
          }
        }
        rows.push_back(std::move(row));
      }
    }
    if (o->json) {
      nlohmann::json jsonRows = nlohmann::json::array();
      for (const Row& r : rows) {
        nlohmann::json pdc = nlohmann::json::object();
        for (const auto& [t, v] : r.pdc) pdc[std::to_string(t)] = v.json();
        jsonRows.push_back({{"model", r.model}, {"dim", r.dim}, {"folds", r.folds}, {"rmse", r.rmse.json()}, {"mae", r.mae.json()},
                            {"pdc", pdc}, {"params", r.params}, {"sec_per_epoch", r.secondsPerEpoch.mean()},
                            {"epochs", r.epochs.json()}});
      }
      printJson({{"rows", jsonRows}, {"data", data->source}, {"fold_kind", o->folds}});
    } else {
      printTable(rows);
    }
  });
}

}  // namespace ll::cli
