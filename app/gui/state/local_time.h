#pragma once
// The wall-clock time as the GUI's lists show it ("2026-12-04 19:09", local time).

#include <string>

namespace ll::gui {

std::string localTimeNow();

}  // namespace ll::gui
