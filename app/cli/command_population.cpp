// `population`: population-adjusted movie scores (Latent Spaces 2021 §4.8) — the model's score for
// the average user, μ + b_i + q_i·mean(p_u) for mf — beside the raw mean rating, the rating count
// and the rank the raw mean would give. The top N by adjusted score.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "core/analysis/population_scores.h"
#include "core/data/input_error.h"

namespace ll::cli {
namespace {

struct PopulationOptions {
  ModelSourceOptions source;
  int32_t count = 20;
  int64_t minRatings = 0;
  bool includeUserBias = PopulationScoreParams{}.includeUserBias;
  bool json = false;
};

}  // namespace

void addPopulationCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<PopulationOptions>();
  CLI::App* command = app.add_subcommand("population", "Population-adjusted movie scores beside the raw mean rating");
  o->source.addTo(*command);
  command->add_option("-n,--count", o->count, "How many movies")->capture_default_str()->check(CLI::PositiveNumber);
  command->add_option("--min-ratings", o->minRatings, "Only movies with at least this many ratings")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--include-user-bias", o->includeUserBias, "Add the mean user bias (shifts every score)");
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global, command] {
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Users);
    const Dataset& data = *source.data;
    std::vector<PopulationScore> scores;
    try {
      scores = populationAdjustedScores(*source.model, {}, {.includeUserBias = o->includeUserBias});
    } catch (const std::invalid_argument&) {
      throw InputError(o->source.checkpoint, 0, "a model affine in its user embedding (mf, fm, tensor, linear, user-bias)",
                       std::string(modelKindName(source.model->config().kind)));
    }
    std::erase_if(scores, [&](const PopulationScore& s) { return s.ratingCount < o->minRatings; });
    // Rank by raw mean among the same movies, to show how far the adjustment moves each film.
    std::vector<PopulationScore> byMean = scores;
    std::stable_sort(byMean.begin(), byMean.end(), [](const PopulationScore& a, const PopulationScore& b) {
      return (std::isnan(b.meanRating) && !std::isnan(a.meanRating)) || a.meanRating > b.meanRating;
    });
    std::vector<int32_t> meanRank(static_cast<size_t>(data.ratings.itemCount), 0);
    for (size_t r = 0; r < byMean.size(); ++r) meanRank[static_cast<size_t>(byMean[r].item)] = static_cast<int32_t>(r) + 1;
    std::stable_sort(scores.begin(), scores.end(), [](const PopulationScore& a, const PopulationScore& b) { return a.adjusted > b.adjusted; });
    scores.resize(std::min(scores.size(), static_cast<size_t>(o->count)));

    if (o->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const PopulationScore& s : scores) {
        list.push_back({{"id", data.itemIds[static_cast<size_t>(s.item)]},
                        {"title", movieTitle(data, s.item)},
                        {"adjusted", s.adjusted},
                        {"mean_rating", finiteOrNull(s.meanRating)},
                        {"rating_count", s.ratingCount},
                        {"rank_by_mean", meanRank[static_cast<size_t>(s.item)]}});
      }
      printJson({{"items", list}, {"candidates", byMean.size()}});
      return;
    }
    std::printf("Top %zu of %zu movies by population-adjusted score (%s z=%d)\n", scores.size(), byMean.size(),
                std::string(modelKindName(source.model->config().kind)).c_str(), source.model->config().dim);
    std::printf("%4s  %8s  %6s  %7s  %9s  %s\n", "rank", "adjusted", "mean", "ratings", "mean rank", "movie");
    for (size_t r = 0; r < scores.size(); ++r) {
      const PopulationScore& s = scores[r];
      std::printf("%4zu  %8.3f  %6.3f  %7lld  %9d  %s\n", r + 1, s.adjusted, s.meanRating, static_cast<long long>(s.ratingCount),
                  meanRank[static_cast<size_t>(s.item)], movieTitle(data, s.item).c_str());
    }
  });
}

}  // namespace ll::cli
