#include "app/cli/config_replay.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/data/input_error.h"
#include "core/io/atomic_file.h"

namespace ll::cli {
namespace {

bool givenOnCommandLine(const std::vector<std::string>& arguments, const std::string& option) {
  return std::any_of(arguments.begin(), arguments.end(), [&](const std::string& a) {
    return a == option || a.rfind(option + "=", 0) == 0;
  });
}

std::string scalarText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

}  // namespace

std::vector<std::string> expandConfigArguments(int argc, char** argv) {
  std::vector<std::string> arguments(argv, argv + argc);
  std::string file;
  for (size_t k = 1; k < arguments.size(); ++k) {
    if (arguments[k] == "--config" && k + 1 < arguments.size()) {
      file = arguments[k + 1];
      arguments.erase(arguments.begin() + static_cast<std::ptrdiff_t>(k), arguments.begin() + static_cast<std::ptrdiff_t>(k) + 2);
      break;
    }
    if (arguments[k].rfind("--config=", 0) == 0) {
      file = arguments[k].substr(9);
      arguments.erase(arguments.begin() + static_cast<std::ptrdiff_t>(k));
      break;
    }
  }
  if (file.empty()) return arguments;

  nlohmann::json json;
  try {
    json = nlohmann::json::parse(readWholeFile(file));
  } catch (const std::exception& error) {
    throw InputError(file, 0, "a JSON configuration (a manifest.json or an object of option → value)", error.what());
  }
  if (!json.is_object()) throw InputError(file, 0, "a JSON object", json.type_name());
  std::string command;
  nlohmann::json options = json;
  if (json.contains("configuration")) {
    options = json["configuration"];
    if (json.contains("command")) command = json["command"].get<std::string>();
  }
  if (!options.is_object()) throw InputError(file, 0, "\"configuration\" to be an object", options.type_name());

  // The subcommand is the first argument that is not an option; take the manifest's when absent.
  auto subcommand = std::find_if(arguments.begin() + 1, arguments.end(), [](const std::string& a) { return a.rfind("-", 0) != 0; });
  if (subcommand == arguments.end()) {
    if (command.empty()) throw InputError(file, 0, "a command on the command line or in the manifest", "neither");
    subcommand = arguments.insert(arguments.end(), command);
  }
  std::vector<std::string> inserted;
  for (const auto& [key, value] : options.items()) {
    const std::string option = "--" + key;
    if (givenOnCommandLine(arguments, option) || value.is_null()) continue;
    if (value.is_boolean()) {
      if (value.get<bool>()) inserted.push_back(option);
      continue;
    }
    inserted.push_back(option);
    inserted.push_back(scalarText(value));
  }
  arguments.insert(subcommand + 1, inserted.begin(), inserted.end());
  return arguments;
}

}  // namespace ll::cli
