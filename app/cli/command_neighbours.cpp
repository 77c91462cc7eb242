// `neighbours`: the movies whose embeddings are nearest (cosine) to a film's, from a checkpoint or
// a movie embeddings file. The film is a raw id, or else a title search (case- and
// accent-insensitive); an ambiguous title takes the best match and lists the other candidates.
// With --checkpoints A,B,C the lists of several models of one data set stand side by side with
// their overlap (seed 004 Tables 4–5: neighbours across dimensionalities).
#include <cstdio>
#include <unordered_map>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "app/cli/neighbour_lists.h"
#include "core/analysis/cosine_neighbours.h"
#include "core/analysis/movie_ranking.h"
#include "core/analysis/neighbour_comparison.h"
#include "core/data/input_error.h"
#include "core/train/checkpoint.h"

namespace ll::cli {
namespace {

struct NeighboursOptions {
  ModelSourceOptions source;
  std::vector<std::string> checkpoints;
  std::string movie;
  int32_t count = NeighbourParams{}.count;
  int64_t minRatings = kDefaultMinMovieRatings;  // the same minimum as every ranked list
  bool json = false;
};

std::string runLabel(const Model& model) {
  return std::string(modelKindName(model.config().kind)) + " z=" + std::to_string(model.config().dim);
}

/// `--checkpoints`: one column per model, films all lists share marked, then the pairwise overlap.
void compareAcrossModels(const NeighboursOptions& o, const CLI::App& command, const GlobalOptions& global) {
  ModelSourceOptions first = o.source;
  first.checkpoint = o.checkpoints.front();
  ModelSource source = resolveModelSource(first, command, global, EmbeddingEntity::Movies);
  const Dataset& data = *source.data;
  std::vector<std::unique_ptr<Model>> models;
  models.push_back(std::move(source.model));
  for (size_t c = 1; c < o.checkpoints.size(); ++c) models.push_back(loadModel(o.checkpoints[c], source.data));
  const FoundMovie found = findMovie(data, o.movie, "--movie");

  // A model's rows are every dense item in order, so an index row is the item.
  std::vector<CosineIndex> indexes;
  std::vector<std::string> labels;
  nlohmann::json runs = nlohmann::json::array();
  for (size_t m = 0; m < models.size(); ++m) {
    const EmbeddingRows rows = modelRows(*models[m], EmbeddingEntity::Movies, o.checkpoints[m]);
    indexes.emplace_back(rows.values, rows.rows(), rows.dim);
    labels.push_back(runLabel(*models[m]));
    runs.push_back({{"checkpoint", o.checkpoints[m]}, {"model", modelKindName(models[m]->config().kind)},
                    {"dim", models[m]->config().dim}});
  }
  const NeighbourComparison comparison =
      compareNeighbours(indexes, found.item, {.count = o.count, .minRatings = o.minRatings}, itemRatingCounts(data));
  if (o.json) {
    printJson(neighbourComparisonJson(data, comparison, o.count, std::move(runs)));
  } else {
    printNeighbourComparison(data, comparison, labels);
  }
}

}  // namespace

void addNeighboursCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<NeighboursOptions>();
  CLI::App* command = app.add_subcommand("neighbours", "Cosine nearest neighbours of a movie's embedding");
  o->source.addTo(*command, "Movie factors instead of --checkpoint; needs --data");
  command->add_option("--checkpoints", o->checkpoints,
                      "Several checkpoints of one data set, comma-separated: their lists side by side with the "
                      "overlap of each pair (Jaccard@k, Spearman's ρ of the shared films)")
      ->delimiter(',')
      ->excludes("--checkpoint")
      ->excludes("--embeddings");
  command->add_option("--movie", o->movie, "A raw movie id, or a title (case- and accent-insensitive; \"(1995)\" filters by year)")
      ->required();
  command->add_option("-k,--count", o->count, "How many neighbours")->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--min-ratings", o->minRatings, "Only neighbours with at least this many ratings (rare films have noisy vectors)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global, command] {
    if (!o->checkpoints.empty()) {
      compareAcrossModels(*o, *command, global);
      return;
    }
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Movies);
    const Dataset& data = *source.data;
    const EmbeddingRows rows = sourceRows(source, EmbeddingEntity::Movies, o->source.checkpoint);
    const FoundMovie found = findMovie(data, o->movie, "--movie");

    std::unordered_map<int32_t, int32_t> rowOf;
    const std::vector<int64_t> allCounts = itemRatingCounts(data);
    std::vector<int64_t> counts(rows.dense.size());
    for (int32_t r = 0; r < rows.rows(); ++r) {
      rowOf.emplace(rows.dense[static_cast<size_t>(r)], r);
      counts[static_cast<size_t>(r)] = allCounts[static_cast<size_t>(rows.dense[static_cast<size_t>(r)])];
    }
    const auto row = rowOf.find(found.item);
    if (row == rowOf.end()) {
      throw InputError(o->source.embeddings, 0, "a row for movie " + data.itemIds[static_cast<size_t>(found.item)], "none");
    }
    const CosineIndex index(rows.values, rows.rows(), rows.dim);
    const std::vector<Neighbour> neighbours =
        index.neighbours(row->second, {.count = o->count, .minRatings = o->minRatings}, counts);

    if (o->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const Neighbour& n : neighbours) {
        nlohmann::json entry = movieJson(data, rows.dense[static_cast<size_t>(n.item)]);
        entry["similarity"] = n.similarity;
        list.push_back(std::move(entry));
      }
      nlohmann::json candidates = nlohmann::json::array();
      for (const int32_t other : found.others) candidates.push_back(movieJson(data, other));
      nlohmann::json out = {{"movie", movieJson(data, found.item)}, {"neighbours", list}};
      if (!found.others.empty()) out["candidates"] = candidates;
      if (index.isZero(row->second)) out["note"] = "the movie's embedding is zero: it has no neighbours";
      printJson(out);
      return;
    }
    std::printf("Neighbours of %s [%s], %lld ratings\n", movieTitle(data, found.item).c_str(),
                data.itemIds[static_cast<size_t>(found.item)].c_str(), static_cast<long long>(data.ratings.itemRatingCount(found.item)));
    if (!found.others.empty()) {
      std::printf("(best title match; also matching:");
      for (size_t m = 0; m < found.others.size(); ++m) {
        std::printf("%s %s [%s]", m == 0 ? "" : ";", movieTitle(data, found.others[m]).c_str(),
                    data.itemIds[static_cast<size_t>(found.others[m])].c_str());
      }
      std::printf(")\n");
    }
    if (index.isZero(row->second)) std::printf("Its embedding is zero: it has no neighbours.\n");
    std::printf("%4s  %10s  %7s  %s\n", "rank", "similarity", "ratings", "movie");
    for (size_t r = 0; r < neighbours.size(); ++r) {
      const int32_t item = rows.dense[static_cast<size_t>(neighbours[r].item)];
      std::printf("%4zu  %10.4f  %7lld  %s [%s]\n", r + 1, neighbours[r].similarity, static_cast<long long>(data.ratings.itemRatingCount(item)),
                  movieTitle(data, item).c_str(), data.itemIds[static_cast<size_t>(item)].c_str());
    }
  });
}

}  // namespace ll::cli
