#include "app/gui/widgets/experiment_table.h"

#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "app/gui/render/palettes.h"
#include "app/gui/render/theme.h"
#include "app/gui/widgets/number_format.h"

namespace ll::gui::widgets {
namespace {

void meanSdCell(const MeanSd& value, const char* format) {
  ImGui::TableNextColumn();
  if (!value.defined()) {
    ImGui::TextDisabled("—");
    return;
  }
  char text[64];
  std::snprintf(text, sizeof text, format, value.mean, value.sd);
  ImGui::TextUnformatted(text);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("mean %.6f, sd %.6f over %d folds", value.mean, value.sd, value.count);
}

/// What the rows were compared on, in words ("RMSE", "HR@10").
struct Comparison {
  const ExperimentResults& results;
  const ResultRow* best = nullptr;
  bool onRmse() const { return results.comparedOn == "rmse"; }
  std::string metric() const { return onRmse() ? "RMSE" : "HR@" + std::to_string(results.rankingCutoff); }
  std::string userError() const { return onRmse() ? "test MSE" : "HR@" + std::to_string(results.rankingCutoff); }
};

void intervalCell(const std::optional<BootstrapInterval>& interval, const char* metric, const ExperimentResults& results) {
  ImGui::TableNextColumn();
  if (!interval) {
    ImGui::TextDisabled("—");
    return;
  }
  ImGui::Text("[%.4f, %.4f]", interval->low, interval->high);
  if (ImGui::IsItemHovered()) {
    const BootstrapParams& p = results.significance.bootstrap;
    ImGui::SetTooltip("%s of all the folds' test ratings pooled: %.4f\n%.0f %% percentile bootstrap interval over users\n"
                      "(%d resamples of the users, seed %llu)",
                      metric, interval->estimate, 100.0 * p.level, p.resamples, static_cast<unsigned long long>(p.seed));
  }
}

std::string pText(double p) {
  if (p < 0.001) return "<0.001";
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", p);
  return text;
}

/// A test's p-value cell: "best" on the best row, "n/a" where the test was not made, ≈ after the
/// deciding test's p when it does not tell the row apart from the best.
template <class Test>
void pCell(const ResultRow& row, const std::optional<Test>& test, bool decides, const Comparison& c, const std::string& details) {
  ImGui::TableNextColumn();
  const RowSignificance& s = row.significance;
  if (s.best) {
    ImGui::TextColored(palette::kOk, "best");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The row with the %s mean test %s: the others are tested against it",
                                                  c.onRmse() ? "lowest" : "highest", c.metric().c_str());
    return;
  }
  if (!test) {
    ImGui::TextDisabled("n/a");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", details.c_str());
    return;
  }
  const bool same = decides && s.indistinguishableFromBest(c.results.significance.alpha);
  const std::string text = pText(test->pValue) + (same ? " ≈" : "");
  if (same) {
    ImGui::TextColored(palette::kOk, "%s", text.c_str());
  } else {
    ImGui::TextUnformatted(text.c_str());
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s%s", details.c_str(),
                      !decides  ? ""
                      : same    ? "\nnot distinguishable from the best row at this level"
                                : "\ndistinguishable from the best row at this level");
  }
}

std::string tTestDetails(const RowSignificance& s, const Comparison& c) {
  if (!s.tTest) return "No t-test: a single split has no folds to vary over (the Wilcoxon test decides)";
  const CorrectedTTest& t = *s.tTest;
  char text[512];
  std::snprintf(text, sizeof text,
                "Corrected resampled t-test (Nadeau & Bengio 2003) over %d folds, against %s\n"
                "mean %s difference %+.5f (sd %.5f), n_test/n_train %.3f\n"
                "t = %.3f, %d degrees of freedom, two-sided p = %.4g (alpha %.2g)",
                t.folds, rowName(*c.best).c_str(), c.metric().c_str(), t.meanDifference, t.sdDifference, t.testTrainRatio, t.t,
                t.degreesOfFreedom, t.pValue, c.results.significance.alpha);
  return text;
}

std::string wilcoxonDetails(const RowSignificance& s, const Comparison& c) {
  if (!s.wilcoxon) return "No Wilcoxon test: the two rows did not finish the same folds";
  const SignedRankTest& w = *s.wilcoxon;
  char text[512];
  std::snprintf(text, sizeof text,
                "Wilcoxon signed-rank test over %lld users' pooled %s, against %s\n"
                "%lld users with equal errors dropped; W+ = %.1f, z = %.3f\n"
                "two-sided p = %.4g (%s)",
                static_cast<long long>(w.pairs), c.userError().c_str(), rowName(*c.best).c_str(), static_cast<long long>(w.zeros),
                w.statistic, w.z, w.pValue, w.exact ? "exact" : "normal approximation, tie and continuity corrected");
  return text;
}

}  // namespace

ImU32 modelColour(ModelKind kind) { return categoryColour(static_cast<int>(kind) % kCategoryColours); }

std::string rowName(const ResultRow& row) {
  std::string name(modelKindName(row.model));
  return row.dim > 0 ? name + " z=" + std::to_string(row.dim) : name;
}

