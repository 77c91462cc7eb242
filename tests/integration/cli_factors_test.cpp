// Factors trained elsewhere, end to end: a checkpoint's factors exported in every format
// (`export --format`) come back through `--embeddings` with the same neighbours and the same PCA as
// the checkpoint; `info --embeddings` describes them; ids the data set lacks are counted on stderr,
// not fatal; each malformed file or folder exits 2 with one line naming it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "tests/support/cli_runner.h"

namespace ll {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;

CommandResult runCli(const std::string& arguments, bool mergeStderr = false) {
  return testing::runCli("--quiet " + arguments, mergeStderr);
}

class CliFactors : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / ("latentlens-cli-factors-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    ::setenv("XDG_CACHE_HOME", (root_ / "cache").c_str(), 1);
    ASSERT_EQ(runCli("train --data " + data_ + " --model mf --dim 6 --epochs 3 --threads 1 --out " + (root_ / "mf").string()).exitCode, 0);
    for (const char* format : {"spark-json", "npy", "word2vec", "tsv", "implicit", "lightfm"}) {
      const auto exported = runCli("export --checkpoint " + checkpoint() + " --format " + format + " --out " + (root_ / format).string());
      ASSERT_EQ(exported.exitCode, 0) << format << "\n" << exported.out;
    }
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  static std::string checkpoint() { return (root_ / "mf" / "checkpoint.llckpt").string(); }
  static std::string onData(const std::string& embeddings) { return " --embeddings " + embeddings + " --data " + data_; }
  static void expectOneLineError(const std::string& arguments, const std::string& mentions) {
    const auto result = runCli(arguments, true);
    EXPECT_EQ(result.exitCode, 2) << arguments << "\n" << result.out;
    EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << arguments << "\n" << result.out;
    EXPECT_NE(result.out.find(mentions), std::string::npos) << arguments << "\n" << result.out;
  }
  static void write(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
  }

  static inline fs::path root_;
  static inline const std::string data_ = "synthetic:seed=4,users=300,movies=200,ratings=8000";
};

TEST_F(CliFactors, EveryExportGivesTheCheckpointsNeighbours) {
  for (const char* movie : {"5", "17", "120"}) {
    const auto fromCheckpoint = runCli("neighbours --checkpoint " + checkpoint() + " --movie " + movie + " -k 8 --min-ratings 0 --json");
    ASSERT_EQ(fromCheckpoint.exitCode, 0) << fromCheckpoint.out;
    const auto expected = nlohmann::json::parse(fromCheckpoint.out)["neighbours"];
    for (const std::string& source : {(root_ / "spark-json").string(), (root_ / "npy" / "movies.npy").string(),
                                     (root_ / "word2vec" / "movie_vectors.txt").string(), (root_ / "tsv" / "movie_embeddings.tsv").string(),
                                     (root_ / "implicit" / "factors.npz").string(), (root_ / "lightfm" / "factors.npz").string()}) {
      const auto fromFile = runCli("neighbours" + onData(source) + " --movie " + movie + " -k 8 --min-ratings 0 --json");
      ASSERT_EQ(fromFile.exitCode, 0) << source << "\n" << fromFile.out;
      const auto got = nlohmann::json::parse(fromFile.out)["neighbours"];
      ASSERT_EQ(got.size(), expected.size()) << source;
      for (size_t k = 0; k < got.size(); ++k) {
        EXPECT_EQ(got[k]["id"], expected[k]["id"]) << source << " movie " << movie << " rank " << k;
        EXPECT_NEAR(got[k]["similarity"].get<double>(), expected[k]["similarity"].get<double>(), 1e-6) << source;
      }
    }
  }
}

TEST_F(CliFactors, SparkJsonGivesTheCheckpointsPca) {
  const auto fromCheckpoint = runCli("project --checkpoint " + checkpoint() + " --out " + (root_ / "a.csv").string());
  ASSERT_EQ(fromCheckpoint.exitCode, 0) << fromCheckpoint.out;
  const auto fromSpark = runCli("project" + onData((root_ / "spark-json").string()) + " --out " + (root_ / "b.csv").string());
  ASSERT_EQ(fromSpark.exitCode, 0) << fromSpark.out;
  std::ifstream a(root_ / "a.csv"), b(root_ / "b.csv");
  std::string lineA, lineB;
  int64_t lines = 0;
  while (std::getline(a, lineA)) {
    ASSERT_TRUE(std::getline(b, lineB));
    EXPECT_EQ(lineA, lineB) << "line " << lines;  // the same floats in, the same text out
    ++lines;
  }
  EXPECT_EQ(lines, 201);
  EXPECT_FALSE(std::getline(b, lineB));
}

// A users and movies pair is a model. Where the format keeps biases (Spark rows with "bias",
// LightFM) its predictions are the checkpoint's own; implicit's factors are dot products only
// (word2vec's text holds the same vectors). A single table is refused for predict.
TEST_F(CliFactors, APairOfFactorsIsADotProductModelForPredictAndRecommend) {
  const auto vectors = [](const fs::path& file) {
    std::map<std::string, std::vector<double>> out;
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);  // "N D"
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string id;
      fields >> id;
      double v;
      while (fields >> v) out[id].push_back(v);
    }
    return out;
  };
  const auto users = vectors(root_ / "word2vec" / "user_vectors.txt");
  const auto movies = vectors(root_ / "word2vec" / "movie_vectors.txt");
  write(root_ / "pairs.txt", "1 5\n2 17\n3 120\n4 8\n5 33\n");
  const auto scores = [&](const std::string& source) {
    const auto predicted = runCli("predict --json --pairs " + (root_ / "pairs.txt").string() + source);
    EXPECT_EQ(predicted.exitCode, 0) << source << "\n" << predicted.out;
    return predicted.exitCode == 0 ? nlohmann::json::parse(predicted.out)["pairs"] : nlohmann::json::array();
  };
  const auto dotProducts = scores(onData((root_ / "implicit" / "factors.npz").string()));
  ASSERT_EQ(dotProducts.size(), 5u);
  for (const auto& p : dotProducts) {
    const auto& u = users.at(p["user"].get<std::string>());
    const auto& m = movies.at(p["item"].get<std::string>());
    double dot = 0.0;
    for (size_t f = 0; f < u.size(); ++f) dot += u[f] * m[f];
    EXPECT_NEAR(p["score"].get<double>(), dot, 1e-4) << p.dump();  // a dot product, unclipped
  }
  const auto fromCheckpoint = scores(" --checkpoint " + checkpoint());
  ASSERT_EQ(fromCheckpoint.size(), 5u);
  for (const std::string format : {"spark-json", "lightfm/factors.npz"}) {
    const auto imported = scores(onData((root_ / format).string()));
    ASSERT_EQ(imported.size(), 5u) << format;
    int32_t compared = 0;
    for (size_t k = 0; k < imported.size(); ++k) {
      const double expected = fromCheckpoint[k]["score"].get<double>();
      if (expected <= 1.0 || expected >= 5.0) continue;  // the checkpoint clips to the scale; the files do not
      EXPECT_NEAR(imported[k]["score"].get<double>(), expected, 1e-4) << format << " " << imported[k].dump();
      ++compared;
    }
    EXPECT_GE(compared, 3) << format;
  }
  const auto recommended = testing::runCli("recommend --user 1 -n 5 --min-ratings 0 --json" + onData((root_ / "spark-json").string()), false);
  ASSERT_EQ(recommended.exitCode, 0) << recommended.out;
  EXPECT_EQ(nlohmann::json::parse(recommended.out)["items"].size(), 5u) << recommended.out;
  expectOneLineError("predict --pairs " + (root_ / "pairs.txt").string() + onData((root_ / "tsv" / "user_embeddings.tsv").string()),
                     "user and movie factors together");
  // A new user folded in from three ratings: ten films, none of the three.
  const auto newUser = runCli("recommend --ratings 5:5,17:4,120:1 -n 10 --min-ratings 0 --json" + onData((root_ / "spark-json").string()));
  ASSERT_EQ(newUser.exitCode, 0) << newUser.out;
  const auto found = nlohmann::json::parse(newUser.out);
  ASSERT_EQ(found["items"].size(), 10u);
  for (const auto& item : found["items"]) {
    for (const char* rated : {"5", "17", "120"}) EXPECT_NE(item["id"], rated);
  }
  expectOneLineError("recommend --ratings 5:five" + onData((root_ / "spark-json").string()), "--ratings");
  expectOneLineError("recommend --ratings 5:5 --user 1" + onData((root_ / "spark-json").string()), "excludes");
}

