#pragma once
// Errors in a setting (a model's dimension, a learning rate, a split) rather than in a file. Core
// names the setting in its own words ("dimension: expected …"); each front end shows it in its
// own: the CLI as the flag (--dim), the GUI as the field's label (Dimension z).

#include <string>
#include <string_view>

#include "core/data/input_error.h"

namespace ll {

enum class Setting {
  Model,
  ItemInput,
  Activation,
  Dimension,
  Dimensions,
  Models,
  LearningRate,
  Optimizer,
  Schedule,
  Threads,
  Negatives,
  Split,
  ValidationFraction,
  Folds,
  Preset,
  FeatureGroups,
  BurnIn,
};

/// The setting in core's words: "learning rate", "dimension".
std::string_view settingName(Setting setting);

class SettingError : public InputError {
 public:
  SettingError(Setting setting, std::string expected, std::string found)
      : InputError(std::string(settingName(setting)), 0, std::move(expected), std::move(found)), setting_(setting) {}
  Setting setting() const { return setting_; }

  /// The message with the setting named as a front end calls it: "--dim: expected …".
  std::string describeAs(std::string_view frontEndName) const;

 private:
  Setting setting_;
};

}  // namespace ll
