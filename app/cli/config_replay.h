#pragma once
// `--config FILE`: replays a run. FILE is a manifest.json written by a command (its
// "configuration" object is used, and its "command" when none is given) or a plain JSON object
// mapping long option names to values. Options already on the command line are kept as given.

#include <string>
#include <vector>

namespace ll::cli {

/// argv with the config's options inserted after the subcommand; throws InputError when the file
/// is unreadable or not such JSON.
std::vector<std::string> expandConfigArguments(int argc, char** argv);

}  // namespace ll::cli
