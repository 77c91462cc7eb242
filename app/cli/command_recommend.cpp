// `recommend`: the top-N movies an existing user has not rated, by the checkpoint's model.
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "core/analysis/recommend.h"

namespace ll::cli {
namespace {

struct RecommendOptions {
  ModelSourceOptions source;
  std::string user;
  int32_t count = RecommendParams{}.count;
  RareMovieRule rare;
  bool json = false;
};

}  // namespace

void addRecommendCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<RecommendOptions>();
  CLI::App* command = app.add_subcommand("recommend", "Top-N movies a user has not rated, by a trained model");
  o->source.addTo(*command);
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
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global, command] {
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Users);
    const Dataset& data = *source.data;
    const int32_t user = findUser(data, o->user, "--user");
    const std::vector<Recommendation> items =
        recommendForUser(*source.model, user, {.count = o->count, .rare = o->rare});
    const int64_t rated = data.ratings.userRatingCount(user);
    if (o->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const Recommendation& r : items) {
        list.push_back({{"id", data.itemIds[static_cast<size_t>(r.item)]},
                        {"title", movieTitle(data, r.item)},
                        {"score", r.score},
                        {"rating", r.rating},
                        {"rating_count", data.ratings.itemRatingCount(r.item)}});
      }
      printJson({{"user", o->user}, {"rated", rated}, {"items", list}});
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
  });
}

}  // namespace ll::cli
