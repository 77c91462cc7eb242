// `recommend`: the top-N movies an existing user has not rated, by the checkpoint's model — every
// film scored (--index exact), or a dot-product model's films found by its maximum-inner-product
// index (--index hnsw, kept beside the checkpoint). With --ratings instead of --user, a new user's:
// their vector folded in from a few ratings by ridge least squares on the movie factors.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "app/cli/serving_index.h"
#include "core/analysis/recommend.h"
#include "core/analysis/user_affine_form.h"
#include "core/data/catalogue.h"
#include "core/data/input_error.h"

namespace ll::cli {
namespace {

struct RecommendOptions {
  ModelSourceOptions source;
  std::string user;
  std::string ratings;  ///< a new user's "movie:rating,…" instead of --user
  double ridge = 1.0;   ///< λ of that fold-in (the app's Fold-in default)
  int32_t count = RecommendParams{}.count;
  RareMovieRule rare;
  std::string index = "exact";
  HnswParams hnsw;
  bool json = false;
};

// How the list was found, for the report.
struct Retrieval {
  std::vector<Recommendation> items;
  double queryMs = 0.0;
  std::optional<ServingIndex> serving;
};

Retrieval retrieveByIndex(const RecommendOptions& o, const Model& model, int32_t user, bool quiet) {
  if (o.rare.shrinkage > 0.0) {
    throw InputError("--shrinkage", 0, "0 with --index hnsw (the index ranks by the prediction itself)", std::to_string(o.rare.shrinkage));
  }
  const std::optional<UserAffineForm> form = userAffineForm(model);
  if (!form) {
    throw InputError("--index", 0,
                     "exact for " + std::string(modelKindName(model.config().kind)) +
                         " (hnsw needs a prediction that is a dot product with the user's vector: user-bias, linear, mf, svdpp, fm, tensor)",
                     "hnsw");
  }
  const Ratings& ratings = model.data().ratings;
  const MovieRanking ranking(ratings, o.rare);
  std::vector<int32_t> listed;
  for (int32_t i = 0; i < model.itemCount(); ++i) {
    if (ranking.listed(i)) listed.push_back(i);
  }
  Retrieval retrieval;
  retrieval.serving = openServingIndex(o.source.checkpoint, *form, listed, o.hnsw, quiet);
  std::vector<uint8_t> rated(static_cast<size_t>(model.itemCount()), 0);
  for (uint32_t k : ratings.ofUser(user)) rated[static_cast<size_t>(ratings.item[k])] = 1;
  std::vector<float> e(static_cast<size_t>(form->dim));
  model.userEmbedding(user, e);
  const auto start = std::chrono::steady_clock::now();
  for (const ScoredItem& found : retrieval.serving->index.search(e, o.count, rated)) {
    retrieval.items.push_back({found.item, found.score, model.clip(found.score)});
  }
  retrieval.queryMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return retrieval;
}

/// "50:5,172:4.5" → films and ratings; throws InputError naming --ratings.
void parseNewUserRatings(const std::string& text, const Dataset& data, std::vector<int32_t>& items, std::vector<float>& values) {
  const DenseIndex index(data.itemIds);
  size_t begin = 0;
  while (begin <= text.size()) {
    const size_t end = std::min(text.find(',', begin), text.size());
    const std::string pair = text.substr(begin, end - begin);
    const size_t colon = pair.rfind(':');
    const int32_t item = colon == std::string::npos ? -1 : index.find(pair.substr(0, colon));
    char* stop = nullptr;
    const float rating = colon == std::string::npos ? 0.0f : std::strtof(pair.c_str() + colon + 1, &stop);
    if (item < 0 || stop == pair.c_str() + colon + 1 || *stop != '\0' || !std::isfinite(rating)) {
      throw InputError("--ratings", 0, "movie:rating pairs of " + data.source + ", comma-separated (e.g. 50:5,172:4)",
                       "\"" + pair + "\"");
    }
    items.push_back(item);
    values.push_back(rating);
    begin = end + 1;
  }
}

Retrieval retrieveExactly(const RecommendOptions& o, const Model& model, int32_t user) {
  const auto start = std::chrono::steady_clock::now();
  Retrieval retrieval;
  retrieval.items = recommendForUser(model, user, {.count = o.count, .rare = o.rare});
  retrieval.queryMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return retrieval;
}

nlohmann::json itemsJson(const Dataset& data, const std::vector<Recommendation>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const Recommendation& r : items) {
    list.push_back({{"id", data.itemIds[static_cast<size_t>(r.item)]},
                    {"title", movieTitle(data, r.item)},
                    {"score", r.score},
                    {"rating", r.rating},
                    {"rating_count", data.ratings.itemRatingCount(r.item)}});
  }
  return list;
}

void printItems(const Dataset& data, const std::vector<Recommendation>& items) {
  std::printf("%4s  %7s  %7s  %s\n", "rank", "score", "ratings", "movie");
  for (size_t r = 0; r < items.size(); ++r) {
    const Recommendation& item = items[r];
    std::printf("%4zu  %7.3f  %7lld  %s [%s]\n", r + 1, item.score, static_cast<long long>(data.ratings.itemRatingCount(item.item)),
                movieTitle(data, item.item).c_str(), data.itemIds[static_cast<size_t>(item.item)].c_str());
  }
}

/// --ratings: a new user folded in, then every film scored.
void recommendNewUser(const RecommendOptions& o, const Model& model) {
  if (o.index != "exact") throw InputError("--index", 0, "exact with --ratings (a folded-in user has no saved index query)", o.index);
  const Dataset& data = model.data();
  std::vector<int32_t> films;
  std::vector<float> values;
  parseNewUserRatings(o.ratings, data, films, values);
  if (!userAffineForm(model)) {
    throw InputError("--ratings", 0,
                     "a model affine in the user vector (user-bias, linear, mf, svdpp, fm, tensor, imported factors) to fold a user into",
                     std::string(modelKindName(model.config().kind)));
  }
  const NewUserRecommendations found =
      recommendForNewUser(model, films, values, {.ridge = o.ridge}, {.count = o.count, .rare = o.rare});
  if (o.json) {
    printJson({{"user", nullptr}, {"rated", films.size()}, {"ridge", o.ridge}, {"items", itemsJson(data, found.items)}});
    return;
  }
  std::printf("Top %zu movies for a new user from %zu ratings (folded in, ridge λ %g), by %s z=%d\n", found.items.size(), films.size(),
              o.ridge, std::string(modelKindName(model.config().kind)).c_str(), model.config().dim);
  printItems(data, found.items);
}

}  // namespace

void addRecommendCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<RecommendOptions>();
  CLI::App* command = app.add_subcommand("recommend", "Top-N movies a user has not rated, by a trained model");
  o->source.addTo(*command, "User and movie factors trained elsewhere instead of --checkpoint (a dot-product model); needs --data");
  command->add_option("--user", o->user, "The user's raw id in the data set");
  command->add_option("--ratings", o->ratings,
                      "Instead of --user, a new user's ratings as movie:rating pairs (raw ids, e.g. 50:5,172:4): the user is "
                      "folded in by ridge least squares on the model's movie factors")
      ->excludes("--user");
  command->add_option("--ridge", o->ridge, "λ of the --ratings fold-in (0: the pseudo-inverse)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("-n,--count", o->count, "How many movies")->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--min-ratings", o->rare.minRatings,
                      "Only movies with at least this many ratings (rare films' vectors are noisy and crowd the lists)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--shrinkage", o->rare.shrinkage,
                      "κ: rank by the prediction shrunk toward the mean rating by the film's rating count, "
                      "μ + (ŷ − μ)·n/(n + κ); the list still shows the prediction. 0 ranks by the prediction")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--index", o->index,
                      "exact: score every film; hnsw: a maximum-inner-product index of a dot-product model's films "
                      "(approximate, built once and kept beside the checkpoint as CHECKPOINT.hnsw)")
      ->capture_default_str()
      ->check(CLI::IsMember({"exact", "hnsw"}));
  command->add_option("--ef", o->hnsw.efSearch, "hnsw: candidates examined per query (more: slower, higher recall)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global, command] {
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Users, true);
    const Dataset& data = *source.data;
    if (o->user.empty() == o->ratings.empty()) {
      throw InputError("recommend", 0, "either --user ID or --ratings MOVIE:RATING,…", o->user.empty() ? "neither" : "both");
    }
    if (!o->ratings.empty()) {
      recommendNewUser(*o, *source.model);
      return;
    }
    const int32_t user = findUser(data, o->user, "--user");
    if (o->index == "hnsw" && o->source.checkpoint.empty()) {
      throw InputError("--index", 0, "exact without --checkpoint (the index is kept beside the checkpoint)", "hnsw");
    }
    const Retrieval retrieval =
        o->index == "hnsw" ? retrieveByIndex(*o, *source.model, user, global.quiet) : retrieveExactly(*o, *source.model, user);
    const std::vector<Recommendation>& items = retrieval.items;
    const int64_t rated = data.ratings.userRatingCount(user);
    nlohmann::json index = {{"kind", o->index}, {"query_ms", retrieval.queryMs}};
    if (retrieval.serving) {
      index["ef"] = o->hnsw.efSearch;
      index["films"] = retrieval.serving->index.size();
      index[retrieval.serving->built ? "built_seconds" : "read_seconds"] = retrieval.serving->openSeconds;
    }
    if (o->json) {
      printJson({{"user", o->user}, {"rated", rated}, {"index", index}, {"items", itemsJson(data, items)}});
      return;
    }
    std::printf("Top %zu unseen movies for user %s (%lld rated), by %s z=%d\n", items.size(), o->user.c_str(),
                static_cast<long long>(rated), std::string(modelKindName(source.model->config().kind)).c_str(),
                source.model->config().dim);
    printItems(data, items);
    if (retrieval.serving && !global.quiet) {
      const ServingIndex& serving = *retrieval.serving;
      std::printf("hnsw index of %d films (%s in %.2f s%s); query %.3f ms at ef %d\n", serving.index.size(),
                  serving.built ? "built" : "read", serving.openSeconds,
                  serving.saved ? (", saved to " + servingIndexPath(o->source.checkpoint).string()).c_str() : "",
                  retrieval.queryMs, o->hnsw.efSearch);
    }
  });
}

}  // namespace ll::cli
