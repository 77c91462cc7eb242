// latentlens: the desktop app. Parses arguments, opens the window, runs the App.
// Exit codes: 0 success, 1 no display or a runtime failure, 2 bad arguments.

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "app/gui/app.h"
#include "app/gui/launch_options.h"
#include "app/gui/platform/window.h"
#include "core/util/denormals.h"

namespace {

/// $XDG_DATA_HOME/latentlens (default ~/.local/share/latentlens), created if needed: the layout
/// (imgui.ini), settings.json and runs.json live there. Empty when there is no home to keep them
/// in, in which case nothing is saved.
std::string dataDirectory() {
  std::filesystem::path dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
    dir = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    dir = std::filesystem::path(home) / ".local" / "share";
  } else {
    return {};
  }
  dir /= "latentlens";
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return {};
  return dir.string();
}

}  // namespace

int main(int argc, char** argv) {
  using ll::gui::ParseOutcome;
  ll::flushDenormalsToZero();  // before any thread starts (training, loaders, the GL driver's): they inherit it
  const std::vector<std::string> args(argv + 1, argv + argc);
  const ParseOutcome parsed = ll::gui::parseLaunchOptions(args);
  if (parsed.action == ParseOutcome::Action::PrintAndExit) {
    std::fputs(parsed.message.c_str(), stdout);
    return 0;
  }
  if (parsed.action == ParseOutcome::Action::UsageError) {
    std::fprintf(stderr, "%s\n", parsed.message.c_str());
    return 2;
  }
  const ll::gui::LaunchOptions& options = parsed.options;

  try {
    ll::gui::Window window({options.width, options.height, "LatentLens"});
    ll::gui::AppConfig config;
    config.dataSpec = options.dataSpec;
    config.frames = options.frames;
    config.screenshotPath = options.screenshotPath;
    config.demo = options.demo;
    config.layout = options.view;
    config.spin = options.spin;
    config.openDialog = options.openDialog;
    config.resultsPath = options.resultsPath;
    config.factorsPath = options.factorsPath;
    config.uiScale = options.uiScale;
    if (!options.model.empty()) config.demoRun.model = ll::parseModelKind(options.model);
    config.demoRun.dim = options.dim;
    config.demoRun.threads = options.threads;
    // Scripted runs neither read nor write the layout, settings or runs, so the same command
    // gives the same picture.
    config.dataDirectory = options.frames > 0 ? std::string() : dataDirectory();
    config.iniPath = config.dataDirectory.empty() ? std::string() : config.dataDirectory + "/imgui.ini";
    ll::gui::App app(window, std::move(config));
    return app.run();
  } catch (const ll::gui::WindowError& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "latentlens: %s\n", error.what());
    return 1;
  }
}
