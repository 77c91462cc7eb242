#pragma once
// The Data panel's split choice as a form (a kind and its numbers) and its --split text, both
// ways. The text (TrainingSettings::split) is what the App keeps and the Training panel starts
// from; the form is derived from it every frame, so the two can never disagree. Header-only and
// free of ImGui for the unit tests; parsing is the core's (parseSplitSpec), so the GUI accepts
// exactly what the CLI accepts.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/split.h"

namespace ll::gui {

struct SplitForm {
  enum class Kind { Default, Official, Ua, Ub, KFold, Random, Users, Last };
  Kind kind = Kind::Default;  ///< Default: the data set's own default (official:1 or random:0.2)
  int32_t officialFold = 1;   ///< K of official:K, 1..5 (default: 1)
  int32_t folds = 5;          ///< K of kfold:K:I, ≥ 2 (default: 5)
  int32_t fold = 1;           ///< I of kfold:K:I, 1..K (default: 1)
  double fraction = 0.2;      ///< F of random:F and users:F, in (0, 1) (default: 0.2)
};

/// The combo's order and labels.
inline constexpr std::array kSplitKinds = {SplitForm::Kind::Default, SplitForm::Kind::Official, SplitForm::Kind::Ua,
                                           SplitForm::Kind::Ub,      SplitForm::Kind::KFold,    SplitForm::Kind::Random,
                                           SplitForm::Kind::Users,   SplitForm::Kind::Last};

inline const char* splitKindLabel(SplitForm::Kind kind) {
  switch (kind) {
    case SplitForm::Kind::Default: return "data set default";
    case SplitForm::Kind::Official: return "official:K";
    case SplitForm::Kind::Ua: return "ua";
    case SplitForm::Kind::Ub: return "ub";
    case SplitForm::Kind::KFold: return "kfold:K:I";
    case SplitForm::Kind::Random: return "random:F";
    case SplitForm::Kind::Users: return "users:F";
    case SplitForm::Kind::Last: return "last";
  }
  return "";
}

/// Keeps the numbers inside what the core accepts, so the text always parses.
inline SplitForm clampedSplitForm(SplitForm form) {
  form.officialFold = std::clamp(form.officialFold, 1, 99);
  form.folds = std::clamp(form.folds, 2, 1000);
  form.fold = std::clamp(form.fold, 1, form.folds);
  form.fraction = std::clamp(form.fraction, 0.001, 0.999);
  return form;
}

/// The --split text; empty for Default (TrainingSettings::split's "use the data set's default").
inline std::string splitText(const SplitForm& input) {
  const SplitForm form = clampedSplitForm(input);
  SplitSpec spec;
  switch (form.kind) {
    case SplitForm::Kind::Default: return {};
    case SplitForm::Kind::Official:
      spec.kind = SplitSpec::Kind::Official;
      spec.officialName = "u" + std::to_string(form.officialFold);
      break;
    case SplitForm::Kind::Ua: return "ua";
    case SplitForm::Kind::Ub: return "ub";
    case SplitForm::Kind::KFold:
      spec.kind = SplitSpec::Kind::KFold;
      spec.folds = form.folds;
      spec.fold = form.fold;
      break;
    case SplitForm::Kind::Random:
    case SplitForm::Kind::Users:
      spec.kind = form.kind == SplitForm::Kind::Random ? SplitSpec::Kind::Random : SplitSpec::Kind::Users;
      spec.fraction = form.fraction;
      break;
    case SplitForm::Kind::Last: return "last";
  }
  return spec.text();
}

/// The form for a --split text; Default for empty text, nullopt when the text does not parse
/// (a hand-edited settings.json): the panel then shows the text and its error instead.
inline std::optional<SplitForm> splitFormFromText(std::string_view text) {
  SplitForm form;
  if (text.empty()) return form;
  SplitSpec spec;
  try {
    spec = parseSplitSpec(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  switch (spec.kind) {
    case SplitSpec::Kind::Official:
      if (spec.officialName == "ua" || spec.officialName == "ub") {
        form.kind = spec.officialName == "ua" ? SplitForm::Kind::Ua : SplitForm::Kind::Ub;
      } else {
        form.kind = SplitForm::Kind::Official;
        form.officialFold = std::stoi(spec.officialName.substr(1));
      }
      break;
    case SplitSpec::Kind::KFold:
      form.kind = SplitForm::Kind::KFold;
      form.folds = spec.folds;
      form.fold = spec.fold;
      break;
    case SplitSpec::Kind::Random: form.kind = SplitForm::Kind::Random; form.fraction = spec.fraction; break;
    case SplitSpec::Kind::Users: form.kind = SplitForm::Kind::Users; form.fraction = spec.fraction; break;
    case SplitSpec::Kind::Last: form.kind = SplitForm::Kind::Last; break;
  }
  return form;
}

/// Why a data set cannot be split this way ("no official folds", …); empty when it can. The
/// Data panel greys such kinds out, and the App resets a loaded split to Default when a newly
/// opened data set cannot make it. officialSets: DatasetSummary::officialTestSets ("u1", "ua", …).
inline std::string splitUnavailableReason(const SplitForm& form, const std::vector<std::string>& officialSets,
                                          bool hasTimestamps) {
  const auto has = [&](const std::string& name) {
    return std::find(officialSets.begin(), officialSets.end(), name) != officialSets.end();
  };
  switch (form.kind) {
    case SplitForm::Kind::Official:
      if (officialSets.empty()) return "this data set has no official folds";
      if (!has("u" + std::to_string(form.officialFold))) return "this data set has no fold u" + std::to_string(form.officialFold);
      return {};
    case SplitForm::Kind::Ua: return has("ua") ? std::string() : "this data set has no ua split";
    case SplitForm::Kind::Ub: return has("ub") ? std::string() : "this data set has no ub split";
    case SplitForm::Kind::Last: return hasTimestamps ? std::string() : "last needs timestamps, which this data set lacks";
    default: return {};
  }
}

}  // namespace ll::gui
