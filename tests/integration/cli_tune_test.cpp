// `tune` as users script it: budgets parsed with clear errors (exit 2), the --json shape with the
// ready-to-run settings, the files in --out, resuming a run there, and refusing another search's.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/cli_runner.h"

namespace ll {
namespace {

using testing::runCli;

const std::string kTinyTune = "tune --data synthetic:users=80,movies=100,ratings=3000 --model mf --threads 1 --max-epochs 6 --bracket 9 ";

std::filesystem::path tuneScratch(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("latentlens-cli-tune-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  return dir;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CliTune, BadBudgetsAreUsageErrors) {
  for (const std::string budget : {"ten", "10x", "-5m", "0s", "1h30", "30m1h", "m", "1.5.2m", "10m10m"}) {
    const auto result = runCli(kTinyTune + "--budget " + budget, true);
    EXPECT_EQ(result.exitCode, 2) << budget << ": " << result.out;
    EXPECT_NE(result.out.find("--budget"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("90s, 10m"), std::string::npos) << result.out;
  }
  EXPECT_EQ(runCli(kTinyTune + "--trials -3", true).exitCode, 2);
  EXPECT_EQ(runCli(kTinyTune + "--reduction 1", true).exitCode, 2);
  EXPECT_EQ(runCli(kTinyTune + "--split nonsense --trials 2", true).exitCode, 2);
}

TEST(CliTune, JsonHasTheTrialsTheBestAndTheCommandsToUseThem) {
  const auto result = runCli(kTinyTune + "--trials 9 --split random:0.2 --json");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["format"], "latentlens-tune-results");
  EXPECT_EQ(json["trials"].size(), 9u);
  EXPECT_EQ(json["ended"], "trials");
  EXPECT_EQ(json["rung_epochs"], nlohmann::json::array({1, 3, 6}));
  EXPECT_EQ(json["score"], "validation RMSE");
  ASSERT_TRUE(json["best"].is_object());
  EXPECT_EQ(json["best"]["optimizer"], "sgd");
  const std::string cv = json["use"]["cv"].get<std::string>();
  EXPECT_EQ(cv.rfind("latentlens-cli cv --data synthetic:users=80,movies=100,ratings=3000 --models mf --dims ", 0), 0u) << cv;
  EXPECT_NE(cv.find("--lr "), std::string::npos);
  EXPECT_NE(json["use"]["train"].get<std::string>().find("--split random:0.2"), std::string::npos);
  // budget and trials both: whichever ends first
  const auto both = runCli(kTinyTune + "--trials 2 --budget 1h --json");
  ASSERT_EQ(both.exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(both.out)["trials"].size(), 2u);
}

TEST(CliTune, OutHoldsStateResultsAndManifestAndResumes) {
  const auto dir = tuneScratch("out");
  const auto first = runCli(kTinyTune + "--trials 9 --out " + dir.string(), true);
  ASSERT_EQ(first.exitCode, 0) << first.out;
  EXPECT_NE(first.out.find("use these settings:"), std::string::npos) << first.out;
  for (const char* name : {"tune-state.json", "tune-results.json", "manifest.json"}) EXPECT_TRUE(std::filesystem::exists(dir / name)) << name;
  const auto manifest = nlohmann::json::parse(slurp(dir / "manifest.json"));
  EXPECT_EQ(manifest["command"], "tune");
  EXPECT_TRUE(manifest["data"].contains("checksum"));

  // A larger trial limit over the same folder goes on from the 9 it has.
  const auto more = runCli(kTinyTune + "--trials 12 --json --out " + dir.string());
  ASSERT_EQ(more.exitCode, 0) << more.out;
  const auto json = nlohmann::json::parse(more.out);
  EXPECT_EQ(json["trials"].size(), 12u);
  const auto fresh = nlohmann::json::parse(runCli(kTinyTune + "--trials 12 --json").out);
  EXPECT_EQ(json["best"], fresh["best"]);
  EXPECT_EQ(json["trials"][10]["score"], fresh["trials"][10]["score"]);

  const auto other = runCli(kTinyTune + "--trials 9 --seed 5 --out " + dir.string(), true);
  EXPECT_EQ(other.exitCode, 2) << other.out;
  EXPECT_NE(other.out.find("seed: 5 here, 1 in the state"), std::string::npos) << other.out;
}

}  // namespace
}  // namespace ll
