// `info`: what a data set holds — format, counts, sparsity, rating histogram, distributions, features.
#include <cstdio>
#include <iostream>

#include "app/cli/commands.h"
#include "core/data/dataset_summary.h"

namespace ll::cli {
namespace {

struct InfoOptions {
  DataOptions data;
  bool json = false;
};

nlohmann::json distributionJson(const CountQuantiles& d) {
  return {{"min", d.min}, {"median", d.median}, {"p90", d.p90}, {"max", d.max}, {"mean", d.mean}};
}

nlohmann::json summaryJson(const DatasetSummary& s, const LoadedDataset& loaded) {
  nlohmann::json histogram = nlohmann::json::object();
  for (size_t b = 0; b < s.histogram.counts.size(); ++b) histogram[s.histogram.labels[b]] = s.histogram.counts[b];
  nlohmann::json json = {
      {"format", s.format},
      {"source", s.source},
      {"users", s.users},
      {"items", s.items},
      {"ratings", s.ratings},
      {"density", s.density},
      {"sparsity", 1.0 - s.density},
      {"mean_rating", s.meanRating},
      {"rating_sd", s.ratingSd},
      {"user_mean_sd", s.userMeanSd},
      {"item_mean_sd", s.itemMeanSd},
      {"popularity_mean_correlation", s.popularityMeanCorrelation},
      {"min_rating", s.minRating},
      {"max_rating", s.maxRating},
      {"rating_histogram", histogram},
      {"ratings_per_user", distributionJson(s.perUser)},
      {"ratings_per_item", distributionJson(s.perItem)},
      {"features", s.featureCount},
      {"genre_features", s.genreFeatures},
      {"feature_source", s.featureSource},
      {"features_uncovered_items", s.featureUncoveredItems},
      {"listed_unrated", s.listedUnrated},
      {"titled_items", s.titledItems},
      {"timestamps", s.hasTimestamps},
      {"user_info", s.hasUserInfo},
      {"official_folds", s.officialTestSets},
      {"checksum", checksumHex(loaded.dataset->checksum())},
  };
  if (loaded.noiseFloorRmse) json["noise_floor_rmse"] = *loaded.noiseFloorRmse;
  return json;
}

void printText(const DatasetSummary& s, const LoadedDataset& loaded) {
  std::printf("format            %s\n", s.format.c_str());
  std::printf("source            %s\n", s.source.c_str());
  std::printf("users             %lld\n", static_cast<long long>(s.users));
  std::printf("items             %lld", static_cast<long long>(s.items));
  if (s.listedUnrated > 0) std::printf("  (+%d listed but never rated)", s.listedUnrated);
  std::printf("\nratings           %lld\n", static_cast<long long>(s.ratings));
  std::printf("sparsity          %.4f%%  (density %.4f%%)\n", 100.0 * (1.0 - s.density), 100.0 * s.density);
  std::printf("mean rating       %.3f  (scale %g to %g)\n", s.meanRating, static_cast<double>(s.minRating),
              static_cast<double>(s.maxRating));
  std::printf("rating histogram\n");
  for (size_t b = 0; b < s.histogram.counts.size(); ++b) {
    const int64_t count = s.histogram.counts[b];
    const double share = s.ratings ? static_cast<double>(count) / static_cast<double>(s.ratings) : 0.0;
    std::printf("  %-5s %10lld  %5.1f%%  %s\n", s.histogram.labels[b].c_str(), static_cast<long long>(count), 100.0 * share,
                std::string(static_cast<size_t>(share * 60.0 + 0.5), '#').c_str());
  }
  const auto printDistribution = [](const char* label, const CountQuantiles& d) {
    std::printf("%-17s min %lld  median %lld  p90 %lld  max %lld  mean %.1f\n", label, static_cast<long long>(d.min),
                static_cast<long long>(d.median), static_cast<long long>(d.p90), static_cast<long long>(d.max), d.mean);
  };
  printDistribution("ratings per user", s.perUser);
  printDistribution("ratings per item", s.perItem);
  std::printf("spread            rating sd %.3f  sd of user means %.3f  sd of item means %.3f\n", s.ratingSd, s.userMeanSd,
              s.itemMeanSd);
  std::printf("popularity        correlation of log(item rating count) with item mean rating %.3f\n",
              s.popularityMeanCorrelation);
  std::printf("features          %d (%s)", s.featureCount, s.featureSource.c_str());
  if (s.featureUncoveredItems > 0) std::printf(", %d items not covered", s.featureUncoveredItems);
  std::printf("\ntimestamps        %s", s.hasTimestamps ? "yes" : "no");
  if (s.hasTimestamps) std::printf(" (%d to %d)", s.firstYear, s.lastYear);
  std::printf("\nuser info         %s\n", s.hasUserInfo ? "yes" : "no");
  std::string folds;
  for (const auto& f : s.officialTestSets) folds += (folds.empty() ? "" : " ") + f;
  std::printf("official folds    %s\n", folds.empty() ? "none" : folds.c_str());
  if (loaded.noiseFloorRmse) std::printf("noise floor RMSE  %.4f  (the planted noise: no model beats it on average)\n", *loaded.noiseFloorRmse);
}

}  // namespace

void addInfoCommand(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* command = app.add_subcommand("info", "Describe a data set: format, counts, sparsity, histogram, features");
  options->data.addTo(*command);
  command->add_flag("--json", options->json, "Machine-readable output on stdout");
  command->callback([options, &global] {
    const LoadedDataset loaded = loadData(options->data, global);
    const DatasetSummary summary = summarizeDataset(*loaded.dataset);
    if (options->json) {
      printJson(summaryJson(summary, loaded));
    } else {
      printText(summary, loaded);
    }
  });
}

}  // namespace ll::cli
