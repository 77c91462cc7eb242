// `export`: a checkpoint's embeddings for TensorFlow's Embedding Projector
// (projector.tensorflow.org → Load): per entity a vectors TSV (no header, no id column) and a
// metadata TSV with a header row, row for row:
//   embeddings.tsv        movie vectors       metadata.tsv        title, year, genres, ratings, id
//   users_embeddings.tsv  user vectors        users_metadata.tsv  id, ratings, mean_rating[, gender, age, occupation]
// plus our TSVs with ids (movie_embeddings.tsv, user_embeddings.tsv, as train writes them) and
// manifest.json; for bfm also embeddings_sd.tsv and users_embeddings_sd.tsv, the per-coordinate
// posterior sd of each vector, row for row. Other tools' formats (--format, core/exchange):
//   npy         users.npy + users.ids.txt, movies.npy + movies.ids.txt (float32, C order), and
//               users.biases.npy + movies.biases.npy for a model with biases
//   word2vec    user_vectors.txt, movie_vectors.txt (word2vec text, raw ids as tokens)
//   spark-json  metadata/, userFactors/, itemFactors/ as an ALS model folder with JSON-lines parts
//               (rows of a model with biases carry "bias", our extension: core/exchange/spark_als.h)
//   implicit    factors.npz (user_factors, item_factors) + factors.user_ids.txt, factors.item_ids.txt
//   lightfm     factors.npz (user_embeddings, item_embeddings, user_biases, item_biases) + the ids files
// Biases are the user's b_u and the movie's μ + b_i: factors · factors + both biases is the model's
// prediction (unclipped); implicit and word2vec have no place for them.
// Every file is written atomically; each reads back through --embeddings.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "core/data/input_error.h"
#include "core/exchange/embeddings_tsv.h"
#include "core/analysis/user_affine_form.h"
#include "core/exchange/npy_array.h"
#include "core/exchange/npz_archive.h"
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

// The factors another tool scores with: users and movies of one width, and their biases where the
// model has them. Where the user embedding is [p_u; b_u] (mf, svdpp, fm, gmf: one column more than
// the movie's q_i) it splits into the factors p_u and the bias b_u, and each movie's bias is the
// rest of its prediction (μ + b_i, from the model's affine form), so factors · factors + both biases
// is the model's unclipped prediction.
struct ExportedFactors {
  EmbeddingTable users, movies;
  std::vector<float> userBiases, movieBiases;  ///< both or neither
};

ExportedFactors exportedFactors(const Model& model, const Dataset& data) {
  ExportedFactors f{{data.userIds, model.userEmbeddings(), model.userEmbeddingDim()},
                    {data.itemIds, model.itemEmbeddings(), model.itemEmbeddingDim()}, {}, {}};
  const std::optional<UserAffineForm> form = userAffineForm(model);
  if (f.movies.dim == 0 || f.users.dim != f.movies.dim + 1 || !form || form->biasCoordinate != f.movies.dim) return f;
  std::vector<float> factors;
  factors.reserve(f.users.ids.size() * static_cast<size_t>(f.movies.dim));
  for (size_t u = 0; u < f.users.ids.size(); ++u) {
    const auto row = f.users.values.begin() + static_cast<std::ptrdiff_t>(u * static_cast<size_t>(f.users.dim));
    factors.insert(factors.end(), row, row + f.movies.dim);
    f.userBiases.push_back(*(row + f.movies.dim));
  }
  f.users.values = std::move(factors);
  f.users.dim = f.movies.dim;
  f.movieBiases = form->offset;
  return f;
}

std::string npyOf(const EmbeddingTable& table) { return npyBytes(table.values, static_cast<int64_t>(table.ids.size()), table.dim); }
std::string npyOf(const std::vector<float>& biases) { return npyBytes(biases, static_cast<int64_t>(biases.size()), 0); }

// The model's users and movies in another tool's format (see the top of this file); the files
// written. Formats without a place for biases (implicit, word2vec) leave them out, and say so.
std::vector<std::string> writeFactors(const std::filesystem::path& out, const std::string& format, const Model& model, const Dataset& data,
                                      const std::string& checkpoint) {
  const ExportedFactors f = exportedFactors(model, data);
  const bool hasMovies = f.movies.dim > 0;
  const bool biased = !f.userBiases.empty();
  if (format == "spark-json" || format == "implicit" || format == "lightfm") {
    if (!hasMovies || f.movies.dim != f.users.dim) {
      throw InputError(checkpoint, 0, "a model with user and movie factors of one dimension (mf, fm, gmf, svdpp, …) for " + format,
                       std::string(modelKindName(model.config().kind)));
    }
  }
  if (biased && (format == "implicit" || format == "word2vec")) {
    std::fprintf(stderr, "note: %s has no place for biases: the user and movie biases (and the mean rating) are left out, "
                 "so dot products of these factors are not the model's predictions\n", format.c_str());
  }
  if (format == "spark-json") {
    writeSparkAlsModel(out, {f.users, f.movies, f.userBiases, f.movieBiases, f.users.dim});
    return {"metadata/part-00000", "userFactors/part-00000.json", "itemFactors/part-00000.json"};
  }
  if (format == "implicit" || format == "lightfm") {
    std::vector<NpzEntry> arrays;
    if (format == "implicit") {
      arrays = {{"user_factors", npyOf(f.users)}, {"item_factors", npyOf(f.movies)}};
    } else {
      arrays = {{"user_embeddings", npyOf(f.users)}, {"item_embeddings", npyOf(f.movies)}};
      if (biased) arrays.insert(arrays.end(), {{"user_biases", npyOf(f.userBiases)}, {"item_biases", npyOf(f.movieBiases)}});
    }
    writeNpz(out / "factors.npz", arrays);
    writeFileAtomically(out / "factors.user_ids.txt", idLines(f.users.ids));
    writeFileAtomically(out / "factors.item_ids.txt", idLines(f.movies.ids));
    return {"factors.npz", "factors.user_ids.txt", "factors.item_ids.txt"};
  }
  std::vector<std::string> files;
  const auto write = [&](const EmbeddingTable& table, const std::vector<float>& biases, const std::string& npyName, const std::string& textName) {
    if (format == "npy") {
      writeFileAtomically(out / (npyName + ".npy"), npyOf(table));
      writeFileAtomically(out / (npyName + ".ids.txt"), idLines(table.ids));
      files.insert(files.end(), {npyName + ".npy", npyName + ".ids.txt"});
      if (!biases.empty()) {
        writeFileAtomically(out / (npyName + ".biases.npy"), npyOf(biases));
        files.push_back(npyName + ".biases.npy");
      }
    } else {
      writeWord2VecText(out / textName, table);
      files.push_back(textName);
    }
  };
  write(f.users, f.userBiases, "users", "user_vectors.txt");
  if (hasMovies) write(f.movies, f.movieBiases, "movies", "movie_vectors.txt");
  return files;
}

}  // namespace

void addExportCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand("export", "A checkpoint's factors for other tools: Projector TSVs, NumPy, word2vec, Spark ALS JSON, implicit and LightFM .npz");
  o->source.addTo(*command);
  command->add_option("--out", o->out, "Folder to write the files and manifest.json into")->required();
  command->add_option("--format", o->format,
                      "tsv: TensorFlow Projector TSVs and our TSVs with ids; npy: .npy + ids files (NumPy, implicit, LightFM); "
                      "word2vec: word2vec text; spark-json: an ALS model folder with JSON-lines parts; implicit, lightfm: their .npz")
      ->check(CLI::IsMember({"tsv", "npy", "word2vec", "spark-json", "implicit", "lightfm"}))
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
