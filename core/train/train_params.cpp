#include "core/train/train_params.h"

#include <cstdio>
#include <string>

#include "core/data/setting_error.h"

namespace ll {

std::string_view scheduleName(Schedule schedule) { return schedule == Schedule::Adaptive ? "adaptive" : "constant"; }

Schedule parseSchedule(std::string_view name) {
  if (name == "constant") return Schedule::Constant;
  if (name == "adaptive") return Schedule::Adaptive;
  throw SettingError(Setting::Schedule, "constant or adaptive", "\"" + std::string(name) + "\"");
}

std::string describeOptimization(const TrainParams& params) {
  char text[160];
  std::snprintf(text, sizeof text, "%s lr %g batch %d l2 %g ≤%d epochs", std::string(optimizerName(params.optimizer.kind)).c_str(),
                static_cast<double>(params.learningRate), params.batchSize, static_cast<double>(params.optimizer.l2),
                params.epochs);
  return text;
}

}  // namespace ll
