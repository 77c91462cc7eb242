#include "app/cli/setting_flags.h"

namespace ll::cli {

std::string_view settingFlag(Setting setting) {
  switch (setting) {
    case Setting::Model: return "--model";
    case Setting::ItemInput: return "--item-input";
    case Setting::Activation: return "--activation";
    case Setting::Dimension: return "--dim";
    case Setting::Dimensions: return "--dims";
    case Setting::Models: return "--models";
    case Setting::LearningRate: return "--lr";
    case Setting::Optimizer: return "--optimizer";
    case Setting::Schedule: return "--schedule";
    case Setting::Threads: return "--threads";
    case Setting::Negatives: return "--negatives";
    case Setting::Split: return "--split";
    case Setting::ValidationFraction: return "--validation";
    case Setting::Folds: return "--folds";
    case Setting::Preset: return "--preset";
    case Setting::FeatureGroups: return "--groups";
    case Setting::BurnIn: return "--burn-in";
  }
  return "--?";
}

}  // namespace ll::cli
