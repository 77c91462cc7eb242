#pragma once
// Command-line arguments of the desktop app. Parsing is separate from main() so the rules
// (defaults, ranges, messages) live in one place and read like the --help text.

#include <string>
#include <vector>

namespace ll::gui {

struct LaunchOptions {
  std::string dataSpec = "synthetic";  ///< --data: folder, file, archive or synthetic[:...] (default: synthetic)
  std::string screenshotPath;          ///< --screenshot: PNG written from the last frame (default: none)
  int frames = 0;                      ///< --frames: render this many frames, then exit (default: 0, interactive)
  int width = 1280;                    ///< --width: window width in screen coordinates (default: 1280)
  int height = 800;                    ///< --height: window height in screen coordinates (default: 800)
  bool demo = false;                   ///< --demo: start training tensor z=8 at once (default: false)
  std::string view = "cockpit";        ///< --view: cockpit, explore, explore-3d, experiments, experiments-fig3 or tune (default: cockpit)
  bool spin = false;                   ///< --spin: orbit the 3D projection every frame (default: false)
  bool openDialog = false;             ///< --open-dialog: show File → Open… at start (default: false)
  std::string resultsPath;             ///< --results: an experiment's results file shown in the Experiments view (default: none)
  std::string factorsPath;             ///< --open-factors: File → Open factors… at start, previewing these (default: none)
  float uiScale = 0.0f;                ///< --ui-scale: 0.5–4, not saved (default: 0, the View menu's / monitor's)
  /// --model: with --demo, the model trained (with its recommended settings) in place of the
  /// layout's; a name parseModelKind accepts (default: empty, the layout's)
  std::string model;
  int dim = 0;      ///< --dim: with --demo, the demo model's z (default: 0, the demo's or the model's)
  int threads = 0;  ///< --threads: with --demo, the run's threads (default: 0, the Training form's)
};

/// What main() should do after parsing.
struct ParseOutcome {
  enum class Action { Run, PrintAndExit, UsageError };
  Action action = Action::Run;
  std::string message;  ///< help/version text, or the usage error (one line)
  LaunchOptions options;
};

ParseOutcome parseLaunchOptions(const std::vector<std::string>& args);

}  // namespace ll::gui
