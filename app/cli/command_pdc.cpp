// `pdc`: the PDC-vs-threshold curve of given user embeddings on the evaluation ratings.
#include <cstdio>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/run_report.h"
#include "core/data/input_error.h"
#include "core/data/split.h"
#include "core/eval/pair_distance_correlation.h"
#include "core/exchange/factor_join.h"
#include "core/exchange/factor_tables.h"
#include "core/util/thread_pool.h"

namespace ll::cli {
namespace {

struct PdcOptions {
  DataOptions data;
  std::string embeddings;
  std::string ids;
  std::string split;
  std::string thresholds = "1,2,4,8,16";
  std::string embeddingDistance = "euclidean";
  std::string ratingDistance = "msd";
  int32_t maxUsers = PdcParams{}.maxUsers;
  int32_t samples = PdcParams{}.samples;
  uint64_t seed = SplitParams{}.seed;
  uint64_t sampleSeed = PdcParams{}.seed;
  bool json = false;
};

std::vector<int32_t> parseThresholds(const std::string& text) {
  std::vector<int32_t> thresholds;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      size_t used = 0;
      const int value = std::stoi(item, &used);
      if (used != item.size() || value < 1) throw std::invalid_argument(item);
      thresholds.push_back(value);
    } catch (const std::exception&) {
      throw InputError("--thresholds", 0, "comma-separated positive integers", "\"" + text + "\"");
    }
  }
  if (thresholds.empty()) throw InputError("--thresholds", 0, "at least one threshold", "nothing");
  return thresholds;
}

// Rows of the file in dense user order; every user of the data set needs one.
std::vector<float> alignToUsers(const EmbeddingTable& table, const Dataset& data, const std::string& file) {
  std::unordered_map<std::string, size_t> rowOf;
  for (size_t r = 0; r < table.ids.size(); ++r) rowOf.emplace(table.ids[r], r);
  std::vector<float> aligned(static_cast<size_t>(data.ratings.userCount) * table.dim);
  for (int32_t u = 0; u < data.ratings.userCount; ++u) {
    const auto found = rowOf.find(data.userIds[u]);
    if (found == rowOf.end()) throw InputError(file, 0, "a row for every user of the data set", "none for user " + data.userIds[u]);
    std::copy_n(table.values.begin() + static_cast<std::ptrdiff_t>(found->second * table.dim), table.dim,
                aligned.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(u) * table.dim));
  }
  // Rows of ids the data set does not have are left out, and said so.
  const FactorJoin join = joinFactors(table, data.userIds, data.itemIds);
  if (join.unknown > 0) {
    std::string examples;
    for (const auto& id : join.unknownExamples) examples += (examples.empty() ? "\"" : ", \"") + id + "\"";
    std::fprintf(stderr, "note: %lld of %zu rows of %s left out: their ids are not user ids of %s (e.g. %s)\n",
                 static_cast<long long>(join.unknown), table.ids.size(), file.c_str(), data.source.c_str(), examples.c_str());
  }
  return aligned;
}

}  // namespace

void addPdcCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<PdcOptions>();
  CLI::App* command = app.add_subcommand("pdc", "Pair-Distance Correlation of user embeddings against rating behaviour");
  o->data.addTo(*command);
  command->add_option("--embeddings", o->embeddings,
                      "User factors: our TSV (raw user id, then the vector), a Spark ALS folder, implicit or LightFM .npz, .npy, word2vec text")
      ->required();
  command->add_option("--ids", o->ids, "Ids files of an --embeddings .npy (one) or .npz (users,movies), one id per line");
  command->add_option("--split", o->split, "Evaluate on the test part of this split (default: all ratings)");
  command->add_option("--thresholds", o->thresholds, "Minimum co-rated items per user pair")->capture_default_str();
  command->add_option("--distance", o->embeddingDistance, "dE between embeddings: euclidean or cosine")
      ->check(CLI::IsMember({"euclidean", "cosine"}))
      ->capture_default_str();
  command->add_option("--rating-distance", o->ratingDistance, "dU between users: msd (mean squared) or mad (mean absolute difference)")
      ->check(CLI::IsMember({"msd", "mad"}))
      ->capture_default_str();
  command->add_option("--max-users", o->maxUsers, "Sample this many users (seeded) when more have evaluation ratings; 0 = all")
      ->capture_default_str();
  command->add_option("--samples", o->samples, "Independent user samples when sampling; PDC is their mean, the spread their sd")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--seed", o->seed, "Seeds the split (as train's --seed does)")->capture_default_str();
  command->add_option("--sample-seed", o->sampleSeed, "Seeds the user sample")->capture_default_str();
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global] {
    const LoadedDataset loaded = loadData(o->data, global);
    const Dataset& data = *loaded.dataset;
    FactorsReadOptions read;
    std::stringstream idList(o->ids);
    for (std::string file; std::getline(idList, file, ',');) read.idFiles.emplace_back(file);
    const FactorTables factors = readFactors(o->embeddings, read);
    const EmbeddingTable table = userEmbeddingTable(factors, o->embeddings);
    if (table.dim != factors.table(FactorSide::Users)->dim) {
      std::fprintf(stderr, "note: each user's embedding is its factors and then its bias, as mf's [p_u; b_u]\n");
    }
    const std::vector<float> embeddings = alignToUsers(table, data, o->embeddings);
    std::vector<uint32_t> evaluation;
    if (o->split.empty()) {
      evaluation.resize(data.ratings.size());
      for (size_t k = 0; k < evaluation.size(); ++k) evaluation[k] = static_cast<uint32_t>(k);
    } else {
      evaluation = makeSplit(data, parseSplitSpec(o->split), {.seed = o->seed}).test;
    }
    PdcParams params;
    params.thresholds = parseThresholds(o->thresholds);
    params.embeddingDistance = o->embeddingDistance == "cosine" ? PdcParams::EmbeddingDistance::Cosine : PdcParams::EmbeddingDistance::Euclidean;
    params.ratingDistance = o->ratingDistance == "mad" ? PdcParams::RatingDistance::MeanAbsolute : PdcParams::RatingDistance::MeanSquared;
    params.maxUsers = o->maxUsers;
    params.samples = o->samples;
    params.seed = o->sampleSeed;
    ThreadPool pool(hardwareThreads());  // the CLI's analyses use every core
    const PdcResult result = pairDistanceCorrelation(data.ratings, evaluation, embeddings, table.dim, params, &pool);
    if (o->json) {
      printJson({{"thresholds", pdcDetailJson(result.points)},
                 {"users", result.usersEvaluated},
                 {"users_with_ratings", result.usersWithRatings},
                 {"sampled", result.sampled},
                 {"samples", result.samples},
                 {"evaluation_ratings", evaluation.size()}});
      return;
    }
    std::printf("PDC of %s on %zu evaluation ratings, %d users%s\n", o->embeddings.c_str(), evaluation.size(),
                result.usersEvaluated, result.sampled ? " per seeded sample (mean ± sd over the samples)" : "");
    std::printf("threshold        pairs      PDC\n");
    for (const PdcPoint& p : result.points) {
      if (p.pdc && p.spread) {
        std::printf("%9d %12lld  %7.4f ± %.4f\n", p.threshold, static_cast<long long>(p.pairs), *p.pdc, *p.spread);
      } else if (p.pdc) {
        std::printf("%9d %12lld  %7.4f\n", p.threshold, static_cast<long long>(p.pairs), *p.pdc);
      } else {
        std::printf("%9d %12lld  undefined (fewer than 3 pairs or constant distances)\n", p.threshold, static_cast<long long>(p.pairs));
      }
    }
  });
}

}  // namespace ll::cli
