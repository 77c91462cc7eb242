// `export`: a checkpoint's embeddings for TensorFlow's Embedding Projector
// (projector.tensorflow.org → Load): per entity a vectors TSV (no header, no id column) and a
// metadata TSV with a header row, row for row:
//   embeddings.tsv        movie vectors       metadata.tsv        title, year, genres, ratings, id
//   users_embeddings.tsv  user vectors        users_metadata.tsv  id, ratings, mean_rating[, gender, age, occupation]
// plus our TSVs with ids (movie_embeddings.tsv, user_embeddings.tsv, as train writes them) and
// manifest.json; for bfm also embeddings_sd.tsv and users_embeddings_sd.tsv, the per-coordinate
// posterior sd of each vector, row for row. Other tools' formats (--format, core/exchange):
//   npy         users.npy + users.ids.txt, movies.npy + movies.ids.txt (float32, C order), users.biases.npy
//   word2vec    user_vectors.txt, movie_vectors.txt (word2vec text, raw ids as tokens)
//   spark-json  metadata/, userFactors/, itemFactors/ as an ALS model folder with JSON-lines parts
// Every file is written atomically; each reads back through --embeddings.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "core/data/input_error.h"
#include "core/exchange/embeddings_tsv.h"
#include "core/exchange/npy_array.h"
#include "core/exchange/spark_als.h"
#include "core/exchange/word2vec_text.h"
#include "core/io/atomic_file.h"

