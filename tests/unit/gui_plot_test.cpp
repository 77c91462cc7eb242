// The pure parts of the GUI's line plot (app/gui/widgets/plot_math.h, header-only and free of
// ImGui): nice ticks, bias-corrected smoothing, nearest-point lookup and the CSV text.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "app/gui/widgets/plot_math.h"

namespace ll::gui::plot {
namespace {

void expectValues(const std::vector<Tick>& ticks, const std::vector<double>& expected) {
  ASSERT_EQ(ticks.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(ticks[i].value, expected[i], 1e-12 * std::abs(expected[i]) + 1e-15);
}

std::vector<std::string> labels(const std::vector<Tick>& ticks) {
  std::vector<std::string> out;
  for (const Tick& t : ticks) out.push_back(t.label);
  return out;
}

TEST(GuiPlotTicks, NiceStepsAreOneTwoFiveTimesAPowerOfTen) {
  EXPECT_DOUBLE_EQ(niceStep(10.0, 5), 2.0);
  EXPECT_DOUBLE_EQ(niceStep(1.0, 5), 0.2);
  EXPECT_DOUBLE_EQ(niceStep(0.3, 3), 0.1);
  EXPECT_DOUBLE_EQ(niceStep(7.0, 5), 2.0);
  EXPECT_DOUBLE_EQ(niceStep(23.0, 5), 5.0);
  EXPECT_DOUBLE_EQ(niceStep(900.0, 4), 500.0);
  EXPECT_DOUBLE_EQ(niceStep(0.0, 5), 1.0);  // degenerate span: any step will do
}

TEST(GuiPlotTicks, LinearTicksCoverTheRangeAtMultiplesOfTheStep) {
  const auto ticks = linearTicks(0.83, 1.07, 5);
  expectValues(ticks, {0.85, 0.90, 0.95, 1.00, 1.05});
  EXPECT_EQ(labels(ticks), (std::vector<std::string>{"0.85", "0.90", "0.95", "1.00", "1.05"}));
}

TEST(GuiPlotTicks, IntegerAxesNeverGetFractionalTicks) {
  EXPECT_EQ(labels(linearTicks(1.0, 3.0, 8, true)), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(labels(linearTicks(1.0, 30.0, 6, true)), (std::vector<std::string>{"5", "10", "15", "20", "25", "30"}));
}

TEST(GuiPlotTicks, ZeroIsPrintedAsZero) {
  const auto ticks = linearTicks(-0.3, 0.3, 6);
  ASSERT_EQ(ticks.size(), 7u);
  EXPECT_EQ(ticks[3].label, "0.0");
  EXPECT_EQ(ticks[0].label, "-0.3");
}

TEST(GuiPlotTicks, ASinglePointGetsOneTick) {
  const auto ticks = linearTicks(2.5, 2.5, 5);
  ASSERT_EQ(ticks.size(), 1u);
  EXPECT_DOUBLE_EQ(ticks[0].value, 2.5);
}

TEST(GuiPlotTicks, LogTicksUseOneTwoFiveThenDecades) {
  expectValues(log10Ticks(0.1, 1.0, 8), {0.1, 0.2, 0.5, 1.0});
  EXPECT_EQ(labels(log10Ticks(0.1, 1.0, 8)), (std::vector<std::string>{"0.1", "0.2", "0.5", "1"}));
  expectValues(log10Ticks(1e-3, 1e2, 8), {1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0});
  EXPECT_LE(log10Ticks(1e-8, 1e8, 6).size(), 6u);
}

TEST(GuiPlotTicks, NarrowLogRangesFallBackToLinearTicks) {
  const auto ticks = log10Ticks(0.82, 0.95, 6);
  ASSERT_GE(ticks.size(), 2u);
  for (const Tick& t : ticks) {
    EXPECT_GE(t.value, 0.82 - 1e-12);
    EXPECT_LE(t.value, 0.95 + 1e-12);
  }
}

TEST(GuiPlotTicks, Log2TicksArePowersOfTwo) {
  EXPECT_EQ(labels(log2Ticks(1.0, 16.0)), (std::vector<std::string>{"1", "2", "4", "8", "16"}));
  expectValues(log2Ticks(0.9, 5.0), {1.0, 2.0, 4.0});
}

TEST(GuiPlotSmoothing, BiasCorrectionKeepsTheFirstValue) {
  const std::vector<double> y = {4.0, 4.0, 4.0};
  const auto s = smoothEma(y, 0.9);
  // Without the correction the first value would be 0.4: pulled toward the zero start.
  for (double v : s) EXPECT_NEAR(v, 4.0, 1e-12);
}

TEST(GuiPlotSmoothing, MatchesTheHandComputedAverage) {
  const std::vector<double> y = {1.0, 3.0};
  const auto s = smoothEma(y, 0.5);
  // m1 = 0.5, m2 = 0.25 + 1.5 = 1.75; corrections 0.5 and 0.75.
  EXPECT_NEAR(s[0], 1.0, 1e-12);
  EXPECT_NEAR(s[1], 1.75 / 0.75, 1e-12);
}

TEST(GuiPlotSmoothing, ZeroWeightIsTheIdentityAndGapsStayGaps) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> y = {2.0, nan, 5.0};
  const auto same = smoothEma(y, 0.0);
  EXPECT_DOUBLE_EQ(same[0], 2.0);
  EXPECT_TRUE(std::isnan(same[1]));
  EXPECT_DOUBLE_EQ(same[2], 5.0);
  const auto smoothed = smoothEma(y, 0.5);
  EXPECT_TRUE(std::isnan(smoothed[1]));
  // The gap is skipped: m = 0.5·1 + 0.5·5 = 3 after two real values, corrected by 1 − 0.25.
  EXPECT_NEAR(smoothed[2], 3.0 / 0.75, 1e-12);
}

TEST(GuiPlotLookup, NearestPointSkipsMissingValues) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> x = {1, 2, 3, 4};
  const std::vector<double> y = {1, nan, 1, 1};
  EXPECT_EQ(nearestIndex(x, y, 2.1), 2u);
  EXPECT_EQ(nearestIndex(x, y, -5.0), 0u);
  EXPECT_EQ(nearestIndex(x, y, 99.0), 3u);
  EXPECT_EQ(nearestIndex(std::span<const double>(), std::span<const double>(), 1.0), 0u);  // none: the size
}

TEST(GuiPlotCsv, LongFormatWithQuotedLabelsAndEmptyGaps) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> x = {1, 2};
  const std::vector<double> a = {0.5, 0.25};
  const std::vector<double> b = {nan, 1.0 / 3.0};
  const std::vector<CsvSeries> series = {{"train loss", x, a}, {"tensor, z=8 \"best\"", x, b}};
  EXPECT_EQ(csvText(series, "epoch", "loss"),
            "series,epoch,loss\n"
            "train loss,1,0.5\n"
            "train loss,2,0.25\n"
            "\"tensor, z=8 \"\"best\"\"\",1,\n"
            "\"tensor, z=8 \"\"best\"\"\",2,0.3333333333\n");
}

}  // namespace
}  // namespace ll::gui::plot
