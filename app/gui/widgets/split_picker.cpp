#include "app/gui/widgets/split_picker.h"

#include <imgui.h>

#include <algorithm>
#include <optional>

#include "app/gui/render/theme.h"
#include "app/gui/state/split_form.h"

namespace ll::gui::widgets {
namespace {

const char* splitKindHelp(SplitForm::Kind kind) {
  switch (kind) {
    case SplitForm::Kind::Default: return "official:1 when the data set has the official folds, else random:0.2";
    case SplitForm::Kind::Official: return "The ml-100k test fold uK (u1.test … u5.test)";
    case SplitForm::Kind::Ua: return "The ml-100k ua split: 10 test ratings per user";
    case SplitForm::Kind::Ub: return "The ml-100k ub split: 10 test ratings per user";
    case SplitForm::Kind::KFold: return "Fold I of K seeded folds of the ratings";
    case SplitForm::Kind::Random: return "A seeded fraction F of the ratings is the test set";
    case SplitForm::Kind::Users: return "A seeded fraction F of the users is held out whole (fold-in)";
    case SplitForm::Kind::Last: return "Each user's latest rating is the test set (leave-last-out)";
  }
  return "";
}

/// A small labelled integer field on the current line.
bool intField(const char* label, const char* id, int32_t& value, float width) {
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  return ImGui::InputInt(id, &value, 1, 1);
}

}  // namespace

bool splitPicker(const char* id, std::string& split, const DatasetSummary& summary, float scale) {
  ImGui::PushID(id);
  const std::optional<SplitForm> parsed = splitFormFromText(split);
  if (!parsed) {
    ImGui::TextColored(palette::kError, "The split \"%s\" does not parse.", split.c_str());
    const bool reset = ImGui::Button("Use the data set's default");
    if (reset) split.clear();
    ImGui::PopID();
    return reset;
  }
  SplitForm form = *parsed;
  const auto reasonFor = [&](const SplitForm& candidate) {
    return splitUnavailableReason(candidate, summary.officialTestSets, summary.hasTimestamps);
  };

  ImGui::SetNextItemWidth(150.0f * scale);
  if (ImGui::BeginCombo("##kind", splitKindLabel(form.kind))) {
    for (SplitForm::Kind kind : kSplitKinds) {
      SplitForm candidate = form;
      candidate.kind = kind;
      const std::string reason = reasonFor(candidate.kind == SplitForm::Kind::Official
                                               ? SplitForm{SplitForm::Kind::Official, 1}
                                               : candidate);
      ImGui::BeginDisabled(!reason.empty());
      if (ImGui::Selectable(splitKindLabel(kind), kind == form.kind)) form.kind = kind;
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("%s", reason.empty() ? splitKindHelp(kind) : reason.c_str());
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", splitKindHelp(form.kind));

  const float numberWidth = 90.0f * scale;
  switch (form.kind) {
    case SplitForm::Kind::Official: {
      // Only the folds the data set has: u1 … u5 in ml-100k.
      int32_t folds = 0;
      while (std::find(summary.officialTestSets.begin(), summary.officialTestSets.end(),
                       "u" + std::to_string(folds + 1)) != summary.officialTestSets.end()) {
        ++folds;
      }
      intField("K", "##official", form.officialFold, numberWidth);
      form.officialFold = std::clamp(form.officialFold, 1, std::max(folds, 1));
      break;
    }
    case SplitForm::Kind::KFold:
      intField("K", "##folds", form.folds, numberWidth);
      form.folds = std::clamp(form.folds, 2, 100);
      intField("I", "##fold", form.fold, numberWidth);
      break;
    case SplitForm::Kind::Random:
    case SplitForm::Kind::Users: {
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("F");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(numberWidth);
      ImGui::InputDouble("##fraction", &form.fraction, 0.05, 0.1, "%.3g");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Test fraction, strictly between 0 and 1");
      break;
    }
    default: break;
  }

  const std::string text = splitText(form);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  const std::string reason = reasonFor(form);
  if (!reason.empty()) {
    ImGui::TextColored(palette::kWarning, "%s", reason.c_str());
  } else if (form.kind == SplitForm::Kind::Default) {
    const bool hasU1 = std::find(summary.officialTestSets.begin(), summary.officialTestSets.end(), "u1") !=
                       summary.officialTestSets.end();
    ImGui::TextDisabled("→ %s", hasU1 ? "official:1" : "random:0.2");
  } else {
    ImGui::TextDisabled("→ %s", text.c_str());
  }
  ImGui::PopID();
  if (text == split) return false;
  split = text;
  return true;
}

}  // namespace ll::gui::widgets
