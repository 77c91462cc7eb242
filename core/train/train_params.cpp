#include "core/train/train_params.h"

#include <string>

#include "core/data/input_error.h"

namespace ll {

std::string_view scheduleName(Schedule schedule) { return schedule == Schedule::Adaptive ? "adaptive" : "constant"; }

Schedule parseSchedule(std::string_view name) {
  if (name == "constant") return Schedule::Constant;
  if (name == "adaptive") return Schedule::Adaptive;
  throw InputError("--schedule", 0, "constant or adaptive", "\"" + std::string(name) + "\"");
}

}  // namespace ll
