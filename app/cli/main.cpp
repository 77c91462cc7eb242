// latentlens-cli: the headless face of LatentLens. Every subcommand is a thin layer over core/.
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/config_replay.h"
#include "app/cli/setting_flags.h"
#include "core/data/input_error.h"
#include "core/util/denormals.h"

int main(int argc, char** argv) {
  using namespace ll::cli;
  ll::flushDenormalsToZero();  // before any thread starts: they inherit it
  // Past a file size limit (ulimit -f) a write then fails with EFBIG and is reported like a full
  // disk, with the old file left whole, instead of the process being killed mid-save.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app("LatentLens: learn and explore user and movie embeddings from ratings.", "latentlens-cli");
  app.set_version_flag("--version", std::string("latentlens-cli ") + LATENTLENS_VERSION);
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_flag("--quiet,-q", global.quiet, "No progress output on stderr")->configurable(false);
  app.add_option("--config", "Replay a run: a manifest.json (its configuration) or a JSON object of option → value; "
                             "options given on the command line win")
      ->configurable(false);
  addInfoCommand(app, global);
  addSynthCommand(app, global);
  addTrainCommand(app, global);
  addCvCommand(app, global);
  addSweepCommand(app, global);
  addPdcCommand(app, global);
  addRecommendCommand(app, global);
  addPredictCommand(app, global);
  addNeighboursCommand(app, global);
  addClustersCommand(app, global);
  addFoldInCommand(app, global);
  addProjectCommand(app, global);
  addExportCommand(app, global);
  addPopulationCommand(app, global);
  addTuneCommand(app, global);

  try {
    // --config FILE (a manifest, or a JSON object of option → value) supplies options the
    // command line does not give.
    const std::vector<std::string> arguments = expandConfigArguments(argc, argv);
    std::vector<const char*> pointers;
    for (const auto& a : arguments) pointers.push_back(a.c_str());
    app.parse(static_cast<int>(pointers.size()), pointers.data());
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << "latentlens-cli " << LATENTLENS_VERSION << '\n';
    return 0;
  } catch (const CLI::ParseError& error) {
    std::cerr << "latentlens-cli: " << error.what() << " (see --help)\n";
    return 2;
  } catch (const ll::SettingError& error) {
    std::cerr << "latentlens-cli: " << error.describeAs(settingFlag(error.setting())) << '\n';
    return 2;
  } catch (const ll::InputError& error) {
    std::cerr << "latentlens-cli: " << error.what() << '\n';
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "latentlens-cli: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
