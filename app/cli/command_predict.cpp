// `predict`: the model's scores for a file of (user, movie) raw-id pairs, one per line, separated
// by tabs, commas or spaces. Further columns (a rating, a timestamp) are ignored, so a ratings
// file can be scored as it is; blank lines, lines starting with '#' and a "user…" header line are
// skipped. For bfm each score comes with its posterior sd (the sd over the kept draws' predictions).
#include <cctype>
#include <cstdio>
#include <fstream>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "core/analysis/recommend.h"
#include "core/data/catalogue.h"
#include "core/model/bayesian_fm.h"
#include "core/data/input_error.h"

namespace ll::cli {
namespace {

struct PredictOptions {
  ModelSourceOptions source;
  std::string pairs;
  bool json = false;
};

struct Pairs {
  std::vector<int32_t> users;
  std::vector<int32_t> items;
};

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string current;
  for (const char c : line) {
    if (c == '\t' || c == ',' || c == ' ' || c == '\r') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool looksLikeHeader(const std::string& field) {
  std::string lower;
  for (const char c : field) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.rfind("user", 0) == 0;
}

Pairs readPairs(const std::string& file, const Dataset& data) {
  std::ifstream in(file);
  if (!in) throw InputError(file, 0, "a readable file of user–movie id pairs", "no such file");
  const DenseIndex users(data.userIds);
  const DenseIndex items(data.itemIds);
  Pairs pairs;
  std::string line;
  for (int64_t number = 1; std::getline(in, line); ++number) {
    const std::vector<std::string> f = fields(line);
    if (f.empty() || f[0][0] == '#') continue;
    if (f.size() < 2) throw InputError(file, number, "a user id and a movie id", "\"" + line + "\"");
    const int32_t user = users.find(f[0]);
    if (user < 0 && number == 1 && looksLikeHeader(f[0])) continue;
    if (user < 0) throw InputError(file, number, "a user id of " + data.source, "\"" + f[0] + "\"");
    const int32_t item = items.find(f[1]);
    if (item < 0) throw InputError(file, number, "a movie id of " + data.source, "\"" + f[1] + "\"");
    pairs.users.push_back(user);
    pairs.items.push_back(item);
  }
  return pairs;
}

}  // namespace

void addPredictCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<PredictOptions>();
  CLI::App* command = app.add_subcommand("predict", "A trained model's scores for user–movie pairs");
  o->source.addTo(*command, "User and movie factors trained elsewhere instead of --checkpoint (a dot-product model); needs --data");
  command->add_option("--pairs", o->pairs, "File of `user movie` raw-id pairs, one per line (tab, comma or space)")->required();
  command->add_flag("--json", o->json, "Machine-readable output on stdout");
  command->callback([o, &global, command] {
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Users, true);
    const Dataset& data = *source.data;
    const Pairs pairs = readPairs(o->pairs, data);
    std::vector<float> scores = scorePairs(*source.model, pairs.users, pairs.items);
    std::vector<float> sd;
    if (const auto* fm = dynamic_cast<const BayesianFm*>(source.model.get())) {
      sd.resize(scores.size());
      fm->predictPairDistribution(pairs.users, pairs.items, scores, sd);
      for (float& score : scores) score = fm->clip(score);
    }
    if (o->json) {
      nlohmann::json list = nlohmann::json::array();
      for (size_t s = 0; s < scores.size(); ++s) {
        list.push_back({{"user", data.userIds[static_cast<size_t>(pairs.users[s])]},
                        {"item", data.itemIds[static_cast<size_t>(pairs.items[s])]},
                        {"title", movieTitle(data, pairs.items[s])},
                        {"score", scores[s]}});
        if (!sd.empty()) list.back()["sd"] = sd[s];
      }
      printJson({{"pairs", list}});
      return;
    }
    for (size_t s = 0; s < scores.size(); ++s) {
      std::printf("%s\t%s\t%.4f", data.userIds[static_cast<size_t>(pairs.users[s])].c_str(),
                  data.itemIds[static_cast<size_t>(pairs.items[s])].c_str(), scores[s]);
      if (!sd.empty()) std::printf("\t%.4f", sd[s]);
      std::printf("\n");
    }
  });
}

}  // namespace ll::cli
