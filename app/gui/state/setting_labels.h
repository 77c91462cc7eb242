#pragma once
// How the GUI names core's settings: errors that core reports about a setting ("dimension:
// expected …") are shown with the label of the field the user edits ("Dimension z: expected …").

#include <exception>
#include <string>
#include <string_view>

#include "core/data/setting_error.h"

namespace ll::gui {

/// The field's label in the Training panel or the Experiments form.
std::string_view settingLabel(Setting setting);

/// An error's text for a panel: a SettingError names the field by its label; anything else is
/// shown as it is.
std::string describeForPanel(const std::exception& error);

}  // namespace ll::gui
