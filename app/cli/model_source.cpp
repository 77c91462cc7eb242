#include "app/cli/model_source.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <sstream>

#include "core/data/catalogue.h"
#include "core/data/input_error.h"
#include "core/exchange/factor_join.h"
#include "core/exchange/factor_tables.h"
#include "core/model/factors_model.h"

namespace ll::cli {
namespace {

// The factors' rows of entity matched to the data set's dense users or items. Ids the data set
// does not have are left out and counted on stderr (a few named); none known is an error.
EmbeddingRows matchRows(const FactorTables& factors, const Dataset& data, EmbeddingEntity entity, const std::string& file) {
  const bool movies = entity == EmbeddingEntity::Movies;
  // Users as a model's user embedding: with the bias as a last coordinate where there are biases.
  std::optional<EmbeddingTable> users;
  if (!movies && factors.table(FactorSide::Users)) users = userEmbeddingTable(factors, file);
  const EmbeddingTable* table = movies ? factors.table(FactorSide::Items) : users ? &*users : nullptr;
  if (!table) throw InputError(file, 0, movies ? "movie factors" : "user factors", "none");
  const FactorJoin join = joinFactors(*table, movies ? data.itemIds : data.userIds, movies ? data.userIds : data.itemIds);
  std::string examples;
  for (const auto& id : join.unknownExamples) examples += (examples.empty() ? "\"" : ", \"") + id + "\"";
  const std::string hint = join.ofOtherSide * 2 > join.unknown ? (movies ? " (user factors?)" : " (movie factors?)") : "";
  if (join.rows.empty()) {
    throw InputError(file, 0, std::string(movies ? "movie" : "user") + " ids of " + data.source + " (" + factors.ids + ")",
                     "none among " + std::to_string(table->ids.size()) + " rows, e.g. " + examples + hint);
  }
  if (join.unknown > 0) {
    std::fprintf(stderr, "note: %lld of %zu rows of %s left out: their ids are not %s ids of %s (e.g. %s)%s\n",
                 static_cast<long long>(join.unknown), table->ids.size(), file.c_str(), movies ? "movie" : "user", data.source.c_str(),
                 examples.c_str(), hint.c_str());
  }
  EmbeddingRows rows;
  rows.dim = table->dim;
  rows.values = joinedValues(*table, join);
  rows.dense = join.dense;
  return rows;
}

/// On stderr: how the factors met the data set, and what the predictions are.
void noteFactorsModel(const FactorsModelSummary& summary, const Dataset& data, const std::string& file) {
  const auto side = [](const FactorJoin& join, const char* what) {
    std::string text = std::to_string(join.rows.size()) + " of " + std::to_string(join.entities) + " " + what;
    if (join.unknown > 0) text += " (" + std::to_string(join.unknown) + " rows with ids " + "not in the data set left out)";
    return text;
  };
  const bool partial = summary.users.rows.size() < static_cast<size_t>(summary.users.entities) ||
                       summary.items.rows.size() < static_cast<size_t>(summary.items.entities);
  std::fprintf(stderr, "note: %s as a model of %s: %s and %s have factors%s; predictions are %s\n", file.c_str(),
               data.source.c_str(), side(summary.users, "users").c_str(), side(summary.items, "movies").c_str(),
               partial ? " (the others score by zero vectors)" : "", summary.predictions().c_str());
}

std::vector<std::filesystem::path> idFilesOf(const std::string& list) {
  std::vector<std::filesystem::path> files;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) files.emplace_back(item);
  }
  return files;
}

}  // namespace

void ModelSourceOptions::addTo(CLI::App& command, const char* embeddingsHelp) {
  command.add_option("--checkpoint", checkpoint, "A train run's checkpoint.llckpt (its data set is the one it records unless --data is given)");
  if (embeddingsHelp) {
    command.add_option("--embeddings", embeddings,
                        std::string(embeddingsHelp) + "; any factors format: our TSV, a Spark ALS folder (JSON parts), implicit or LightFM .npz, .npy, word2vec text");
    command.add_option("--ids", ids,
                        "Ids of the rows of an --embeddings .npy (one file) or .npz (users,movies): one id per line (default: X.ids.txt, "
                        "X.user_ids.txt/X.item_ids.txt beside the file, else the row number)");
  }
  data.addTo(command);
  // Here the default is the checkpoint's own data set, not DataOptions' "synthetic".
  command.get_option("--data")
      ->default_str("")
      ->description(std::string("The data set (default: the one the checkpoint records") +
                    (embeddingsHelp ? "; required with --embeddings" : "") +
                    "): a folder, ratings file, .zip/.gz archive, or synthetic[:seed=S,users=N,movies=M,ratings=R|shape=ml32m]");
}

