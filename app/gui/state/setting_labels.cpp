#include "app/gui/state/setting_labels.h"

namespace ll::gui {

std::string_view settingLabel(Setting setting) {
  switch (setting) {
    case Setting::Model: return "Model";
    case Setting::ItemInput: return "Item input";
    case Setting::Activation: return "Activation";
    case Setting::Dimension: return "Dimension z";
    case Setting::Dimensions: return "Dims";
    case Setting::Models: return "Models";
    case Setting::LearningRate: return "Learning rate";
    case Setting::Optimizer: return "Optimizer";
    case Setting::Schedule: return "Schedule";
    case Setting::Threads: return "Threads";
    case Setting::Negatives: return "Negatives";
    case Setting::Split: return "Split";
    case Setting::ValidationFraction: return "Validation";
    case Setting::Folds: return "Folds";
    case Setting::Preset: return "Preset";
    case Setting::FeatureGroups: return "Groups";
    case Setting::BurnIn: return "Burn-in";
  }
  return "Setting";
}

std::string describeForPanel(const std::exception& error) {
  if (const auto* setting = dynamic_cast<const SettingError*>(&error)) {
    return setting->describeAs(settingLabel(setting->setting()));
  }
  return error.what();
}

}  // namespace ll::gui