TEST_F(CliFactors, InfoDescribesFactors) {
  const auto spark = runCli("info --json" + onData((root_ / "spark-json").string()));
  ASSERT_EQ(spark.exitCode, 0) << spark.out;
  const auto json = nlohmann::json::parse(spark.out);
  EXPECT_EQ(json["format"], "spark-als");
  EXPECT_EQ(json["users"]["rows"], 300);
  EXPECT_EQ(json["movies"]["rows"], 200);
  EXPECT_EQ(json["movies"]["dimension"], 6);
  EXPECT_EQ(json["movies"]["biases"], true);  // mf's, on the rows as "bias"
  EXPECT_EQ(json["movies"]["unknown_ids"], 0);
  EXPECT_NE(json["predictions"].get<std::string>().find("plus the user and item biases"), std::string::npos);
  const auto implicit = runCli("info --json" + onData((root_ / "implicit" / "factors.npz").string()));
  ASSERT_EQ(implicit.exitCode, 0) << implicit.out;
  EXPECT_NE(nlohmann::json::parse(implicit.out)["predictions"].get<std::string>().find("dot products only"), std::string::npos);
  const auto npy = runCli("info --json --embeddings " + (root_ / "npy" / "users.npy").string());
  ASSERT_EQ(npy.exitCode, 0) << npy.out;
  const auto npyJson = nlohmann::json::parse(npy.out);
  EXPECT_EQ(npyJson["format"], "npy");
  EXPECT_EQ(npyJson["table"]["dimension"], 6);  // p_u without mf's user bias (users.biases.npy)
  EXPECT_NE(npyJson["ids"].get<std::string>().find("users.ids.txt"), std::string::npos);
  EXPECT_TRUE(fs::exists(root_ / "npy" / "users.biases.npy"));
  const auto text = runCli("info --embeddings " + (root_ / "word2vec" / "user_vectors.txt").string());
  ASSERT_EQ(text.exitCode, 0);
  EXPECT_NE(text.out.find("word2vec"), std::string::npos);
}