nlohmann::json ModelSourceOptions::toJson(const Dataset& dataset) const {
  nlohmann::json json = {{"data", dataset.source}};
  if (!checkpoint.empty()) json["checkpoint"] = checkpoint;
  if (!embeddings.empty()) json["embeddings"] = embeddings;
  if (!ids.empty()) json["ids"] = ids;
  if (data.minUserRatings > 0) json["min-user-ratings"] = data.minUserRatings;
  if (data.minItemRatings > 0) json["min-item-ratings"] = data.minItemRatings;
  return json;
}

ModelSource resolveModelSource(const ModelSourceOptions& options, const CLI::App& command, const GlobalOptions& global,
                               EmbeddingEntity entity, bool needsModel) {
  const bool dataGiven = command.count("--data") > 0;
  const bool embeddingsGiven = !options.embeddings.empty();
  if (options.checkpoint.empty() == !embeddingsGiven) {
    const bool takesEmbeddings = command.get_option_no_throw("--embeddings") != nullptr;
    throw InputError(command.get_name(), 0, takesEmbeddings ? "either --checkpoint C or --embeddings FILE --data D" : "--checkpoint C",
                     embeddingsGiven ? "both" : "neither");
  }
  ModelSource source;
  if (embeddingsGiven) {
    if (!dataGiven) throw InputError("--embeddings", 0, "--data D beside it (the data set the embeddings belong to)", "no --data");
    const FactorTables factors = readFactors(options.embeddings, FactorsReadOptions{idFilesOf(options.ids)});
    source.data = loadData(options.data, global).dataset;
    if (needsModel || (factors.users && factors.items)) {
      // A pair is a model: every analysis reads the model's rows, one per user and movie.
      FactorsModelSummary summary;
      source.model = modelFromFactors(factors, source.data, options.embeddings, &summary);
      if (!global.quiet) noteFactorsModel(summary, *source.data, options.embeddings);
      return source;
    }
    source.rows = matchRows(factors, *source.data, entity, options.embeddings);
    return source;
  }
  source.info = readCheckpointInfo(options.checkpoint);
  DataOptions data = options.data;
  if (!dataGiven) data.spec = source.info->dataSource;
  source.data = loadData(data, global).dataset;
  source.model = loadModel(options.checkpoint, source.data);
  return source;
}

EmbeddingRows modelRows(const Model& model, EmbeddingEntity entity, const std::string& checkpoint) {
  EmbeddingRows rows;
  if (entity == EmbeddingEntity::Movies) {
    if (model.itemEmbeddingDim() == 0) {
      throw InputError(checkpoint, 0, "a model with movie embeddings (mf, fm, add, mul, tensor)",
                       std::string(modelKindName(model.config().kind)));
    }
    rows.dim = model.itemEmbeddingDim();
    rows.values = model.itemEmbeddings();
    rows.dense.resize(static_cast<size_t>(model.itemCount()));
  } else {
    rows.dim = model.userEmbeddingDim();
    rows.values = model.userEmbeddings();
    rows.dense.resize(static_cast<size_t>(model.userCount()));
  }
  for (size_t r = 0; r < rows.dense.size(); ++r) rows.dense[r] = static_cast<int32_t>(r);
  return rows;
}

EmbeddingRows sourceRows(const ModelSource& source, EmbeddingEntity entity, const std::string& checkpoint) {
  if (source.rows) return *source.rows;
  return modelRows(*source.model, entity, checkpoint);
}

std::string movieTitle(const Dataset& data, int32_t item) {
  const auto i = static_cast<size_t>(item);
  if (i >= data.movies.size() || data.movies[i].title.empty()) return "movie " + data.itemIds[i];
  const Movie& movie = data.movies[i];
  return movie.year > 0 ? movie.title + " (" + std::to_string(movie.year) + ")" : movie.title;
}

int32_t findUser(const Dataset& data, const std::string& raw, const std::string& option) {
  const int32_t user = DenseIndex(data.userIds).find(raw);
  if (user < 0) throw InputError(option, 0, "a user id of " + data.source, "\"" + raw + "\"");
  return user;
}

std::vector<int32_t> parseIntList(const std::string& text, const std::string& option, int32_t minimum) {
  std::vector<int32_t> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      size_t used = 0;
      const int value = std::stoi(item, &used);
      if (used != item.size() || value < minimum) throw std::invalid_argument(item);
      values.push_back(value);
    } catch (const std::exception&) {
      throw InputError(option, 0, "comma-separated integers of at least " + std::to_string(minimum), "\"" + text + "\"");
    }
  }
  if (values.empty()) throw InputError(option, 0, "at least one value", "nothing");
  return values;
}

nlohmann::json finiteOrNull(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr); }

}  // namespace ll::cli
