// `project`: PCA of the movie embeddings (centred, top components) written as CSV
// `id,title,pc1,…,pcK,rating_count` with a header, one row per movie; the explained variance
// ratios are printed (or given as JSON).
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/model_source.h"
#include "app/cli/progress_line.h"
#include "core/analysis/pca.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_field.h"

namespace ll::cli {
namespace {

struct ProjectOptions {
  ModelSourceOptions source;
  std::string out;
  int32_t components = PcaParams{}.components;
  bool json = false;
};

std::string projectionCsv(const Dataset& data, const EmbeddingRows& rows, const PcaResult& pca) {
  std::ostringstream csv;
  csv << "id,title";
  for (int32_t c = 0; c < pca.components; ++c) csv << ",pc" << c + 1;
  csv << ",rating_count\n";
  char number[32];
  for (int32_t r = 0; r < rows.rows(); ++r) {
    const int32_t item = rows.dense[static_cast<size_t>(r)];
    csv << csvField(data.itemIds[static_cast<size_t>(item)]) << ',' << csvField(movieTitle(data, item));
    for (int32_t c = 0; c < pca.components; ++c) {
      std::snprintf(number, sizeof(number), ",%.7g", static_cast<double>(pca.coordinate(r, c)));
      csv << number;
    }
    csv << ',' << data.ratings.itemRatingCount(item) << '\n';
  }
  return csv.str();
}

}  // namespace

void addProjectCommand(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ProjectOptions>();
  CLI::App* command = app.add_subcommand("project", "PCA coordinates of the movie embeddings, as CSV");
  o->source.addTo(*command, "Movie factors instead of --checkpoint; needs --data");
  command->add_option("--out", o->out, "CSV file to write: id,title,pc1,…,rating_count")->required();
  command->add_option("--components", o->components, "Principal components (at most the embedding dimension)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_flag("--json", o->json, "Print the summary as JSON on stdout");
  command->callback([o, &global, command] {
    const ModelSource source = resolveModelSource(o->source, *command, global, EmbeddingEntity::Movies);
    const std::filesystem::path out(o->out);
    createOutputFolder(out.parent_path());
    const Dataset& data = *source.data;
    const EmbeddingRows rows = sourceRows(source, EmbeddingEntity::Movies, o->source.checkpoint);
    ProgressLine progress(!global.quiet);
    const PcaResult pca = computePca(rows.values, rows.rows(), rows.dim, {.components = o->components}, [&progress](double f) {
      progress.update(f, "PCA");
      return true;
    });
    progress.finish();
    writeFileAtomically(out, projectionCsv(data, rows, pca));

    if (o->json) {
      printJson({{"out", out.string()},
                 {"movies", pca.rows},
                 {"dimension", pca.dimension},
                 {"components", pca.components},
                 {"explained_variance_ratio", pca.explainedRatio},
                 {"variance", pca.variance},
                 {"total_variance", pca.totalVariance},
                 {"exact", pca.exact}});
      return;
    }
    std::printf("PCA of %d movie embeddings (dimension %d) → %s\n", pca.rows, pca.dimension, out.string().c_str());
    double cumulative = 0.0;
    for (int32_t c = 0; c < pca.components; ++c) {
      cumulative += pca.explainedRatio[static_cast<size_t>(c)];
      std::printf("pc%d  explained variance %.4f  (cumulative %.4f)\n", c + 1, pca.explainedRatio[static_cast<size_t>(c)], cumulative);
    }
  });
}

}  // namespace ll::cli
