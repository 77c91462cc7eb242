// The analysis subcommands as scripts use them: recommend, predict, neighbours, clusters,
// foldin, project, export, population — on a small ml-100k folder written by `synth`, with models
// trained once for the whole suite. Exit codes, JSON keys and sizes, and bad input → exit 2 with
// one line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "tests/support/cli_runner.h"

namespace ll {
namespace {

using testing::CommandResult;

// Every command runs --quiet: the tests read stdout and the one-line errors only.
CommandResult runCli(const std::string& arguments, bool mergeStderr = false) {
  return testing::runCli("--quiet " + arguments, mergeStderr);
}

int64_t lineCount(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  int64_t count = 0;
  while (std::getline(in, line)) ++count;
  return count;
}

void expectOneLineError(const std::string& arguments, const std::string& mentions) {
  const auto result = runCli(arguments, true);
  EXPECT_EQ(result.exitCode, 2) << arguments << "\n" << result.out;
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << arguments << "\n" << result.out;
  EXPECT_NE(result.out.find(mentions), std::string::npos) << arguments << "\n" << result.out;
}

class CliAnalysis : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = std::filesystem::temp_directory_path() / ("latentlens-cli-analysis-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    ::setenv("XDG_CACHE_HOME", (root_ / "cache").c_str(), 1);  // keep the data cache out of the user's
    data_ = (root_ / "ml").string();
    ASSERT_EQ(runCli("synth --out " + data_ + " --format ml-100k --users 200 --movies 300 --ratings 12000 --seed 5").exitCode, 0);
    const std::string train = "train --data " + data_ + " --model mf --dim 8 --epochs 5 --threads 1 --out ";
    ASSERT_EQ(runCli(train + (root_ / "mf").string()).exitCode, 0);
    ASSERT_EQ(runCli(train + (root_ / "mf-users").string() + " --split users:0.2").exitCode, 0);
    std::ifstream in(std::filesystem::path(data_) / "u.data");
    std::string user, item;
    std::string rest;
    while (in >> user >> item && std::getline(in, rest)) {
      rated_[user].insert(item);
      movies_.insert(item);
    }
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(root_); }

  static std::string checkpoint() { return (root_ / "mf" / "checkpoint.llckpt").string(); }

