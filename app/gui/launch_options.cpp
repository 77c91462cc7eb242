#include "app/gui/launch_options.h"

#include <charconv>
#include <cstdlib>
#include <optional>

#include "core/data/input_error.h"
#include "core/model/model_config.h"

namespace ll::gui {
namespace {

constexpr const char* kHelp =
    "Usage: latentlens [options]\n"
    "\n"
    "LatentLens: a desktop lab for rating data.\n"
    "\n"
    "Options:\n"
    "  --data SPEC        data set to open: a folder, file or archive in a MovieLens or\n"
    "                     triplet format, or synthetic[:key=value,...] (default: synthetic)\n"
    "  --screenshot FILE  save the last frame as a PNG (written whole, then renamed into place)\n"
    "  --frames N         render N frames, then exit; the count is extended until the data set\n"
    "                     has finished loading (and, with --demo, until 5 epochs are done), so\n"
    "                     scripted screenshots show them (default: 0, run until the window is closed)\n"
    "  --demo             load the data set and start training tensor fusion (z = 8, item input\n"
    "                     both) at once, with every panel open; the settings are not saved\n"
    "  --open-dialog      show File → Open… at start (for screenshots and tests)\n"
    "  --open-factors P   show File → Open factors… at start with P previewed once the data is in\n"
    "  --ui-scale S       draw at scale S (0.5 to 4) instead of the View menu's choice or the\n"
    "                     monitor's (default: the View menu's, Auto: the monitor's)\n"
    "  --view V           first layout: cockpit (data, training, curves), explore (projection,\n"
    "                     neighbours, clusters, fold-in), explore-3d, experiments (sweeps) or\n"
    "                     tune (the cockpit) (default: cockpit); with --demo, explore also selects\n"
    "                     a film, runs k-means and folds in a user, experiments runs a small sweep\n"
    "                     and tune a short tune of mf instead of training (the screenshot waits);\n"
    "                     select: explore, with --demo ending on a lasso selection (isolated);\n"
    "                     umap, tsne, axes, trust: explore, with --demo a UMAP, t-SNE or custom\n"
    "                     axes (Comedy → Drama, Horror → Romance) of the movies by genre, or UMAP\n"
    "                     by trust (after PCA's, to compare); views: a UMAP saved as a view\n"
    "                     and restored; spread: bfm's posterior spread of each film;\n"
    "                     replay: the run's\n"
    "                     epochs replayed, half-way, with the most-rated film's path;\n"
    "                     experiments-fig3 opens the Experiments view on Rendle et al. 2020 Fig. 3\n"
    "                     (an MLP learning a dot product), with --demo a small run of it;\n"
    "                     compare opens Explore with the Compare panel, with --demo after\n"
    "                     training mf at z = 3, 10 and 64 and picking a film and a cluster\n"
    "  --results FILE     open the Experiments view on a results.json or results.csv that\n"
    "                     `latentlens-cli sweep --out` wrote (fig3's included)\n"
    "  --model M          with --demo: train model M (mf, tensor, … as latentlens-cli names them)\n"
    "                     with its recommended settings instead of the layout's model\n"
    "  --dim K            with --demo: the demo model's z (default: the demo's, or M's)\n"
    "  --threads N        with --demo: threads of the run (default: the Training form's)\n"
    "  --spin             orbit the 3D projection every frame; with --demo, pause the run once\n"
    "                     the tour is done and report the mean frame time from then on\n"
    "  --width W          window width (default: 1280)\n"
    "  --height H         window height (default: 800)\n"
    "  --help             show this help and exit\n"
    "  --version          show the version and exit\n"
    "\n"
    "Without a display, run under `xvfb-run -a latentlens --demo --frames 300 --screenshot out.png`,\n"
    "or use latentlens-cli.\n"
    "\n"
    "Exit codes: 0 success, 1 no display or runtime failure, 2 bad arguments.\n";

std::optional<int> parsePositive(const std::string& text, int maxValue) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value <= 0 || value > maxValue) return std::nullopt;
  return value;
}

ParseOutcome usageError(std::string message) {
  ParseOutcome outcome;
  outcome.action = ParseOutcome::Action::UsageError;
  outcome.message = "latentlens: " + std::move(message) + " (see --help)";
  return outcome;
}

}  // namespace

