// `sweep --preset fig3` end to end (Rendle et al. 2020 Fig. 3, an MLP learning a dot product): a
// tiny run needs no data set, prints one table line per (d, h, M), writes results.json,
// results.csv and the manifest (which --config replays), and its trivially small MLPs lose to the
// dot product.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/experiment/dot_product_learning_files.h"
#include "tests/support/cli_runner.h"

namespace ll {
namespace {

using testing::runCli;

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CliFig3, TinyRunHasTheFiguresShapeAndTheDotProductWins) {
  const auto out = std::filesystem::temp_directory_path() / ("latentlens-cli-fig3-" + std::to_string(::getpid()));
  std::filesystem::remove_all(out);
  const auto run = runCli("sweep --preset fig3 --dims 4,8 --users 100,200 --repeats 1 --epochs 1 --threads 1 --out " + out.string());
  ASSERT_EQ(run.exitCode, 0) << run.out;
  EXPECT_NE(run.out.find("fresh error"), std::string::npos) << run.out;
  for (const char* file : {"results.csv", "results.json", "manifest.json"}) EXPECT_TRUE(std::filesystem::exists(out / file)) << file;
  const DotProductLearningResults results = parseDotProductLearningJson(readText(out / "results.json"), "results.json");
  ASSERT_EQ(results.points.size(), 12u);  // 2 d × 3 h (d/2, d, 2d) × 2 M
  EXPECT_TRUE(results.complete);
  for (const DotProductLearningPoint& p : results.points) {
    EXPECT_EQ(p.repeats, 1);
    EXPECT_EQ(p.trainCases + p.testCases, 100 * p.users);
    EXPECT_NEAR(p.dotTestRmse.mean, 0.85, 0.1);
    // One epoch of a small MLP: worse than the dot product on both test sets.
    EXPECT_GT(p.testError.mean, 0.0) << "d=" << p.dim << " h=" << p.hidden << " M=" << p.users;
    EXPECT_GT(p.freshError.mean, 0.0);
  }
  const auto manifest = nlohmann::json::parse(std::ifstream(out / "manifest.json"));
  EXPECT_EQ(manifest["configuration"]["preset"], "fig3");
  EXPECT_EQ(manifest["command"], "sweep");
  // --config replays it: the same points and numbers (every run is seeded on its own).
  const auto replay = runCli("sweep --config " + (out / "manifest.json").string() + " --json");
  ASSERT_EQ(replay.exitCode, 0) << replay.out;
  const DotProductLearningResults replayed = parseDotProductLearningJson(replay.out, "stdout");
  ASSERT_EQ(replayed.points.size(), 12u);
  EXPECT_EQ(replayed.points[5].freshError.mean, results.points[5].freshError.mean);
  // --json: the same document on stdout; too few users for 100 pairs each: bad usage.
  const auto json = runCli("sweep --preset fig3 --dims 4 --users 100 --repeats 1 --epochs 1 --json");
  ASSERT_EQ(json.exitCode, 0);
  EXPECT_TRUE(isDotProductLearningJson(json.out));
  EXPECT_EQ(runCli("sweep --preset fig3 --users 50").exitCode, 2);
  std::filesystem::remove_all(out);
}

}  // namespace
}  // namespace ll
