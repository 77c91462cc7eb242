// `export`: a checkpoint's embeddings for TensorFlow's Embedding Projector
// (projector.tensorflow.org → Load): per entity a vectors TSV (no header, no id column) and a
// metadata TSV with a header row, row for row:
//   embeddings.tsv        movie vectors       metadata.tsv        title, year, genres, ratings, id
//   users_embeddings.tsv  user vectors        users_metadata.tsv  id, ratings, mean_rating[, gender, age, occupation]
// plus manifest.json; for bfm also embeddings_sd.tsv and users_embeddings_sd.tsv, the per-coordinate
// posterior sd of each vector, row for row.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "core/io/atomic_file.h"

namespace ll::cli {
namespace {

struct ExportOptions {
  ModelSourceOptions source;
  std::string out;
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

}  // namespace

void addExportCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand("export", "Embeddings and metadata TSVs for TensorFlow's Embedding Projector");
  o->source.addTo(*command);
  command->add_option("--out", o->out, "Folder to write the TSVs and manifest.json into")->required();
  command->add_flag("--json", o->json, "Print a summary as JSON on stdout");
  command->callback([o, &global, command] {
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Movies);
    const Dataset& data = *source.data;
    const Model& model = *source.model;
    const std::filesystem::path out(o->out);
    createOutputFolder(out);
    std::vector<std::string> files;
    if (model.itemEmbeddingDim() > 0) {
      writeFileAtomically(out / "embeddings.tsv", vectorsTsv(model.itemEmbeddings(), model.itemCount(), model.itemEmbeddingDim()));
      writeFileAtomically(out / "metadata.tsv", movieMetadataTsv(data));
      files.insert(files.end(), {"embeddings.tsv", "metadata.tsv"});
      if (const std::vector<float> sd = model.itemEmbeddingSds(); !sd.empty()) {
        writeFileAtomically(out / "embeddings_sd.tsv", vectorsTsv(sd, model.itemCount(), model.itemEmbeddingDim()));
        files.emplace_back("embeddings_sd.tsv");
      }
    }
    writeFileAtomically(out / "users_embeddings.tsv", vectorsTsv(model.userEmbeddings(), model.userCount(), model.userEmbeddingDim()));
    writeFileAtomically(out / "users_metadata.tsv", userMetadataTsv(data));
    files.insert(files.end(), {"users_embeddings.tsv", "users_metadata.tsv"});
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