namespace ll::cli {
namespace {

struct ExportOptions {
  ModelSourceOptions source;
  std::string out;
  std::string format = "tsv";
  bool json = false;
};

// A metadata cell: tabs and line breaks would break the row.
std::string cell(const std::string& text) {
  std::string clean = text;
  for (char& c : clean) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return clean;
}

std::string vectorsTsv(const std::vector<float>& values, int32_t rows, int32_t dim) {
  std::ostringstream tsv;
  char number[32];
  for (int32_t r = 0; r < rows; ++r) {
    for (int32_t f = 0; f < dim; ++f) {
      std::snprintf(number, sizeof(number), "%s%.7g", f == 0 ? "" : "\t", static_cast<double>(values[static_cast<size_t>(r) * dim + f]));
      tsv << number;
    }
    tsv << '\n';
  }
  return tsv.str();
}

std::string movieMetadataTsv(const Dataset& data) {
  std::ostringstream tsv;
  tsv << "title\tyear\tgenres\tratings\tid\n";
  for (int32_t i = 0; i < data.ratings.itemCount; ++i) {
    const auto m = static_cast<size_t>(i);
    const Movie movie = m < data.movies.size() ? data.movies[m] : Movie{};
    std::string genres;
    for (size_t g = 0; g < data.genreNames.size(); ++g) {
      if (movie.genres & (1u << g)) genres += (genres.empty() ? "" : "|") + data.genreNames[g];
    }
    tsv << cell(movie.title.empty() ? "movie " + data.itemIds[m] : movie.title) << '\t' << (movie.year > 0 ? std::to_string(movie.year) : "")
        << '\t' << cell(genres) << '\t' << data.ratings.itemRatingCount(i) << '\t' << cell(data.itemIds[m]) << '\n';
  }
  return tsv.str();
}

std::string userMetadataTsv(const Dataset& data) {
  const bool info = data.users.size() == static_cast<size_t>(data.ratings.userCount);
  std::ostringstream tsv;
  tsv << "id\tratings\tmean_rating" << (info ? "\tgender\tage\toccupation" : "") << '\n';
  char mean[32];
  for (int32_t u = 0; u < data.ratings.userCount; ++u) {
    double sum = 0.0;
    const auto own = data.ratings.ofUser(u);
    for (const uint32_t k : own) sum += data.ratings.value[k];
    std::snprintf(mean, sizeof(mean), "%.3f", own.empty() ? 0.0 : sum / static_cast<double>(own.size()));
    tsv << cell(data.userIds[static_cast<size_t>(u)]) << '\t' << own.size() << '\t' << mean;
    if (info) {
      const UserInfo& user = data.users[static_cast<size_t>(u)];
      tsv << '\t' << user.gender << '\t' << user.age << '\t' << cell(user.occupation);
    }
    tsv << '\n';
  }
  return tsv.str();
}

std::string idLines(const std::vector<std::string>& ids) {
  std::string text;
  for (const auto& id : ids) text += id + "\n";
  return text;
}

// The model's users and movies in another tool's format (see the top of this file); the files
// written. Those tools score a pair by a dot product: where the user embedding is [p_u; b_u]
// (mf, fm, gmf, svdpp: one column more than the movie's q_i), p_u is written as the factors and
// b_u apart (users.biases.npy) or not at all (word2vec, Spark have no place for it).
std::vector<std::string> writeFactors(const std::filesystem::path& out, const std::string& format, const Model& model, const Dataset& data,
                                      const std::string& checkpoint) {
  EmbeddingTable users{data.userIds, model.userEmbeddings(), model.userEmbeddingDim()};
  const EmbeddingTable movies{data.itemIds, model.itemEmbeddings(), model.itemEmbeddingDim()};
  const bool hasMovies = movies.dim > 0;
  std::vector<float> userBiases;
  if (hasMovies && users.dim == movies.dim + 1) {
    std::vector<float> factors;
    factors.reserve(users.ids.size() * static_cast<size_t>(movies.dim));
    for (size_t u = 0; u < users.ids.size(); ++u) {
      const auto row = users.values.begin() + static_cast<std::ptrdiff_t>(u * static_cast<size_t>(users.dim));
      factors.insert(factors.end(), row, row + movies.dim);
      userBiases.push_back(*(row + movies.dim));
    }
    users.values = std::move(factors);
    users.dim = movies.dim;
  }
  if (format == "spark-json") {
    if (!hasMovies || movies.dim != users.dim) {
      throw InputError(checkpoint, 0, "a model with user and movie factors of one dimension (mf, fm, gmf, svdpp, …) for an ALS folder",
                       std::string(modelKindName(model.config().kind)));
    }
    writeSparkAlsModel(out, users, movies);
    return {"metadata/part-00000", "userFactors/part-00000.json", "itemFactors/part-00000.json"};
  }
  std::vector<std::string> files;
  const auto write = [&](const EmbeddingTable& table, const std::string& npyName, const std::string& textName) {
    if (format == "npy") {
      writeNpy(out / (npyName + ".npy"), table.values, static_cast<int64_t>(table.ids.size()), table.dim);
      writeFileAtomically(out / (npyName + ".ids.txt"), idLines(table.ids));
      files.insert(files.end(), {npyName + ".npy", npyName + ".ids.txt"});
    } else {
      writeWord2VecText(out / textName, table);
      files.push_back(textName);
    }
  };
  write(users, "users", "user_vectors.txt");
  if (hasMovies) write(movies, "movies", "movie_vectors.txt");
  if (format == "npy" && !userBiases.empty()) {
    writeNpy(out / "users.biases.npy", userBiases, static_cast<int64_t>(userBiases.size()), 0);
    files.emplace_back("users.biases.npy");
  }
  return files;
}

}  // namespace

void addExportCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand("export", "A checkpoint's factors for other tools: Projector TSVs, NumPy, word2vec, Spark ALS JSON");
  o->source.addTo(*command);
  command->add_option("--out", o->out, "Folder to write the files and manifest.json into")->required();
  command->add_option("--format", o->format,
                      "tsv: TensorFlow Projector TSVs and our TSVs with ids; npy: .npy + ids files (NumPy, implicit, LightFM); "
                      "word2vec: word2vec text; spark-json: an ALS model folder with JSON-lines parts")
      ->check(CLI::IsMember({"tsv", "npy", "word2vec", "spark-json"}))
      ->capture_default_str();
  command->add_flag("--json", o->json, "Print a summary as JSON on stdout");
  command->callback([o, &global, command] {
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Movies);
    const Dataset& data = *source.data;
    const Model& model = *source.model;
    const std::filesystem::path out(o->out);
    createOutputFolder(out);
    std::vector<std::string> files;
    if (o->format != "tsv") {
      files = writeFactors(out, o->format, model, data, o->source.checkpoint);
      nlohmann::json configuration = o->source.toJson(data);
      configuration["out"] = o->out;
      configuration["format"] = o->format;
      writeManifest(out, "export", configuration, &data);
      files.emplace_back("manifest.json");
      if (o->json) {
        printJson({{"out", out.string()}, {"format", o->format}, {"movies", model.itemEmbeddingDim() > 0 ? model.itemCount() : 0},
                   {"users", model.userCount()}, {"files", files}});
      } else {
        std::printf("%s factors of %d users and %d movies → %s\n", o->format.c_str(),
                    model.userCount(), model.itemEmbeddingDim() > 0 ? model.itemCount() : 0, out.string().c_str());
      }
      return;
    }
    if (model.itemEmbeddingDim() > 0) {
      writeFileAtomically(out / "embeddings.tsv", vectorsTsv(model.itemEmbeddings(), model.itemCount(), model.itemEmbeddingDim()));
      writeFileAtomically(out / "metadata.tsv", movieMetadataTsv(data));
      writeEmbeddingsTsv(out / "movie_embeddings.tsv", {data.itemIds, model.itemEmbeddings(), model.itemEmbeddingDim()});
      files.insert(files.end(), {"embeddings.tsv", "metadata.tsv", "movie_embeddings.tsv"});
      if (const std::vector<float> sd = model.itemEmbeddingSds(); !sd.empty()) {
        writeFileAtomically(out / "embeddings_sd.tsv", vectorsTsv(sd, model.itemCount(), model.itemEmbeddingDim()));
        files.emplace_back("embeddings_sd.tsv");
      }
    }
    writeFileAtomically(out / "users_embeddings.tsv", vectorsTsv(model.userEmbeddings(), model.userCount(), model.userEmbeddingDim()));
    writeFileAtomically(out / "users_metadata.tsv", userMetadataTsv(data));
    writeEmbeddingsTsv(out / "user_embeddings.tsv", {data.userIds, model.userEmbeddings(), model.userEmbeddingDim()});
    files.insert(files.end(), {"users_embeddings.tsv", "users_metadata.tsv", "user_embeddings.tsv"});
    if (const std::vector<float> sd = model.userEmbeddingSds(); !sd.empty()) {
      writeFileAtomically(out / "users_embeddings_sd.tsv", vectorsTsv(sd, model.userCount(), model.userEmbeddingDim()));
      files.emplace_back("users_embeddings_sd.tsv");
    }
    nlohmann::json configuration = o->source.toJson(data);
    configuration["out"] = o->out;
    writeManifest(out, "export", configuration, &data);
    files.emplace_back("manifest.json");

    const bool movies = model.itemEmbeddingDim() > 0;
    if (o->json) {
      printJson({{"out", out.string()},
                 {"movies", movies ? model.itemCount() : 0},
                 {"movie_dimension", model.itemEmbeddingDim()},
                 {"users", model.userCount()},
                 {"user_dimension", model.userEmbeddingDim()},
                 {"files", files}});
      return;
    }
    if (movies) {
      std::printf("%d movie vectors (dimension %d) → embeddings.tsv + metadata.tsv\n", model.itemCount(), model.itemEmbeddingDim());
    } else {
      std::printf("%s has no movie embeddings: only the users were exported\n", std::string(modelKindName(model.config().kind)).c_str());
    }
    std::printf("%d user vectors (dimension %d) → users_embeddings.tsv + users_metadata.tsv\n", model.userCount(), model.userEmbeddingDim());
    std::printf("in %s; load them at projector.tensorflow.org\n", out.string().c_str());
  });
}

}  // namespace ll::cli
