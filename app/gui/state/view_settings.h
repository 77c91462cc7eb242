#pragma once
// How the interface looks, as the user left it (View → UI scale). Kept apart from settings.json
// (the Training form) in $XDG_DATA_HOME/latentlens/view.json: {"format_version": 1, "ui_scale": S}.

#include <filesystem>
#include <string>

namespace ll::gui {

struct ViewSettings {
  float uiScale = 0.0f;  ///< 0: auto, the monitor's content scale; else 1, 1.25, 1.5 or 2 (default: 0)
};

/// The View menu's choices, Auto first.
inline constexpr float kUiScaleChoices[] = {0.0f, 1.0f, 1.25f, 1.5f, 2.0f};

/// The scale to draw at: the chosen one, or the monitor's when the choice is Auto.
inline float effectiveUiScale(float choice, float contentScale) { return choice > 0.0f ? choice : contentScale; }

/// Defaults when the file is missing, unreadable or holds a value the menu cannot produce.
ViewSettings loadViewSettings(const std::filesystem::path& file);
/// Atomic; returns an empty string or the reason.
std::string saveViewSettings(const std::filesystem::path& file, const ViewSettings& settings);

}  // namespace ll::gui
