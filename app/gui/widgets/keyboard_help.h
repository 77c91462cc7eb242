#pragma once
// Help → Keyboard (F1): a modal list of every shortcut the app has.

namespace ll::gui::widgets {

/// Builds the popup; opens it when `open` is set (and clears it). Call once per frame.
void keyboardHelp(bool& open, float scale);

}  // namespace ll::gui::widgets
