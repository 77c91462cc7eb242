// `recommend`: the top-N movies an existing user has not rated, by the checkpoint's model — every
// film scored (--index exact), or a dot-product model's films found by its maximum-inner-product
// index (--index hnsw, kept beside the checkpoint).
#include <chrono>
#include <cstdio>
#include <optional>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "app/cli/serving_index.h"
#include "core/analysis/recommend.h"
#include "core/analysis/user_affine_form.h"
#include "core/data/input_error.h"

namespace ll::cli {
namespace {

struct RecommendOptions {
  ModelSourceOptions source;
  std::string user;
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

Retrieval retrieveExactly(const RecommendOptions& o, const Model& model, int32_t user) {
  const auto start = std::chrono::steady_clock::now();
  Retrieval retrieval;
  retrieval.items = recommendForUser(model, user, {.count = o.count, .rare = o.rare});
  retrieval.queryMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return retrieval;
}

}  // namespace

void addRecommendCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<RecommendOptions>();
  CLI::App* command = app.add_subcommand("recommend", "Top-N movies a user has not rated, by a trained model");
  o->source.addTo(*command, "User and movie factors trained elsewhere instead of --checkpoint (a dot-product model); needs --data");
  command->add_option("--user", o->user, "The user's raw id in the data set")->required();
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
      nlohmann::json list = nlohmann::json::array();
      for (const Recommendation& r : items) {
        list.push_back({{"id", data.itemIds[static_cast<size_t>(r.item)]},
                        {"title", movieTitle(data, r.item)},
                        {"score", r.score},
                        {"rating", r.rating},
                        {"rating_count", data.ratings.itemRatingCount(r.item)}});
      }
      printJson({{"user", o->user}, {"rated", rated}, {"index", index}, {"items", list}});
      return;
    }
    std::printf("Top %zu unseen movies for user %s (%lld rated), by %s z=%d\n", items.size(), o->user.c_str(),
                static_cast<long long>(rated), std::string(modelKindName(source.model->config().kind)).c_str(),
                source.model->config().dim);
    std::printf("%4s  %7s  %7s  %s\n", "rank", "score", "ratings", "movie");
    for (size_t r = 0; r < items.size(); ++r) {
      const Recommendation& item = items[r];
      std::printf("%4zu  %7.3f  %7lld  %s [%s]\n", r + 1, item.score, static_cast<long long>(data.ratings.itemRatingCount(item.item)),
                  movieTitle(data, item.item).c_str(), data.itemIds[static_cast<size_t>(item.item)].c_str());
    }
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
