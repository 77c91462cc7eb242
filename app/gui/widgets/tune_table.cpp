#include "app/gui/widgets/tune_table.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/gui/render/theme.h"

namespace ll::gui::widgets {
namespace {

enum Column { Trial, Score, LearningRate, L2, Dim, Batch, Rung, Epochs, Status, Columns };  // in display order

// Trials without a score (not yet through a rung, or diverged at once) sort after every score.
bool scoreLess(const TrialRecord& a, const TrialRecord& b) {
  const auto sa = a.score(), sb = b.score();
  if (sa.has_value() != sb.has_value()) return sa.has_value();
  return sa.has_value() && *sa < *sb;
}

bool less(const TrialRecord& a, const TrialRecord& b, int column) {
  switch (column) {
    case Rung: return a.rungs.size() < b.rungs.size();
    case Epochs: return (a.rungs.empty() ? 0 : a.rungs.back().epochs) < (b.rungs.empty() ? 0 : b.rungs.back().epochs);
    case LearningRate: return a.settings.learningRate < b.settings.learningRate;
    case L2: return a.settings.l2 < b.settings.l2;
    case Batch: return a.settings.batchSize < b.settings.batchSize;
    case Dim: return a.settings.dim < b.settings.dim;
    case Score: return scoreLess(a, b);
    case Status: return a.status < b.status;
    default: return a.id < b.id;
  }
}

}  // namespace

bool tuneTable(const TuneResult& result, int32_t& selectedTrial, float height) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("tune-trials", Columns, flags, ImVec2(0.0f, height))) return false;
  ImGui::TableSetupScrollFreeze(1, 1);
  // What decides first (score and settings), then how far the trial got: a narrow panel scrolls
  // sideways to the rest.
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn(result.implicit ? "val. loss" : "val. RMSE", ImGuiTableColumnFlags_DefaultSort);
  ImGui::TableSetupColumn("lr");
  ImGui::TableSetupColumn("λ");
  ImGui::TableSetupColumn("z");
  ImGui::TableSetupColumn("batch");
  ImGui::TableSetupColumn("rung");
  ImGui::TableSetupColumn("epochs");
  ImGui::TableSetupColumn("status");
  ImGui::TableHeadersRow();

  // The order is derived every frame from the sort specs (view state lives in ImGui's table).
  std::vector<size_t> order;
  for (size_t t = 0; t < result.trials.size(); ++t) {
    if (!result.trials[t].rungs.empty()) order.push_back(t);
  }
  int column = Score;
  bool descending = false;
  if (const ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
    column = specs->Specs[0].ColumnIndex;
    descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const TrialRecord& x = result.trials[descending ? b : a];
    const TrialRecord& y = result.trials[descending ? a : b];
    return less(x, y, column) || (!less(y, x, column) && x.id < y.id);
  });

  bool activated = false;
  const ImU32 bestTint = ImGui::GetColorU32(ImVec4(palette::kOk.x, palette::kOk.y, palette::kOk.z, 0.22f));
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(order.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const TrialRecord& t = result.trials[order[static_cast<size_t>(row)]];
      const bool best = result.best && *result.best == order[static_cast<size_t>(row)];
      const RungResult& last = t.rungs.back();
      ImGui::TableNextRow();
      if (best) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, bestTint);
      ImGui::TableNextColumn();
      char id[32];
      std::snprintf(id, sizeof id, "%d##trial", t.id + 1);
      if (ImGui::Selectable(id, selectedTrial == t.id, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
        selectedTrial = t.id;
        activated = activated || ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
      }
      ImGui::TableNextColumn();
      if (last.score && best) {
        ImGui::TextColored(palette::kOk, "%.4f ◆", *last.score);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("the best so far: %s %.6f at epoch %d", result.scoreName.c_str(), *last.score, last.bestEpoch);
      } else if (last.score) {
        ImGui::Text("%.4f", *last.score);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s %.6f at epoch %d", result.scoreName.c_str(), *last.score, last.bestEpoch);
      } else {
        ImGui::TextDisabled("—");
      }
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", static_cast<double>(t.settings.learningRate));
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", static_cast<double>(t.settings.l2));
      ImGui::TableNextColumn();
      if (t.settings.dim > 0) {
        ImGui::Text("%d", t.settings.dim);
      } else {
        ImGui::TextDisabled("—");
      }
      ImGui::TableNextColumn();
      ImGui::Text("%d", t.settings.batchSize);
      ImGui::TableNextColumn();
      ImGui::Text("%zu/%zu", t.rungs.size(), result.rungEpochs.size());
      ImGui::TableNextColumn();
      ImGui::Text("%d", last.epochs);
      ImGui::TableNextColumn();
      const char* status = trialStatusName(t.status).data();
      if (best) {
        ImGui::TextColored(palette::kOk, "◆ %s", status);
      } else if (t.status == TrialStatus::Pruned) {
        ImGui::TextDisabled("%s", status);
      } else {
        ImGui::TextUnformatted(status);
      }
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s%s%s", best ? "the best so far; " : "", status, last.stop.empty() ? "" : (", training ended by " + last.stop).c_str());
      }
    }
  }
  ImGui::EndTable();
  return activated;
}

}  // namespace ll::gui::widgets
