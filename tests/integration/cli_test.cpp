// The CLI as users script it: exit codes, --json shapes, errors that name file and line.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

struct CommandResult {
  int exitCode = -1;
  std::string out;
};

// Runs the CLI with arguments (a shell-quoted string); stderr is merged into out when asked.
CommandResult runCli(const std::string& arguments, bool mergeStderr = false) {
  const std::string command = std::string(LATENTLENS_CLI) + " " + arguments + (mergeStderr ? " 2>&1" : " 2>/dev/null");
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::filesystem::path scratchDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("latentlens-cli-test-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(Cli, VersionAndHelpExitZero) {
  const auto version = runCli("--version");
  EXPECT_EQ(version.exitCode, 0);
  EXPECT_NE(version.out.find("latentlens-cli "), std::string::npos);
  EXPECT_EQ(runCli("--help").exitCode, 0);
  const auto infoHelp = runCli("info --help");
  EXPECT_EQ(infoHelp.exitCode, 0);
  EXPECT_NE(infoHelp.out.find("--data"), std::string::npos);
}

TEST(Cli, BadUsageExitsTwoWithOneLine) {
  const auto unknown = runCli("frobnicate", true);
  EXPECT_EQ(unknown.exitCode, 2);
  const auto missing = runCli("info --data /nonexistent/path --json", true);
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.out.find("/nonexistent/path"), std::string::npos);
  EXPECT_EQ(std::count(missing.out.begin(), missing.out.end(), '\n'), 1);
  EXPECT_EQ(runCli("info --data synthetic:users=oops").exitCode, 2);
}

TEST(Cli, InfoOnTheSyntheticWorldHasTheSpecifiedKeys) {
  const auto result = runCli("info --data synthetic --json");
  ASSERT_EQ(result.exitCode, 0);
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["format"], "synthetic");
  EXPECT_EQ(json["users"], 943);
  EXPECT_EQ(json["items"], 1682);
  EXPECT_EQ(json["ratings"], 100000);
  EXPECT_GT(json["features"].get<int>(), 19);
  EXPECT_EQ(json["feature_source"], "genres+genome");
  EXPECT_GT(json["noise_floor_rmse"].get<double>(), 0.0);
}

TEST(Cli, SynthWritesFoldersThatInfoReadsBack) {
  const auto dir = scratchDir("synth");
  for (const std::string format : {"ml-100k", "ml-latest"}) {
    const auto out = dir / format;
    const auto written = runCli("synth --out " + out.string() + " --format " + format + " --users 300 --movies 400 --ratings 20000 --seed 3");
    ASSERT_EQ(written.exitCode, 0) << format;
    EXPECT_TRUE(std::filesystem::exists(out / "manifest.json"));
    const auto info = runCli("info --no-cache --data " + out.string() + " --json");
    ASSERT_EQ(info.exitCode, 0) << format;
    const auto json = nlohmann::json::parse(info.out);
    EXPECT_EQ(json["format"], format);
    EXPECT_EQ(json["users"], 300);
    EXPECT_EQ(json["items"], 400);
    EXPECT_EQ(json["ratings"], 20000);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