  static inline std::filesystem::path root_;
  static inline std::string data_;
  static inline std::map<std::string, std::set<std::string>> rated_;  // raw user → raw movies
  static inline std::set<std::string> movies_;
};

TEST_F(CliAnalysis, RecommendListsUnseenMoviesBestFirst) {
  const auto result = runCli("recommend --checkpoint " + checkpoint() + " --user 7 -n 5 --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["user"], "7");
  ASSERT_EQ(json["items"].size(), 5u);
  double previous = 1e9;
  for (const auto& item : json["items"]) {
    for (const char* key : {"id", "title", "score"}) EXPECT_TRUE(item.contains(key)) << key;
    EXPECT_EQ(rated_["7"].count(item["id"].get<std::string>()), 0u) << "recommended a rated movie";
    EXPECT_LE(item["score"].get<double>(), previous);
    previous = item["score"].get<double>();
  }
  EXPECT_EQ(runCli("recommend --checkpoint " + checkpoint() + " --user 7 -n 3").exitCode, 0);
}

// Rare films are left out by default (20 ratings, the minimum of every ranked list); --min-ratings 0
// lets them back, and --shrinkage reorders the list without changing the scores it shows.
TEST_F(CliAnalysis, RecommendLeavesRareFilmsOutUnlessTold) {
  const auto countsOf = [](const nlohmann::json& json) {
    std::vector<int64_t> counts;
    for (const auto& item : json["items"]) counts.push_back(item["rating_count"].get<int64_t>());
    return counts;
  };
  const std::string base = "recommend --checkpoint " + checkpoint() + " --user 7 -n 50 --json";
  const auto byDefault = runCli(base);
  ASSERT_EQ(byDefault.exitCode, 0) << byDefault.out;
  for (int64_t count : countsOf(nlohmann::json::parse(byDefault.out))) EXPECT_GE(count, 20);
  const auto everything = runCli(base + " --min-ratings 0");
  ASSERT_EQ(everything.exitCode, 0) << everything.out;
  const auto all = countsOf(nlohmann::json::parse(everything.out));
  EXPECT_LT(*std::min_element(all.begin(), all.end()), 20);  // the world's tail reaches the top 50 unfiltered
  const auto shrunk = runCli(base + " --min-ratings 0 --shrinkage 20");
  ASSERT_EQ(shrunk.exitCode, 0) << shrunk.out;
  const auto shrunkCounts = countsOf(nlohmann::json::parse(shrunk.out));
  const auto mean = [](const std::vector<int64_t>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); };
  EXPECT_GT(mean(shrunkCounts), mean(all));  // shrinkage favours films with more evidence
}

TEST_F(CliAnalysis, PredictScoresEveryPairAndNamesTheBadLine) {
  const auto pairs = root_ / "pairs.txt";
  std::ofstream(pairs) << "user\titem\n1\t1\n2,3\n\n3 5\n";
  const auto text = runCli("predict --checkpoint " + checkpoint() + " --pairs " + pairs.string());
  ASSERT_EQ(text.exitCode, 0) << text.out;
  EXPECT_EQ(std::count(text.out.begin(), text.out.end(), '\n'), 3);
  const auto json = runCli("predict --checkpoint " + checkpoint() + " --pairs " + pairs.string() + " --json");
  ASSERT_EQ(json.exitCode, 0);
  const auto parsed = nlohmann::json::parse(json.out);
  ASSERT_EQ(parsed["pairs"].size(), 3u);
  EXPECT_EQ(parsed["pairs"][1]["user"], "2");
  EXPECT_EQ(parsed["pairs"][1]["item"], "3");
  std::ofstream(pairs) << "1 1\n1 99999\n";
  expectOneLineError("predict --checkpoint " + checkpoint() + " --pairs " + pairs.string(), pairs.string() + ":2");
}

TEST_F(CliAnalysis, NeighboursExcludeTheMovieAndAreSortedBySimilarity) {
  const auto result = runCli("neighbours --checkpoint " + checkpoint() + " --movie 1 -k 6 --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["movie"]["id"], "1");
  EXPECT_TRUE(json["movie"].contains("title"));
  ASSERT_EQ(json["neighbours"].size(), 6u);
  double previous = 2.0;
  for (const auto& n : json["neighbours"]) {
    EXPECT_NE(n["id"], "1");
    EXPECT_TRUE(n.contains("title"));
    EXPECT_LE(n["similarity"].get<double>(), previous);
    previous = n["similarity"].get<double>();
  }
  // The same neighbours from the movie embeddings file train wrote.
  const auto fromFile = runCli("neighbours --embeddings " + (root_ / "mf" / "movie_embeddings.tsv").string() + " --data " + data_ +
                               " --movie 1 -k 6 --json");
  ASSERT_EQ(fromFile.exitCode, 0) << fromFile.out;
  const auto fileJson = nlohmann::json::parse(fromFile.out);
  for (size_t k = 0; k < 6; ++k) EXPECT_EQ(fileJson["neighbours"][k]["id"], json["neighbours"][k]["id"]) << k;
  // --min-ratings keeps only well-rated neighbours.
  const auto filtered = runCli("neighbours --checkpoint " + checkpoint() + " --movie 1 -k 3 --min-ratings 50 --json");
  ASSERT_EQ(filtered.exitCode, 0);
  const auto filteredJson = nlohmann::json::parse(filtered.out);  // named: a loop over a temporary's member dangles
  for (const auto& n : filteredJson["neighbours"]) EXPECT_GE(n["rating_count"].get<int>(), 50);
}

// Seed 004 Tables 4–5: one film's neighbours under several models side by side, with the overlap
// of every pair. A model against itself overlaps fully; the pair figures agree with the lists.
TEST_F(CliAnalysis, NeighboursAcrossCheckpointsShowTheirOverlap) {
  const std::string other = (root_ / "mf-users" / "checkpoint.llckpt").string();
  const auto result =
      runCli("neighbours --checkpoints " + checkpoint() + "," + checkpoint() + "," + other + " --movie 1 -k 8 --min-ratings 0 --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["runs"].size(), 3u);
  std::vector<std::set<std::string>> lists;
  for (const auto& run : json["runs"]) {
    EXPECT_EQ(run["model"], "mf");
    std::set<std::string> ids;
    for (const auto& n : run["neighbours"]) ids.insert(n["id"].get<std::string>());
    EXPECT_EQ(ids.size(), 8u);
    lists.push_back(ids);
  }
  ASSERT_EQ(json["overlap"].size(), 3u);  // pairs (0,1), (0,2), (1,2)
  const auto& same = json["overlap"][0];
  EXPECT_EQ(same["shared"], 8);
  EXPECT_DOUBLE_EQ(same["jaccard"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(same["spearman"].get<double>(), 1.0);
  const auto& across = json["overlap"][1];
  int shared = 0;
  for (const auto& id : lists[0]) shared += static_cast<int>(lists[2].count(id));
  EXPECT_EQ(across["shared"], shared);
  EXPECT_DOUBLE_EQ(across["jaccard"].get<double>(), shared / (16.0 - shared));
  for (const auto& n : json["runs"][2]["neighbours"]) EXPECT_EQ(n["in_every_list"].get<bool>(), lists[0].count(n["id"].get<std::string>()) > 0);
  const auto table = runCli("neighbours --checkpoints " + checkpoint() + "," + other + " --movie 1 -k 5 --min-ratings 0");
  ASSERT_EQ(table.exitCode, 0);
  for (const char* text : {"mf z=8", "Jaccard", "Spearman"}) EXPECT_NE(table.out.find(text), std::string::npos) << table.out;
  EXPECT_EQ(runCli("neighbours --checkpoints " + checkpoint() + " --checkpoint " + checkpoint() + " --movie 1").exitCode, 2);
}

TEST_F(CliAnalysis, NeighboursFindAMovieByTitleIgnoringCase) {
  const auto byId = nlohmann::json::parse(runCli("neighbours --checkpoint " + checkpoint() + " --movie 1 -k 1 --json").out);
  std::string title = byId["movie"]["title"].get<std::string>();
  title = title.substr(0, title.find(" ("));  // without the year
  std::string shouted;
  for (const char c : title) shouted += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto result = runCli("neighbours --checkpoint " + checkpoint() + " --movie '" + shouted + "' -k 3 --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  bool found = json["movie"]["id"] == "1";
  for (const auto& c : json.value("candidates", nlohmann::json::array())) found = found || c["id"] == "1";
  EXPECT_TRUE(found) << json.dump();
  expectOneLineError("neighbours --checkpoint " + checkpoint() + " --movie 'zzqx no such film'", "zzqx no such film");
}

TEST_F(CliAnalysis, ClustersCoverEveryUser) {
  const auto result = runCli("clusters --checkpoint " + checkpoint() + " -k 4 --seed 3 --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["clusters"].size(), 4u);
  int total = 0;
  for (const auto& c : json["clusters"]) {
    for (const char* key : {"size", "bias", "favourite_features", "least_features", "top_movies", "bottom_movies"}) {
      EXPECT_TRUE(c.contains(key)) << key;
    }
    EXPECT_FALSE(c["bias"].is_null());
    EXPECT_EQ(c["top_movies"].size(), 3u);
    for (const auto& m : c["top_movies"]) EXPECT_TRUE(m.contains("id") && m.contains("title"));
    total += c["size"].get<int>();
  }
  EXPECT_EQ(total, static_cast<int>(rated_.size()));
  // From the user embeddings file: sizes only, and it says so.
  const auto fromFile = runCli("clusters --embeddings " + (root_ / "mf" / "user_embeddings.tsv").string() + " --data " + data_ +
                               " -k 4 --json");
  ASSERT_EQ(fromFile.exitCode, 0) << fromFile.out;
  const auto fileJson = nlohmann::json::parse(fromFile.out);
  total = 0;
  for (const auto& c : fileJson["clusters"]) total += c["size"].get<int>();
  EXPECT_EQ(total, static_cast<int>(rated_.size()));
  EXPECT_FALSE(fileJson["note"].get<std::string>().empty());
}

TEST_F(CliAnalysis, ProjectWritesARowPerMovie) {
  const auto csv = root_ / "projection" / "pca.csv";
  const auto result = runCli("project --checkpoint " + checkpoint() + " --out " + csv.string() + " --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["explained_variance_ratio"].size(), 3u);
  EXPECT_GE(json["explained_variance_ratio"][0].get<double>(), json["explained_variance_ratio"][1].get<double>());
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "id,title,pc1,pc2,pc3,rating_count,genres");
  EXPECT_EQ(lineCount(csv), static_cast<int64_t>(movies_.size()) + 1);
  EXPECT_TRUE(std::filesystem::exists(root_ / "projection" / "pca.json"));  // the summary beside it
}

// UMAP and t-SNE with the trust figures, custom axes and the comet without popularity: each a CSV
// row per film with its coordinates, and a summary whose figures are in range.
TEST_F(CliAnalysis, ProjectByUmapTsneAxesAndWithoutPopularity) {
  const auto csv = root_ / "projection" / "umap.csv";
  const auto umap = runCli("project --checkpoint " + checkpoint() + " --method umap --epochs 50 --neighbours 10 --trust 5 --json --out " +
                           csv.string());
  ASSERT_EQ(umap.exitCode, 0) << umap.out;
  const auto summary = nlohmann::json::parse(umap.out);
  EXPECT_EQ(summary["method"], "umap");
  EXPECT_EQ(summary["epochs"], 50);
  EXPECT_EQ(summary["neighbours"], 10);
  const double agreement = summary["trust"]["mean_knn_agreement"].get<double>();
  const double trust = summary["trust"]["trustworthiness"].get<double>();
  EXPECT_GT(agreement, 0.0);
  EXPECT_LE(agreement, 1.0);
  EXPECT_GT(trust, 0.5);  // a layout that keeps neighbourhoods better than chance
  EXPECT_LE(trust, 1.0);
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "id,title,umap1,umap2,rating_count,genres,trust");
  EXPECT_EQ(lineCount(csv), static_cast<int64_t>(movies_.size()) + 1);
  const auto written = nlohmann::json::parse(std::ifstream(root_ / "projection" / "umap.json"));
  EXPECT_EQ(written["trust"], summary["trust"]);

  const auto tsne = runCli("project --checkpoint " + checkpoint() + " --method tsne --iterations 300 --perplexity 20 --trust 5 --json --out " +
                           (root_ / "projection" / "tsne.csv").string());
  ASSERT_EQ(tsne.exitCode, 0) << tsne.out;
  const auto tsneSummary = nlohmann::json::parse(tsne.out);
  EXPECT_EQ(tsneSummary["iterations"], 300);
  EXPECT_EQ(tsneSummary["neighbours"], 60);  // 3 × perplexity
  EXPECT_GT(tsneSummary["kl_divergence"].get<double>(), 0.0);
  EXPECT_GT(tsneSummary["trust"]["trustworthiness"].get<double>(), 0.5);

  const auto axes = runCli("project --checkpoint " + checkpoint() + " --method axes --axes \"genre:Comedy..genre:Drama\" --json --out " +
                           (root_ / "projection" / "axes.csv").string());
  ASSERT_EQ(axes.exitCode, 0) << axes.out;
  const auto axesSummary = nlohmann::json::parse(axes.out);
  EXPECT_LT(axesSummary["first_axis_from"].get<double>(), axesSummary["first_axis_to"].get<double>());  // Comedy left, Drama right
  const auto popularity = runCli("project --checkpoint " + checkpoint() + " --remove-popularity --json --out " +
                                 (root_ / "projection" / "flat.csv").string());
  ASSERT_EQ(popularity.exitCode, 0) << popularity.out;
  const auto flat = nlohmann::json::parse(popularity.out);
  EXPECT_TRUE(flat["popularity_removed"].get<bool>());
  EXPECT_LT(std::abs(flat["first_component_popularity_correlation"].get<double>()), 0.2);

  expectOneLineError("project --checkpoint " + checkpoint() + " --method axes --out " + (root_ / "x.csv").string(), "--axes");
  expectOneLineError("project --checkpoint " + checkpoint() + " --method axes --axes genre:Nothing..genre:Drama --out " +
                         (root_ / "x.csv").string(),
                     "genre:Nothing");
  expectOneLineError("project --checkpoint " + checkpoint() + " --method umap --remove-popularity --out " + (root_ / "x.csv").string(),
                     "--remove-popularity");
}

TEST_F(CliAnalysis, ExportWritesMatchingProjectorFiles) {
  const auto dir = root_ / "export";
  const auto result = runCli("export --checkpoint " + checkpoint() + " --out " + dir.string());
  ASSERT_EQ(result.exitCode, 0) << result.out;
  EXPECT_EQ(lineCount(dir / "embeddings.tsv"), static_cast<int64_t>(movies_.size()));
  EXPECT_EQ(lineCount(dir / "metadata.tsv"), static_cast<int64_t>(movies_.size()) + 1);
  EXPECT_EQ(lineCount(dir / "users_embeddings.tsv"), static_cast<int64_t>(rated_.size()));
  EXPECT_EQ(lineCount(dir / "users_metadata.tsv"), static_cast<int64_t>(rated_.size()) + 1);
  std::ifstream metadata(dir / "metadata.tsv");
  std::string header;
  std::getline(metadata, header);
  EXPECT_EQ(header.rfind("title\tyear\tgenres\tratings", 0), 0u) << header;
  std::ifstream vectors(dir / "embeddings.tsv");
  std::string row;
  std::getline(vectors, row);
  EXPECT_EQ(std::count(row.begin(), row.end(), '\t'), 7);  // mf's q_i: 8 values, no id column
  ASSERT_TRUE(std::filesystem::exists(dir / "manifest.json"));
  // --config replays the export from its manifest (the checkpoint's data set recorded in it).
  const auto replayed = runCli("export --config " + (dir / "manifest.json").string() + " --out " + (root_ / "export2").string());
  ASSERT_EQ(replayed.exitCode, 0) << replayed.out;
  EXPECT_EQ(lineCount(root_ / "export2" / "embeddings.tsv"), static_cast<int64_t>(movies_.size()));
}

TEST_F(CliAnalysis, FoldInHasOnePointPerKnownCount) {
  const std::string usersCheckpoint = (root_ / "mf-users" / "checkpoint.llckpt").string();
  const auto result = runCli("foldin --checkpoint " + usersCheckpoint + " --data " + data_ + " --ns 1,2,4,8 --ridge 0.5 --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["held_out_users"], 40);
  ASSERT_EQ(json["curves"].size(), 2u);  // plain and ridge
  for (const auto& curve : json["curves"]) {
    EXPECT_EQ(curve["dim"], 8);
    ASSERT_EQ(curve["points"].size(), 4u);
    EXPECT_EQ(curve["points"][3]["n"], 8);
    EXPECT_GT(curve["points"][0]["mse"].get<double>(), 0.0);
  }
  // A checkpoint of a ratings split trained on every user: refused, with the reason.
  expectOneLineError("foldin --checkpoint " + checkpoint() + " --ns 1,2", "users:");
  // From scratch, one model per k.
  const auto sweep = runCli("foldin --dims 2,4 --data " + data_ + " --epochs 2 --threads 1 --ns 1,3 --json");
  ASSERT_EQ(sweep.exitCode, 0) << sweep.out;
  const auto sweepJson = nlohmann::json::parse(sweep.out);
  ASSERT_EQ(sweepJson["curves"].size(), 2u);
  EXPECT_EQ(sweepJson["curves"][1]["dim"], 4);
  EXPECT_EQ(sweepJson["curves"][1]["points"].size(), 2u);
}

TEST_F(CliAnalysis, PopulationScoresStandBesideTheRawMean) {
  const auto result = runCli("population --checkpoint " + checkpoint() + " -n 7 --min-ratings 10 --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["items"].size(), 7u);
  for (const auto& item : json["items"]) {
    for (const char* key : {"id", "title", "adjusted", "mean_rating", "rating_count"}) EXPECT_TRUE(item.contains(key)) << key;
    EXPECT_GE(item["rating_count"].get<int>(), 10);
  }
}

TEST_F(CliAnalysis, BadInputExitsTwoWithOneLine) {
  expectOneLineError("recommend --checkpoint " + checkpoint() + " --user no-such-user", "no-such-user");
  expectOneLineError("recommend --checkpoint " + (root_ / "missing.llckpt").string() + " --user 1", "missing.llckpt");
  expectOneLineError("neighbours --movie 1", "--checkpoint");
  expectOneLineError("neighbours --embeddings " + (root_ / "missing.tsv").string() + " --data " + data_ + " --movie 1", "missing.tsv");
  // The checkpoint's data set, not another one.
  expectOneLineError("recommend --checkpoint " + checkpoint() + " --data synthetic:users=100,movies=100,ratings=3000 --user 1",
                     "checkpoint.llckpt");
  // Embeddings none of whose ids the data set has (ids it lacks among known ones are only counted:
  // cli_factors_test.cpp).
  const auto stray = root_ / "stray.tsv";
  std::ofstream(stray) << "zz-unknown\t0.5\t0.25\nzz-other\t0.1\t0.2\n";
  expectOneLineError("project --embeddings " + stray.string() + " --data " + data_ + " --out " + (root_ / "x.csv").string(),
                     stray.string());
}

}  // namespace
}  // namespace ll