ParseOutcome parseLaunchOptions(const std::vector<std::string>& args) {
  ParseOutcome outcome;
  LaunchOptions& options = outcome.options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> inlineValue;
    // Accept both "--frames 60" and "--frames=60".
    if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (name == "--help" || name == "-h") {
      outcome.action = ParseOutcome::Action::PrintAndExit;
      outcome.message = kHelp;
      return outcome;
    }
    if (name == "--version") {
      outcome.action = ParseOutcome::Action::PrintAndExit;
      outcome.message = std::string("latentlens ") + LATENTLENS_VERSION + "\n";
      return outcome;
    }
    if (name == "--demo" && !inlineValue) {
      options.demo = true;
      continue;
    }
    if (name == "--spin" && !inlineValue) {
      options.spin = true;
      continue;
    }
    if (name == "--open-dialog" && !inlineValue) {
      options.openDialog = true;
      continue;
    }
    const bool takesValue =
        name == "--data" || name == "--screenshot" || name == "--frames" || name == "--width" || name == "--height" ||
        name == "--ui-scale" || name == "--view" || name == "--results" || name == "--open-factors" ||
        name == "--model" || name == "--dim" || name == "--threads";
    if (!takesValue) return usageError("unknown argument '" + args[i] + "'");

    std::string value;
    if (inlineValue) {
      value = *inlineValue;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return usageError(name + " needs a value");
    }
    if (value.empty()) return usageError(name + " needs a non-empty value");

    if (name == "--data") {
      options.dataSpec = value;
    } else if (name == "--screenshot") {
      options.screenshotPath = value;
    } else if (name == "--view") {
      if (value != "cockpit" && value != "explore" && value != "explore-3d" && value != "compare" && value != "select" &&
          value != "umap" && value != "tsne" && value != "axes" && value != "views" && value != "spread" && value != "trust" && value != "replay" && value != "experiments" && value != "experiments-fig3" && value != "tune") {
        return usageError("--view expects cockpit, explore, explore-3d, compare, select, umap, tsne, axes, trust, replay, views, spread, experiments, experiments-fig3 or "
                          "tune, got '" +
                          value + "'");
      }
      options.view = value;
    } else if (name == "--results") {
      options.resultsPath = value;
    } else if (name == "--open-factors") {
      options.factorsPath = value;
    } else if (name == "--ui-scale") {
      char* end = nullptr;
      const float scale = std::strtof(value.c_str(), &end);
      if (end != value.c_str() + value.size() || !(scale >= 0.5f && scale <= 4.0f)) {
        return usageError("--ui-scale expects a number from 0.5 to 4, got '" + value + "'");
      }
      options.uiScale = scale;
    } else if (name == "--model") {
      try {
        parseModelKind(value);
      } catch (const InputError& error) {
        return usageError("--model expects " + error.expected() + ", got '" + value + "'");
      }
      options.model = value;
    } else if (name == "--dim") {
      auto n = parsePositive(value, 4096);
      if (!n) return usageError("--dim expects a whole number from 1 to 4096, got '" + value + "'");
      options.dim = *n;
    } else if (name == "--threads") {
      auto n = parsePositive(value, 256);
      if (!n) return usageError("--threads expects a whole number from 1 to 256, got '" + value + "'");
      options.threads = *n;
    } else if (name == "--frames") {
      auto n = parsePositive(value, 1'000'000);
      if (!n) return usageError("--frames expects a whole number from 1 to 1000000, got '" + value + "'");
      options.frames = *n;
    } else {
      // Widths past 16384 exceed what GL implementations promise for a framebuffer.
      auto n = parsePositive(value, 16384);
      if (!n || *n < 320) return usageError(name + " expects a whole number from 320 to 16384, got '" + value + "'");
      (name == "--width" ? options.width : options.height) = *n;
    }
  }
  if (!options.demo && (!options.model.empty() || options.dim > 0 || options.threads > 0)) {
    return usageError("--model, --dim and --threads choose the demo's run: they need --demo");
  }
  if (!options.screenshotPath.empty() && options.frames == 0) {
    // A screenshot needs a last frame; a short default keeps `--screenshot x.png` alone useful.
    options.frames = 60;
  }
  return outcome;
}

}  // namespace ll::gui
