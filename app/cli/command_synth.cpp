// `synth`: writes the synthetic world as an ml-100k or ml-latest folder.
#include <iostream>

#include "app/cli/commands.h"
#include "core/data/input_error.h"
#include "core/io/publish_folder.h"
#include "core/synth/synthetic_world.h"

namespace ll::cli {
namespace {

struct SynthOptions {
  std::string out;
  std::string format = "ml-100k";
  std::string realism = "default";
  std::optional<int64_t> users, movies, ratings;
  uint64_t seed = SyntheticParams{}.seed;
  bool json = false;
};

std::string specOf(const SynthOptions& o) {
  std::string spec = "synthetic:seed=" + std::to_string(o.seed);
  if (o.users) spec += ",users=" + std::to_string(*o.users);
  if (o.movies) spec += ",movies=" + std::to_string(*o.movies);
  if (o.ratings) spec += ",ratings=" + std::to_string(*o.ratings);
  spec += ",realism=" + o.realism;
  return spec;
}

}  // namespace

void addSynthCommand(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<SynthOptions>();
  CLI::App* command = app.add_subcommand("synth", "Write the synthetic world as an ml-100k or ml-latest folder");
  command->add_option("--out", options->out, "Folder to write (created if missing; an existing one must be empty or hold this same world)")->required();
  command->add_option("--format", options->format, "ml-100k (integer ratings, folds u1..u5, ua, ub) or ml-latest (half stars, genome)")
      ->check(CLI::IsMember({"ml-100k", "ml-latest"}))
      ->capture_default_str();
  command->add_option("--users", options->users, "Number of users (default 943, or scaled from --ratings)");
  command->add_option("--movies", options->movies, "Number of movies (default 1682, or scaled from --ratings)");
  command->add_option("--ratings", options->ratings, "Number of ratings (default 100000)");
  command->add_option("--seed", options->seed, "Seed of the world")->capture_default_str();
  command->add_option("--realism", options->realism,
                      "default (the built-in world) or ml100k (calibrated to real MovieLens 100K's statistics and model "
                      "errors; whole stars, so --format ml-100k)")
      ->check(CLI::IsMember({"default", "ml100k"}))
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print what was written as JSON");
  command->callback([options, &global] {
    SyntheticParams params = parseSyntheticSpec(specOf(*options));
    const std::filesystem::path dir = options->out;
    // Before minutes of generation: the folder that will hold it must be writable.
    createOutputFolder(std::filesystem::absolute(dir).lexically_normal().parent_path());
    params.halfStars = options->format == "ml-latest";
    if (!global.quiet && !options->json) std::cerr << "generating " << params.ratings << " ratings...\n";
    const SyntheticWorld world = generateSyntheticWorld(params);
    nlohmann::json configuration = {{"format", options->format}, {"seed", params.seed}, {"users", params.users},
                                    {"movies", params.movies}, {"ratings", params.ratings}};
    // Only when set, so a default world's folder keeps the stamp older versions wrote.
    if (params.realism != SyntheticRealism::Default) configuration["realism"] = options->realism;
    // Another run may be writing the same folder: it lands whole, and one that holds this same
    // world already (the configuration and the data's checksum agree) is as good as ours.
    const std::string stamp = "synth " + configuration.dump() + " data " + checksumHex(world.dataset.checksum()) + "\n";
    const Publication publication = publishFolder(dir, stamp, [&](const std::filesystem::path& staging) {
      if (options->format == "ml-100k") {
        writeMl100kFolder(world, staging);
      } else {
        writeMlLatestFolder(world, staging);
      }
      writeManifest(staging, "synth", configuration, &world.dataset);
    });
    if (options->json) {
      printJson({{"out", dir.string()}, {"format", options->format}, {"users", world.dataset.ratings.userCount},
                 {"items", world.dataset.ratings.itemCount}, {"ratings", world.dataset.ratings.size()},
                 {"noise_floor_rmse", world.noiseFloorRmse}});
    } else {
      const bool ours = publication == Publication::Published;
      std::cout << (ours ? "wrote " : "") << options->format << " folder " << dir.string()
                << (ours ? ": " : " holds this world already: ") << world.dataset.ratings.userCount << " users, "
                << world.dataset.ratings.itemCount << " movies, " << world.dataset.ratings.size() << " ratings\n";
    }
  });
}

}  // namespace ll::cli
