// `neighbours`: the movies whose embeddings are nearest (cosine) to a film's, from a checkpoint or
// a movie embeddings file. The film is a raw id, or else a title search (case- and
// accent-insensitive); an ambiguous title takes the best match and lists the other candidates.
// With --checkpoints A,B,C the lists of several models of one data set stand side by side with
// their overlap (seed 004 Tables 4–5: neighbours across dimensionalities).
#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "core/analysis/cosine_neighbours.h"
#include "core/analysis/list_overlap.h"
#include "core/analysis/movie_ranking.h"
#include "core/analysis/title_search.h"
#include "core/data/catalogue.h"
#include "core/data/input_error.h"
#include "core/train/checkpoint.h"

namespace ll::cli {
namespace {

constexpr int32_t kCandidates = 10;  // title matches looked at: the best one and the others listed

struct NeighboursOptions {
  ModelSourceOptions source;
  std::vector<std::string> checkpoints;
  std::string movie;
  int32_t count = NeighbourParams{}.count;
  int64_t minRatings = kDefaultMinMovieRatings;  // the same minimum as every ranked list
  bool json = false;
};

struct FoundMovie {
  int32_t item = -1;
  std::vector<int32_t> others;  // other title matches, best first
};

FoundMovie findMovie(const Dataset& data, const std::string& query) {
  FoundMovie found;
  found.item = DenseIndex(data.itemIds).find(query);
  if (found.item >= 0) return found;
  const std::vector<TitleMatch> matches = TitleIndex(data).search(query, {.limit = kCandidates});
  if (matches.empty()) throw InputError("--movie", 0, "a movie id or title of " + data.source, "\"" + query + "\"");
  found.item = matches.front().item;
  for (size_t m = 1; m < matches.size(); ++m) found.others.push_back(matches[m].item);
  return found;
}

nlohmann::json movieJson(const Dataset& data, int32_t item) {
  return {{"id", data.itemIds[static_cast<size_t>(item)]}, {"title", movieTitle(data, item)},
          {"rating_count", data.ratings.itemRatingCount(item)}};
}

/// The film's neighbours under a model: dense item indices, best first, with their similarities.
std::vector<std::pair<int32_t, float>> neighboursUnder(const Model& model, int32_t item, const NeighboursOptions& o,
                                                       const std::string& checkpoint) {
  const Dataset& data = model.data();
  const EmbeddingRows rows = modelRows(model, EmbeddingEntity::Movies, checkpoint);
  const std::vector<int64_t> counts = itemRatingCounts(data);  // model rows are every dense item, in order
  const CosineIndex index(rows.values, rows.rows(), rows.dim);
  std::vector<std::pair<int32_t, float>> list;
  for (const Neighbour& n : index.neighbours(item, {.count = o.count, .minRatings = o.minRatings}, counts)) {
    list.emplace_back(rows.dense[static_cast<size_t>(n.item)], n.similarity);
  }
  return list;
}

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
  const FoundMovie found = findMovie(data, o.movie);

  std::vector<std::vector<std::pair<int32_t, float>>> lists;
  std::vector<std::vector<int32_t>> ids(models.size());
  for (size_t m = 0; m < models.size(); ++m) {
    lists.push_back(neighboursUnder(*models[m], found.item, o, o.checkpoints[m]));
    for (const auto& [item, similarity] : lists.back()) ids[m].push_back(item);
  }
  const auto inAll = [&](int32_t item) {
    return std::all_of(ids.begin(), ids.end(), [&](const auto& list) { return std::find(list.begin(), list.end(), item) != list.end(); });
  };
  struct Pair {
    size_t a, b;
    ListOverlap overlap;
  };
  std::vector<Pair> pairs;
  for (size_t a = 0; a < ids.size(); ++a) {
    for (size_t b = a + 1; b < ids.size(); ++b) pairs.push_back({a, b, compareRankedLists(ids[a], ids[b])});
  }

  if (o.json) {
    nlohmann::json runs = nlohmann::json::array();
    for (size_t m = 0; m < models.size(); ++m) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& [item, similarity] : lists[m]) {
        nlohmann::json entry = movieJson(data, item);
        entry["similarity"] = similarity;
        entry["in_every_list"] = inAll(item);
        list.push_back(std::move(entry));
      }
      runs.push_back({{"checkpoint", o.checkpoints[m]}, {"model", modelKindName(models[m]->config().kind)},
                      {"dim", models[m]->config().dim}, {"neighbours", list}});
    }
    nlohmann::json overlaps = nlohmann::json::array();
    for (const Pair& p : pairs) {
      overlaps.push_back({{"a", p.a}, {"b", p.b}, {"shared", p.overlap.shared}, {"jaccard", p.overlap.jaccard},
                          {"spearman", p.overlap.spearman ? nlohmann::json(*p.overlap.spearman) : nlohmann::json(nullptr)}});
    }
    printJson({{"movie", movieJson(data, found.item)}, {"k", o.count}, {"runs", runs}, {"overlap", overlaps}});
    return;
  }
  std::printf("Neighbours of %s [%s], %lld ratings, under %zu models (* in every list)\n", movieTitle(data, found.item).c_str(),
              data.itemIds[static_cast<size_t>(found.item)].c_str(),
              static_cast<long long>(data.ratings.itemRatingCount(found.item)), models.size());
  constexpr int kWidth = 34;
  std::printf("%4s", "rank");
  for (const auto& model : models) std::printf("  %-*s", kWidth, runLabel(*model).c_str());
  std::printf("\n");
  for (size_t r = 0; r < static_cast<size_t>(o.count); ++r) {
    std::printf("%4zu", r + 1);
    for (const auto& list : lists) {
      std::string cell;
      if (r < list.size()) cell = std::string(inAll(list[r].first) ? "* " : "  ") + movieTitle(data, list[r].first);
      if (cell.size() > static_cast<size_t>(kWidth)) cell = cell.substr(0, kWidth - 1) + "…";
      std::printf("  %-*s", kWidth, cell.c_str());
    }
    std::printf("\n");
  }
  std::printf("\n%-20s %-20s %7s %8s %9s\n", "model", "against", "shared", "Jaccard", "Spearman");
  for (const Pair& p : pairs) {
    char rho[16] = "–";
    if (p.overlap.spearman) std::snprintf(rho, sizeof rho, "%.3f", *p.overlap.spearman);
    std::printf("%-20s %-20s %7d %8.3f %9s\n", runLabel(*models[p.a]).c_str(), runLabel(*models[p.b]).c_str(),
                p.overlap.shared, p.overlap.jaccard, rho);
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
    const FoundMovie found = findMovie(data, o->movie);

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
