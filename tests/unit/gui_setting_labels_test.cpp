// The GUI shows core's setting errors under the labels of its own fields, never as CLI flags.
#include <gtest/gtest.h>

#include <stdexcept>

#include "app/gui/state/setting_labels.h"
#include "core/model/model_config.h"
#include "core/data/split.h"

namespace ll::gui {
namespace {

TEST(GuiSettingLabels, ASettingErrorNamesTheFieldByItsLabel) {
  try {
    parseSplitSpec("kfold:1:1");
    FAIL();
  } catch (const std::exception& error) {
    const std::string shown = describeForPanel(error);
    EXPECT_EQ(shown.rfind("Split: expected ", 0), 0u) << shown;
    EXPECT_EQ(shown.find("--"), std::string::npos) << shown;
  }
  try {
    parseModelKind("nonsense");
    FAIL();
  } catch (const std::exception& error) {
    EXPECT_EQ(describeForPanel(error).rfind("Model: expected one of user-bias", 0), 0u) << describeForPanel(error);
  }
}

TEST(GuiSettingLabels, OtherErrorsAreShownAsTheyAre) {
  EXPECT_EQ(describeForPanel(std::runtime_error("disk full")), "disk full");
}

}  // namespace
}  // namespace ll::gui
