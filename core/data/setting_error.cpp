#include "core/data/setting_error.h"

namespace ll {

std::string_view settingName(Setting setting) {
  switch (setting) {
    case Setting::Model: return "model";
    case Setting::ItemInput: return "item input";
    case Setting::Activation: return "activation";
    case Setting::Dimension: return "dimension";
    case Setting::Dimensions: return "dimensions";
    case Setting::Models: return "models";
    case Setting::LearningRate: return "learning rate";
    case Setting::Optimizer: return "optimizer";
    case Setting::Schedule: return "learning-rate schedule";
    case Setting::Threads: return "threads";
    case Setting::Negatives: return "negatives per positive";
    case Setting::Split: return "split";
    case Setting::ValidationFraction: return "validation fraction";
    case Setting::Folds: return "folds";
    case Setting::Preset: return "preset";
    case Setting::FeatureGroups: return "feature groups";
    case Setting::BurnIn: return "burn-in";
  }
  return "setting";
}

std::string SettingError::describeAs(std::string_view frontEndName) const {
  std::string text = std::string(frontEndName) + ": expected " + expected();
  if (!found().empty()) text += ", found " + found();
  return text;
}

}  // namespace ll
