#include "app/gui/state/view_settings.h"

#include <nlohmann/json.hpp>

#include <system_error>

#include "core/io/atomic_file.h"

namespace ll::gui {
namespace {

constexpr int kViewFormatVersion = 1;

bool isMenuChoice(float scale) {
  for (float choice : kUiScaleChoices) {
    if (scale == choice) return true;
  }
  return false;
}

}  // namespace

ViewSettings loadViewSettings(const std::filesystem::path& file) {
  ViewSettings settings;
  std::error_code error;
  if (file.empty() || !std::filesystem::exists(file, error)) return settings;
  try {
    const nlohmann::json json = nlohmann::json::parse(readWholeFile(file));
    const float scale = json.value("ui_scale", 0.0f);
    if (isMenuChoice(scale)) settings.uiScale = scale;
  } catch (const std::exception&) {
    // a damaged file only costs the user their scale choice
  }
  return settings;
}

std::string saveViewSettings(const std::filesystem::path& file, const ViewSettings& settings) {
  if (file.empty()) return {};
  try {
    const nlohmann::json json = {{"format_version", kViewFormatVersion}, {"ui_scale", settings.uiScale}};
    writeFileAtomically(file, json.dump(2) + "\n");
    return {};
  } catch (const std::exception& problem) {
    return problem.what();
  }
}

}  // namespace ll::gui
