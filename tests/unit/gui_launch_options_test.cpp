// parseLaunchOptions: the demo's run chosen on the command line (--model, --dim, --threads).
#include <gtest/gtest.h>

#include "app/gui/launch_options.h"

namespace ll::gui {
namespace {

TEST(GuiLaunchOptions, DemoRunTakesModelDimAndThreads) {
  const ParseOutcome outcome =
      parseLaunchOptions({"--data", "synthetic:shape=ml32m", "--demo", "--model", "mf", "--dim=32", "--threads", "2"});
  ASSERT_EQ(outcome.action, ParseOutcome::Action::Run) << outcome.message;
  EXPECT_EQ(outcome.options.dataSpec, "synthetic:shape=ml32m");
  EXPECT_EQ(outcome.options.model, "mf");
  EXPECT_EQ(outcome.options.dim, 32);
  EXPECT_EQ(outcome.options.threads, 2);
}

TEST(GuiLaunchOptions, DemoRunDefaultsToTheLayoutsModel) {
  const ParseOutcome outcome = parseLaunchOptions({"--demo"});
  ASSERT_EQ(outcome.action, ParseOutcome::Action::Run);
  EXPECT_TRUE(outcome.options.model.empty());
  EXPECT_EQ(outcome.options.dim, 0);
  EXPECT_EQ(outcome.options.threads, 0);
}

TEST(GuiLaunchOptions, DemoRunRejectsBadValuesInOneLine) {
  const auto errorOf = [](const std::vector<std::string>& args) {
    const ParseOutcome outcome = parseLaunchOptions(args);
    EXPECT_EQ(outcome.action, ParseOutcome::Action::UsageError);
    EXPECT_EQ(outcome.message.find('\n'), std::string::npos) << outcome.message;
    return outcome.message;
  };
  EXPECT_NE(errorOf({"--demo", "--model", "nosuch"}).find("--model expects one of"), std::string::npos);
  EXPECT_NE(errorOf({"--demo", "--dim", "0"}).find("--dim"), std::string::npos);
  EXPECT_NE(errorOf({"--demo", "--threads", "x"}).find("--threads"), std::string::npos);
  EXPECT_NE(errorOf({"--model", "mf"}).find("need --demo"), std::string::npos);
}

}  // namespace
}  // namespace ll::gui
