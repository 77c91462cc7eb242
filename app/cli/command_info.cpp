// `info`: what a data set holds — format, counts, sparsity, rating histogram, distributions, features,
// the side information's bag-of-words vocabularies.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/text_columns.h"
#include "core/data/dataset_summary.h"
#include "core/data/side_information.h"
#include "core/exchange/factor_join.h"
#include "core/exchange/factor_tables.h"

namespace ll::cli {
namespace {

struct InfoOptions {
  DataOptions data;
  std::string embeddings;
  std::string ids;
  bool json = false;
  bool words = false;
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

// One side's vocabulary: its size, its sources in column order and, when asked, every word with
// the number of rows that have it.
nlohmann::json vocabularyJson(const BagOfWords& bag, bool withWords) {
  nlohmann::json sources = nlohmann::json::array();
  for (const WordSource& source : bag.sources()) sources.push_back({{"source", source.name}, {"words", source.size()}});
  nlohmann::json json = {{"words", bag.cols()}, {"non_zeros", bag.nonZeros()}, {"sources", sources}};
  if (withWords) {
    std::vector<int64_t> rowsWith(static_cast<size_t>(bag.cols()), 0);
    for (const WordCount& w : bag.entries()) ++rowsWith[static_cast<size_t>(w.column)];
    nlohmann::json words = nlohmann::json::array();
    for (int32_t c = 0; c < bag.cols(); ++c) words.push_back({{"word", bag.words()[static_cast<size_t>(c)]}, {"rows", rowsWith[static_cast<size_t>(c)]}});
    json["word_list"] = words;
  }
  return json;
}

nlohmann::json sideInformationJson(const SideInformation& side, bool withWords) {
  return {{"users", vocabularyJson(side.users, withWords)}, {"movies", vocabularyJson(side.movies, withWords)}};
}

void printVocabulary(const char* label, const nlohmann::json& vocabulary) {
  std::printf("  %-15s %lld words", label, vocabulary["words"].get<long long>());
  std::string sources;
  for (const auto& source : vocabulary["sources"]) {
    sources += (sources.empty() ? "" : ", ") + source["source"].get<std::string>() + " " + std::to_string(source["words"].get<int>());
  }
  if (!sources.empty()) std::printf(" (%s)", sources.c_str());
  std::printf("\n");
  if (!vocabulary.contains("word_list")) return;
  int64_t column = 0;
  for (const auto& word : vocabulary["word_list"]) {
    const std::string& text = word["word"].get_ref<const std::string&>();
    const std::string shown = characterCount(text) <= 40 ? fitLeft(text, 40) : text;  // long words whole, never cut
    std::printf("    %6lld  %s %lld rows\n", static_cast<long long>(column++), shown.c_str(), word["rows"].get<long long>());
  }
}

void printText(const DatasetSummary& s, const LoadedDataset& loaded, const nlohmann::json& side) {
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
  std::printf("side information  bags of words\n");
  printVocabulary("users", side["users"]);
  printVocabulary("movies", side["movies"]);
}

// One table of a factors file: rows, dimension, biases and, beside a data set, how its ids match.
nlohmann::json factorTableJson(const EmbeddingTable& table, const std::vector<float>& biases, const Dataset* data, bool users) {
  nlohmann::json json = {{"rows", table.ids.size()}, {"dimension", table.dim}, {"biases", !biases.empty()}};
  if (data) {
    const FactorJoin join = joinFactors(table, users ? data->userIds : data->itemIds, users ? data->itemIds : data->userIds);
    json["known_ids"] = join.rows.size();
    json["unknown_ids"] = join.unknown;
    json["unknown_examples"] = join.unknownExamples;
    json["data_set_entities"] = join.entities;
  }
  return json;
}

void describeFactors(const InfoOptions& options, const Dataset* data) {
  FactorsReadOptions read;
  std::stringstream idList(options.ids);
  for (std::string file; std::getline(idList, file, ',');) read.idFiles.emplace_back(file);
  const FactorTables factors = readFactors(options.embeddings, read);
  nlohmann::json json = {{"format", factorsFormatName(factors.format)}, {"path", options.embeddings}, {"ids", factors.ids}};
  if (factors.single) {
    // One table: whose rows they are is for the command reading them to say; matched both ways here.
    json["table"] = factorTableJson(*factors.single, {}, nullptr, false);
    if (data) {
      json["as_users"] = factorTableJson(*factors.single, {}, data, true);
      json["as_movies"] = factorTableJson(*factors.single, {}, data, false);
    }
  } else {
    json["users"] = factorTableJson(*factors.users, factors.userBiases, data, true);
    json["movies"] = factorTableJson(*factors.items, factors.itemBiases, data, false);
  }
  const bool biases = !factors.userBiases.empty() || !factors.itemBiases.empty();
  json["predictions"] = biases ? "dot products plus the user and item biases" : "dot products only (no biases in the format)";
  if (options.json) {
    printJson(json);
    return;
  }
  std::printf("format            %s\n", json["format"].get<std::string>().c_str());
  std::printf("ids               %s\n", factors.ids.c_str());
  const auto line = [](const char* label, const nlohmann::json& table) {
    std::printf("%-17s %lld rows, dimension %d%s", label, table["rows"].get<long long>(), table["dimension"].get<int>(),
                table["biases"].get<bool>() ? ", biases" : "");
    if (table.contains("known_ids")) {
      std::printf("; %lld ids known of %lld in the data set, %lld unknown", table["known_ids"].get<long long>(),
                  table["data_set_entities"].get<long long>(), table["unknown_ids"].get<long long>());
      for (const auto& example : table["unknown_examples"]) std::printf(" \"%s\"", example.get<std::string>().c_str());
    }
    std::printf("\n");
  };
  if (factors.single) {
    line("table", json["table"]);
    if (data) {
      line("as users", json["as_users"]);
      line("as movies", json["as_movies"]);
    }
  } else {
    line("users", json["users"]);
    line("movies", json["movies"]);
  }
  std::printf("predictions       %s\n", json["predictions"].get<std::string>().c_str());
}

}  // namespace

void addInfoCommand(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* command = app.add_subcommand("info", "Describe a data set (format, counts, sparsity, histogram, features) or a factors file");
  options->data.addTo(*command);
  command->add_option("--embeddings", options->embeddings,
                      "Describe factors instead (format, rows, dimension, biases; id coverage when --data is given): our TSV, a Spark "
                      "ALS folder, implicit or LightFM .npz, .npy, word2vec text");
  command->add_option("--ids", options->ids, "Ids files of an --embeddings .npy (one) or .npz (users,movies), one id per line");
  command->add_flag("--json", options->json, "Machine-readable output on stdout");
  command->add_flag("--words", options->words,
                    "List every word of the side information's vocabularies with its column and how many rows have it");
  command->callback([options, &global, command] {
    if (!options->embeddings.empty()) {
      const bool withData = command->count("--data") > 0;
      const std::shared_ptr<const Dataset> data = withData ? loadData(options->data, global).dataset : nullptr;
      describeFactors(*options, data.get());
      return;
    }
    const LoadedDataset loaded = loadData(options->data, global);
    const DatasetSummary summary = summarizeDataset(*loaded.dataset);
    const nlohmann::json side = sideInformationJson(buildSideInformation(*loaded.dataset), options->words);
    if (options->json) {
      nlohmann::json json = summaryJson(summary, loaded);
      json["side_information"] = side;
      printJson(json);
    } else {
      printText(summary, loaded, side);
    }
  });
}

}  // namespace ll::cli
