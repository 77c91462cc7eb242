#pragma once
// Paths typed into the UI: "~/x" means $HOME/x, as in a shell.

#include <filesystem>
#include <string>

namespace ll::gui {

/// "~/x" → $HOME/x; other paths (and "~/x" without HOME) as they are.
std::filesystem::path expandHome(const std::string& path);

}  // namespace ll::gui