// The user embedding of mf is [p_u; b_u]: formats that keep the biases give it back whole, so the
// PDC of the imported users is the checkpoint's (its users' embeddings as our TSV holds them).
TEST_F(CliFactors, PdcOfImportedUsersIsTheCheckpoints) {
  const auto pdc = [&](const std::string& embeddings) {
    const auto result = runCli("pdc --json --split random:0.2 --data " + data_ + " --embeddings " + embeddings);
    EXPECT_EQ(result.exitCode, 0) << embeddings << "\n" << result.out;
    return result.exitCode == 0 ? nlohmann::json::parse(result.out)["thresholds"] : nlohmann::json::object();
  };
  const auto expected = pdc((root_ / "tsv" / "user_embeddings.tsv").string());
  ASSERT_EQ(expected.size(), 5u);
  for (const std::string format : {"spark-json", "lightfm/factors.npz"}) {
    const auto got = pdc((root_ / format).string());
    ASSERT_EQ(got.size(), expected.size()) << format;
    for (const auto& [threshold, point] : expected.items()) {
      EXPECT_EQ(got[threshold]["pairs"], point["pairs"]) << format;
      ASSERT_EQ(got[threshold]["pdc"].is_null(), point["pdc"].is_null()) << format << " threshold " << threshold;
      if (point["pdc"].is_null()) continue;  // too few pairs at the highest thresholds of this small world
      EXPECT_NEAR(got[threshold]["pdc"].get<double>(), point["pdc"].get<double>(), 1e-6) << format << " threshold " << threshold;
    }
  }
  // Without the biases (implicit has no place for them) the embedding is p_u alone: another PDC.
  const auto unbiased = pdc((root_ / "implicit" / "factors.npz").string());
  ASSERT_EQ(unbiased.size(), expected.size());
  EXPECT_GT(std::abs(unbiased["1"]["pdc"].get<double>() - expected["1"]["pdc"].get<double>()), 1e-4);
}