void experimentTable(const ExperimentResults& results, float height) {
  bool rates = false, ranks = false;
  for (const ResultRow& r : results.rows) {
    rates = rates || r.rmse.defined();
    ranks = ranks || r.hitRate.defined();
  }
  Comparison comparison{results};
  for (const ResultRow& r : results.rows) {
    if (r.significance.best) comparison.best = &r;
  }
  const bool compared = comparison.best != nullptr;
  const std::string at = "@" + std::to_string(results.rankingCutoff);
  // Widths from the widest text each column can hold (mean ± sd cells are all alike).
  const float ratingWidth = ImGui::CalcTextSize("0.0000 ± 0.0000").x;
  const float shortWidth = ImGui::CalcTextSize("-0.000 ± 0.000").x;
  const float intervalWidth = ImGui::CalcTextSize("[0.0000, 0.0000]").x;
  const float pWidth = ImGui::CalcTextSize("p Wilcoxon").x;
  std::vector<std::pair<std::string, float>> columns = {
      {"model", ImGui::CalcTextSize("● user-bias").x}, {"z", ImGui::CalcTextSize("64 *").x}, {"folds", ImGui::CalcTextSize("folds").x}};
  if (rates) {
    columns.insert(columns.end(), {{"MAE", ratingWidth}, {"RMSE", ratingWidth}, {"MSE", ratingWidth},
                                   {"P@10%", shortWidth}, {"P@25%", shortWidth}});
  }
  if (ranks) columns.insert(columns.end(), {{"HR" + at, shortWidth}, {"NDCG" + at, shortWidth}});
  if (compared) {
    if (rates) columns.push_back({"RMSE 95% CI", intervalWidth});
    if (ranks) columns.push_back({"HR" + at + " 95% CI", intervalWidth});
    columns.insert(columns.end(), {{"p t-test", pWidth}, {"p Wilcoxon", pWidth}});
  }
  if (rates) {
    for (int32_t t : results.pdcThresholds) columns.push_back({"PDC@" + std::to_string(t), shortWidth});
  }
  columns.insert(columns.end(), {{"params", ImGui::CalcTextSize("134,616").x},
                                 {"s/epoch", ImGui::CalcTextSize("s/epoch").x},
                                 {"epochs", ImGui::CalcTextSize("epochs").x}});
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
  const float legendHeight = compared ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
  if (ImGui::BeginTable("##experimentResults", static_cast<int>(columns.size()), flags, ImVec2(0.0f, height - legendHeight))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    for (const auto& [name, width] : columns) ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_WidthFixed, width);
    // The header row by hand, so the precision columns can say what they measure.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (size_t c = 0; c < columns.size(); ++c) {
      ImGui::TableSetColumnIndex(static_cast<int>(c));
      ImGui::TableHeader(columns[c].first.c_str());
      if (columns[c].first.starts_with("P@") && ImGui::IsItemHovered()) {
        const std::string share = columns[c].first.substr(2);
        ImGui::SetTooltip("The NRP paper's precision: of each user's top %s of test ratings by the model, the share\n"
                          "also in their top %s by rating (ties at the cut shared out); mean over users,\n"
                          "then mean ± sd over the folds",
                          share.c_str(), share.c_str());
      }
    }
    const ImU32 tint = ImGui::GetColorU32(ImVec4(palette::kOk.x, palette::kOk.y, palette::kOk.z, 0.10f));
    for (const ResultRow& r : results.rows) {
      ImGui::TableNextRow();
      const RowSignificance& s = r.significance;
      // The best row and those the tests cannot tell from it: the group a reader should look at.
      if (s.best || s.indistinguishableFromBest(results.significance.alpha)) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, tint);
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(modelColour(r.model)), "●");
      ImGui::SameLine();
      ImGui::TextUnformatted(std::string(modelKindName(r.model)).c_str());
      ImGui::TableNextColumn();
      if (r.dim > 0) {
        ImGui::Text("%d%s", r.dim, r.bestOnValidation ? " *" : "");
        if (r.bestOnValidation && ImGui::IsItemHovered()) {
          ImGui::SetTooltip("The z with the best mean validation score of this model\n(chosen on validation ratings, never on test)");
        }
      } else {
        ImGui::TextDisabled("–");
      }
      ImGui::TableNextColumn();
      ImGui::Text("%d", r.folds);
      if (rates) {
        meanSdCell(r.mae, "%.4f ± %.4f");
        meanSdCell(r.rmse, "%.4f ± %.4f");
        meanSdCell(r.mse, "%.4f ± %.4f");
        meanSdCell(r.precisionTop10, "%.3f ± %.3f");
        meanSdCell(r.precisionTop25, "%.3f ± %.3f");
      }
      if (ranks) {
        meanSdCell(r.hitRate, "%.3f ± %.3f");
        meanSdCell(r.ndcg, "%.3f ± %.3f");
      }
      if (compared) {
        if (rates) intervalCell(s.rmse, "RMSE", results);
        if (ranks) intervalCell(s.hitRate, ("HR" + at).c_str(), results);
        pCell(r, s.tTest, s.tTest.has_value(), comparison, tTestDetails(s, comparison));
        pCell(r, s.wilcoxon, !s.tTest.has_value(), comparison, wilcoxonDetails(s, comparison));
      }
      if (rates) {
        for (int32_t t : results.pdcThresholds) meanSdCell(r.pdc.contains(t) ? r.pdc.at(t) : MeanSd{}, "%.3f ± %.3f");
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(groupedNumber(r.params).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.3f", r.secondsPerEpoch.mean);
      ImGui::TableNextColumn();
      ImGui::Text("%.1f", r.epochs.mean);
    }
    ImGui::EndTable();
  }
  if (compared) {
    ImGui::TextDisabled("p: two-sided, against the best row (%s mean test %s; folds: corrected t-test, users: Wilcoxon) · "
                        "≈ not distinguishable from it at %.2g · CI: %.0f %% bootstrap over users",
                        comparison.onRmse() ? "lowest" : "highest", comparison.metric().c_str(), results.significance.alpha,
                        100.0 * results.significance.bootstrap.level);
  }
}

}  // namespace ll::gui::widgets