TEST_F(CliFactors, UnknownIdsAreCountedNotFatal) {
  const fs::path stray = root_ / "stray" / "movies.tsv";
  write(stray, "1\t0.5\t0.25\nzz-1\t0.1\t0.2\nzz-2\t0.1\t0.2\nzz-3\t1\t2\nzz-4\t1\t2\n2\t0.3\t0.1\n");
  const auto result = runCli("neighbours" + onData(stray.string()) + " --movie 1 -k 1 --min-ratings 0", true);
  EXPECT_EQ(result.exitCode, 0) << result.out;
  EXPECT_NE(result.out.find("4 of 6 rows"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\"zz-1\", \"zz-2\", \"zz-3\")"), std::string::npos) << result.out;
  write(stray, "zz-1\t0.1\t0.2\n");
  expectOneLineError("neighbours" + onData(stray.string()) + " --movie 1", stray.string());
}

TEST_F(CliFactors, MalformedFactorsExitTwoWithOneLine) {
  const fs::path bad = root_ / "bad";
  // Spark: Parquet parts (the default), a damaged line, a width other than the rank.
  write(bad / "parquet" / "userFactors" / "part-00000-1.snappy.parquet", "PAR1");
  write(bad / "parquet" / "itemFactors" / "part-00000-1.snappy.parquet", "PAR1");
  expectOneLineError("neighbours" + onData((bad / "parquet").string()) + " --movie 1", ".write.json");
  fs::copy(root_ / "spark-json", bad / "spark", fs::copy_options::recursive);
  write(bad / "spark" / "itemFactors" / "part-00001.json", "{\"id\": 1, \"features\": [1, 2]}\n");
  expectOneLineError("neighbours" + onData((bad / "spark").string()) + " --movie 1", "part-00001.json:1");
  write(bad / "spark" / "itemFactors" / "part-00001.json", "{\"id\": 1, \"features\": [1, 2, 3, 4, 5, 6}\n");
  expectOneLineError("neighbours" + onData((bad / "spark").string()) + " --movie 1", "part-00001.json:1");
  // NumPy: not an array, an ids file of another length, an archive of neither layout.
  const char integers[] = "\x93NUMPY\x01\x00\x11\x00{'descr': '<i4'}\n";
  write(bad / "x.npy", std::string(integers, sizeof integers - 1));
  expectOneLineError("neighbours" + onData((bad / "x.npy").string()) + " --movie 1", "'<f4' or '<f8'");
  fs::copy(root_ / "npy" / "movies.npy", bad / "movies.npy");
  write(bad / "movies.ids.txt", "1\n2\n");
  expectOneLineError("neighbours" + onData((bad / "movies.npy").string()) + " --movie 1", "movies.ids.txt");
  fs::copy(root_ / "npy" / "movies.npy", bad / "plain.npy");
  expectOneLineError("neighbours" + onData((bad / "plain.npy").string()) + " --movie 1 --ids " + (bad / "movies.ids.txt").string(),
                     "200 ids");
  write(bad / "x.npz", "PK\x03\x04 not really");
  expectOneLineError("neighbours" + onData((bad / "x.npz").string()) + " --movie 1", "x.npz");
  // word2vec: a row of another width.
  write(bad / "w.txt", "2 3\n1 0.1 0.2 0.3\n2 0.1 0.2\n");
  expectOneLineError("neighbours" + onData((bad / "w.txt").string()) + " --movie 1", "w.txt:3");
  expectOneLineError("info --embeddings " + (bad / "w.txt").string(), "w.txt:3");
}

}  // namespace
}  // namespace ll
